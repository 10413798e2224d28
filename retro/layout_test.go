package retro

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// layoutBoard builds a board of format f in phase with n cards spread over
// the zones round-robin, votes on some, nActions actions and nPrev
// carried-over actions, all with worst-case (escape-heavy) texts.
func layoutBoard(tb testing.TB, f Format, phase Phase, n, nActions, nPrev int) Board {
	tb.Helper()
	b, err := NewBoard(BoardParams{ID: "B", ChannelID: "C", CreatedBy: "U", Format: f}, t0)
	if err != nil {
		tb.Fatalf("NewBoard: %v", err)
	}
	for i := range n {
		z := f.Zones[i%len(f.Zones)].ID
		text := strings.Repeat("&", MaxCardLen) // escapes to 5 × 500 characters
		if i%3 == 0 {
			text = fmt.Sprintf("card %d", i)
		}
		MustAddCard(tb, &b, fmt.Sprintf("c%03d", i), z, text, "U", t0.Add(time.Duration(i)*time.Second))
		if i%7 == 0 {
			MustVote(tb, &b, fmt.Sprintf("c%03d", i), i%5+1)
		}
	}
	for i := range nActions {
		b.Actions = append(b.Actions, Action{ID: fmt.Sprintf("a%d", i), Text: strings.Repeat("<", MaxActionLen), Owner: "U", Status: ActionOpen})
	}
	for i := range nPrev {
		b.PreviousActions = append(b.PreviousActions, Action{ID: fmt.Sprintf("p%d", i), Text: "short", Owner: "U", Status: ActionOpen})
	}
	b.Phase = phase
	return b
}

// countBlocks recounts a plan's blocks from its structure with the
// documented costs, independently of Layout.Cost.
func countBlocks(l Layout) int {
	n := CostHeader + CostFooter
	if l.Status {
		n += CostStatus
	}
	if l.Previous.Shown+l.Previous.More > 0 {
		n += CostPrevious
	}
	if l.Actions.Shown+l.Actions.More > 0 {
		n += CostActions
	}
	for _, z := range l.Zones {
		n += CostZoneHeader + len(z.CardIDs)*CostCard
		if l.Prompts {
			n += CostZonePrompt
		}
		if l.Dividers {
			n += CostDivider
		}
	}
	return n
}

// listChars is the worst-case character count of a planned list section.
func listChars(p ListPlan, list []Action) int {
	if p.Shown+p.More == 0 {
		return 0
	}
	n := SectionTitleChars
	for _, a := range list[:p.Shown] {
		n += ActionLineLen(a)
	}
	if p.More > 0 {
		n += MoreLineChars
	}
	return n
}

