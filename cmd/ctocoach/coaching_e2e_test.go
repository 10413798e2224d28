package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"ctocoach/bot"
	botcoaching "ctocoach/bot/coaching"
	"ctocoach/coaching"
	"ctocoach/slackemu"
	"ctocoach/store/storetest"
)

// kitActions lists every interactive element of blocks (section
// accessories, actions elements) with its value; an overflow gives one
// entry per option, keyed "<action id>=<option value>".
func kitActions(tb testing.TB, blocks json.RawMessage) map[string]string {
	tb.Helper()
	type el struct {
		ActionID string `json:"action_id"`
		Value    string `json:"value"`
		Options  []struct {
			Value string `json:"value"`
		} `json:"options"`
	}
	var bs []struct {
		Accessory *el             `json:"accessory"`
		Elements  json.RawMessage `json:"elements"`
		Type      string          `json:"type"`
	}
	if err := json.Unmarshal(blocks, &bs); err != nil {
		tb.Fatalf("blocks %s: %v", blocks, err)
	}
	out := map[string]string{}
	add := func(e *el) {
		if e == nil || e.ActionID == "" {
			return
		}
		if _, ok := out[e.ActionID]; !ok {
			out[e.ActionID] = e.Value
		}
		for _, o := range e.Options {
			out[e.ActionID+"="+o.Value] = o.Value
		}
	}
	for _, b := range bs {
		add(b.Accessory)
		if b.Type == "actions" {
			var es []el
			_ = json.Unmarshal(b.Elements, &es)
			for i := range es {
				add(&es[i])
			}
		}
	}
	return out
}

// followUpsTo are the coaching follow-up DMs to user, answered or not.
func followUpsTo(emu *slackemu.Server, user string) []slackemu.Message {
	var out []slackemu.Message
	for _, m := range emu.Messages(user) {
		if strings.Contains(string(m.Blocks), `"block_id":"fu-private"`) {
			out = append(out, m)
		}
	}
	return out
}

// mustCommit asks /cto question as user, presses Commit on the first card
// and returns the card and the confirmation.
func mustCommit(tb testing.TB, emu *slackemu.Server, user, question string) (card, confirmation string) {
	tb.Helper()
	a := MustAnswer(tb, emu, user, question)
	card = kitActions(tb, a.Blocks)[botcoaching.ActionCommit]
	if card == "" {
		tb.Fatalf("no Commit button (%s) on the cards: %s", botcoaching.ActionCommit, a.all())
	}
	msg := &slackemu.Message{Channel: "CTEAM", Text: a.Text, Blocks: a.Blocks, Ephemeral: true}
	press := emu.BlockAction(user, "CTEAM", msg, botcoaching.ActionCommit, card)
	MustSend(tb, emu, press)
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	defer cancel()
	rs, err := emu.WaitResponses(ctx, press.ResponseID, 1)
	if err != nil {
		tb.Fatalf("no answer to Commit: %v", err)
	}
	return card, rs[0].Text
}

// waitHome opens App Home for user and waits until it contains want.
func waitHome(tb testing.TB, emu *slackemu.Server, user, want string) slackemu.View {
	tb.Helper()
	MustSend(tb, emu, emu.AppHomeOpened(user))
	waitRoutine(tb, emu, "App Home with "+want, func(s *slackemu.Server) bool {
		v, ok := s.HomeView(user)
		return ok && strings.Contains(plainJSON(v.Blocks), want)
	})
	v, _ := emu.HomeView(user)
	return v
}

