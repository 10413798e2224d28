package main

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"ctocoach/slackemu"
	"ctocoach/store/storetest"
)

// retroWait waits for cond, failing the test with what when it does not come.
func retroWait(tb testing.TB, emu *slackemu.Server, what string, cond func(*slackemu.Server) bool) {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	defer cancel()
	if err := emu.Wait(ctx, cond); err != nil {
		tb.Fatalf("waiting for %s: %v", what, err)
	}
}

// retroElements returns the interactive elements of blocks by action id:
// section accessories and actions-block elements, with their values.
func retroElements(tb testing.TB, blocks json.RawMessage) map[string]string {
	tb.Helper()
	type el struct {
		ActionID string `json:"action_id"`
		Value    string `json:"value"`
	}
	var bs []struct {
		Accessory *el  `json:"accessory"`
		Elements  []el `json:"elements"`
	}
	if len(blocks) > 0 {
		if err := json.Unmarshal(blocks, &bs); err != nil {
			tb.Fatalf("blocks %s: %v", blocks, err)
		}
	}
	out := map[string]string{}
	for _, b := range bs {
		if b.Accessory != nil && b.Accessory.ActionID != "" {
			out[b.Accessory.ActionID] = b.Accessory.Value
		}
		for _, e := range b.Elements {
			if e.ActionID != "" {
				out[e.ActionID] = e.Value
			}
		}
	}
	return out
}

// retroCardButton returns the action id of the accessory of the card
// section whose text contains text.
func retroCardButton(tb testing.TB, blocks json.RawMessage, text string) string {
	tb.Helper()
	var bs []struct {
		Text *struct {
			Text string `json:"text"`
		} `json:"text"`
		Accessory *struct {
			ActionID string `json:"action_id"`
		} `json:"accessory"`
	}
	if err := json.Unmarshal(blocks, &bs); err != nil {
		tb.Fatalf("blocks %s: %v", blocks, err)
	}
	for _, b := range bs {
		if b.Text != nil && b.Accessory != nil && strings.Contains(b.Text.Text, text) {
			return b.Accessory.ActionID
		}
	}
	tb.Fatalf("no card section with %q and a button in %s", text, blocks)
	return ""
}

// retroBoardMessage returns the board message of channel (the bot's
// top-level message with an "Add a card" or "Export" button), if any.
func retroBoardMessage(emu *slackemu.Server, channel string) (slackemu.Message, bool) {
	var found slackemu.Message
	ok := false
	for _, m := range emu.Messages(channel) {
		if m.Ephemeral || m.ThreadTS != "" || m.User != emu.BotUserID() {
			continue
		}
		if s := string(m.Blocks); strings.Contains(s, `"retro.add_card"`) || strings.Contains(s, `"retro.export"`) || strings.Contains(s, `"retro.add_action"`) {
			found, ok = m, true
		}
	}
	return found, ok
}

// retroBoard waits until the channel's board message satisfies cond and
// returns it.
func retroBoard(tb testing.TB, emu *slackemu.Server, channel, what string, cond func(text string) bool) slackemu.Message {
	tb.Helper()
	var msg slackemu.Message
	retroWait(tb, emu, what, func(s *slackemu.Server) bool {
		m, ok := retroBoardMessage(s, channel)
		msg = m
		return ok && cond(plainJSON(m.Blocks))
	})
	return msg
}

// retroClick presses actionID on msg as user and returns the envelope sent.
func retroClick(tb testing.TB, emu *slackemu.Server, user string, msg slackemu.Message, actionID string) slackemu.Envelope {
	tb.Helper()
	els := retroElements(tb, msg.Blocks)
	value, ok := els[actionID]
	if !ok {
		tb.Fatalf("no element %s in the message; have %v", actionID, els)
	}
	env := emu.BlockAction(user, "", &msg, actionID, value)
	MustSend(tb, emu, env)
	return env
}

// retroReply waits for the first answer to an envelope's response_url.
func retroReply(tb testing.TB, emu *slackemu.Server, env slackemu.Envelope) slackemu.Response {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	defer cancel()
	rs, err := emu.WaitResponses(ctx, env.ResponseID, 1)
	if err != nil {
		tb.Fatalf("no answer: %v", err)
	}
	return rs[0]
}

