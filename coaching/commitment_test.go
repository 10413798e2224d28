package coaching

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestNewCommitmentDueSevenDaysLaterAtTheUserSlot(t *testing.T) {
	now := at(t, 2026, 12, 3, 17, 20) // Thursday
	c, err := NewCommitment("delegation-basics", "  Hand over the weekly report  ", "fr", now, parisSettings())
	if err != nil {
		t.Fatal(err)
	}
	if want := at(t, 2026, 12, 10, 9, 0); !c.Due.Equal(want) {
		t.Fatalf("due %v, want %v", c.Due, want)
	}
	if c.ID != "delegation-basics@20261203T162000Z" || c.Action != "Hand over the weekly report" || c.Lang != "fr" || c.Status != StatusOpen || c.Pending != 1 {
		t.Fatalf("commitment %+v", c)
	}
	// Saturday commitment: due Saturday a week later, sent on Monday.
	c, _ = NewCommitment("x", "y", "en", at(t, 2026, 12, 5, 10, 0), parisSettings())
	if want := at(t, 2026, 12, 14, 9, 0); !c.Due.Equal(want) {
		t.Fatalf("saturday: due %v, want %v", c.Due, want)
	}
}

func TestNewCommitmentRejectsBadInput(t *testing.T) {
	now := time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		card, action string
		want         error
	}{
		{"", "x", ErrInvalid},
		{"card", "   ", ErrEmpty},
		{"card", strings.Repeat("é", MaxActionText+1), ErrTooLong},
	} {
		if _, err := NewCommitment(c.card, c.action, "en", now, parisSettings()); !errors.Is(err, c.want) {
			t.Errorf("NewCommitment(%q, %d chars) = %v, want %v", c.card, len(c.action), err, c.want)
		}
	}
	if _, err := NewCommitment("c", "a", "en", now, parisSettings()); err != nil {
		t.Fatal(err)
	}
}

func TestFollowUpsExpireAfterThreeUnanswered(t *testing.T) {
	s := parisSettings()
	c, _ := NewCommitment("card", "act", "en", at(t, 2026, 12, 3, 17, 0), s)
	var dues []time.Time
	for seq := 1; seq <= 3; seq++ {
		var d FollowUp
		c, d = c.FollowUpDue(seq, c.Due, s)
		if d != FollowUpSend {
			t.Fatalf("follow-up %d: decision %v, want send", seq, d)
		}
		dues = append(dues, c.Due)
	}
	want := []time.Time{at(t, 2026, 12, 17, 9, 0), at(t, 2026, 12, 24, 9, 0), at(t, 2026, 12, 31, 9, 0)}
	for i := range want {
		if !dues[i].Equal(want[i]) {
			t.Fatalf("next due after follow-up %d = %v, want %v", i+1, dues[i], want[i])
		}
	}
	if c.Unanswered != 3 || c.Sent != 3 || c.Pending != 4 {
		t.Fatalf("after three: %+v", c)
	}
	// A retry of the third (delivery failed) is sent again, nothing planned.
	again, d := c.FollowUpDue(3, c.Due, s)
	if d != FollowUpResend || again.Pending != 4 || again.Unanswered != 3 {
		t.Fatalf("retry: %v %+v", d, again)
	}
	// A stale one (the first) is dropped.
	if _, d := c.FollowUpDue(1, c.Due, s); d != FollowUpStale {
		t.Fatalf("stale: %v", d)
	}
	end := c.Due
	c, d = c.FollowUpDue(4, end, s)
	if d != FollowUpExpire || c.Status != StatusExpired || !c.ClosedAt.Equal(end) || c.Pending != 0 {
		t.Fatalf("fourth: %v %+v", d, c)
	}
	if _, d := c.FollowUpDue(4, end, s); d != FollowUpStale {
		t.Fatalf("after expiry: %v", d)
	}
}