// Commit from a card → the follow-up 7 days later at 09:00 in the user's
// zone → Not yet edits the DM and moves App Home → a note shows in the DM
// → the second follow-up → Done edits the DM and the kept-rate. In French.
func TestE2ECoachingCommitFollowUpAndAnswers(t *testing.T) {
	t.Parallel()
	emu := MustNewEmulator(t)
	m, clock := mustRunRoutineMain(t, emu, time.Date(2026, 1, 5, 10, 0, 0, 0, time.UTC)) // Monday, 11:00 in Paris

	card, conf := mustCommit(t, emu, "UBRUNO", "comment deleguer sans tout controler ?")
	if !strings.Contains(conf, "Je vous demanderai") || !strings.Contains(conf, "lun. 12 janv. 09:00") {
		t.Fatalf("Commit answered %q, want the follow-up on lun. 12 janv. 09:00 (Paris)", conf)
	}
	_, again := mustCommit(t, emu, "UBRUNO", "comment deleguer sans tout controler ?")
	if !strings.Contains(again, "déjà engagé") {
		t.Errorf("a second Commit on the same card answered %q, want 'already'", again)
	}
	pending, err := m.coaching.Service.Queue.Pending(context.Background(), emu.TeamID(), coaching.UserPrefix(emu.TeamID(), "UBRUNO"))
	if err != nil {
		t.Fatal(err)
	}
	var due []time.Time
	for _, p := range pending {
		if p.Kind == coaching.KindFollowUp {
			due = append(due, p.Due)
		}
	}
	if want := time.Date(2026, 1, 12, 8, 0, 0, 0, time.UTC); len(due) != 1 || !due[0].Equal(want) {
		t.Fatalf("planned follow-ups %v, want one at %v (09:00 Paris, 7 days on)", due, want)
	}
	waitHome(t, emu, "UBRUNO", "1 engagement")

	clock.Set(time.Date(2026, 1, 12, 8, 0, 1, 0, time.UTC))
	waitRoutine(t, emu, "the first follow-up", func(s *slackemu.Server) bool { return len(followUpsTo(s, "UBRUNO")) == 1 })
	fu := followUpsTo(emu, "UBRUNO")[0]
	acts := kitActions(t, fu.Blocks)
	for _, id := range []string{botcoaching.ActionDone, botcoaching.ActionPartly, botcoaching.ActionNotYet, botcoaching.ActionDrop, botcoaching.ActionNote} {
		if !strings.HasPrefix(acts[id], card+"@") {
			t.Fatalf("follow-up button %s = %q, want the commitment to %s: %s", id, acts[id], card, fu.Blocks)
		}
	}
	if !strings.Contains(fu.Text, "Comment ça s'est passé") {
		t.Errorf("follow-up text %q, want it in French", fu.Text)
	}

	// Not yet: the DM is edited in place, the next follow-up a week on.
	MustSend(t, emu, emu.BlockAction("UBRUNO", "", &fu, botcoaching.ActionNotYet, acts[botcoaching.ActionNotYet]))
	waitRoutine(t, emu, "the follow-up edited after Not yet", func(s *slackemu.Server) bool {
		m, ok := s.Message(fu.Channel, fu.TS)
		return ok && m.Edited && strings.Contains(plainJSON(m.Blocks), "lun. 19 janv. 09:00")
	})
	edited, _ := emu.Message(fu.Channel, fu.TS)
	if a := kitActions(t, edited.Blocks); a[botcoaching.ActionDone] != "" || a[botcoaching.ActionNote] == "" {
		t.Errorf("after Not yet the DM should keep only Add a note: %v", a)
	}
	waitHome(t, emu, "UBRUNO", "suivi le lun. 19 janv. 09:00")

	// A note from the DM: saved, shown in the DM, escaped once.
	MustSend(t, emu, emu.BlockAction("UBRUNO", "", &edited, botcoaching.ActionNote, acts[botcoaching.ActionNote]))
	waitRoutine(t, emu, "the note modal", func(s *slackemu.Server) bool {
		for _, v := range s.Views("UBRUNO") {
			if v.CallbackID == botcoaching.ViewNote {
				return true
			}
		}
		return false
	})
	ack := MustSend(t, emu, emu.ViewSubmission("UBRUNO", botcoaching.ViewNote, "", map[string]map[string]slackemu.Value{"note": {"text": slackemu.TextValue("   ")}}))
	if !strings.Contains(string(ack.Payload), `"errors"`) {
		t.Errorf("a blank note was not refused in the modal: %s", ack.Payload)
	}
	ack = MustSend(t, emu, emu.ViewSubmission("UBRUNO", botcoaching.ViewNote, "", map[string]map[string]slackemu.Value{"note": {"text": slackemu.TextValue("<!channel> Léa a pris les revues & le reporting")}}))
	if strings.Contains(string(ack.Payload), `"errors"`) {
		t.Fatalf("note refused: %s", ack.Payload)
	}
	waitRoutine(t, emu, "the note in the DM", func(s *slackemu.Server) bool {
		m, _ := s.Message(fu.Channel, fu.TS)
		return strings.Contains(plainJSON(m.Blocks), "Léa a pris")
	})
	withNote, _ := emu.Message(fu.Channel, fu.TS)
	if b := plainJSON(withNote.Blocks); strings.Contains(b, "<!channel>") || !strings.Contains(b, "&lt;!channel&gt; Léa a pris les revues &amp; le reporting") {
		t.Errorf("note not escaped exactly once: %s", b)
	}
	waitHome(t, emu, "UBRUNO", "Léa a pris")

	// The second follow-up, then Done: the DM says so with the kept-rate.
	clock.Set(time.Date(2026, 1, 19, 8, 0, 1, 0, time.UTC))
	waitRoutine(t, emu, "the second follow-up", func(s *slackemu.Server) bool { return len(followUpsTo(s, "UBRUNO")) == 2 })
	fu2 := followUpsTo(emu, "UBRUNO")[1]
	if !strings.Contains(plainJSON(fu2.Blocks), "pas encore") || !strings.Contains(plainJSON(fu2.Blocks), "Léa a pris") {
		t.Errorf("second follow-up should recall the 'not yet' and the note: %s", fu2.Blocks)
	}
	a2 := kitActions(t, fu2.Blocks)
	MustSend(t, emu, emu.BlockAction("UBRUNO", "", &fu2, botcoaching.ActionDone, a2[botcoaching.ActionDone]))
	waitRoutine(t, emu, "the second follow-up edited after Done", func(s *slackemu.Server) bool {
		m, _ := s.Message(fu2.Channel, fu2.TS)
		return m.Edited && strings.Contains(plainJSON(m.Blocks), "*Fait*")
	})
	if b, _ := emu.Message(fu2.Channel, fu2.TS); !strings.Contains(plainJSON(b.Blocks), "100 %") {
		t.Errorf("Done should show the kept-rate 100 %%: %s", b.Blocks)
	}
	home := waitHome(t, emu, "UBRUNO", "100 % sur 1 engagement clos")
	if strings.Contains(plainJSON(home.Blocks), "suivi le") {
		t.Errorf("App Home still lists the commitment as open: %s", home.Blocks)
	}
	// A double click on Done changes nothing and plans nothing.
	MustSend(t, emu, emu.BlockAction("UBRUNO", "", &fu2, botcoaching.ActionDone, a2[botcoaching.ActionDone]))
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}
	if n := len(followUpsTo(emu, "UBRUNO")); n != 2 {
		t.Errorf("%d follow-ups sent, want 2", n)
	}
	pending, _ = m.coaching.Service.Queue.Pending(context.Background(), emu.TeamID(), coaching.UserPrefix(emu.TeamID(), "UBRUNO"))
	for _, p := range pending {
		if p.Kind == coaching.KindFollowUp {
			t.Errorf("a follow-up is still planned after Done: %s", p.ID)
		}
	}
}

// userRedisKeys are the store's keys (scheduler's included) that name user.
func userRedisKeys(tb testing.TB, m *Main, user string) []string {
	tb.Helper()
	ctx := context.Background()
	var keys []string
	iter := m.Store.Client().Scan(ctx, 0, m.Store.Prefix()+"*"+user+"*", 500).Iterator()
	for iter.Next(ctx) {
		keys = append(keys, iter.Val())
	}
	if err := iter.Err(); err != nil {
		tb.Fatal(err)
	}
	return keys
}

