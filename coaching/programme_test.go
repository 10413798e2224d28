package coaching

import (
	"errors"
	"os/exec"
	"strings"
	"testing"
	"time"
)

func TestCatalogueFiguresAreTheArticles(t *testing.T) {
	c := mustCatalogue(t)
	b := c.Budget
	if b.Total != (Range{25, 40}) || b.SalaryShare != (Range{2, 3}) || b.Currency != "EUR" {
		t.Fatalf("budget total %+v share %+v", b.Total, b.SalaryShare)
	}
	want := map[string]Range{"training": {10, 15}, "conferences": {5, 10}, "coaching": {8, 12}, "books": {1, 2}}
	if len(b.Categories) != len(want) {
		t.Fatalf("%d categories", len(b.Categories))
	}
	for _, cat := range b.Categories {
		if want[cat.ID] != cat.Range {
			t.Errorf("category %s range %+v, want %+v", cat.ID, cat.Range, want[cat.ID])
		}
	}
	m := c.Mastermind
	if m.MinMembers != 6 || m.MaxMembers != 8 || m.Minutes.Presenter != 20 || m.Minutes.Discussion != 40 || m.TrialMonths != 3 || len(m.Rules) == 0 {
		t.Fatalf("mastermind %+v", m)
	}
	mentoring := mustProgramme(t, "mentoring")
	choose, _ := mentoring.Step("choose")
	if len(choose.Items) != 5 {
		t.Fatalf("mentor criteria: %d, want 5", len(choose.Items))
	}
	frame, _ := mentoring.Step("first-meeting")
	if len(frame.Items) != 5 || !strings.Contains(frame.Items[3].EN, "6 to 12 months") {
		t.Fatalf("first meeting framing: %+v", frame.Items)
	}
	prep, _ := mentoring.Step("session-prep")
	var mins []int
	for _, it := range prep.Items {
		mins = append(mins, it.Minutes)
	}
	if len(mins) != 4 || mins[0] != 10 || mins[1] != 30 || mins[2] != 15 || mins[3] != 5 {
		t.Fatalf("session agenda minutes %v, want 10/30/15/5", mins)
	}
	if !strings.Contains(strings.Join(prep.Show, ","), "next-actions") {
		t.Fatal("the prep does not show last time's next actions")
	}
	ev := mustProgramme(t, "after-event")
	if ev.Start != StartRoutineDone || ev.Trigger != "monthly-networking-event" || ev.Steps[0].Offset != (Offset{Hours: 48}) || !strings.Contains(ev.Steps[0].Prompt.EN, "5–10") {
		t.Fatalf("after-event %+v", ev)
	}
	if got := c.Triggered("monthly-networking-event"); len(got) != 1 || got[0].ID != "after-event" {
		t.Fatalf("triggered %v", got)
	}
	w2, _ := mustProgramme(t, "delegation").Step("w2-mark")
	if len(w2.Items) != 4 {
		t.Fatalf("delegation guide questions: %d, want 4", len(w2.Items))
	}
	if len(c.Reflection) != 4 {
		t.Fatal("reflection prompts")
	}
}

func TestDelegationKeepsTheListAndShowsItBack(t *testing.T) {
	p := mustProgramme(t, "delegation")
	var offsets []Offset
	for _, s := range p.Steps {
		offsets = append(offsets, s.Offset)
	}
	want := []Offset{{}, {Days: 7}, {Days: 14}, {Months: 1}, {Months: 2}, {Months: 5}}
	if len(offsets) != len(want) {
		t.Fatalf("offsets %v", offsets)
	}
	for i := range want {
		if offsets[i] != want[i] {
			t.Fatalf("step %d offset %+v, want %+v", i+1, offsets[i], want[i])
		}
	}
	// Every step after the first shows some of the list back.
	for _, s := range p.Steps[1:] {
		if len(s.Show) == 0 {
			t.Errorf("step %s shows nothing back", s.ID)
		}
	}
	w3, _ := p.Step("w3-train")
	f, _ := w3.Field("trained")
	if f.Kind != FieldChoose || f.From != "delegable" || f.Max != 2 {
		t.Fatalf("week 3 picks from the week-2 list, 1-2 tasks: %+v", f)
	}
	if pf, ok := w3.Field("person"); !ok || pf.Kind != FieldPerson {
		t.Fatal("week 3 names the person")
	}
}

