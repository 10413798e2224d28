package coaching

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"ctocoach/coaching"
	"ctocoach/retro"
	"ctocoach/routine"
)

var (
	paris = mustZone("Europe/Paris")
	t0    = time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC) // Monday 09:00 Paris
	langs = []string{langEN, langFR}
	huge  = strings.Repeat("x", 40_000)
	evil  = "<!channel> R&D <@U999> *bold*"
)

func mustZone(n string) *time.Location {
	l, err := time.LoadLocation(n)
	if err != nil {
		panic(err)
	}
	return l
}

func commitment(action string) coaching.Commitment {
	return coaching.Commitment{ID: "delegation-list@20260302T080000Z", Card: "delegation-list", Action: action, Lang: "en",
		CreatedAt: t0, Due: t0.Add(coaching.FollowUpAfter), Status: coaching.StatusOpen, Pending: 1}
}

func notes(n int, text string) []coaching.Note {
	var out []coaching.Note
	for i := range n {
		out = append(out, coaching.Note{ID: fmt.Sprintf("n%02d", i), Commitment: "delegation-list@20260302T080000Z", Text: text, CreatedAt: t0.Add(time.Duration(i) * time.Hour)})
	}
	return out
}

// The follow-up offers the five answers, each carrying the commitment and
// the follow-up number; the action and notes are escaped once and cut.
func TestFollowUpBlocks(t *testing.T) {
	for _, lang := range langs {
		for _, tc := range []struct {
			name   string
			action string
			notes  []coaching.Note
		}{
			{"plain", "List your tasks of the week.", nil},
			{"evil", evil, notes(1, evil)},
			{"huge", huge, notes(12, huge)},
		} {
			m := FollowUp(lang, coaching.FollowUpMessage{Send: true, User: "U1", Seq: 2, Commitment: commitment(tc.action), Notes: tc.notes}, paris)
			k := checkKit(t, lang+"/"+tc.name, m.Blocks, maxMessage)
			for _, id := range []string{ActionDone, ActionPartly, ActionNotYet, ActionDrop, ActionNote} {
				v, ok := k.Actions[id]
				if !ok {
					t.Fatalf("%s/%s: no %s button", lang, tc.name, id)
				}
				if c, seq, ok := ParseRef(v); !ok || c != "delegation-list@20260302T080000Z" || seq != 2 {
					t.Errorf("%s: value %q does not name the commitment and follow-up 2", id, v)
				}
			}
			if strings.Contains(k.JSON, jsonText("<!channel>")) || strings.Contains(m.Text, "<!channel>") {
				t.Errorf("%s/%s: a mention went through unescaped", lang, tc.name)
			}
			if tc.name == "evil" && !strings.Contains(k.JSON, jsonText("&lt;!channel&gt; R&amp;D")) {
				t.Errorf("%s: the action is not escaped exactly once: %s", lang, k.JSON)
			}
			if strings.Contains(k.JSON, jsonText("&amp;lt;")) {
				t.Errorf("%s: escaped twice", lang)
			}
			if tc.name == "huge" && strings.Count(k.JSON, "_Mon 2 Mar_")+strings.Count(k.JSON, "_lun. 2 mars_") != maxNotesShown {
				t.Errorf("%s: want the last %d of 12 notes shown", lang, maxNotesShown)
			}
		}
	}
}

// The follow-up's date is the user's local time, in their language.
func TestFollowUpDatesAreLocal(t *testing.T) {
	m := CommitReply(langFR, commitment("Faire la liste."), true, paris)
	if !strings.Contains(m.Text, "lun. 9 mars 09:00") {
		t.Errorf("fr: %q, want the follow-up on lun. 9 mars 09:00 (Paris)", m.Text)
	}
	m = CommitReply(langEN, commitment("List."), true, paris)
	if !strings.Contains(m.Text, "Mon 9 Mar 09:00") {
		t.Errorf("en: %q", m.Text)
	}
	m = CommitReply(langEN, commitment("List."), false, paris)
	if !strings.Contains(m.Text, "already") {
		t.Errorf("a repeated commit says so: %q", m.Text)
	}
}