// checkLayout asserts every limit and consistency rule of a plan.
func checkLayout(t *testing.T, b Board, l Layout) {
	t.Helper()
	lim := l.Limits
	if got := countBlocks(l); got != l.Blocks || got > lim.MaxBlocks || !l.Fits {
		t.Errorf("blocks: counted %d, plan says %d (fits %v), max %d", got, l.Blocks, l.Fits, lim.MaxBlocks)
	}
	if len(l.Buttons) > lim.MaxActionsElems {
		t.Errorf("%d footer buttons, max %d", len(l.Buttons), lim.MaxActionsElems)
	}
	if l.CardTextMax+CardLineOverhead > lim.MaxSectionChars {
		t.Errorf("card sections may reach %d characters, max %d", l.CardTextMax+CardLineOverhead, lim.MaxSectionChars)
	}
	for _, c := range b.Cards {
		if n := min(EscapedLen(c.Text), l.CardTextMax) + CardLineOverhead; n > lim.MaxSectionChars {
			t.Errorf("card %s section would be %d characters", c.ID, n)
		}
	}
	if n := listChars(l.Actions, b.Actions); n > lim.MaxSectionChars {
		t.Errorf("actions section %d characters, max %d", n, lim.MaxSectionChars)
	}
	if n := listChars(l.Previous, b.PreviousActions); n > lim.MaxSectionChars {
		t.Errorf("previous section %d characters, max %d", n, lim.MaxSectionChars)
	}
	if l.Actions.Shown+l.Actions.More != len(b.Actions) {
		t.Errorf("actions plan %+v does not account for %d actions", l.Actions, len(b.Actions))
	}
	if len(l.Zones) != len(b.Format.Zones) {
		t.Fatalf("%d zone plans for %d zones", len(l.Zones), len(b.Format.Zones))
	}
	for i, z := range l.Zones {
		ranked := ZoneCards(b, b.Format.Zones[i].ID)
		if z.ZoneID != b.Format.Zones[i].ID || z.Total != len(ranked) {
			t.Errorf("zone %d plan %s total %d, want %s total %d", i, z.ZoneID, z.Total, b.Format.Zones[i].ID, len(ranked))
		}
		if b.Phase.HidesCards() && (len(z.CardIDs) > 0 || !z.CountsOnly || z.ViewAll) {
			t.Errorf("collect: zone %s shows %d cards, counts only %v, view all %v", z.ZoneID, len(z.CardIDs), z.CountsOnly, z.ViewAll)
		}
		if lim.MaxCardsPerZone > 0 && len(z.CardIDs) > lim.MaxCardsPerZone {
			t.Errorf("zone %s shows %d cards, cap %d", z.ZoneID, len(z.CardIDs), lim.MaxCardsPerZone)
		}
		for j, id := range z.CardIDs {
			if ranked[j].ID != id {
				t.Errorf("zone %s card %d = %s, want the top-ranked %s", z.ZoneID, j, id, ranked[j].ID)
				break
			}
		}
		if !b.Phase.HidesCards() && z.ViewAll != (len(z.CardIDs) < z.Total) {
			t.Errorf("zone %s view all %v with %d of %d shown", z.ZoneID, z.ViewAll, len(z.CardIDs), z.Total)
		}
	}
}

func TestPlanStaysWithinLimits(t *testing.T) {
	custom, err := CustomFormat([]string{"a", "b", "c", "d", "e", "f"})
	if err != nil {
		t.Fatalf("CustomFormat: %v", err)
	}
	formats := append(Formats(), custom)
	noCap := DefaultLimits()
	noCap.MaxCardsPerZone = -1
	tight := Limits{MaxBlocks: 12, MaxSectionChars: 800, MaxActionsElems: 2, MaxCardsPerZone: -1}
	for _, f := range formats {
		for _, n := range []int{0, 1, 50, 500} {
			for _, phase := range Phases() {
				for name, lim := range map[string]Limits{"default": {}, "no cap": noCap, "tight": tight} {
					t.Run(fmt.Sprintf("%s/%d/%s/%s", f.ID, n, phase, name), func(t *testing.T) {
						b := layoutBoard(t, f, phase, n, n/10, n/20)
						checkLayout(t, b, Plan(b, "en", lim))
					})
				}
			}
		}
	}
}

func TestPlanUsesTheRoomWithoutCap(t *testing.T) {
	b := layoutBoard(t, MustFormat(t, FormatSailboat), PhaseVote, 500, 3, 2)
	l := Plan(b, "en", Limits{MaxCardsPerZone: -1})
	if l.Blocks != SlackMaxBlocks {
		t.Errorf("500 cards without cap use %d blocks, want all %d", l.Blocks, SlackMaxBlocks)
	}
	shown := make([]int, len(l.Zones))
	for i, z := range l.Zones {
		shown[i] = len(z.CardIDs)
		if !z.ViewAll {
			t.Errorf("zone %s has 125 cards but no View all", z.ZoneID)
		}
	}
	if slices.Max(shown)-slices.Min(shown) > 1 {
		t.Errorf("cards per zone %v, want a fair share (differing by at most 1)", shown)
	}
}