// retroCommand sends "/retro text" as user in CTEAM and returns its answer.
func retroCommand(tb testing.TB, emu *slackemu.Server, user, text string) string {
	tb.Helper()
	env := emu.SlashCommand(user, "CTEAM", "/retro", text)
	ack := MustSend(tb, emu, env)
	var a answer
	if len(ack.Payload) > 0 && json.Unmarshal(ack.Payload, &a) == nil && (a.Text != "" || len(a.Blocks) > 0) {
		return a.all()
	}
	r := retroReply(tb, emu, env)
	return r.Text + "\n" + plainJSON(r.Blocks)
}

// retroOpenModal presses actionID and waits for the modal callbackID.
func retroOpenModal(tb testing.TB, emu *slackemu.Server, user string, msg slackemu.Message, actionID, callbackID string) slackemu.View {
	tb.Helper()
	retroClick(tb, emu, user, msg, actionID)
	var v slackemu.View
	retroWait(tb, emu, "modal "+callbackID+" for "+user, func(s *slackemu.Server) bool {
		views := s.Views(user)
		if len(views) == 0 || views[len(views)-1].CallbackID != callbackID {
			return false
		}
		v = views[len(views)-1]
		return true
	})
	return v
}

// retroCardValues are the add-card modal's values.
func retroCardValues(zone, text string, anonymous bool) map[string]map[string]slackemu.Value {
	anon := slackemu.CheckboxesValue()
	if anonymous {
		anon = slackemu.CheckboxesValue("anonymous")
	}
	return map[string]map[string]slackemu.Value{
		"zone": {"zone": slackemu.SelectValue(zone)},
		"text": {"text": slackemu.TextValue(text)},
		"anon": {"anon": anon},
	}
}

// retroAddCard adds a card through the button and the modal.
func retroAddCard(tb testing.TB, emu *slackemu.Server, user, zone, text string, anonymous bool) {
	tb.Helper()
	board, _ := retroBoardMessage(emu, "CTEAM")
	retroOpenModal(tb, emu, user, board, "retro.add_card", "retro.add_card")
	ack := MustSend(tb, emu, emu.ViewSubmission(user, "retro.add_card", "", retroCardValues(zone, text, anonymous)))
	if strings.Contains(string(ack.Payload), "errors") {
		tb.Fatalf("card refused: %s", ack.Payload)
	}
}

var cardsCountRe = regexp.MustCompile(`🃏 (\d+)"`)

// retroCardCount is the board's card count from its status line.
func retroCardCount(text string) int {
	m := cardsCountRe.FindStringSubmatch(text)
	if m == nil {
		return -1
	}
	n := 0
	fmt.Sscan(m[1], &n)
	return n
}