// Each answer edits the DM into a line that says what was recorded; Not
// yet says when the next follow-up comes; Add a note stays.
func TestAnsweredBlocks(t *testing.T) {
	kept := coaching.Kept{Closed: 3, Done: 2, Partly: 0, Dropped: 1, Score: 2, Rate: 2.0 / 3}
	for _, lang := range langs {
		for st, want := range map[coaching.Status]string{
			coaching.StatusDone: "67", coaching.StatusPartly: "67", coaching.StatusDropped: tr(lang, "answer.drop")[:3],
			coaching.StatusExpired: tr(lang, "answered.expired"), coaching.StatusOpen: "16",
		} {
			c := commitment("Do it")
			c.Status = st
			c.Due = t0.Add(14 * 24 * time.Hour)
			m := Answered(lang, c, notes(2, "ok"), kept, 1, paris)
			k := checkKit(t, lang+"/"+string(st), m.Blocks, maxMessage)
			if !strings.Contains(m.Text, want) && !strings.Contains(k.JSON, want) {
				t.Errorf("%s/%s: %q lacks %q", lang, st, m.Text, want)
			}
			if _, ok := k.Actions[ActionNote]; !ok {
				t.Errorf("%s/%s: no Add a note", lang, st)
			}
			for _, id := range []string{ActionDone, ActionPartly, ActionNotYet, ActionDrop} {
				if _, ok := k.Actions[id]; ok {
					t.Errorf("%s/%s: the answered DM still offers %s", lang, st, id)
				}
			}
		}
	}
}

func TestNoteModal(t *testing.T) {
	for _, lang := range langs {
		v := NoteModal(Meta{Lang: lang, ID: "c@1", Seq: 3, Channel: "D1", TS: "1.2"}, nil)
		checkModal(t, "note "+lang, v)
		m, err := ParseMeta(v.PrivateMetadata)
		if err != nil || m != (Meta{Lang: lang, ID: "c@1", Seq: 3, Channel: "D1", TS: "1.2"}) {
			t.Errorf("meta %q → %+v %v", v.PrivateMetadata, m, err)
		}
		n := coaching.Note{ID: "n1", Text: "a <b> & c"}
		v = NoteModal(Meta{Lang: lang, ID: "c@1"}, &n)
		checkModal(t, "edit note "+lang, v)
		in := v.Blocks.BlockSet[0].(*slack.InputBlock).Element.(*slack.PlainTextInputBlockElement)
		if in.InitialValue != "a <b> & c" || in.MaxLength != coaching.MaxNoteText {
			t.Errorf("edit: initial %q (a modal input is not escaped), max %d", in.InitialValue, in.MaxLength)
		}
		if m, _ := ParseMeta(v.PrivateMetadata); m.Note != "n1" || m.ID != "c@1" {
			t.Errorf("edit meta %q", v.PrivateMetadata)
		}
		errs, ok := NoteError(lang, fmt.Errorf("x: %w", coaching.ErrTooLong))
		if !ok || !strings.Contains(errs[inputNote], "1000") {
			t.Errorf("too long: %v", errs)
		}
		if _, ok := NoteError(lang, errors.New("redis down")); ok {
			t.Errorf("another error is not an inline one")
		}
	}
	for _, bad := range []string{"", "x", "{", "[1]"} {
		if _, err := ParseMeta(bad); err == nil {
			t.Errorf("ParseMeta(%q) accepted", bad)
		}
	}
	if m, _ := ParseMeta(`{"l":"de"}`); m.Lang != langEN {
		t.Errorf("unknown language → %q, want en", m.Lang)
	}
	for _, bad := range []string{"", "x", "|1", "c|-1", "c|01", "c|1|2", "c|"} {
		if _, _, ok := ParseRef(bad); ok {
			t.Errorf("ParseRef(%q) accepted", bad)
		}
	}
	st := &slack.ViewState{Values: map[string]map[string]slack.BlockAction{inputNote: {inputText: {Value: "hi"}}}}
	if NoteText(st) != "hi" || NoteText(nil) != "" || NoteText(&slack.ViewState{}) != "" {
		t.Errorf("NoteText")
	}
}

