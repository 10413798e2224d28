package playground

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"ctocoach/playground/blockkit"
	"ctocoach/slackemu"
)

// longPoll is how long /api/state waits for a change before answering
// anyway.
const longPoll = 20 * time.Second

// stateJSON is what one person sees in one conversation.
type stateJSON struct {
	Version uint64        `json:"version"`
	Now     string        `json:"now"`
	NowUnix int64         `json:"now_unix"`
	Local   string        `json:"local"`
	Conv    string        `json:"conv"`
	Msgs    []messageJSON `json:"messages"`
	Thread  []messageJSON `json:"thread,omitempty"`
	Modal   *viewJSON     `json:"modal"`
	Home    *viewJSON     `json:"home,omitempty"`
	// Unread counts the messages in each conversation, for the sidebar.
	Counts map[string]int `json:"counts"`
	// APIErrors are the emulator's refusals of the bot's calls (invalid
	// blocks, unknown channels…), newest last.
	APIErrors []string `json:"api_errors"`
	// Unsupported lists Block Kit types shown as placeholders.
	Unsupported []string `json:"unsupported"`
}

type messageJSON struct {
	TS        string `json:"ts"`
	Author    string `json:"author"`
	Name      string `json:"name"`
	Bot       bool   `json:"bot"`
	Time      string `json:"time"`
	HTML      string `json:"html"`
	Ephemeral bool   `json:"ephemeral"`
	Edited    bool   `json:"edited"`
	Replies   int    `json:"replies"`
	ThreadTS  string `json:"thread_ts,omitempty"`
	Reactions string `json:"reactions,omitempty"`
}

type viewJSON struct {
	ID       string `json:"id"`
	Hash     string `json:"hash"`
	Callback string `json:"callback_id"`
	Title    string `json:"title"`
	Submit   string `json:"submit"`
	Close    string `json:"close"`
	HTML     string `json:"html"`
	Depth    int    `json:"depth"`
}

// serveState answers what ?user sees in ?conv (a channel id, the user's DM
// "D"+user, or "home"), with ?thread's replies, once the version differs
// from ?since (at once for since=0).
func (s *Server) serveState(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	user, conv, thread := q.Get("user"), q.Get("conv"), q.Get("thread")
	p, ok := person(user)
	if !ok {
		s.fail(w, http.StatusBadRequest, "state", errUnknownPerson)
		return
	}
	since, _ := strconv.ParseUint(q.Get("since"), 10, 64)
	v, ch := s.changes.current()
	if since == v {
		t := time.NewTimer(longPoll)
		select {
		case <-ch:
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			return
		}
		t.Stop()
		v, _ = s.changes.current()
	}
	if !s.canSee(user, conv) {
		conv = "D" + user
	}
	st := stateJSON{Version: v, Conv: conv, Counts: map[string]int{}}
	now := s.o.Clock.Now()
	st.Now, st.NowUnix = now.UTC().Format("Mon 2 Jan 2006 15:04 MST"), now.Unix()
	loc, err := time.LoadLocation(p.TZ)
	if err != nil {
		loc = time.UTC
	}
	st.Local = now.In(loc).Format("Mon 2 Jan 15:04") + " " + p.TZ
	var unsupported []string
	if conv == "home" {
		if hv, ok := s.o.Emu.HomeView(user); ok {
			st.Home = s.view(hv, 0, &unsupported)
		}
	} else {
		st.Msgs, st.Thread = s.messages(user, conv, thread, loc, &unsupported)
	}
	if views := s.o.Emu.Views(user); len(views) > 0 {
		st.Modal = s.view(views[len(views)-1], len(views), &unsupported)
	}
	for _, c := range Channels {
		st.Counts[c.ID] = len(s.o.Emu.Messages(c.ID))
	}
	st.Counts["D"+user] = len(s.o.Emu.Messages("D" + user))
	for _, c := range s.o.Emu.Calls("") {
		if c.Error != "" && c.Error != "ratelimited" {
			st.APIErrors = append(st.APIErrors, c.Method+": "+c.Error)
		}
	}
	if n := len(st.APIErrors); n > 5 {
		st.APIErrors = st.APIErrors[n-5:]
	}
	st.Unsupported = unsupported
	writeJSON(w, http.StatusOK, st)
}