func TestE2ERetroSailboatFromStartToStandards(t *testing.T) {
	t.Parallel()
	emu := MustNewEmulator(t)
	MustRunMain(t, emu)

	if a := retroCommand(t, emu, "UALICE", "formats"); !strings.Contains(a, "Sailboat") || !strings.Contains(a, "4Ls") {
		t.Errorf("/retro formats = %q, want the formats", a)
	}
	if a := retroCommand(t, emu, "UALICE", "start sailboat"); !strings.Contains(a, "Board #1 is open") {
		t.Fatalf("/retro start = %q", a)
	}
	board := retroBoard(t, emu, "CTEAM", "the board", func(s string) bool { return strings.Contains(s, "Sailboat — retro #1") })
	if a := retroCommand(t, emu, "UBRUNO", "start 4ls"); !strings.Contains(a, "déjà ouverte") {
		t.Errorf("second /retro start = %q, want 'already open' in French", a)
	}

	retroAddCard(t, emu, "UALICE", "wind", "Pairing <!channel> on every incident", false)
	retroAddCard(t, emu, "UBRUNO", "anchor", "CI takes 40 minutes", false)
	retroAddCard(t, emu, "UCLARA", "rocks", "Nobody knows the billing code", true)
	board = retroBoard(t, emu, "CTEAM", "3 cards on the board", func(s string) bool { return retroCardCount(s) == 3 })
	if s := plainJSON(board.Blocks); strings.Contains(s, "CI takes 40") || strings.Contains(s, "billing") {
		t.Errorf("card texts visible while collecting: %s", s)
	}

	// Only the facilitator (or the creator, or an admin) may reveal.
	refusal := retroReply(t, emu, retroClick(t, emu, "UBRUNO", board, "retro.reveal"))
	if !strings.Contains(refusal.Text, "Seuls l'animateur") || refusal.ResponseType == "in_channel" {
		t.Errorf("reveal by Bruno = %+v, want a private French refusal", refusal)
	}
	retroClick(t, emu, "UALICE", board, "retro.reveal")
	board = retroBoard(t, emu, "CTEAM", "revealed cards", func(s string) bool { return strings.Contains(s, "CI takes 40 minutes") })
	if s := plainJSON(board.Blocks); strings.Contains(s, "<!channel>") || !strings.Contains(s, "&lt;!channel&gt;") {
		t.Errorf("card text not escaped on the board: %s", s)
	}

	// Voting: three votes each, the fourth is refused.
	retroClick(t, emu, "UALICE", board, "retro.start_vote")
	board = retroBoard(t, emu, "CTEAM", "the vote phase", func(s string) bool { return strings.Contains(s, "retro.vote:") })
	voteID := retroCardButton(t, board.Blocks, "CI takes 40 minutes")
	for i := range 3 {
		r := retroReply(t, emu, retroClick(t, emu, "UCLARA", board, voteID))
		if !strings.Contains(r.Text, "Vote compté") {
			t.Fatalf("vote %d = %q, want counted", i+1, r.Text)
		}
	}
	over := retroReply(t, emu, retroClick(t, emu, "UCLARA", board, voteID))
	if !strings.Contains(over.Text, "vos 3 votes") {
		t.Errorf("fourth vote = %q, want a refusal naming the budget", over.Text)
	}
	board = retroBoard(t, emu, "CTEAM", "3 votes shown", func(s string) bool { return strings.Contains(s, "🃏 1 · 🗳 3") })
	if s := plainJSON(board.Blocks); strings.Contains(s, "UCLARA") || !strings.Contains(s, "CI takes 40 minutes — <@UBRUNO>") {
		t.Errorf("the board must name signed cards' authors and no voter (Clara voted, her card is anonymous): %s", s)
	}

	// An action with an owner: the owner gets a DM in their language.
	retroOpenModal(t, emu, "UALICE", board, "retro.add_action", "retro.add_action")
	due := time.Now().AddDate(0, 0, 7).Format("2006-01-02")
	ack := MustSend(t, emu, emu.ViewSubmission("UALICE", "retro.add_action", "", map[string]map[string]slackemu.Value{
		"text":  {"text": slackemu.TextValue("Split the CI pipeline")},
		"owner": {"owner": slackemu.UserValue("UBRUNO")},
		"due":   {"due": slackemu.DateValue(due)},
	}))
	if strings.Contains(string(ack.Payload), "errors") {
		t.Fatalf("action refused: %s", ack.Payload)
	}
	retroWait(t, emu, "the owner's DM", func(s *slackemu.Server) bool {
		for _, m := range s.Messages("UBRUNO") {
			if strings.Contains(m.Text, "Split the CI pipeline") && strings.Contains(m.Text, "vous a confié") && strings.Contains(m.Text, due) {
				return true
			}
		}
		return false
	})
	board = retroBoard(t, emu, "CTEAM", "the action on the board", func(s string) bool { return strings.Contains(s, "Split the CI pipeline") })
	// The owner's App Home lists it.
	MustSend(t, emu, emu.AppHomeOpened("UBRUNO"))
	retroWait(t, emu, "the action on the owner's App Home", func(s *slackemu.Server) bool {
		v, ok := s.HomeView("UBRUNO")
		return ok && strings.Contains(string(v.Blocks), "Split the CI pipeline")
	})

	// Close: summary and export in the thread.
	retroClick(t, emu, "UALICE", board, "retro.close")
	retroWait(t, emu, "the summary and the export in the thread", func(s *slackemu.Server) bool {
		summary, export := false, false
		for _, m := range s.Messages("CTEAM") {
			if m.ThreadTS != board.TS {
				continue
			}
			body := m.Text + plainJSON(m.Blocks)
			summary = summary || (strings.Contains(body, "Summary of retro #1") && strings.Contains(body, "CI takes 40 minutes") && strings.Contains(body, "<@UBRUNO>"))
			export = export || (strings.Contains(body, "```") && strings.Contains(body, "# Retro #1") && strings.Contains(body, "- [ ] Split the CI pipeline"))
		}
		return summary && export
	})
	board = retroBoard(t, emu, "CTEAM", "the closed board", func(s string) bool { return strings.Contains(s, "retro.export") })

	// Promote a card to the book of standards; /cto standards shows it.
	promoteID := retroCardButton(t, board.Blocks, "CI takes 40 minutes")
	if !strings.HasPrefix(promoteID, "retro.promote_card:") {
		t.Fatalf("card button on the closed board = %s, want promote", promoteID)
	}
	card := strings.TrimPrefix(promoteID, "retro.promote_card:")
	retroOpenModal(t, emu, "UALICE", board, promoteID, "retro.promote")
	ack = MustSend(t, emu, emu.ViewSubmission("UALICE", "retro.promote", "", map[string]map[string]slackemu.Value{
		"source": {"source": slackemu.SelectValue("card:" + card)},
		"title":  {"title": slackemu.TextValue("Keep CI under ten minutes")},
	}))
	if strings.Contains(string(ack.Payload), "errors") {
		t.Fatalf("promotion refused: %s", ack.Payload)
	}
	a := MustAnswer(t, emu, "UBRUNO", "standards")
	if !strings.Contains(a.all(), "Keep CI under ten minutes") || !strings.Contains(a.all(), "rétro n°1") {
		t.Errorf("/cto standards = %s, want the promoted standard and its retro", a.all())
	}
	if a := retroCommand(t, emu, "UALICE", "standards billing"); !strings.Contains(a, "No standard matches") {
		t.Errorf("/retro standards billing = %q, want no match", a)
	}

	// Only the promoter (or an admin) may retire it.
	shown := MustAnswer(t, emu, "UBRUNO", "standards")
	msg := slackemu.Message{Channel: "CTEAM", TS: "1.0", Blocks: shown.Blocks, Ephemeral: true}
	menu := retroCardButton(t, shown.Blocks, "Keep CI under ten minutes")
	std := strings.TrimPrefix(menu, "retro.std:")
	refused := emu.BlockAction("UBRUNO", "CTEAM", &msg, menu, "retire|"+std)
	MustSend(t, emu, refused)
	if r := retroReply(t, emu, refused); !strings.Contains(r.Text, "Seuls la personne qui a promu") {
		t.Errorf("retire by Bruno = %q, want a refusal", r.Text)
	}
	retired := emu.BlockAction("UALICE", "CTEAM", &msg, menu, "retire|"+std)
	MustSend(t, emu, retired)
	if r := retroReply(t, emu, retired); !strings.Contains(r.Text, "Retired") {
		t.Errorf("retire by Alice = %q, want done", r.Text)
	}
	if a := MustAnswer(t, emu, "UBRUNO", "standards"); !strings.Contains(a.Text, "vide") {
		t.Errorf("/cto standards after retiring = %q, want the empty book", a.Text)
	}
}

