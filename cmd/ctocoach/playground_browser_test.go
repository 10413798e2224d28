package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"ctocoach/slackemu"
)

// findBrowser returns the path of a Chromium-family browser, or "".
func findBrowser() string {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// screenshotDir is where the browser test writes its screenshots:
// $PLAYGROUND_SCREENSHOTS (docs/img to refresh the README's), else a
// temporary directory.
func screenshotDir(t *testing.T) string {
	if d := os.Getenv("PLAYGROUND_SCREENSHOTS"); d != "" {
		if !filepath.IsAbs(d) {
			d = filepath.Join("..", "..", d) // relative to the repository root
		}
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	return t.TempDir()
}

// browserStepTimeout bounds each step's wait for the page (a wait, not a
// speed check).
const browserStepTimeout = 30 * time.Second

// TestPlaygroundInABrowser drives the playground page in a real headless
// Chromium: an answer with feedback, a whole retro with two people, and a
// nudge after advancing the clock a week.
func TestPlaygroundInABrowser(t *testing.T) {
	t.Parallel()
	browser := findBrowser()
	if browser == "" {
		t.Skip("!!! NO BROWSER FOUND: the playground browser test did not run. Install Debian's chromium (apt-get install chromium) or set CHROMIUM=/path/to/chrome. !!!")
	}
	pg := mustStartPlayground(t)
	base := "http://" + pg.Addr + "/"
	shots := screenshotDir(t)

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(browser), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.WindowSize(1280, 860),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(actx)
	defer cancelBrowser()
	if err := chromedp.Do(bctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("start %s: %v", browser, err)
	}

	type action = chromedp.Action[chromedp.Void]
	css := func(sel string) chromedp.CSS { return chromedp.CSS(sel) }
	step := func(name string, actions ...action) {
		t.Helper()
		ctx, cancel := context.WithTimeout(bctx, browserStepTimeout)
		defer cancel()
		if err := chromedp.Do(ctx, actions...); err != nil {
			page, _ := chromedp.Run(bctx, chromedp.OuterHTML(css("body")))
			t.Fatalf("step %q: %v\npage:\n%.6000s", name, err, page)
		}
		assertRendered(t, bctx, name)
	}
	shot := func(file string) action {
		return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			png, err := chromedp.CaptureScreenshot()(ctx, tg)
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(shots, file), png, 0o644)
		})
	}
	poll := func(expr string) action {
		return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := chromedp.Poll[bool](expr, chromedp.WithPollingInterval(50*time.Millisecond))(ctx, tg)
			return err
		})
	}
	visible := func(sel string) action { return chromedp.WaitVisible(css(sel)) }
	click := func(sel string) action { return chromedp.Click(css(sel), chromedp.NodeVisible) }
	open := func(user, conv string) action {
		return chromedp.Steps(
			chromedp.Navigate(base+"?user="+user+"&conv="+conv),
			visible(`#sidebar a[data-conv="CRETRO"]`),
			visible(`#banner`),
		)
	}
	type_ := func(text string) action {
		return chromedp.Steps(
			visible(`#composer-text`),
			chromedp.SendKeys(css(`#composer-text`), text+"\r"), // Enter, as a person would
		)
	}
	waitCount := func(sel string, n int) action {
		return poll(fmt.Sprintf(`document.querySelectorAll(%q).length === %d`, sel, n))
	}
	waitText := func(sel, text string) action {
		return poll(fmt.Sprintf(`[...document.querySelectorAll(%q)].some(e => e.innerText.includes(%q))`, sel, text))
	}

	// 1. An answer: three cards, each with 👍 / 👎; 👍 is acknowledged.
	step("ask /cto delegation",
		open("UALEX", "CTEAM"),
		type_("/cto delegation"),
		waitCount(`.msg.ephemeral [data-action-id="advice.up"]`, 3),
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error { // the answer from its top
			_, err := chromedp.Evaluate[bool](`(() => { document.querySelector("#messages").scrollTop = 0; return true })()`)(ctx, tg)
			return err
		}),
		shot("playground-answer.png"),
	)
	step("press 👍",
		click(`.msg.ephemeral [data-action-id="advice.up"]`),
		waitText(`.msg.ephemeral`, "Glad it helped"),
	)

	step("a message's static select sends its choice (/cto topics)",
		type_("/cto topics"),
		visible(`.msg.ephemeral select[data-action-id="advice.topics"]`),
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error { // pick the first topic, as a person would
			_, err := chromedp.Evaluate[bool](`(() => { const s = document.querySelector('.msg.ephemeral select[data-action-id="advice.topics"]'); s.selectedIndex = 1; s.dispatchEvent(new Event("change", { bubbles: true })); return true })()`)(ctx, tg)
			return err
		}),
		waitText(`.msg.ephemeral`, " cards"),
	)

	// 2. A sailboat retro in #retro, cards from two people through the modal.
	step("start the retro",
		open("UALEX", "CRETRO"),
		type_("/retro start sailboat"),
		visible(`.msg [data-action-id="retro.add_card"]`),
	)
	addCard := func(user, zone, text string) {
		t.Helper()
		step("add a card as "+user,
			open(user, "CRETRO"),
			visible(`.msg [data-action-id="retro.add_card"]`),
			click(`.msg [data-action-id="retro.add_card"]`),
			visible(`#modal-body [data-action-id="text"]`),
			chromedp.SetValue(css(`#modal-body select[data-action-id="zone"]`), zone),
			chromedp.SendKeys(css(`#modal-body [data-action-id="text"]`), text),
			shot("playground-modal.png"),
			click(`#modal-submit`),
			chromedp.WaitNotVisible(css(`#modal-overlay`)),
		)
	}
	addCard("UCAMILLE", "wind", "Pairing on every incident")
	addCard("UALEX", "anchor", "CI takes 40 minutes")
	addCard("UALEX", "wind", "Fast code reviews")
	step("three cards on the board",
		waitText(`.msg`, "🃏 3"),
	)
	step("a message turned into a card with the message shortcut",
		open("UCAMILLE", "CRETRO"),
		type_("Deploys wait for a manual approval"),
		waitText(`.msg`, "Deploys wait for a manual approval"),
		click(`.msg:not(.bot) [data-shortcut="message"]`),
		visible(`#modal-body select[data-action-id="zone"]`),
		chromedp.SetValue(css(`#modal-body select[data-action-id="zone"]`), "anchor"),
		click(`#modal-submit`),
		chromedp.WaitNotVisible(css(`#modal-overlay`)),
		waitText(`.msg`, "🃏 4"),
	)
	step("reveal as the facilitator",
		open("UALEX", "CRETRO"),
		click(`.msg [data-action-id="retro.reveal"]`),
		waitText(`.msg`, "CI takes 40 minutes"),
	)
	step("vote",
		click(`.msg [data-action-id="retro.start_vote"]`),
		visible(`.msg [data-action-id^="retro.vote:"]`),
		click(`.msg [data-action-id^="retro.vote:"]`),
		waitText(`.msg`, "🗳 1"),
		shot("playground-board.png"),
	)
	due := pg.Clock.Now().AddDate(0, 0, 7).Format("2006-01-02")
	step("an action with an owner (users_select) and a due date (datepicker)",
		click(`.msg [data-action-id="retro.add_action"]`),
		visible(`#modal-body [data-action-id="text"]`),
		chromedp.SendKeys(css(`#modal-body [data-action-id="text"]`), "Split the CI pipeline"),
		chromedp.SetValue(css(`#modal-body select[data-action-id="owner"]`), "UCAMILLE"),
		chromedp.SetValue(css(`#modal-body input[data-action-id="due"]`), due),
		click(`#modal-submit`),
		chromedp.WaitNotVisible(css(`#modal-overlay`)),
		waitText(`.msg`, "Split the CI pipeline"),
	)
	wctx, cancelWait := context.WithTimeout(context.Background(), testTimeout)
	if err := pg.Emu.Wait(wctx, func(s *slackemu.Server) bool {
		return slices.ContainsFunc(s.Messages("UCAMILLE"), func(m slackemu.Message) bool {
			return strings.Contains(m.Text, "Split the CI pipeline") && strings.Contains(m.Text, due)
		})
	}); err != nil {
		t.Errorf("the action's owner got no DM naming it and its due date %s: %v", due, err)
	}
	cancelWait()
	step("close and read the summary in the thread",
		click(`.msg [data-action-id="retro.close"]`),
		visible(`#confirm-ok`),
		click(`#confirm-ok`),
		// The board shows it is closed (its last update) before the thread
		// is opened: the update reflows the board, and a click aimed at the
		// replies button before it lands elsewhere (seen under -race in CI).
		visible(`.msg [data-action-id="retro.export"]`),
		visible(`.msg .replies`),
		click(`.msg .replies`),
		waitText(`#thread-messages`, "Summary of retro #1"),
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := chromedp.Evaluate[bool](`(() => { [...document.querySelectorAll("#thread-messages .msg")].find(m => m.innerText.includes("Summary of retro #1")).scrollIntoView(); return true })()`)(ctx, tg)
			return err
		}),
		shot("playground-summary.png"),
		chromedp.SendKeys(css(`#thread-text`), "Thanks all & see you <next> week\r"),
		waitText(`#thread-messages .msg:not(.bot)`, "Thanks all & see you <next> week"),
	)

	step("promote a card to the standards, then edit it from its overflow menu",
		click(`.msg [data-action-id^="retro.promote_card:"]`),
		visible(`#modal-body [data-action-id="title"]`),
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error { // a source, if none is preselected
			_, err := chromedp.Evaluate[bool](`(() => { const s = document.querySelector('#modal-body select[data-action-id="source"]'); if (s && !s.value) s.selectedIndex = 1; return true })()`)(ctx, tg)
			return err
		}),
		chromedp.SetValue(css(`#modal-body [data-action-id="title"]`), "Keep CI under ten minutes"),
		click(`#modal-submit`),
		chromedp.WaitNotVisible(css(`#modal-overlay`)),
		click(`#thread-close`),
		type_("/cto standards"),
		waitText(`.msg.ephemeral`, "Keep CI under ten minutes"),
		click(`.msg.ephemeral .bk-overflow-toggle`),
		click(`.msg.ephemeral .bk-overflow-item[data-value^="edit|"]`),
		visible(`#modal-body [data-block-id]`),
		shot("playground-overflow-edit.png"),
		click(`#modal-x`),
		chromedp.WaitNotVisible(css(`#modal-overlay`)),
	)

	// 3. A week later, Camille's weekly nudges have arrived by DM.
	step("advance a week",
		open("UCAMILLE", "dm"),
		click(`[data-advance="168h"]`),
		visible(`.msg [data-block-id="nudge"]`),
		// Both weekly routines (Friday review, Monday coffee), once the advance is over.
		poll(`document.querySelectorAll('.msg [data-block-id="nudge"]').length === 2 && !document.querySelector("#status").innerText.includes("advancing")`),
		shot("playground-nudge.png"),
	)
	step("App Home",
		click(`#tab-home`),
		visible(`#home [data-view-id] .bk-header`),
		shot("playground-home.png"),
	)
	step("views.push from App Home, and back",
		click(`#home [data-action-id="contacts.open"]`),
		visible(`#modal-body [data-action-id="contacts.add"]`),
		click(`#modal-body [data-action-id="contacts.add"]`),
		visible(`#modal-back`),
		click(`#modal-back`),
		chromedp.WaitNotVisible(css(`#modal-back`)),
		click(`#modal-x`),
		chromedp.WaitNotVisible(css(`#modal-overlay`)),
	)
	step("a refused zone shows under its input (response_action errors)",
		open("UALEX", "dm"),
		type_("/cto routines"),
		visible(`#modal-body [data-block-id="tz"] input`),
		chromedp.SetValue(css(`#modal-body [data-block-id="tz"] input`), "Mars/Olympus_Mons"),
		click(`#modal-submit`),
		poll(`document.querySelector('[data-error-for="tz"]').innerText.length > 0`),
		shot("playground-modal-error.png"),
		chromedp.SetValue(css(`#modal-body [data-block-id="tz"] input`), "America/New_York"),
		click(`#modal-submit`),
		chromedp.WaitNotVisible(css(`#modal-overlay`)),
	)
	step("the global shortcut answers in its modal (response_action update)",
		click(`#global-shortcut`),
		visible(`#modal-body [data-block-id="question"] textarea`),
		chromedp.SendKeys(css(`#modal-body [data-block-id="question"] textarea`), "too many meetings"),
		click(`#modal-submit`),
		visible(`#modal-body hr.bk-divider`),
		click(`#modal-x`),
		chromedp.WaitNotVisible(css(`#modal-overlay`)),
	)
	for _, c := range pg.Emu.Calls("") {
		if c.Error == "invalid_blocks" || c.Error == "invalid_arguments" {
			t.Errorf("the emulator refused %s: %s", c.Method, c.Error)
		}
	}
}

// assertRendered fails when the page shows an "unsupported" placeholder or
// the status bar reports the emulator refusing a call.
func assertRendered(t *testing.T, ctx context.Context, step string) {
	t.Helper()
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll(".bk-unsupported").length`))
	if err != nil {
		t.Fatalf("after %q: %v", step, err)
	}
	status, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("#status").innerText`))
	if err != nil {
		t.Fatalf("after %q: %v", step, err)
	}
	if n > 0 {
		t.Errorf("after %q: %d unsupported placeholders on the page", step, n)
	}
	if strings.Contains(status, "refused") || strings.Contains(status, "Not rendered") {
		t.Errorf("after %q: status bar says %q", step, status)
	}
}