// canSee reports whether user may look at conv.
func (s *Server) canSee(user, conv string) bool {
	if conv == "home" || conv == "D"+user {
		return true
	}
	return slices.ContainsFunc(Channels, func(c slackemu.Channel) bool { return c.ID == conv })
}

// messages lists conv's top-level messages and user's ephemerals there in
// ts order, and the thread's messages when thread is set.
func (s *Server) messages(user, conv, thread string, loc *time.Location, unsupported *[]string) (top, replies []messageJSON) {
	all := s.o.Emu.Messages(conv)
	for _, m := range s.o.Emu.Ephemerals(user) {
		if m.Channel == conv || (m.Channel == user && conv == "D"+user) {
			all = append(all, m)
		}
	}
	slices.SortStableFunc(all, func(a, b slackemu.Message) int { return compareTS(a.TS, b.TS) })
	count := map[string]int{}
	for _, m := range all {
		if m.ThreadTS != "" && m.ThreadTS != m.TS {
			count[m.ThreadTS]++
		}
	}
	for _, m := range all {
		isReply := m.ThreadTS != "" && m.ThreadTS != m.TS
		if !isReply {
			j := s.message(m, loc, unsupported)
			j.Replies = count[m.TS]
			top = append(top, j)
		}
		if thread != "" && (m.TS == thread || m.ThreadTS == thread) {
			replies = append(replies, s.message(m, loc, unsupported))
		}
	}
	return top, replies
}

// message renders one message, its time in loc (the reader's zone).
func (s *Server) message(m slackemu.Message, loc *time.Location, unsupported *[]string) messageJSON {
	j := messageJSON{TS: m.TS, Author: m.User, Ephemeral: m.Ephemeral, Edited: m.Edited, ThreadTS: m.ThreadTS}
	j.Bot = m.User == s.o.Emu.BotUserID()
	j.Name = s.render.Dir.Users[m.User]
	if j.Name == "" {
		j.Name = m.User
	}
	if sec, err := strconv.ParseFloat(m.TS, 64); err == nil {
		j.Time = time.Unix(int64(sec), 0).In(loc).Format("Mon 2 Jan 15:04")
	}
	res, err := s.render.Message(m.Text, m.Blocks)
	if err != nil {
		res = blockkit.Result{HTML: `<div class="bk-unsupported">unreadable blocks</div>`, Unsupported: []string{"unreadable blocks"}}
	}
	j.HTML = res.HTML
	*unsupported = append(*unsupported, res.Unsupported...)
	var rs []string
	for _, r := range m.Reactions {
		rs = append(rs, ":"+r+":")
	}
	if len(rs) > 0 {
		j.Reactions = s.render.Dir.Mrkdwn(strings.Join(rs, " "))
	}
	return j
}

// view renders a modal (depth ≥ 1) or the App Home (depth 0).
func (s *Server) view(v slackemu.View, depth int, unsupported *[]string) *viewJSON {
	rv, err := s.render.View(v.JSON)
	if err != nil {
		rv = blockkit.View{Result: blockkit.Result{HTML: `<div class="bk-unsupported">unreadable view</div>`, Unsupported: []string{"unreadable view"}}}
	}
	*unsupported = append(*unsupported, rv.Unsupported...)
	return &viewJSON{ID: v.ID, Hash: v.Hash, Callback: v.CallbackID, Title: rv.Title, Submit: rv.Submit, Close: rv.Close, HTML: rv.HTML, Depth: depth}
}

// compareTS orders Slack timestamps ("seconds.micros").
func compareTS(a, b string) int {
	as, af, _ := strings.Cut(a, ".")
	bs, bf, _ := strings.Cut(b, ".")
	if len(as) != len(bs) {
		return len(as) - len(bs)
	}
	if c := strings.Compare(as, bs); c != 0 {
		return c
	}
	return strings.Compare(af, bf)
}