func TestE2ERetroAnonymousCardsLeaveNoTrace(t *testing.T) {
	t.Parallel()
	emu := MustNewEmulator(t)
	m := MustRunMain(t, emu)
	const who = "UCLARA"
	MustAnswer(t, emu, who, "help") // Clara has used the bot: her profile is cached
	retroCommand(t, emu, "UALICE", "start")
	retroAddCard(t, emu, "UALICE", "wind", "signed by Alice", false)
	retroBoard(t, emu, "CTEAM", "Alice's card", func(s string) bool { return retroCardCount(s) == 1 })

	before := storetest.Dump(t, m.Store)
	logStart := len(m.logs.String())
	retroAddCard(t, emu, who, "anchor", "I am afraid to say this in the meeting", true)
	retroAddCard(t, emu, who, "rocks", "Nobody reviews my pull requests", true)
	post := emu.PostAsUser("UBRUNO", "CTEAM", "prod went down twice this week")
	MustSend(t, emu, emu.MessageShortcut(who, "CTEAM", post, "add_to_retro"))
	retroWait(t, emu, "the shortcut's modal", func(s *slackemu.Server) bool {
		v := s.Views(who)
		return len(v) > 0 && v[len(v)-1].CallbackID == "retro.add_card"
	})
	MustSend(t, emu, emu.ViewSubmission(who, "retro.add_card", "", retroCardValues("rocks", "prod went down twice this week", true)))
	retroBoard(t, emu, "CTEAM", "four cards", func(s string) bool { return retroCardCount(s) == 4 })
	for _, v := range emu.Views(who) {
		if strings.Contains(v.PrivateMetadata, who) {
			t.Errorf("modal metadata %q names the author", v.PrivateMetadata)
		}
	}

	after := storetest.Dump(t, m.Store)
	newKeys := 0
	for key, val := range after {
		if before[key] != val {
			newKeys++
		}
		if !strings.Contains(key, who) && !strings.Contains(val, who) {
			continue
		}
		if before[key] != val {
			t.Errorf("adding anonymous cards wrote the author %s into %s = %s", who, key, val)
		}
		if strings.Contains(key, ":retro:") {
			t.Errorf("a retro key holds the author %s: %s = %s", who, key, val)
		}
	}
	if newKeys == 0 {
		t.Fatalf("the dump saw no change at all: it does not read the store")
	}
	if logs := m.logs.String()[logStart:]; strings.Contains(logs, who) {
		t.Errorf("the logs name the author of anonymous cards:\n%s", logs)
	}
	rb, err := m.Store.OpenBoard(context.Background(), emu.TeamID(), "CTEAM")
	if err != nil {
		t.Fatal(err)
	}
	anon := 0
	for _, c := range rb.Cards {
		if c.Anonymous() {
			anon++
		}
	}
	if anon != 3 {
		t.Errorf("anonymous cards stored = %d, want 3", anon)
	}
}