// /cto commitments: the open ones with their follow-up dates and a menu,
// the kept-rate with the right plural, the last notes with edit/delete.
func TestOverviewBlocks(t *testing.T) {
	var open []coaching.Commitment
	for i := range 14 {
		c := commitment(huge)
		c.ID = fmt.Sprintf("card-%02d@20260302T080000Z", i)
		open = append(open, c)
	}
	for _, lang := range langs {
		for _, tc := range []struct {
			name string
			o    coaching.Overview
			want []string
		}{
			{"empty", coaching.Overview{}, []string{tr(lang, "list.none"), tr(lang, "list.kept_none")}},
			{"one", coaching.Overview{Open: open[:1], Kept: coaching.Kept{Closed: 1, Done: 1, Score: 1, Rate: 1}, Notes: notes(1, evil)},
				[]string{trn(lang, "list.open", 1, 1), trn(lang, "list.kept", 1, percent(lang, 1), 1, 1, 0, 0, 0), "&lt;!channel&gt;"}},
			{"many", coaching.Overview{Open: open, Kept: coaching.Kept{Closed: 4, Done: 1, Partly: 2, Expired: 1, Score: 2, Rate: 0.5}, Notes: notes(5, huge)},
				[]string{trn(lang, "list.open", 14, 14), tr(lang, "list.more", 4), percent(lang, 0.5)}},
		} {
			m := CommitmentsReply(lang, tc.o, paris)
			k := checkKit(t, lang+"/"+tc.name, m.Blocks, maxMessage)
			for _, w := range tc.want {
				if !strings.Contains(k.JSON, jsonText(w)) {
					t.Errorf("%s/%s: want %q in %s", lang, tc.name, w, k.JSON)
				}
			}
			h := HomeSection(lang, tc.o, []coaching.JournalEntry{{ID: "j", Date: "2026-03-06", Text: huge}}, paris)
			checkKit(t, "home "+lang+"/"+tc.name, h, 100)
		}
	}
	m := CommitmentsReply(langFR, coaching.Overview{Open: open[:2]}, paris)
	k := checkKit(t, "rows", m.Blocks, maxMessage)
	rows := 0
	for _, v := range k.Values {
		if what, c, ok := ParseRow(v); ok {
			rows++
			if !strings.HasPrefix(c, "card-0") || (what != rowNote && !coaching.Answer(what).Valid()) {
				t.Errorf("row value %q", v)
			}
		}
	}
	if rows != 10 {
		t.Errorf("%d row options, want 5 per open commitment (2)", rows)
	}
	if !strings.Contains(k.JSON, "lun. 9 mars 09:00") {
		t.Errorf("due date not local: %s", k.JSON)
	}
	if _, _, ok := ParseRow("maybe|c"); ok {
		t.Errorf("ParseRow accepts an unknown answer")
	}
	if op, n, c, ok := ParseNoteRow("delete|n1|c@1"); !ok || op != "delete" || n != "n1" || c != "c@1" {
		t.Errorf("ParseNoteRow")
	}
}

// jsonText is s as it appears inside a JSON string.
func jsonText(s string) string {
	r := strings.NewReplacer(`"`, `\"`, "\n", `\n`, "&", `\u0026`, "<", `\u003c`, ">", `\u003e`)
	return r.Replace(s)
}