func TestPlanCapAndFairness(t *testing.T) {
	b := MustBoard(t, PhaseReveal)
	for i := range 40 {
		MustAddCard(t, &b, fmt.Sprintf("w%02d", i), "wind", "x", "U", t0)
	}
	MustAddCard(t, &b, "r1", "rocks", "lonely risk", "U", t0)
	l := Plan(b, "fr", Limits{})
	if got := len(l.Zones[0].CardIDs); got != DefaultMaxCardsPerZone || !l.Zones[0].ViewAll {
		t.Errorf("wind shows %d (view all %v), want %d and View all", got, l.Zones[0].ViewAll, DefaultMaxCardsPerZone)
	}
	if got := l.Zones[2].CardIDs; len(got) != 1 || got[0] != "r1" || l.Zones[2].ViewAll {
		t.Errorf("rocks shows %v (view all %v), want [r1] and no View all", got, l.Zones[2].ViewAll)
	}
	if l.Zones[0].Name != "Vent" || l.Lang != LangFR {
		t.Errorf("zone name %q lang %q, want Vent fr", l.Zones[0].Name, l.Lang)
	}
	l = Plan(b, "en", Limits{MaxCardsPerZone: -1, MaxBlocks: 20})
	// 20 − (header, status, footer, 4 × (zone, prompt, divider)) = 5 cards.
	if got := len(l.Zones[0].CardIDs) + len(l.Zones[2].CardIDs); got != 5 || len(l.Zones[2].CardIDs) != 1 {
		t.Errorf("20 blocks: %d cards shown (%d in rocks), want 5 with r1 among them", got, len(l.Zones[2].CardIDs))
	}
}

func TestPlanSmallCounts(t *testing.T) {
	b := MustBoard(t, PhaseCollect)
	l := Plan(b, "en", Limits{})
	if l.Blocks != CostHeader+CostStatus+CostFooter+4*(CostZoneHeader+CostZonePrompt+CostDivider) {
		t.Errorf("empty board: %d blocks", l.Blocks)
	}
	if !slices.Equal(l.Buttons, []Button{ButtonAddCard, ButtonReveal, ButtonClose}) {
		t.Errorf("collect buttons = %v", l.Buttons)
	}
	MustAddCard(t, &b, "c1", "anchor", "one", "U", t0)
	l = Plan(b, "en", Limits{})
	if l.Zones[1].Total != 1 || len(l.Zones[1].CardIDs) != 0 {
		t.Errorf("collect with one card: total %d shown %d, want 1 and 0", l.Zones[1].Total, len(l.Zones[1].CardIDs))
	}
	b.Phase = PhaseReveal
	l = Plan(b, "en", Limits{})
	if got := l.Zones[1].CardIDs; len(got) != 1 || got[0] != "c1" || l.Zones[1].ViewAll {
		t.Errorf("reveal with one card: shown %v view all %v, want [c1] false", got, l.Zones[1].ViewAll)
	}
	b.Phase = PhaseClosed
	if l = Plan(b, "en", Limits{}); !slices.Equal(l.Buttons, []Button{ButtonExport}) {
		t.Errorf("closed buttons = %v, want [export]", l.Buttons)
	}
}

func TestPlanDropsOptionalPartsWhenShort(t *testing.T) {
	b := layoutBoard(t, MustFormat(t, FormatStarfish), PhaseVote, 10, 1, 1)
	// header + footer + actions + 5 zone headers = 8 blocks at the least.
	tests := []struct {
		max                                 int
		dividers, prompts, status, previous bool
	}{
		{50, true, true, true, true},
		{19, false, true, true, true},
		{13, false, false, true, true},
		{9, false, false, false, true},
		{8, false, false, false, false},
	}
	for _, tt := range tests {
		l := Plan(b, "en", Limits{MaxBlocks: tt.max})
		got := [4]bool{l.Dividers, l.Prompts, l.Status, l.Previous.Present()}
		want := [4]bool{tt.dividers, tt.prompts, tt.status, tt.previous}
		if got != want || l.Blocks > tt.max || !l.Fits {
			t.Errorf("max %d: dividers/prompts/status/previous = %v, want %v; %d blocks, fits %v", tt.max, got, want, l.Blocks, l.Fits)
		}
	}
	if l := Plan(b, "en", Limits{MaxBlocks: 5}); l.Fits {
		t.Errorf("5 blocks cannot hold 5 zones, but the plan fits with %d", l.Blocks)
	}
}