func TestE2ERetroShortcutDoubleSubmitAndAdmin(t *testing.T) {
	t.Parallel()
	emu := MustNewEmulator(t)
	m := MustRunMain(t, emu)
	post := emu.PostAsUser("UBRUNO", "CTEAM", "the deploy broke twice")
	env := emu.MessageShortcut("UALICE", "CTEAM", post, "add_to_retro")
	MustSend(t, emu, env)
	if r := retroReply(t, emu, env); !strings.Contains(r.Text, "no open retro") {
		t.Errorf("shortcut without a board = %q, want an explanation", r.Text)
	}

	retroCommand(t, emu, "UALICE", "start start-stop-continue votes=2")
	board := retroBoard(t, emu, "CTEAM", "the board", func(s string) bool { return strings.Contains(s, "🗳 2 per person") })
	MustSend(t, emu, emu.MessageShortcut("UALICE", "CTEAM", post, "add_to_retro"))
	var view slackemu.View
	retroWait(t, emu, "the shortcut's modal", func(s *slackemu.Server) bool {
		v := s.Views("UALICE")
		if len(v) > 0 && v[len(v)-1].CallbackID == "retro.add_card" {
			view = v[len(v)-1]
			return true
		}
		return false
	})
	if !strings.Contains(string(view.JSON), "the deploy broke twice") {
		t.Errorf("shortcut modal does not carry the message text: %s", view.JSON)
	}
	// The same modal submitted twice (double click): one card.
	values := retroCardValues("stop", "the deploy broke twice", false)
	first := emu.ViewSubmission("UALICE", "retro.add_card", "", values)
	second := emu.ViewSubmission("UALICE", "retro.add_card", "", values)
	MustSend(t, emu, first)
	MustSend(t, emu, second)
	rb, err := m.Store.OpenBoard(context.Background(), emu.TeamID(), "CTEAM")
	if err != nil || len(rb.Cards) != 1 {
		t.Fatalf("cards after a double submission = %d (%v), want 1", len(rb.Cards), err)
	}
	// Too long a card is refused in the modal, before anything is stored.
	retroOpenModal(t, emu, "UBRUNO", board, "retro.add_card", "retro.add_card")
	ack := MustSend(t, emu, emu.ViewSubmission("UBRUNO", "retro.add_card", "", retroCardValues("stop", strings.Repeat("x", 501), false)))
	if !strings.Contains(string(ack.Payload), `"errors"`) || !strings.Contains(string(ack.Payload), "501") {
		t.Errorf("501-character card ack = %s, want a modal error", ack.Payload)
	}
	// Named cards can be changed by their author until the reveal.
	mine := retroReply(t, emu, retroClick(t, emu, "UALICE", board, "retro.mine"))
	if !strings.Contains(plainJSON(mine.Blocks), "the deploy broke twice") {
		t.Errorf("My cards = %s, want Alice's card", mine.Blocks)
	}
	// A workspace admin may reveal a board someone else started.
	retroClick(t, emu, "UCLARA", board, "retro.reveal")
	retroBoard(t, emu, "CTEAM", "the reveal by an admin", func(s string) bool { return strings.Contains(s, "the deploy broke twice") })
}