// A journal entry from /cto journal, /cto export listing every key family
// of the user by DM, then /cto forget behind its confirmation leaving no
// key and no planned message. In English.
func TestE2ECoachingJournalExportForget(t *testing.T) {
	t.Parallel()
	emu := MustNewEmulator(t)
	m, _ := mustRunRoutineMain(t, emu, time.Date(2026, 1, 5, 15, 0, 0, 0, time.UTC)) // Monday 10:00 in New York
	mustSubscribeRoutines(t, emu, "UALICE", "America/New_York", "weekly-coffee")
	if _, conf := mustCommit(t, emu, "UALICE", "burnout signs"); !strings.Contains(conf, "Mon 12 Jan 09:30") && !strings.Contains(conf, "Mon 12 Jan") {
		t.Errorf("Commit answered %q, want the follow-up on Mon 12 Jan (New York)", conf)
	}

	// The journal: empty, then an entry written from its button.
	j := MustAnswer(t, emu, "UALICE", "journal")
	if !strings.Contains(j.all(), "journal is empty") {
		t.Errorf("/cto journal = %s, want the empty journal", j.all())
	}
	msg := &slackemu.Message{Channel: "CTEAM", Text: j.Text, Blocks: j.Blocks, Ephemeral: true}
	MustSend(t, emu, emu.BlockAction("UALICE", "CTEAM", msg, botcoaching.ActionJournal, ""))
	waitRoutine(t, emu, "the journal modal", func(s *slackemu.Server) bool {
		for _, v := range s.Views("UALICE") {
			if v.CallbackID == botcoaching.ViewJournal {
				return true
			}
		}
		return false
	})
	ack := MustSend(t, emu, emu.ViewSubmission("UALICE", botcoaching.ViewJournal, "", map[string]map[string]slackemu.Value{"journal": {"text": slackemu.TextValue(strings.Repeat("x", coaching.MaxJournalText+1))}}))
	if !strings.Contains(string(ack.Payload), `"errors"`) {
		t.Errorf("an entry over %d characters was not refused: %s", coaching.MaxJournalText, ack.Payload)
	}
	ack = MustSend(t, emu, emu.ViewSubmission("UALICE", botcoaching.ViewJournal, "", map[string]map[string]slackemu.Value{"journal": {"text": slackemu.TextValue("Handed the release notes to Sam.")}}))
	if strings.Contains(string(ack.Payload), `"errors"`) {
		t.Fatalf("journal entry refused: %s", ack.Payload)
	}
	if j := MustAnswer(t, emu, "UALICE", "journal"); !strings.Contains(j.all(), "Handed the release notes to Sam.") || !strings.Contains(j.all(), "1 entry") {
		t.Errorf("/cto journal after an entry = %s", j.all())
	}
	waitHome(t, emu, "UALICE", "Handed the release notes")

	// Export: every key of Alice's belongs to a family the DM lists.
	before := len(emu.Messages("UALICE"))
	if a := MustAnswer(t, emu, "UALICE", "export"); !strings.Contains(a.Text, "by DM") {
		t.Errorf("/cto export = %q, want 'sent by DM'", a.Text)
	}
	waitRoutine(t, emu, "the export DMs", func(s *slackemu.Server) bool { return len(s.Messages("UALICE")) >= before+2 })
	var dm strings.Builder
	for _, mm := range emu.Messages("UALICE")[before:] {
		dm.WriteString(plainJSON(mm.Blocks))
	}
	ex, err := m.coaching.Service.Export(context.Background(), emu.TeamID(), "UALICE")
	if err != nil {
		t.Fatal(err)
	}
	keysOf := map[string]bool{}
	for _, f := range ex.Families {
		keysOf[m.Store.Prefix()+f.Key] = true
		if !strings.Contains(dm.String(), "`"+f.Name+"`") {
			t.Errorf("the export DM does not list the family %s", f.Name)
		}
	}
	for _, want := range []string{"coaching:commitments", "coaching:journal", "routines"} {
		if !strings.Contains(strings.Join(ex.Names(), " "), want) {
			t.Errorf("export families %v lack %s", ex.Names(), want)
		}
	}
	if !strings.Contains(dm.String(), "Handed the release notes to Sam.") {
		t.Errorf("the export's JSON does not carry the journal entry")
	}
	for _, k := range userRedisKeys(t, m, "UALICE") {
		if strings.Contains(k, ":user:UALICE:") && !keysOf[k] {
			t.Errorf("key %s holds Alice's data but is in no exported family", k)
		}
	}

	// Forget: a confirmation first; Keep my data deletes nothing.
	f := MustAnswer(t, emu, "UALICE", "forget")
	acts := kitActions(t, f.Blocks)
	if _, ok := acts[botcoaching.ActionForget]; !ok || !strings.Contains(string(f.Blocks), `"confirm"`) {
		t.Fatalf("/cto forget = %s, want a Delete button behind a confirm dialog", f.Blocks)
	}
	fmsg := &slackemu.Message{Channel: "CTEAM", Text: f.Text, Blocks: f.Blocks, Ephemeral: true}
	keep := emu.BlockAction("UALICE", "CTEAM", fmsg, botcoaching.ActionCancel, "keep")
	MustSend(t, emu, keep)
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	defer cancel()
	if rs, err := emu.WaitResponses(ctx, keep.ResponseID, 1); err != nil || !strings.Contains(rs[0].Text, "Nothing deleted") {
		t.Fatalf("Keep my data: %v %v", rs, err)
	}
	if len(userRedisKeys(t, m, "UALICE")) == 0 {
		t.Fatalf("Keep my data deleted something")
	}
	del := emu.BlockAction("UALICE", "CTEAM", fmsg, botcoaching.ActionForget, "forget")
	MustSend(t, emu, del)
	rs, err := emu.WaitResponses(ctx, del.ResponseID, 1)
	if err != nil || !strings.Contains(rs[0].Text, "forgotten you") {
		t.Fatalf("forget: %v %v", rs, err)
	}
	// App Home is replaced at once by a neutral one, without reopening it.
	waitRoutine(t, emu, "the neutral App Home", func(s *slackemu.Server) bool {
		v, ok := s.HomeView("UALICE")
		return ok && strings.Contains(plainJSON(v.Blocks), "keeps nothing about you")
	})
	home, _ := emu.HomeView("UALICE")
	for _, theirs := range []string{"release notes", "commitment", "burnout", "Coffee", "coffee", "Journal", "journal", "New York"} {
		if strings.Contains(plainJSON(home.Blocks), theirs) {
			t.Errorf("App Home after /cto forget still shows %q: %s", theirs, home.Blocks)
		}
	}
	if err := m.Close(); err != nil { // every handler has returned
		t.Fatal(err)
	}
	if keys := userRedisKeys(t, m, "UALICE"); len(keys) != 0 {
		t.Errorf("keys of Alice left after /cto forget: %v", keys)
	}
	if p, err := m.coaching.Service.Queue.Pending(context.Background(), emu.TeamID(), coaching.UserPrefix(emu.TeamID(), "UALICE")); err != nil || len(p) != 0 {
		t.Errorf("planned messages left after /cto forget: %v %v", p, err)
	}
}