func TestEscapedLen(t *testing.T) {
	for in, want := range map[string]int{"": 0, "abc": 3, "a&b": 7, "<@U1>": 11, "é": 1} {
		if got := EscapedLen(in); got != want {
			t.Errorf("EscapedLen(%q) = %d, want %d", in, got, want)
		}
	}
}

func TestPage(t *testing.T) {
	b := MustBoard(t, PhaseVote)
	for i := range 45 {
		MustAddCard(t, &b, fmt.Sprintf("c%02d", i), "wind", fmt.Sprintf("card %d", i), "U", t0.Add(time.Duration(i)*time.Second))
	}
	MustVote(t, &b, "c44", 2)
	tests := []struct {
		page, perPage           int
		wantPage, pages, n, per int
		first                   string
		prev, next              bool
	}{
		{0, 20, 0, 3, 20, 20, "c44", false, true},
		{1, 20, 1, 3, 20, 20, "c19", true, true},
		{2, 20, 2, 3, 5, 20, "c39", true, false},
		{9, 20, 2, 3, 5, 20, "c39", true, false},
		{-1, 20, 0, 3, 20, 20, "c44", false, true},
		{0, 0, 0, 3, DefaultPerPage, DefaultPerPage, "c44", false, true},
		{0, 1000, 0, 2, MaxPerPage, MaxPerPage, "c44", false, true},
	}
	for _, tt := range tests {
		p := Page(b, "wind", tt.page, tt.perPage)
		if p.Page != tt.wantPage || p.Pages != tt.pages || len(p.Cards) != tt.n || p.PerPage != tt.per ||
			p.Cards[0].ID != tt.first || p.HasPrev != tt.prev || p.HasNext != tt.next || p.Total != 45 {
			t.Errorf("Page(%d, %d) = page %d/%d, %d cards per %d, first %s, prev %v next %v; want %d/%d, %d per %d, %s, %v %v",
				tt.page, tt.perPage, p.Page, p.Pages, len(p.Cards), p.PerPage, p.Cards[0].ID, p.HasPrev, p.HasNext,
				tt.wantPage, tt.pages, tt.n, tt.per, tt.first, tt.prev, tt.next)
		}
	}
	if p := Page(b, "wind", 0, 20); p.Cards[0].Votes != 2 {
		t.Errorf("first card votes = %d, want 2", p.Cards[0].Votes)
	}
	if MaxPerPage+ModalFixedBlocks > 100 {
		t.Errorf("a modal page may take %d blocks, Slack allows 100", MaxPerPage+ModalFixedBlocks)
	}
	empty := Page(b, "island", 3, 10)
	if empty.Pages != 1 || empty.Page != 0 || len(empty.Cards) != 0 || empty.HasNext || empty.HasPrev {
		t.Errorf("empty zone page = %+v", empty)
	}
	if p := Page(b, "nope", 0, 10); p.Total != 0 || len(p.Cards) != 0 {
		t.Errorf("unknown zone page = %+v, want empty", p)
	}
	b.Phase = PhaseCollect
	if p := Page(b, "wind", 0, 10); p.Cards[0].ID != "c00" || p.Cards[0].Text != HiddenText {
		t.Errorf("collect page first card %s %q, want c00 hidden", p.Cards[0].ID, p.Cards[0].Text)
	}
}