func TestAnswers(t *testing.T) {
	s := parisSettings()
	c, _ := NewCommitment("card", "act", "en", at(t, 2026, 12, 3, 17, 0), s)
	c, _ = c.FollowUpDue(1, c.Due, s)
	answered := at(t, 2026, 12, 10, 9, 30)
	ny, changed, err := c.Apply(AnswerNotYet, 1, answered, s)
	if err != nil || !changed {
		t.Fatal(err, changed)
	}
	if ny.Pending != 3 || ny.Unanswered != 0 || !ny.Due.Equal(at(t, 2026, 12, 17, 9, 0)) || !ny.Open() {
		t.Fatalf("not yet: %+v", ny)
	}
	// The planned follow-up 2 is now stale; 3 is the one.
	if _, d := ny.FollowUpDue(2, ny.Due, s); d != FollowUpStale {
		t.Fatalf("old pending after not yet: %v", d)
	}
	// The same button pressed twice changes nothing.
	if again, changed, err := ny.Apply(AnswerNotYet, 1, answered.Add(time.Second), s); err != nil || changed || again.Pending != 3 {
		t.Fatalf("double press: %v %v %+v", changed, err, again)
	}
	done, changed, err := ny.Apply(AnswerDone, 0, answered.Add(time.Hour), s)
	if err != nil || !changed || done.Status != StatusDone || done.Pending != 0 || !done.ClosedAt.Equal(answered.Add(time.Hour)) {
		t.Fatalf("done: %v %v %+v", changed, err, done)
	}
	if len(ny.Answers) != 1 || len(done.Answers) != 2 {
		t.Fatalf("answers aliased: %d %d", len(ny.Answers), len(done.Answers))
	}
	if _, _, err := done.Apply(AnswerDrop, 0, answered, s); !errors.Is(err, ErrClosed) {
		t.Fatalf("answer on closed: %v", err)
	}
	if _, _, err := ny.Apply("maybe", 0, answered, s); !errors.Is(err, ErrInvalid) {
		t.Fatalf("bad answer: %v", err)
	}
	for a, st := range map[Answer]Status{AnswerPartly: StatusPartly, AnswerDrop: StatusDropped} {
		got, _, _ := ny.Apply(a, 0, answered, s)
		if got.Status != st {
			t.Fatalf("%s: status %s", a, got.Status)
		}
	}
}

func TestKeptRate(t *testing.T) {
	now := time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)
	closed := func(st Status, ago time.Duration) Commitment {
		return Commitment{Status: st, ClosedAt: now.Add(-ago)}
	}
	day := 24 * time.Hour
	cs := []Commitment{
		closed(StatusDone, day),
		closed(StatusDone, 10*day),
		closed(StatusPartly, 20*day),
		closed(StatusDropped, 30*day),
		closed(StatusExpired, 40*day),
		closed(StatusDone, 84*day),       // exactly 12 weeks ago: outside (the window is half-open)
		closed(StatusDone, 84*day-1),     // just inside
		{Status: StatusOpen, Due: now},   // open: does not count
		closed(StatusDone, -time.Minute), // in the future: does not count
	}
	k := KeptRate(cs, now)
	if k.Closed != 6 || k.Done != 3 || k.Partly != 1 || k.Dropped != 1 || k.Expired != 1 || k.Score != 3.5 {
		t.Fatalf("kept %+v", k)
	}
	if want := 3.5 / 6; k.Rate != want {
		t.Fatalf("rate %v, want %v", k.Rate, want)
	}
	if z := KeptRate(nil, now); z.Rate != 0 || z.Closed != 0 {
		t.Fatalf("empty: %+v", z)
	}
}

func TestCleanNote(t *testing.T) {
	if got, err := CleanNote("  first line\r\nsecond  "); err != nil || got != "first line\nsecond" {
		t.Fatalf("CleanNote = %q %v", got, err)
	}
	if _, err := CleanNote(" \n "); !errors.Is(err, ErrEmpty) {
		t.Fatal(err)
	}
	if _, err := CleanNote(strings.Repeat("a", MaxNoteText+1)); !errors.Is(err, ErrTooLong) {
		t.Fatal(err)
	}
	if _, err := CleanNote(strings.Repeat("a", MaxNoteText)); err != nil {
		t.Fatal(err)
	}
	if _, err := CleanNote(strings.Repeat("a\n", MaxNoteLines) + "a"); !errors.Is(err, ErrTooLong) {
		t.Fatal(err)
	}
	if _, err := CleanNote("<b>&amp;</b>"); err != nil {
		t.Fatal("markup is the Slack side's to escape, not refused:", err)
	}
}

func TestJournalEntryDatedOnTheLocalDay(t *testing.T) {
	// 23:30 UTC on 4 Dec is 00:30 on 5 Dec in Paris.
	e, err := NewJournalEntry("j1", "learned", " text ", time.Date(2026, 12, 4, 23, 30, 0, 0, time.UTC), paris(t))
	if err != nil || e.Date != "2026-12-05" || e.Text != "text" {
		t.Fatalf("%+v %v", e, err)
	}
	if _, err := NewJournalEntry("j", "", strings.Repeat("x", MaxJournalText+1), time.Now(), nil); !errors.Is(err, ErrTooLong) {
		t.Fatal(err)
	}
}
