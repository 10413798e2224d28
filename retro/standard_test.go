package retro

import (
	"strings"
	"testing"
)

func TestNewStandard(t *testing.T) {
	tests := []struct {
		name  string
		title string
		text  string
		err   error
	}{
		{"ok", " Two reviewers per merge ", "Every merge request is approved by two developers.", nil},
		{"empty text is fine", "Daily deploys", "", nil},
		{"100-char title", strings.Repeat("é", 100), "", nil},
		{"101-char title", strings.Repeat("e", 101), "", ErrTitleTooLong},
		{"empty title", "   ", "text", ErrEmptyTitle},
		{"1000-char text", "t", strings.Repeat("x", 1000), nil},
		{"1001-char text", "t", strings.Repeat("x", 1001), ErrStandardTooLong},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := NewStandard(StandardInput{ID: "S1", TeamID: "T1", Title: tt.title, Text: tt.text, CreatedBy: "U1"}, t0)
			checkErr(t, err, tt.err)
			if tt.err == nil && (s.Title != strings.TrimSpace(tt.title) || !s.CreatedAt.Equal(t0) || s.Retired) {
				t.Errorf("got %+v, want trimmed title %q created at t0", s, strings.TrimSpace(tt.title))
			}
		})
	}
	_, err := NewStandard(StandardInput{ID: "S1", Title: "x"}, t0)
	checkErr(t, err, ErrBadBoard)
}

func TestPromote(t *testing.T) {
	b := MustBoard(t, PhaseCollect)
	MustAddCard(t, &b, "c1", "wind", "Review by two devs before merge\nand tests in CI", "U1", t0)
	_, err := b.Promote("c1", "S1", "U2", "", t0)
	checkErr(t, err, ErrWrongPhase) // texts still hidden

	b.Phase = PhaseClosed
	s, err := b.Promote("c1", "S1", "U2", "", t0)
	if err != nil {
		t.Fatalf("Promote: %v", err)
	}
	if s.Title != "Review by two devs before merge" || s.Text != b.Cards[0].Text || s.FromBoard != "B1" ||
		s.FromCard != "c1" || s.CreatedBy != "U2" || s.TeamID != "T1" {
		t.Errorf("standard = %+v", s)
	}
	if len(b.Promoted) != 1 || b.Promoted[0].ID != "S1" {
		t.Errorf("board Promoted = %+v, want S1", b.Promoted)
	}
	_, err = b.Promote("c1", "S2", "U2", "", t0)
	checkErr(t, err, ErrDuplicateID)
	_, err = b.Promote("nope", "S3", "U2", "", t0)
	checkErr(t, err, ErrCardNotFound)

	MustAddCard(t, &b, "c2", "wind", strings.Repeat("long ", 60), "U1", t0)
	s, err = b.Promote("c2", "S4", "U2", "", t0)
	if err != nil {
		t.Fatalf("Promote long card: %v", err)
	}
	if n := charLen(s.Title); n > MaxStandardTitleLen || !strings.HasSuffix(s.Title, "…") {
		t.Errorf("default title of a long card = %q (%d chars), want ≤ %d ending with …", s.Title, n, MaxStandardTitleLen)
	}
	MustAddCard(t, &b, "c3", "wind", "body", "U1", t0)
	if s, _ = b.Promote("c3", "S5", "U2", "Custom title", t0); s.Title != "Custom title" {
		t.Errorf("title = %q, want Custom title", s.Title)
	}
}

func TestEditAndRetireStandard(t *testing.T) {
	std := Standard{ID: "S1", Title: "Old", Text: "old", CreatedBy: "U1"}
	tests := []struct {
		user  string
		admin bool
		err   error
	}{
		{"U1", false, nil},
		{"UADMIN", true, nil},
		{"U2", false, ErrNotPromoter},
		{"", false, ErrNotPromoter},
	}
	for _, tt := range tests {
		if got := CanEditStandard(std, tt.user, tt.admin); got != (tt.err == nil) {
			t.Errorf("CanEditStandard(%q, %v) = %v, want %v", tt.user, tt.admin, got, tt.err == nil)
		}
		got, err := EditStandard(std, tt.user, tt.admin, " New ", " new text ")
		checkErr(t, err, tt.err)
		if tt.err == nil && (got.Title != "New" || got.Text != "new text") {
			t.Errorf("edited = %+v, want New / new text", got)
		}
		got, err = RetireStandard(std, tt.user, tt.admin, true)
		checkErr(t, err, tt.err)
		if tt.err == nil && !got.Retired {
			t.Errorf("retired = %+v, want Retired", got)
		}
	}
	if std.Title != "Old" || std.Retired {
		t.Errorf("the original was modified: %+v", std)
	}
	_, err := EditStandard(std, "U1", false, "", "x")
	checkErr(t, err, ErrEmptyTitle)
	back, err := RetireStandard(Standard{ID: "S", CreatedBy: "U1", Retired: true}, "U1", false, false)
	if err != nil || back.Retired {
		t.Errorf("un-retire: %+v, %v", back, err)
	}
}

func TestSearchStandards(t *testing.T) {
	list := []Standard{
		{ID: "1", Title: "Revue de code par deux développeurs", Text: "Aucun merge sans deux approbations."},
		{ID: "2", Title: "Daily deploys", Text: "Ship every day; code review happens before merge."},
		{ID: "3", Title: "Stand-up in 15 minutes", Text: "Keep the daily short."},
		{ID: "4", Title: "Old rule about code", Text: "", Retired: true},
		{ID: "5", Title: "L'équipe décide", Text: "Les solutions viennent de l'équipe."},
		{ID: "6", Title: "Merge checklist", Text: "Tests green."},
	}
	tests := []struct {
		query string
		want  string
	}{
		{"CODE", "1,2"},
		{"developpeurs", "1"},
		{"Développeurs", "1"},
		{"code merge", "1,2"},
		{"deploys ship", "2"},
		{"daily", "2,3"},
		{"l'equipe", "5"},
		{"équipe", "5"},
		{"kubernetes", ""},
		{"merge", "6,1,2"},
		{"", "1,2,3,5,6"},
	}
	for _, tt := range tests {
		var ids []string
		for _, s := range SearchStandards(list, tt.query) {
			ids = append(ids, s.ID)
		}
		if got := strings.Join(ids, ","); got != tt.want {
			t.Errorf("SearchStandards(%q) = %s, want %s", tt.query, got, tt.want)
		}
	}
}
