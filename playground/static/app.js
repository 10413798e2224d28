// The playground's client: it long-polls /api/state for what the chosen
// person sees and turns clicks and inputs into /api calls, which the server
// sends to the bot as Slack envelopes. Rendering of Block Kit happens on
// the server (package blockkit); this script only places the HTML.

const $ = (sel) => document.querySelector(sel);
const params = new URLSearchParams(location.search);

const st = {
  ws: null,
  user: params.get("user") || "",
  conv: params.get("conv") || "CTEAM", // a channel id, "dm" or "home"
  thread: "",
  version: 0,
  modalHash: "",
  seen: {}, // user -> conv -> message count seen
  abort: null,
  last: { messages: "", thread: "", home: "" },
};

function convID() {
  if (st.conv === "dm") return "D" + st.user;
  return st.conv;
}

function status(text) {
  $("#status").textContent = text || "";
}

async function api(path, body) {
  try {
    const r = await fetch(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    const j = await r.json();
    if (j.error) status(j.error);
    return j;
  } catch (e) {
    status(path + ": " + e);
    return { error: String(e) };
  }
}

// ---- polling ------------------------------------------------------------

function refresh() {
  st.version = 0;
  if (st.abort) st.abort.abort();
  poll();
}

async function poll() {
  const ctrl = new AbortController();
  st.abort = ctrl;
  while (!ctrl.signal.aborted) {
    const q = new URLSearchParams({ user: st.user, conv: convID(), thread: st.thread, since: String(st.version) });
    try {
      const r = await fetch("/api/state?" + q, { signal: ctrl.signal });
      if (!r.ok) { status("state: HTTP " + r.status); await new Promise((ok) => setTimeout(ok, 1000)); continue; }
      const s = await r.json();
      if (ctrl.signal.aborted) return;
      st.version = s.version;
      render(s);
    } catch (e) {
      if (ctrl.signal.aborted) return;
      status("connection lost; retrying…");
      await new Promise((ok) => setTimeout(ok, 1000));
    }
  }
}

// ---- rendering ----------------------------------------------------------

function esc(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

function initials(name) {
  return name.split(/\s+/).map((w) => w[0] || "").join("").slice(0, 2).toUpperCase();
}

function messageHTML(m, conv) {
  const tag = m.bot ? '<span class="app-tag">APP</span>' : "";
  const eph = m.ephemeral ? '<div class="eph-note">👁 Only visible to you</div>' : "";
  const edited = m.edited ? ' <span class="edited">(edited)</span>' : "";
  const replies = m.replies ? `<button type="button" class="replies" data-thread="${esc(m.ts)}">${m.replies} ${m.replies === 1 ? "reply" : "replies"}</button>` : "";
  const reactions = m.reactions ? `<div class="reactions">${m.reactions}</div>` : "";
  const menu = m.ephemeral ? "" : `<div class="msg-menu"><button type="button" data-shortcut="message" title="Message shortcut">➕ Add to retro</button></div>`;
  return `<div class="msg${m.bot ? " bot" : ""}${m.ephemeral ? " ephemeral" : ""}" data-ts="${esc(m.ts)}" data-conv="${esc(conv)}" data-ephemeral="${m.ephemeral ? "1" : ""}">
    <div class="avatar">${m.bot ? "🤖" : esc(initials(m.name))}</div>
    <div class="body"><div class="meta"><b>${esc(m.name)}</b>${tag}${esc(m.time)}${edited}</div>${eph}${m.html}${reactions}${replies}</div>${menu}</div>`;
}

function render(s) {
  $("#clock-now").textContent = "🕒 " + s.now;
  $("#clock-local").textContent = "(" + s.local + ")";
  if (s.api_errors && s.api_errors.length) status("Slack API refused: " + s.api_errors.join(", "));
  renderSidebar(s);
  const home = st.conv === "home";
  $("#messages").hidden = home;
  $("#composer").hidden = home;
  $("#home").hidden = !home;
  if (home) {
    const h = s.home ? `<div data-view-id="${esc(s.home.id)}">${s.home.html}</div>` : '<p class="eph-note">Opening the Home tab…</p>';
    if (h !== st.last.home) { $("#home").innerHTML = h; st.last.home = h; }
  } else {
    const html = (s.messages || []).map((m) => messageHTML(m, s.conv)).join("") || '<p class="eph-note" style="padding:0 16px">No messages yet.</p>';
    if (html !== st.last.messages) {
      const box = $("#messages");
      const atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 80;
      const grew = html.length > st.last.messages.length;
      box.innerHTML = html;
      st.last.messages = html;
      if (atBottom || grew) box.scrollTop = box.scrollHeight;
    }
  }
  $("#thread").hidden = !st.thread;
  if (st.thread) {
    const th = (s.thread || []).map((m) => messageHTML(m, s.conv)).join("");
    if (th !== st.last.thread) {
      const box = $("#thread-messages");
      box.innerHTML = th;
      st.last.thread = th;
      box.scrollTop = box.scrollHeight;
    }
  }
  renderModal(s.modal);
  if (s.unsupported && s.unsupported.length) status("Not rendered: " + s.unsupported.join(", "));
}

function renderSidebar(s) {
  const seen = (st.seen[st.user] ||= {});
  const here = convID();
  seen[here] = s.counts[here] ?? seen[here];
  for (const a of document.querySelectorAll("#sidebar a[data-conv]")) {
    const c = a.dataset.conv === "dm" ? "D" + st.user : a.dataset.conv;
    const active = a.dataset.conv === st.conv || (a.dataset.conv === "dm" && st.conv === "home");
    a.classList.toggle("active", active);
    const unread = (s.counts[c] || 0) > (seen[c] ?? (s.counts[c] || 0));
    if (seen[c] === undefined) seen[c] = s.counts[c] || 0;
    a.classList.toggle("unread", unread && !active);
  }
  const d = "D" + st.user;
  const n = (s.counts[d] || 0) - (seen[d] || 0);
  $("#dm-badge").textContent = n > 0 && st.conv !== "dm" ? String(n) : "";
}

function renderModal(m) {
  const overlay = $("#modal-overlay");
  if (!m) { overlay.hidden = true; st.modalHash = ""; return; }
  if (m.hash === st.modalHash) return; // keep what the person typed
  st.modalHash = m.hash;
  $("#modal-title").textContent = m.title;
  const body = $("#modal-body");
  body.dataset.viewId = m.id;
  body.dataset.callbackId = m.callback_id;
  body.innerHTML = m.html;
  $("#modal-submit").textContent = m.submit;
  $("#modal-submit").hidden = !m.submit;
  $("#modal-cancel").textContent = m.close || "Cancel";
  $("#modal-back").hidden = m.depth < 2;
  overlay.hidden = false;
  const first = body.querySelector("input, textarea, select");
  if (first) first.focus();
}

// ---- values -------------------------------------------------------------

// elementValue reads an element the way Slack reports it in block_actions.
function elementValue(el) {
  const t = el.dataset.type;
  if (t === "checkboxes") return [...el.querySelectorAll("input:checked")].map((i) => i.value);
  if (t === "radio_buttons") { const c = el.querySelector("input:checked"); return c ? c.value : ""; }
  if (el.multiple) return [...el.selectedOptions].map((o) => o.value);
  if (t === "button") return el.dataset.value || "";
  return el.value;
}

function slackValue(el) {
  const v = elementValue(el);
  return Array.isArray(v) ? { type: el.dataset.type, values: v } : { type: el.dataset.type, value: v };
}

function collect(form) {
  const values = {};
  for (const el of form.querySelectorAll('[data-role="input"]')) {
    const b = el.dataset.blockId, a = el.dataset.actionId;
    (values[b] ||= {})[a] = slackValue(el);
  }
  return values;
}

// ---- confirm dialogs ----------------------------------------------------

function confirmDialog(c) {
  return new Promise((resolve) => {
    $("#confirm-title").textContent = c.title || "Are you sure?";
    $("#confirm-text").innerHTML = c.text || "";
    $("#confirm-ok").textContent = c.confirm || "Yes";
    $("#confirm-ok").className = "bk-btn " + (c.style === "danger" ? "bk-btn-danger" : "bk-btn-primary");
    $("#confirm-deny").textContent = c.deny || "Cancel";
    $("#confirm-overlay").hidden = false;
    const done = (ok) => { $("#confirm-overlay").hidden = true; $("#confirm-ok").onclick = $("#confirm-deny").onclick = null; resolve(ok); };
    $("#confirm-ok").onclick = () => done(true);
    $("#confirm-deny").onclick = () => done(false);
  });
}

// ---- actions ------------------------------------------------------------

async function act(el, value) {
  if (el.dataset.confirm && !(await confirmDialog(JSON.parse(el.dataset.confirm)))) return;
  const body = { user: st.user, action_id: el.dataset.actionId, value: Array.isArray(value) ? value.join(",") : value };
  const view = el.closest("[data-view-id]");
  const msg = el.closest(".msg");
  if (view) body.view_id = view.dataset.viewId;
  else if (msg) Object.assign(body, { conv: msg.dataset.conv, ts: msg.dataset.ts, ephemeral: msg.dataset.ephemeral === "1" });
  if (el.tagName === "BUTTON") el.disabled = true;
  status("");
  await api("/api/action", body);
  if (el.tagName === "BUTTON") el.disabled = false;
}

document.addEventListener("click", async (ev) => {
  const t = ev.target;
  const toggle = t.closest(".bk-overflow-toggle");
  if (toggle) { const menu = toggle.nextElementSibling; menu.hidden = !menu.hidden; return; }
  for (const m of document.querySelectorAll(".bk-overflow-menu")) if (!m.contains(t)) m.hidden = true;
  const item = t.closest(".bk-overflow-item");
  if (item) { item.parentElement.hidden = true; await act(item.closest(".bk-overflow"), item.dataset.value); return; }
  const btn = t.closest('button[data-role="action"]');
  if (btn) { ev.preventDefault(); await act(btn, btn.dataset.value || ""); return; }
  const th = t.closest("[data-thread]");
  if (th) { st.thread = th.dataset.thread; st.last.thread = ""; refresh(); return; }
  const sc = t.closest("[data-shortcut=message]");
  if (sc) { const m = sc.closest(".msg"); await api("/api/shortcut", { user: st.user, kind: "message", conv: m.dataset.conv, ts: m.dataset.ts }); return; }
  const link = t.closest("#sidebar a[data-conv], #conv-tabs a[data-tab]");
  if (link) { ev.preventDefault(); switchConv(link.dataset.conv || link.dataset.tab); }
});

document.addEventListener("change", async (ev) => {
  const el = ev.target.closest('[data-role="action"]');
  if (!el || el.tagName === "BUTTON") return;
  await act(el, elementValue(el));
});

async function switchConv(conv) {
  st.conv = conv;
  st.thread = "";
  st.last = { messages: "", thread: "", home: "" };
  const ch = st.ws.channels.find((c) => c.id === conv);
  const dm = conv === "dm" || conv === "home";
  $("#conv-title").textContent = ch ? "# " + ch.name : "🤖 CTO Coach";
  $("#conv-tabs").hidden = !dm;
  $("#tab-home").classList.toggle("active", conv === "home");
  $("#tab-messages").classList.toggle("active", conv === "dm");
  $("#composer-text").placeholder = ch ? `Message #${ch.name} — try /retro start sailboat` : "Message CTO Coach — try /cto delegation";
  history.replaceState(null, "", "?" + new URLSearchParams({ user: st.user, conv }));
  refresh();
  if (conv === "home") await api("/api/home", { user: st.user });
}

// ---- wiring -------------------------------------------------------------

async function start() {
  st.ws = await (await fetch("/api/workspace")).json();
  const sel = $("#person");
  for (const p of st.ws.people) {
    const o = document.createElement("option");
    o.value = p.id;
    o.textContent = `${p.name} — ${p.role}`;
    sel.append(o);
  }
  if (!st.ws.people.some((p) => p.id === st.user)) st.user = st.ws.people[0].id;
  sel.value = st.user;
  sel.addEventListener("change", () => { st.user = sel.value; st.modalHash = ""; switchConv(st.conv); showRole(); });
  showRole();
  const list = $("#channels");
  for (const c of st.ws.channels) {
    const li = document.createElement("li");
    li.innerHTML = `<a href="#" data-conv="${esc(c.id)}"># ${esc(c.name)}</a>`;
    list.append(li);
  }
  $("#composer").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const input = $("#composer-text");
    const text = input.value;
    if (!text.trim()) return;
    input.value = "";
    status("");
    const r = await api("/api/send", { user: st.user, conv: convID(), text });
    if (r.error) input.value = text;
  });
  $("#thread-composer").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const input = $("#thread-text");
    const text = input.value;
    if (!text.trim() || !st.thread) return;
    input.value = "";
    status("");
    const r = await api("/api/send", { user: st.user, conv: convID(), text, thread: st.thread });
    if (r.error) input.value = text;
  });
  $("#modal-submit").addEventListener("click", async () => {
    const form = $("#modal-body");
    for (const e of form.querySelectorAll(".bk-error")) { e.textContent = ""; e.parentElement.classList.remove("has-error"); }
    $("#modal-submit").disabled = true;
    const r = await api("/api/submit", { user: st.user, callback_id: form.dataset.callbackId, values: collect(form) });
    $("#modal-submit").disabled = false;
    let first = null;
    for (const [block, msg] of Object.entries(r.errors || {})) {
      const e = form.querySelector(`[data-error-for="${CSS.escape(block)}"]`);
      if (e) { e.textContent = msg; e.parentElement.classList.add("has-error"); first ||= e.parentElement; } else status(block + ": " + msg);
    }
    if (first) first.scrollIntoView({ block: "center" });
  });
  $("#modal-cancel").addEventListener("click", () => api("/api/close", { user: st.user, all: false }));
  $("#modal-back").addEventListener("click", () => api("/api/close", { user: st.user, all: false }));
  $("#modal-x").addEventListener("click", () => api("/api/close", { user: st.user, all: true }));
  $("#thread-close").addEventListener("click", () => { st.thread = ""; refresh(); });
  $("#global-shortcut").addEventListener("click", () => api("/api/shortcut", { user: st.user, kind: "global" }));
  for (const b of document.querySelectorAll("[data-advance]")) {
    b.addEventListener("click", async () => {
      b.disabled = true;
      status("advancing the clock…");
      const r = await api("/api/advance", { by: b.dataset.advance });
      if (!r.error) status("");
      b.disabled = false;
    });
  }
  document.addEventListener("keydown", (ev) => {
    if (ev.key === "Escape" && !$("#modal-overlay").hidden && $("#confirm-overlay").hidden) api("/api/close", { user: st.user, all: true });
  });
  switchConv(st.conv);
}

function showRole() {
  const p = st.ws.people.find((x) => x.id === st.user);
  $("#role").textContent = p ? `${p.locale} · ${p.tz}` : "";
}

start();