// reviewsTo are the Friday review nudges carrying the weekly review.
func reviewsTo(emu *slackemu.Server, user string) []slackemu.Message {
	var out []slackemu.Message
	for _, m := range routineNudgesTo(emu, user) {
		if strings.Contains(string(m.Blocks), `"block_id":"rv-title"`) {
			out = append(out, m)
		}
	}
	return out
}

// The Friday review nudge carries the weekly review: the week's routines
// done, the commitments due, the reflection prompt; its journal button
// stores a private entry under that prompt. In French.
func TestE2ECoachingWeeklyReviewAndJournal(t *testing.T) {
	t.Parallel()
	emu := MustNewEmulator(t)
	m, clock := mustRunRoutineMain(t, emu, time.Date(2026, 1, 5, 12, 0, 0, 0, time.UTC)) // Monday 13:00 in Paris
	mustSubscribeRoutines(t, emu, "UBRUNO", "Europe/Paris", "weekly-coffee", "weekly-review")

	clock.Set(time.Date(2026, 1, 9, 15, 0, 1, 0, time.UTC)) // Friday 9, 16:00 in Paris
	waitRoutine(t, emu, "the first weekly review", func(s *slackemu.Server) bool { return len(reviewsTo(s, "UBRUNO")) == 1 })
	first := plainJSON(reviewsTo(emu, "UBRUNO")[0].Blocks)
	if !strings.Contains(first, "faits : 0 · sautés : 0 · manqués : 0") {
		t.Errorf("first review (nothing done yet): %s", first)
	}

	// Monday's coffee, marked done; a commitment taken the same day.
	clock.Set(time.Date(2026, 1, 12, 8, 30, 1, 0, time.UTC))
	waitRoutine(t, emu, "the coffee nudge", func(s *slackemu.Server) bool { return len(routineNudgesTo(s, "UBRUNO")) == 2 })
	coffee := routineNudgesTo(emu, "UBRUNO")[1]
	// The bot records the sent nudge as "missed" just after posting it; a
	// Done pressed before that is overwritten (a race of the routine
	// delivery, reported): press once it is recorded.
	MustEventually(t, testTimeout, "the coffee recorded as sent", func() bool {
		outs, _ := m.Store.Outcomes(context.Background(), emu.TeamID(), "UBRUNO", time.Date(2026, 1, 12, 0, 0, 0, 0, time.UTC))
		return len(outs) == 1 && outs[0].Routine == "weekly-coffee"
	})
	// Pressed a little later (on a frozen clock the sent "missed" and the
	// Done would carry the same instant, and coaching.WeeklyReview keeps
	// either on a tie).
	clock.Set(time.Date(2026, 1, 12, 9, 0, 0, 0, time.UTC))
	MustSend(t, emu, emu.BlockAction("UBRUNO", "", &coffee, "routine.done", routineButtonValue(t, coffee.Blocks, "routine.done")))
	waitRoutine(t, emu, "the coffee marked done", func(s *slackemu.Server) bool {
		mm, _ := s.Message(coffee.Channel, coffee.TS)
		return mm.Edited
	})

	clock.Set(time.Date(2026, 1, 16, 15, 0, 1, 0, time.UTC)) // Friday 16, 16:00 in Paris
	waitRoutine(t, emu, "the second weekly review", func(s *slackemu.Server) bool { return len(reviewsTo(s, "UBRUNO")) == 2 })
	rv := reviewsTo(emu, "UBRUNO")[1]
	body := plainJSON(rv.Blocks)
	cat, _ := coaching.LoadCatalogue()
	prompt := coaching.PickPrompt(cat.Reflection, clock.Now(), mustLoc(t, "Europe/Paris"))
	for _, want := range []string{"*Votre semaine* — lun. 12 janv.", "faits : 1 · sautés : 0 · manqués : 0", "Rien d'attendu", prompt.FR, `"routine.done"`} {
		if !strings.Contains(body, want) {
			t.Errorf("second review lacks %q: %s", want, body)
		}
	}
	if acts := kitActions(t, rv.Blocks); acts[botcoaching.ActionJournal] != prompt.ID {
		t.Fatalf("journal button = %q, want the prompt %s", acts[botcoaching.ActionJournal], prompt.ID)
	}

	// The journal button: the entry is stored under the week's prompt.
	MustSend(t, emu, emu.BlockAction("UBRUNO", "", &rv, botcoaching.ActionJournal, prompt.ID))
	waitRoutine(t, emu, "the journal modal", func(s *slackemu.Server) bool {
		for _, v := range s.Views("UBRUNO") {
			if v.CallbackID == botcoaching.ViewJournal && strings.Contains(plainJSON(v.Blocks), prompt.FR) {
				return true
			}
		}
		return false
	})
	ack := MustSend(t, emu, emu.ViewSubmission("UBRUNO", botcoaching.ViewJournal, "", map[string]map[string]slackemu.Value{"journal": {"text": slackemu.TextValue("Les revues de code à Léa.")}}))
	if strings.Contains(string(ack.Payload), `"errors"`) {
		t.Fatalf("journal entry refused: %s", ack.Payload)
	}
	// Done on the review's nudge keeps the review in the DM.
	MustSend(t, emu, emu.BlockAction("UBRUNO", "", &rv, "routine.done", routineButtonValue(t, rv.Blocks, "routine.done")))
	waitRoutine(t, emu, "the review nudge marked done", func(s *slackemu.Server) bool {
		mm, _ := s.Message(rv.Channel, rv.TS)
		return mm.Edited && routineButtonValue(t, mm.Blocks, "routine.done") == ""
	})
	if mm, _ := emu.Message(rv.Channel, rv.TS); !strings.Contains(string(mm.Blocks), `"block_id":"rv-prompt"`) {
		t.Errorf("the weekly review left its DM when the nudge was marked done: %s", mm.Blocks)
	}
	es, err := m.coaching.Service.Journal(context.Background(), emu.TeamID(), "UBRUNO", 0)
	if err != nil || len(es) != 1 || es[0].Prompt != prompt.ID || es[0].Date != "2026-01-16" {
		t.Fatalf("journal = %+v %v, want one entry of 2026-01-16 under %s", es, err, prompt.ID)
	}
	if j := MustAnswer(t, emu, "UBRUNO", "journal"); !strings.Contains(j.all(), "Les revues de code à Léa.") || !strings.Contains(j.all(), prompt.FR) {
		t.Errorf("/cto journal = %s", j.all())
	}
}