func TestE2ERetroRedisDown(t *testing.T) {
	t.Parallel()
	emu := MustNewEmulator(t)
	s, mr := storetest.MiniServer(t)
	MustRunMain(t, emu, func(m *Main) { m.Store = s })
	mr.Close()
	if a := retroCommand(t, emu, "UALICE", "start"); !strings.Contains(a, "Redis") || !strings.Contains(a, "open a retro board") {
		t.Errorf("/retro start with Redis down = %q, want a clear answer", a)
	}
	if a := MustAnswer(t, emu, "UBRUNO", "standards"); !strings.Contains(a.Text, "Redis") {
		t.Errorf("/cto standards with Redis down = %q, want a clear answer", a.Text)
	}
}

// retroClock is Main's injected clock for schedule tests: the delivery
// engine polls in real time but decides on this clock.
type retroClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *retroClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

func (c *retroClock) Set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

// retroSaid waits for a top-level bot message in CTEAM containing all of want.
func retroSaid(tb testing.TB, emu *slackemu.Server, what string, want ...string) {
	tb.Helper()
	retroWait(tb, emu, what, func(s *slackemu.Server) bool {
		for _, m := range s.Messages("CTEAM") {
			ok := !m.Ephemeral
			for _, w := range want {
				ok = ok && strings.Contains(m.Text, w)
			}
			if ok {
				return true
			}
		}
		return false
	})
}

// retroEphemerals returns the ephemerals user got containing text.
func retroEphemerals(emu *slackemu.Server, user, text string) int {
	n := 0
	for _, m := range emu.Ephemerals(user) {
		if strings.Contains(m.Text, text) {
			n++
		}
	}
	return n
}