func catalogue(t *testing.T) *coaching.Catalogue {
	t.Helper()
	c, err := coaching.LoadCatalogue()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// Every step of every programme renders within the limits, with Done /
// Later / Stop naming the occurrence; earlier answers are shown back;
// its form has one input per field and reads back into answers
// CheckAnswers accepts.
func TestStepBlocksAndForms(t *testing.T) {
	cat := catalogue(t)
	for _, lang := range langs {
		for _, p := range cat.Programmes {
			prev := map[string][]string{}
			for _, o := range p.Occurrences() {
				st, _ := p.Step(o.Step)
				shown := coaching.ShowBack(p, st, prev)
				m := Step(lang, coaching.StepMessage{Send: true, User: "U1", Lang: lang, Programme: p, Step: st, Occurrence: o, Shown: shown})
				what := fmt.Sprintf("%s %s #%d", lang, p.ID, o.Seq)
				k := checkKit(t, what, m.Blocks, maxMessage)
				for _, id := range []string{ActionStepDone, ActionStepLater, ActionStepStop} {
					pr, seq, ok := ParseStepRef(k.Actions[id])
					if !ok || pr != p.ID || seq != o.Seq {
						t.Errorf("%s: %s value %q", what, id, k.Actions[id])
					}
				}
				for _, s := range shown {
					if !strings.Contains(k.JSON, jsonText(escaped(s.Values[0]))) {
						t.Errorf("%s: earlier answer %q not shown back", what, s.Values[0])
					}
				}
				if len(st.Fields) == 0 {
					continue
				}
				v := StepModal(Meta{Lang: lang, Seq: o.Seq}, p, st, prev)
				if m, _ := ParseMeta(v.PrivateMetadata); m.ID != p.ID || m.Seq != o.Seq {
					t.Errorf("%s: form meta %q", what, v.PrivateMetadata)
				}
				checkModal(t, what+" form", v)
				// Fill the form the way Slack sends it back.
				state := &slack.ViewState{Values: map[string]map[string]slack.BlockAction{}}
				for _, b := range v.Blocks.BlockSet {
					ib, ok := b.(*slack.InputBlock)
					if !ok {
						continue
					}
					f, _ := st.Field(ib.BlockID)
					var ba slack.BlockAction
					switch el := ib.Element.(type) {
					case *slack.PlainTextInputBlockElement:
						ba.Value = "answer " + f.ID
						if f.Kind == coaching.FieldList {
							ba.Value = "first " + f.ID + "\nsecond " + f.ID + "\n"
						}
						if f.Kind == coaching.FieldNumber {
							ba.Value = "3"
						}
					case *slack.MultiSelectBlockElement:
						for i, o := range el.Options {
							if f.Max == 0 || i < f.Max {
								ba.SelectedOptions = append(ba.SelectedOptions, slack.OptionBlockObject{Value: o.Value})
							}
						}
					default:
						t.Fatalf("%s: element %T", what, el)
					}
					state.Values[ib.BlockID] = map[string]slack.BlockAction{inputText: ba}
				}
				got := StepAnswers(st, prev, state)
				clean, err := coaching.CheckAnswers(st, prev, got)
				if err != nil {
					t.Fatalf("%s: the form's answers are refused: %v (%v)", what, err, got)
				}
				for id, vs := range clean {
					prev[id] = vs
				}
			}
			if p.ID == "delegation" {
				if len(prev["tasks"]) != 2 || len(prev["delegable"]) != 2 || len(prev["trained"]) != 2 || prev["person"][0] != "answer person" {
					t.Errorf("%s: answers do not flow from step to step: %v", lang, prev)
				}
			}
		}
	}
}

func TestProgrammesPicker(t *testing.T) {
	cat := catalogue(t)
	name := func(id string) string { return "Networking event" }
	for _, lang := range langs {
		m := Programmes(lang, cat, nil, name)
		k := checkKit(t, "picker "+lang, m.Blocks, maxMessage)
		if v := k.Actions[ActionEnrol]; v == "" {
			t.Errorf("%s: no Start button", lang)
		}
		es := []coaching.Enrolment{{Programme: "delegation", Status: coaching.EnrolActive, Sent: 2, Pending: 3}}
		m = Programmes(lang, cat, es, name)
		k = checkKit(t, "picker enrolled "+lang, m.Blocks, maxMessage)
		if pr, seq, ok := ParseStepRef(k.Actions[ActionStepStop]); !ok || pr != "delegation" || seq != 3 {
			t.Errorf("%s: stop %q", lang, k.Actions[ActionStepStop])
		}
		if !strings.Contains(k.JSON, tr(lang, "prog.active", 2, 6)) {
			t.Errorf("%s: progress line missing: %s", lang, k.JSON)
		}
	}
}

// The weekly review sums the week: routines done/skipped/missed, the
// commitments, retro actions and contacts due, the prompt and the
// journal button carrying the prompt id.
func TestReviewBlocks(t *testing.T) {
	cat := catalogue(t)
	name := func(id string) string { return "R:" + id }
	full := coaching.Review{
		WeekStart: time.Date(2026, 3, 2, 0, 0, 0, 0, paris), Done: 3, Skipped: 1, Missed: 2, Routines: []string{"weekly-coffee", "weekly-review"},
		CommitmentsDue: []coaching.Commitment{commitment(evil)},
		RetroActions:   []retro.Action{{ID: "a1", Text: huge, Owner: "U1", Due: "2026-03-06"}},
		ContactsDue:    []routine.Contact{{ID: "c1", Name: "Ada <x>"}, {ID: "c2", SlackUser: "U77", Name: "Bob"}},
		Prompt:         cat.Reflection[0],
	}
	for i := range 20 {
		full.RetroActions = append(full.RetroActions, retro.Action{ID: fmt.Sprint(i), Text: "act", Owner: "U1"})
	}
	for _, lang := range langs {
		for name2, r := range map[string]coaching.Review{"full": full, "empty": {WeekStart: full.WeekStart, Prompt: cat.Reflection[1]}} {
			m := Review(lang, r, paris, name)
			k := checkKit(t, lang+" "+name2, m.Blocks, maxMessage)
			if k.Actions[ActionJournal] != r.Prompt.ID {
				t.Errorf("%s: journal button value %q, want the prompt id", lang, k.Actions[ActionJournal])
			}
			if !strings.Contains(k.JSON, jsonText(tr(lang, "review.routines", r.Done, r.Skipped, r.Missed))) {
				t.Errorf("%s %s: routine counts missing", lang, name2)
			}
			if !strings.Contains(k.JSON, jsonText(escaped(r.Prompt.In(lang)))) {
				t.Errorf("%s: prompt missing", lang)
			}
			if name2 == "full" {
				for _, w := range []string{"R:weekly-coffee", "&lt;!channel&gt;", "Ada &lt;x&gt;", "<@U77>", tr(lang, "list.more", 13)} {
					if !strings.Contains(k.JSON, jsonText(w)) {
						t.Errorf("%s: want %q", lang, w)
					}
				}
			}
		}
		v := JournalModal(Meta{Lang: lang}, cat.Reflection[2])
		checkModal(t, "journal "+lang, v)
		if m, _ := ParseMeta(v.PrivateMetadata); m.Prompt != cat.Reflection[2].ID || m.Lang != lang {
			t.Errorf("journal meta %q", v.PrivateMetadata)
		}
		checkModal(t, "journal free "+lang, JournalModal(Meta{Lang: lang}, coaching.ReflectionPrompt{}))
		if e, ok := JournalError(lang, coaching.ErrTooLong); !ok || !strings.Contains(e[inputJournal], "3") {
			t.Errorf("journal too long: %v", e)
		}
	}
}

func TestJournalBlocks(t *testing.T) {
	cat := catalogue(t)
	var es []coaching.JournalEntry
	for i := range 14 {
		es = append(es, coaching.JournalEntry{ID: fmt.Sprint("j", i), Date: "2026-03-06", Prompt: "learned", Text: huge})
	}
	for _, lang := range langs {
		for _, n := range []int{0, 1, 14} {
			m := Journal(lang, es[:n], cat.Reflection)
			k := checkKit(t, fmt.Sprint("journal ", lang, n), m.Blocks, maxMessage)
			if !strings.Contains(k.JSON, jsonText(trn(lang, "journal.count", n, n))) {
				t.Errorf("%s %d: count", lang, n)
			}
		}
	}
	if got := trn(langFR, "journal.count", 0, 0); got != "0 entrée" {
		t.Errorf("fr 0: %q", got)
	}
	if got := trn(langEN, "journal.count", 0, 0); got != "0 entries" {
		t.Errorf("en 0: %q", got)
	}
}

func TestExportAndForget(t *testing.T) {
	ex := coaching.Export{Team: "T1", User: "U1", At: t0, Families: []coaching.Family{
		{Name: "coaching:commitments", Type: "hash", Data: []byte(`{"a":1,"b":2}`)},
		{Name: "coaching:journal", Type: "list", Data: []byte(`[1]`)},
		{Name: "profile", Type: "string", Data: []byte(`"x"`)},
	}, Tasks: []coaching.Task{{ID: "x"}}}
	for _, lang := range langs {
		m := ExportMessage(lang, ex, paris)
		k := checkKit(t, "export "+lang, m.Blocks, maxMessage)
		for _, w := range []string{"coaching:commitments", trn(lang, "export.items", 2, 2), trn(lang, "export.items", 1, 1), trn(lang, "export.tasks", 1, 1)} {
			if !strings.Contains(k.JSON, jsonText(w)) {
				t.Errorf("%s: want %q", lang, w)
			}
		}
		checkKit(t, "export empty "+lang, ExportMessage(lang, coaching.Export{At: t0}, paris).Blocks, maxMessage)
		f := ForgetConfirmation(lang)
		k = checkKit(t, "forget "+lang, f.Blocks, maxMessage)
		if _, ok := k.Actions[ActionForget]; !ok || !strings.Contains(k.JSON, `"confirm"`) {
			t.Errorf("%s: forget button without a confirm dialog", lang)
		}
		checkKit(t, "forgotten "+lang, Forgotten(lang, true).Blocks, maxMessage)
	}
	name, data, err := ExportFile(ex)
	if err != nil || name != "ctocoach-export-20260302.json" || !strings.Contains(string(data), `"coaching:journal"`) {
		t.Errorf("ExportFile: %s %v", name, err)
	}
}

// The export's JSON goes out whole, escaped once, in chunks within the
// limits.
func TestExportChunks(t *testing.T) {
	data := []byte(strings.Repeat(`{"a":"<&>é"},`, 20_000))
	ms := ExportChunks(data)
	var back strings.Builder
	for i, m := range ms {
		checkKit(t, fmt.Sprint("chunk ", i), m.Blocks, maxMessage)
		for _, b := range m.Blocks {
			s := b.(*slack.SectionBlock).Text.Text
			back.WriteString(strings.TrimSuffix(strings.TrimPrefix(s, "```"), "```"))
		}
	}
	if got := strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&").Replace(back.String()); got != string(data) {
		t.Errorf("the chunks do not carry the export back (%d vs %d chars)", len(got), len(data))
	}
	if len(ms) < 2 {
		t.Errorf("%d messages for %d KB: want several", len(ms), len(data)/1024)
	}
}