func mustLoc(tb testing.TB, name string) *time.Location {
	tb.Helper()
	l, err := time.LoadLocation(name)
	if err != nil {
		tb.Fatal(err)
	}
	return l
}

// stepsTo are the programme step DMs to user.
func stepsTo(emu *slackemu.Server, user string) []slackemu.Message {
	var out []slackemu.Message
	for _, m := range emu.Messages(user) {
		if strings.Contains(string(m.Blocks), `"block_id":"step-title"`) {
			out = append(out, m)
		}
	}
	return out
}

// mustSubmitStep presses Done on a step DM, fills its form with values and
// waits for the DM to show the step done.
func mustSubmitStep(tb testing.TB, emu *slackemu.Server, user string, dm slackemu.Message, values map[string]map[string]slackemu.Value) {
	tb.Helper()
	views := len(emu.Views(user))
	MustSend(tb, emu, emu.BlockAction(user, "", &dm, botcoaching.ActionStepDone, kitActions(tb, dm.Blocks)[botcoaching.ActionStepDone]))
	waitRoutine(tb, emu, "the step form", func(s *slackemu.Server) bool { return len(s.Views(user)) > views })
	ack := MustSend(tb, emu, emu.ViewSubmission(user, botcoaching.ViewStep, "", values))
	if strings.Contains(string(ack.Payload), `"errors"`) {
		tb.Fatalf("step form refused: %s", ack.Payload)
	}
	waitRoutine(tb, emu, "the step DM marked done", func(s *slackemu.Server) bool {
		m, _ := s.Message(dm.Channel, dm.TS)
		return strings.Contains(string(m.Blocks), `"block_id":"step-state"`)
	})
}