func TestE2ERetroScheduleRotatesRemindsAndCarriesActions(t *testing.T) {
	t.Parallel()
	emu := MustNewEmulator(t)
	clock := &retroClock{t: time.Date(2025, 3, 10, 9, 0, 0, 0, time.UTC)} // a Monday
	MustRunMain(t, emu, func(m *Main) { m.Now = clock.Now })

	a := retroCommand(t, emu, "UALICE", "schedule weekly thu 16:00 Europe/Paris sailboat 4ls")
	if !strings.Contains(a, "Recurring retro set") || !strings.Contains(a, "Thursday 13 Mar 16:00") || !strings.Contains(a, "Sailboat → 4Ls") {
		t.Fatalf("/retro schedule = %q", a)
	}
	if a := retroCommand(t, emu, "UBRUNO", "schedule"); !strings.Contains(a, "jeudi 13 mars 16:00") {
		t.Errorf("/retro schedule (show) for Bruno = %q, want the next retro in French", a)
	}

	// The working day before (Wednesday 16:00 Paris = 15:00 UTC): the board
	// opens with the first format and the first facilitator in the rotation.
	clock.Set(time.Date(2025, 3, 12, 15, 0, 1, 0, time.UTC))
	retroSaid(t, emu, "the nudge the day before", "Retro #1 is Thursday 13 Mar 16:00", "<@UALICE>")
	board := retroBoard(t, emu, "CTEAM", "the scheduled board", func(s string) bool { return strings.Contains(s, "Sailboat — retro #1") })
	retroAddCard(t, emu, "UBRUNO", "wind", "signed by Bruno", false)

	// One hour before: a private reminder to members without a signed card.
	clock.Set(time.Date(2025, 3, 13, 14, 0, 1, 0, time.UTC))
	retroWait(t, emu, "the reminders", func(s *slackemu.Server) bool {
		return retroEphemerals(s, "UALICE", "starts in an hour") == 1 && retroEphemerals(s, "UCLARA", "starts in an hour") == 1
	})
	if n := retroEphemerals(emu, "UBRUNO", "starts in an hour"); n != 0 {
		t.Errorf("Bruno, who signed a card, got %d reminders", n)
	}

	// At the time: the facilitator is named.
	clock.Set(time.Date(2025, 3, 13, 15, 0, 1, 0, time.UTC))
	retroSaid(t, emu, "the start", "Retro time!", "<@UALICE>", "Sailboat")

	// The retro agrees an action, then closes.
	retroClick(t, emu, "UALICE", board, "retro.reveal")
	board = retroBoard(t, emu, "CTEAM", "revealed", func(s string) bool { return strings.Contains(s, "signed by Bruno") })
	retroClick(t, emu, "UALICE", board, "retro.start_vote")
	board = retroBoard(t, emu, "CTEAM", "voting", func(s string) bool { return strings.Contains(s, "retro.add_action") })
	retroOpenModal(t, emu, "UALICE", board, "retro.add_action", "retro.add_action")
	MustSend(t, emu, emu.ViewSubmission("UALICE", "retro.add_action", "", map[string]map[string]slackemu.Value{
		"text":  {"text": slackemu.TextValue("Write the runbook")},
		"owner": {"owner": slackemu.UserValue("UCLARA")},
		"due":   {"due": slackemu.DateValue("2025-03-28")},
	}))
	board = retroBoard(t, emu, "CTEAM", "the action", func(s string) bool { return strings.Contains(s, "Write the runbook") })
	retroClick(t, emu, "UALICE", board, "retro.close")
	retroBoard(t, emu, "CTEAM", "closed", func(s string) bool { return strings.Contains(s, "retro.export") })

	// Next week: the next format, the next facilitator, the open action on top.
	clock.Set(time.Date(2025, 3, 19, 15, 0, 1, 0, time.UTC))
	retroSaid(t, emu, "the second nudge", "Retro #2 is Thursday 20 Mar 16:00", "<@UBRUNO>")
	board = retroBoard(t, emu, "CTEAM", "the second board", func(s string) bool {
		return strings.Contains(s, "4Ls — retro #2") && strings.Contains(s, "Open actions from the last retro") && strings.Contains(s, "Write the runbook")
	})
	view := retroOpenModal(t, emu, "UCLARA", board, "retro.prev", "retro.prev")
	var doneID string
	for id := range retroElements(t, view.Blocks) {
		if strings.HasPrefix(id, "retro.prev_done:") {
			doneID = id
		}
	}
	MustSend(t, emu, emu.BlockActionInView("UCLARA", view.ID, doneID, retroElements(t, view.Blocks)[doneID]))
	retroBoard(t, emu, "CTEAM", "the carried action marked done", func(s string) bool { return strings.Contains(s, "✅ Write the runbook") })

	if a := retroCommand(t, emu, "UALICE", "schedule off"); !strings.Contains(a, "stopped") {
		t.Errorf("/retro schedule off = %q", a)
	}
	if a := retroCommand(t, emu, "UALICE", "schedule"); !strings.Contains(a, "No recurring retro") {
		t.Errorf("/retro schedule after off = %q", a)
	}
}