func TestMastermindBlocks(t *testing.T) {
	cat := catalogue(t)
	g := coaching.Mastermind{Channel: "C1", Members: []string{"U1", "U2", "U3", "U4", "U5", "U6"}, TZ: "Europe/Paris"}
	var acts []coaching.MastermindAction
	for i := range 30 {
		acts = append(acts, coaching.MastermindAction{Owner: "U1", Text: evil + fmt.Sprint(i) + huge})
	}
	for _, lang := range langs {
		g.Lang = lang
		k := checkKit(t, "created "+lang, MastermindCreated(g, cat.Mastermind, t0).Blocks, maxMessage)
		if !strings.Contains(k.JSON, "20 min") || !strings.Contains(k.JSON, "40 min") || !strings.Contains(k.JSON, jsonText(escaped(cat.Mastermind.Rules[0].In(lang)))) {
			t.Errorf("%s: creation lacks the format or the rules: %s", lang, k.JSON)
		}
		s := coaching.Session{Presenter: "U2", PresenterMinutes: 20, DiscussionMinutes: 40, FollowUp: acts}
		k = checkKit(t, "session "+lang, MastermindSession(g, s).Blocks, maxMessage)
		if k.Actions[ActionMastermindAction] != "C1" || strings.Contains(k.JSON, jsonText("<!channel>")) || !strings.Contains(k.JSON, "\\u003c@U2\\u003e") {
			t.Errorf("%s: session post: %s", lang, k.JSON)
		}
		checkKit(t, "no presenter "+lang, MastermindSession(g, coaching.Session{PresenterMinutes: 20, DiscussionMinutes: 40}).Blocks, maxMessage)
		checkModal(t, "action "+lang, MastermindActionModal(Meta{Lang: lang, ID: "C1"}))
	}
	if ch, ok := ParseChannel("x <#C0AB12|team> y"); !ok || ch != "C0AB12" {
		t.Errorf("ParseChannel: %q %v", ch, ok)
	}
	if _, ok := ParseChannel("#team"); ok {
		t.Errorf("ParseChannel accepts typed text")
	}
}