// Progressive delegation: enrol from /cto programs; week 1 arrives at once
// and its list is kept; week 2 arrives 7 days later at 09:00 local, shows
// the list back and chooses from it; week 3 shows the choice; Stop ends it.
// In English.
func TestE2ECoachingDelegationProgramme(t *testing.T) {
	t.Parallel()
	emu := MustNewEmulator(t)
	m, clock := mustRunRoutineMain(t, emu, time.Date(2026, 1, 5, 15, 0, 0, 0, time.UTC)) // Monday 10:00 in New York

	a := MustAnswer(t, emu, "UALICE", "programs")
	if kitActions(t, a.Blocks)[botcoaching.ActionEnrol] == "" || !strings.Contains(a.all(), "Progressive delegation") {
		t.Fatalf("/cto programs = %s", a.all())
	}
	picker := &slackemu.Message{Channel: "CTEAM", Text: a.Text, Blocks: a.Blocks, Ephemeral: true}
	enrol := emu.BlockAction("UALICE", "CTEAM", picker, botcoaching.ActionEnrol, "delegation")
	MustSend(t, emu, enrol)
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	defer cancel()
	rs, err := emu.WaitResponses(ctx, enrol.ResponseID, 1)
	if err != nil || !strings.Contains(rs[0].Text+plainJSON(rs[0].Blocks), "started") || !strings.Contains(plainJSON(rs[0].Blocks), "step 1 of 6") {
		t.Fatalf("enrol answered %v %v", rs, err)
	}

	waitRoutine(t, emu, "week 1", func(s *slackemu.Server) bool { return len(stepsTo(s, "UALICE")) == 1 })
	w1 := stepsTo(emu, "UALICE")[0]
	if !strings.Contains(plainJSON(w1.Blocks), "Week 1") {
		t.Fatalf("first step = %s", w1.Blocks)
	}
	mustSubmitStep(t, emu, "UALICE", w1, map[string]map[string]slackemu.Value{"tasks": {"text": slackemu.TextValue("Code reviews\nBudget <report>\nHiring loops\n")}})

	clock.Set(time.Date(2026, 1, 12, 14, 0, 1, 0, time.UTC)) // Monday 12, 09:00 in New York
	waitRoutine(t, emu, "week 2", func(s *slackemu.Server) bool { return len(stepsTo(s, "UALICE")) == 2 })
	w2 := stepsTo(emu, "UALICE")[1]
	body := plainJSON(w2.Blocks)
	for _, want := range []string{"Week 2", "What you wrote earlier", "Code reviews", "Budget &lt;report&gt;", "Hiring loops"} {
		if !strings.Contains(body, want) {
			t.Errorf("week 2 lacks %q: %s", want, body)
		}
	}
	mustSubmitStep(t, emu, "UALICE", w2, map[string]map[string]slackemu.Value{"delegable": {"text": slackemu.MultiSelectValue("i0", "i2")}})

	clock.Set(time.Date(2026, 1, 19, 14, 0, 1, 0, time.UTC))
	waitRoutine(t, emu, "week 3", func(s *slackemu.Server) bool { return len(stepsTo(s, "UALICE")) == 3 })
	w3 := stepsTo(emu, "UALICE")[2]
	shown := plainJSON(w3.Blocks)
	if !strings.Contains(shown, "Code reviews") || !strings.Contains(shown, "Hiring loops") || strings.Contains(shown, "Budget") {
		t.Errorf("week 3 should show back the two tasks chosen in week 2 only: %s", shown)
	}

	// Stop (behind Slack's confirm): the DM says so, nothing more is planned.
	MustSend(t, emu, emu.BlockAction("UALICE", "", &w3, botcoaching.ActionStepStop, kitActions(t, w3.Blocks)[botcoaching.ActionStepStop]))
	waitRoutine(t, emu, "the stopped step", func(s *slackemu.Server) bool {
		mm, _ := s.Message(w3.Channel, w3.TS)
		return strings.Contains(mm.Text, "stopped")
	})
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}
	p, _ := m.coaching.Service.Queue.Pending(context.Background(), emu.TeamID(), coaching.UserPrefix(emu.TeamID(), "UALICE"))
	for _, task := range p {
		if strings.Contains(task.Kind, "step") {
			t.Errorf("a step is still planned after Stop: %s", task.ID)
		}
	}
}

// Marking the monthly networking event done starts the after-event
// programme: its step arrives 48 hours later, at that local time, with
// the form for the people met. In French.
func TestE2ECoachingAfterEventFollowUp(t *testing.T) {
	t.Parallel()
	emu := MustNewEmulator(t)
	m, clock := mustRunRoutineMain(t, emu, time.Date(2026, 1, 5, 12, 0, 0, 0, time.UTC))
	values := routineSettingsValues("Europe/Paris")
	values["rt_monthly"] = map[string]slackemu.Value{"pick": slackemu.CheckboxesValue("monthly-networking-event")}
	MustSend(t, emu, emu.SlashCommand("UBRUNO", "CTEAM", "/cto", "routines"))
	waitRoutine(t, emu, "the settings modal", func(s *slackemu.Server) bool { return len(s.Views("UBRUNO")) == 1 })
	before := len(emu.Messages("UBRUNO"))
	if ack := MustSend(t, emu, emu.ViewSubmission("UBRUNO", "routine.settings", "", values)); strings.Contains(string(ack.Payload), "errors") {
		t.Fatalf("settings refused: %s", ack.Payload)
	}
	waitRoutine(t, emu, "the settings confirmation DM", func(s *slackemu.Server) bool { return len(s.Messages("UBRUNO")) > before })

	clock.Set(time.Date(2026, 1, 19, 9, 0, 1, 0, time.UTC)) // Monday 19 (3rd of the month), 10:00 in Paris
	waitRoutine(t, emu, "the networking nudge", func(s *slackemu.Server) bool { return len(routineNudgesTo(s, "UBRUNO")) == 1 })
	n := routineNudgesTo(emu, "UBRUNO")[0]
	MustEventually(t, testTimeout, "the nudge recorded as sent", func() bool {
		outs, _ := m.Store.Outcomes(context.Background(), emu.TeamID(), "UBRUNO", time.Date(2026, 1, 19, 0, 0, 0, 0, time.UTC))
		return len(outs) == 1
	})
	clock.Set(time.Date(2026, 1, 19, 20, 0, 0, 0, time.UTC)) // marked done that evening, 21:00 in Paris
	MustSend(t, emu, emu.BlockAction("UBRUNO", "", &n, "routine.done", routineButtonValue(t, n.Blocks, "routine.done")))
	MustEventually(t, testTimeout, "the after-event step planned", func() bool {
		p, _ := m.coaching.Service.Queue.Pending(context.Background(), emu.TeamID(), coaching.UserPrefix(emu.TeamID(), "UBRUNO"))
		for _, task := range p {
			if task.Kind == coaching.KindStep && strings.Contains(task.ID, "after-event") {
				// 48 hours later is Wednesday 21:00, in quiet hours: moved
				// to their end, Thursday 09:00 in Paris.
				if want := time.Date(2026, 1, 22, 8, 0, 0, 0, time.UTC); !task.Due.Equal(want) {
					t.Fatalf("after-event step due %v, want %v", task.Due, want)
				}
				return true
			}
		}
		return false
	})
	clock.Set(time.Date(2026, 1, 22, 8, 0, 1, 0, time.UTC))
	waitRoutine(t, emu, "the after-event step", func(s *slackemu.Server) bool { return len(stepsTo(s, "UBRUNO")) == 1 })
	step := plainJSON(stepsTo(emu, "UBRUNO")[0].Blocks)
	if !strings.Contains(step, "Relancez les personnes rencontrées") || !strings.Contains(step, "5 à 10 contacts qualifiés") {
		t.Errorf("after-event step = %s", step)
	}

	// The people met, typed in the step's form, join the network list.
	mustSubmitStep(t, emu, "UBRUNO", stepsTo(emu, "UBRUNO")[0], map[string]map[string]slackemu.Value{"contacts": {"text": slackemu.TextValue("Camille Durand\nLeo <CTO @ Acme>\ncamille durand\n")}})
	MustEventually(t, testTimeout, "the people met in the network list", func() bool {
		cs, _ := m.Store.Contacts(context.Background(), emu.TeamID(), "UBRUNO")
		return len(cs) == 2
	})
	cs, _ := m.Store.Contacts(context.Background(), emu.TeamID(), "UBRUNO")
	names := map[string]bool{}
	for _, c := range cs {
		names[c.Name] = c.Tier == 2 && !c.LastContact.IsZero()
	}
	if !names["Camille Durand"] || !names["Leo <CTO @ Acme>"] {
		t.Errorf("network list %+v, want the two people met (once each), tier 2, met now", cs)
	}
}