func TestParseCatalogueRejects(t *testing.T) {
	good := string(programmesYAML)
	for name, bad := range map[string]string{
		"unknown field":      strings.Replace(good, "source:", "sauce: x\nsource:", 1),
		"choose from nobody": strings.Replace(good, "from: delegable\n            max: 2", "from: nothing\n            max: 2", 1),
		"show unknown":       strings.Replace(good, "show: [tasks]", "show: [nope]", 1),
		"missing french":     strings.Replace(good, `fr: "Semaine 1 : notez tout ce que vous faites"`, `fr: ""`, 1),
		"offsets backwards":  strings.Replace(good, "offset: {months: 5}", "offset: {days: 1}", 1),
	} {
		if bad == good {
			t.Fatalf("%s: the replacement did not apply", name)
		}
		if _, err := ParseCatalogue([]byte(bad)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

// TestNoSentenceOfTheArticles runs the project's overlap tool on this
// package: programme texts are our own words.
func TestNoSentenceOfTheArticles(t *testing.T) {
	tool := "/work/shared/tools/seed-overlap"
	if _, err := exec.LookPath(tool); err != nil {
		t.Skip("seed-overlap not available:", err)
	}
	out, err := exec.Command(tool, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("seed-overlap: %v\n%s", err, out)
	}
}

func TestStepDue(t *testing.T) {
	s := parisSettings()
	start := at(t, 2027, 1, 5, 14, 0) // Tuesday
	p := mustProgramme(t, "delegation")
	var got []time.Time
	for _, o := range p.Occurrences() {
		d, ok := StepDue(o.Offset, start, s)
		if !ok {
			t.Fatal("no due")
		}
		got = append(got, d)
	}
	want := []time.Time{
		at(t, 2027, 1, 5, 9, 0), // the start day's slot already passed: the caller sends step 1 at once
		at(t, 2027, 1, 12, 9, 0),
		at(t, 2027, 1, 19, 9, 0),
		at(t, 2027, 2, 5, 9, 0),
		at(t, 2027, 3, 5, 9, 0),
		at(t, 2027, 6, 7, 9, 0), // 5 June 2027 is a Saturday
	}
	for i := range want {
		if !got[i].Equal(want[i]) {
			t.Errorf("occurrence %d due %v, want %v", i+1, got[i], want[i])
		}
	}
	// Month arithmetic clamps to the month's end.
	if d, _ := StepDue(Offset{Months: 1}, at(t, 2027, 1, 31, 10, 0), s); !d.Equal(at(t, 2027, 3, 1, 9, 0)) {
		// 28 Feb 2027 is a Sunday: Monday 1 March.
		t.Errorf("31 Jan + 1 month = %v", d)
	}
	// 48 hours after an event marked done on Thursday 16:00: Saturday, so Monday 16:00.
	if d, _ := StepDue(Offset{Hours: 48}, at(t, 2027, 1, 7, 16, 0), s); !d.Equal(at(t, 2027, 1, 11, 16, 0)) {
		t.Errorf("48 h after thursday 16:00 = %v", d)
	}
	if d, _ := StepDue(Offset{Hours: 48}, at(t, 2027, 1, 5, 16, 0), s); !d.Equal(at(t, 2027, 1, 7, 16, 0)) {
		t.Errorf("48 h after tuesday 16:00 = %v", d)
	}
}

func TestMentoringPrepRepeats(t *testing.T) {
	p := mustProgramme(t, "mentoring")
	occ := p.Occurrences()
	if len(occ) != 2+6 {
		t.Fatalf("%d occurrences", len(occ))
	}
	last := occ[len(occ)-1]
	if last.Step != "session-prep" || last.N != 6 || last.Offset != (Offset{Months: 6}) || last.Seq != 8 {
		t.Fatalf("last %+v", last)
	}
}

func TestEnrolmentFlowAndAnswers(t *testing.T) {
	p := mustProgramme(t, "delegation")
	start := at(t, 2027, 1, 5, 14, 0)
	e := NewEnrolment(p, start, "fr")
	e, d := e.Arrive(p, e.Run(), 1, start)
	if d != FollowUpSend || e.Pending != 2 || e.Sent != 1 {
		t.Fatalf("arrive 1: %v %+v", d, e)
	}
	if _, d := e.Arrive(p, e.Run()+1, 2, start); d != FollowUpStale {
		t.Fatal("another run's task was not stale")
	}
	e, err := e.Complete(p, 1, map[string][]string{"tasks": {"weekly report", " code reviews ", "", "hiring loop", "weekly report"}}, start)
	if err != nil {
		t.Fatal(err)
	}
	if got := e.Answers["tasks"]; len(got) != 3 || got[1] != "code reviews" {
		t.Fatalf("tasks %q", got)
	}
	e, _ = e.Arrive(p, e.Run(), 2, start)
	if _, err := e.Complete(p, 2, map[string][]string{"delegable": {"not in the list"}}, start); !errors.Is(err, ErrInvalid) {
		t.Fatalf("a choice outside the week-1 list: %v", err)
	}
	e, err = e.Complete(p, 2, map[string][]string{"delegable": {"weekly report", "code reviews"}}, start)
	if err != nil {
		t.Fatal(err)
	}
	e, _ = e.Arrive(p, e.Run(), 3, start)
	if _, err := e.Complete(p, 3, map[string][]string{"trained": {"weekly report", "code reviews", "hiring loop"}}, start); err == nil {
		t.Fatal("three tasks trained, or one outside the week-2 list, accepted")
	}
	e, err = e.Complete(p, 3, map[string][]string{"trained": {"weekly report"}, "person": {"U42"}}, start)
	if err != nil {
		t.Fatal(err)
	}
	m6, _ := p.Step("m6-check")
	shown := ShowBack(p, m6, e.Answers)
	var ids []string
	for _, s := range shown {
		ids = append(ids, s.Field.ID+"="+strings.Join(s.Values, "|"))
	}
	if got := strings.Join(ids, " "); got != "tasks=weekly report|code reviews|hiring loop delegable=weekly report|code reviews trained=weekly report person=U42" {
		t.Fatalf("month 6 shows back %q", got)
	}
	if shown[0].Field.Label.FR == "" {
		t.Fatal("shown field without its label")
	}
	if _, err := e.Complete(p, 1, map[string][]string{"nope": {"x"}}, start); !errors.Is(err, ErrInvalid) {
		t.Fatal(err)
	}
	// Later: up to MaxLaterTimes, then no more.
	s := parisSettings()
	for i := range MaxLaterTimes {
		var ok bool
		e, _, ok = e.Later(4, start, s)
		if !ok {
			t.Fatalf("later %d refused", i+1)
		}
	}
	if _, _, ok := e.Later(4, start, s); ok {
		t.Fatal("later accepted past the limit")
	}
	stopped := e.Stop(start)
	if _, d := stopped.Arrive(p, stopped.Run(), stopped.Pending, start); d != FollowUpStale || stopped.Status != EnrolStopped {
		t.Fatal("a stopped programme goes on")
	}
	// The last occurrence completes the programme.
	e.Pending = len(p.Occurrences())
	done, d := e.Arrive(p, e.Run(), e.Pending, start)
	if d != FollowUpSend || done.Status != EnrolCompleted || done.Pending != 0 {
		t.Fatalf("last: %v %+v", d, done)
	}
}

func TestChooseFromItems(t *testing.T) {
	p := mustProgramme(t, "mentoring")
	st, _ := p.Step("choose")
	if _, err := CheckAnswers(st, nil, map[string][]string{"criteria": {"1", "5"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := CheckAnswers(st, nil, map[string][]string{"criteria": {"6"}}); !errors.Is(err, ErrInvalid) {
		t.Fatal(err)
	}
	fm, _ := p.Step("first-meeting")
	if _, err := CheckAnswers(fm, nil, map[string][]string{"months": {"six"}}); !errors.Is(err, ErrInvalid) {
		t.Fatal(err)
	}
	if _, err := CheckAnswers(fm, nil, map[string][]string{"rhythm": {strings.Repeat("x", MaxValueText+1)}}); !errors.Is(err, ErrTooLong) {
		t.Fatal(err)
	}
}