func TestBudgetBlocks(t *testing.T) {
	cat := catalogue(t)
	es := []coaching.BudgetEntry{{Category: "training", Euros: 12500, Date: "2026-03-01"}, {Category: "books", Euros: 2500, Date: "2026-03-02"}}
	b := coaching.SummariseBudget(es, 2026, cat.Budget)
	for _, lang := range langs {
		k := checkKit(t, "budget "+lang, Budget(lang, b).Blocks, maxMessage)
		for _, w := range []string{euros(lang, 12500), "(10–15 k€)", tr(lang, "budget.within"), tr(lang, "budget.above"), tr(lang, "budget.below"), "25–40 k€", "2–3"} {
			if !strings.Contains(k.JSON, jsonText(w)) {
				t.Errorf("%s: budget lacks %q: %s", lang, w, k.JSON)
			}
		}
		checkModal(t, "budget modal "+lang, BudgetModal(Meta{Lang: lang}, cat.Budget))
	}
	if euros(langFR, 1234567) != "1 234 567 €" || euros(langEN, 999) != "€999" {
		t.Errorf("euros: %q %q", euros(langFR, 1234567), euros(langEN, 999))
	}
	st := func(cat, amount string) *slack.ViewState {
		return &slack.ViewState{Values: map[string]map[string]slack.BlockAction{
			inputCategory: {inputText: {SelectedOption: slack.OptionBlockObject{Value: cat}}},
			inputAmount:   {inputText: {Value: amount}},
		}}
	}
	for in, want := range map[string]int{"1 200 €": 1200, "2k": 2000, "€3,500": 3500, "12.000": 12000} {
		if c, n, _, ok := BudgetInput(st("training", in)); !ok || n != want || c != "training" {
			t.Errorf("BudgetInput(%q) = %d %v, want %d", in, n, ok, want)
		}
	}
	if _, _, _, ok := BudgetInput(st("training", "lots")); ok {
		t.Errorf("a word taken for an amount")
	}
}