// A mastermind group in a channel: set up with its rules shown, then three
// monthly sessions on the 2nd Thursday at 18:30 local, the presenter
// rotating, last month's actions followed up first. In English.
func TestE2ECoachingMastermindRotation(t *testing.T) {
	t.Parallel()
	emu := MustNewEmulator(t)
	people := []string{"UALICE", "UBRUNO", "UCLARA"}
	for _, id := range []string{"UDORA", "UEMIL", "UFANY"} {
		emu.AddUser(slackemu.User{ID: id, Name: strings.ToLower(id[1:]), RealName: id[1:], Locale: "en-US", TZ: "America/New_York"})
		people = append(people, id)
	}
	emu.AddChannel(slackemu.Channel{ID: "CMM", Name: "mastermind", Members: append(append([]string{}, people...), emu.BotUserID())})
	m, clock := mustRunRoutineMain(t, emu, time.Date(2026, 1, 5, 15, 0, 0, 0, time.UTC))

	if a := MustAnswer(t, emu, "UALICE", "mastermind <#CTEAM|team>"); !strings.Contains(a.Text, "6 to 8 members") {
		t.Errorf("a 3-member channel: %q, want the size rule", a.Text)
	}
	if a := MustAnswer(t, emu, "UALICE", "mastermind <#CMM|mastermind>"); !strings.Contains(a.Text, "set up in <#CMM>") {
		t.Fatalf("/cto mastermind = %q", a.Text)
	}
	posts := func() []slackemu.Message { return emu.Messages("CMM") }
	waitRoutine(t, emu, "the group's rules", func(s *slackemu.Server) bool { return len(s.Messages("CMM")) == 1 })
	created := plainJSON(posts()[0].Blocks)
	for _, want := range []string{"Confidentiality rules", "stays in the group", "(20 min)", "(40 min)", "Thu 8 Jan 18:30"} {
		if !strings.Contains(created, want) {
			t.Errorf("creation post lacks %q: %s", want, created)
		}
	}
	if strings.Contains(created, emu.BotUserID()) {
		t.Errorf("the bot is a member of its own group: %s", created)
	}

	var presenters []string
	sessions := []time.Time{
		time.Date(2026, 1, 8, 23, 30, 1, 0, time.UTC), time.Date(2026, 2, 12, 23, 30, 1, 0, time.UTC), time.Date(2026, 3, 12, 22, 30, 1, 0, time.UTC), // 18:30 New York (EDT from 8 March)
	}
	for i, at := range sessions {
		clock.Set(at)
		waitRoutine(t, emu, "session "+at.Format("Jan"), func(s *slackemu.Server) bool { return len(s.Messages("CMM")) == i+2 })
		post := posts()[i+1]
		body := plainJSON(post.Blocks)
		who := ""
		for _, p := range people {
			if strings.Contains(body, "this month <@"+p+"> presents") {
				who = p
			}
		}
		if who == "" {
			t.Fatalf("session %d names no presenter: %s", i+1, body)
		}
		presenters = append(presenters, who)
		if i == 1 && !strings.Contains(body, "<@UBRUNO> — Call two customers before pricing") {
			t.Errorf("session 2 does not follow up last month's action first: %s", body)
		}
		if i == 0 {
			// Bruno takes an action for next month from the session post.
			MustSend(t, emu, emu.BlockAction("UBRUNO", "CMM", &post, botcoaching.ActionMastermindAction, "CMM"))
			waitRoutine(t, emu, "the action modal", func(s *slackemu.Server) bool { return len(s.Views("UBRUNO")) == 1 })
			ack := MustSend(t, emu, emu.ViewSubmission("UBRUNO", botcoaching.ViewMastermindAction, "", map[string]map[string]slackemu.Value{"note": {"text": slackemu.TextValue("Call two customers before pricing")}}))
			if strings.Contains(string(ack.Payload), "errors") {
				t.Fatalf("action refused: %s", ack.Payload)
			}
		}
	}
	if presenters[0] == presenters[1] || presenters[1] == presenters[2] || presenters[0] == presenters[2] {
		t.Errorf("presenters over three months %v, want three different members in turn", presenters)
	}
	g, err := m.Store.Mastermind(context.Background(), emu.TeamID(), "CMM")
	if err != nil || len(g.Presenters) != 3 || g.Presenters[2] != presenters[2] {
		t.Errorf("stored rotation %v %v", g.Presenters, err)
	}
}

// TestE2EThreeReplicasSendEachFollowUpOnce reuses the nudge replica test's
// shape for follow-ups: three Mains on one store and one emulator, 300
// commitments taken through the use case (the Commit button is covered
// above; the delivery is under test here), the clock moved past their
// follow-up, one replica stopped mid-run: every user gets exactly one
// follow-up DM.
func TestE2EThreeReplicasSendEachFollowUpOnce(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("300 follow-ups through three replicas")
	}
	const users = 300
	emu := MustNewEmulator(t)
	ids := addBurstUsers(emu, "UF%04d", users)
	st := storetest.MustOpen(t)
	clock := &e2eRoutineClock{t: time.Date(2026, 1, 5, 8, 0, 0, 0, time.UTC)}
	var mains []*Main
	for range 3 {
		mains = append(mains, MustRunMain(t, emu, func(m *Main) {
			m.Store, m.Now, m.Log = st, clock.Now, discardLogger()
			m.SlackLimits = map[string]bot.MethodLimit{} // exactly-once is under test, not pacing
		}))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if err := emu.WaitConnections(ctx, 3); err != nil {
		t.Fatal(err)
	}
	for i, u := range ids {
		if _, _, err := mains[i%3].coaching.Service.Commit(ctx, emu.TeamID(), u, "delegation-progressive", "Write down your week.", "en"); err != nil {
			t.Fatalf("commit %s: %v", u, err)
		}
	}
	sent := func(s *slackemu.Server) int {
		n := 0
		for _, u := range ids {
			if len(followUpsTo(s, u)) > 0 {
				n++
			}
		}
		return n
	}
	clock.Set(time.Date(2026, 1, 12, 9, 0, 1, 0, time.UTC)) // 09:00 UTC, seven days on
	if err := emu.Wait(ctx, func(s *slackemu.Server) bool { return sent(s) >= users/5 }); err != nil {
		t.Fatalf("follow-ups did not start: %v", err)
	}
	if err := mains[1].Close(); err != nil { // a replica goes away mid-run
		t.Fatal(err)
	}
	if err := emu.Wait(ctx, func(s *slackemu.Server) bool { return sent(s) == users }); err != nil {
		t.Fatalf("only %d of %d users followed up: %v", sent(emu), users, err)
	}
	for _, i := range []int{0, 2} {
		if err := mains[i].Close(); err != nil {
			t.Fatal(err)
		}
	}
	for _, u := range ids {
		if n := len(followUpsTo(emu, u)); n != 1 {
			t.Errorf("%s got %d follow-ups, want exactly 1", u, n)
		}
	}
}

// App Home lists the open commitment with a menu; answering from it (no
// follow-up yet) closes it and App Home shows the kept-rate. In English.
func TestE2ECoachingAnswerFromAppHome(t *testing.T) {
	t.Parallel()
	emu := MustNewEmulator(t)
	mustRunRoutineMain(t, emu, time.Date(2026, 1, 5, 15, 0, 0, 0, time.UTC))
	mustCommit(t, emu, "UALICE", "burnout signs")
	home := waitHome(t, emu, "UALICE", "*Open* — 1 commitment")
	var done string
	for k := range kitActions(t, home.Blocks) {
		if v, ok := strings.CutPrefix(k, botcoaching.ActionRow+"="); ok && strings.HasPrefix(v, string(coaching.AnswerPartly)+"|") {
			done = v
		}
	}
	if done == "" {
		t.Fatalf("App Home has no answer menu on the commitment: %s", home.Blocks)
	}
	MustSend(t, emu, emu.BlockActionInView("UALICE", home.ID, botcoaching.ActionRow, done))
	waitRoutine(t, emu, "App Home after Partly", func(s *slackemu.Server) bool {
		v, _ := s.HomeView("UALICE")
		return strings.Contains(plainJSON(v.Blocks), "50% over 1 closed commitment")
	})
	v, _ := emu.HomeView("UALICE")
	if strings.Contains(plainJSON(v.Blocks), "*Open* — 1 commitment") {
		t.Errorf("App Home still lists it open: %s", v.Blocks)
	}
}

// The yearly plan's budget tracker: /cto budget, an expense logged from
// its button, the category and the total against the usual ranges. In French.
func TestE2ECoachingBudget(t *testing.T) {
	t.Parallel()
	emu := MustNewEmulator(t)
	mustRunRoutineMain(t, emu, time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC))
	a := MustAnswer(t, emu, "UBRUNO", "budget")
	if !strings.Contains(a.all(), "Budget de développement 2026") || !strings.Contains(a.all(), "25–40 k€") {
		t.Fatalf("/cto budget = %s", a.all())
	}
	msg := &slackemu.Message{Channel: "CTEAM", Text: a.Text, Blocks: a.Blocks, Ephemeral: true}
	MustSend(t, emu, emu.BlockAction("UBRUNO", "CTEAM", msg, botcoaching.ActionBudgetAdd, "add"))
	waitRoutine(t, emu, "the budget modal", func(s *slackemu.Server) bool { return len(s.Views("UBRUNO")) == 1 })
	bad := MustSend(t, emu, emu.ViewSubmission("UBRUNO", botcoaching.ViewBudget, "", map[string]map[string]slackemu.Value{
		"category": {"text": slackemu.SelectValue("conferences")}, "amount": {"text": slackemu.TextValue("beaucoup")},
	}))
	if !strings.Contains(string(bad.Payload), `"amount"`) {
		t.Errorf("a word for an amount was not refused: %s", bad.Payload)
	}
	ack := MustSend(t, emu, emu.ViewSubmission("UBRUNO", botcoaching.ViewBudget, "", map[string]map[string]slackemu.Value{
		"category": {"text": slackemu.SelectValue("conferences")}, "amount": {"text": slackemu.TextValue("6 000 €")}, "label": {"text": slackemu.TextValue("LeadDev")},
	}))
	if strings.Contains(string(ack.Payload), "errors") {
		t.Fatalf("expense refused: %s", ack.Payload)
	}
	b := MustAnswer(t, emu, "UBRUNO", "budget")
	if !strings.Contains(b.all(), "Conférences et événements : 6 000 € (5–10 k€) — dans la fourchette") || !strings.Contains(b.all(), "6 000 € (habituellement 25–40 k€") {
		t.Errorf("/cto budget after an expense = %s", b.all())
	}
}
