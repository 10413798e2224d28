package retrobot

import (
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/slack-go/slack"

	"ctocoach/retro"
	"ctocoach/store"
)

var boardT0 = time.Date(2025, 3, 10, 9, 0, 0, 0, time.UTC)

// worstText is a card text at the length limit made of characters that
// grow most when escaped.
var worstText = strings.Repeat("<&>", retro.MaxCardLen/3) + "&&"

// mkBoard builds a board of format f with n cards spread over the zones,
// in phase, with votes on every third card and the given numbers of
// actions and carried-over actions.
func mkBoard(tb testing.TB, f retro.Format, n int, phase retro.Phase, text func(i int) string, actions, previous int) store.RetroBoard {
	tb.Helper()
	var prev []retro.Action
	for i := range previous {
		prev = append(prev, retro.Action{ID: fmt.Sprintf("P-1.a%d", i), Text: strings.Repeat("&", retro.MaxActionLen), Owner: "UOWNER000001", Due: "2025-03-20", Status: retro.ActionOpen})
	}
	b, err := retro.NewBoard(retro.BoardParams{ID: "C1-2", TeamID: "T1", ChannelID: "C1", Format: f, CreatedBy: "UFAC", Number: 2, PreviousActions: prev}, boardT0)
	if err != nil {
		tb.Fatal(err)
	}
	for i := range n {
		z := f.Zones[i%len(f.Zones)].ID
		if _, err := b.AddCard(retro.CardInput{ID: fmt.Sprint("c", i+1), Zone: z, Text: text(i), Author: "UA", Anonymous: i%2 == 0}, boardT0); err != nil {
			tb.Fatal(err)
		}
	}
	b.Phase = retro.PhaseVote
	for i := 0; i < n; i += 3 {
		_ = b.ApplyVote(fmt.Sprint("c", i+1), 1+i%4)
	}
	for i := range actions {
		if _, err := b.AddAction(retro.ActionInput{ID: fmt.Sprint("C1-2.a", i+1), Text: strings.Repeat("<", retro.MaxActionLen), Owner: "UOWNER000001", Due: "2025-03-20"}, boardT0); err != nil {
			tb.Fatal(err)
		}
	}
	b.Phase = phase
	return store.RetroBoard{Board: b, Lang: "fr"}
}

func TestRenderBoardFitsBlockKitLimits(t *testing.T) {
	sailboat, _ := retro.FormatByID(retro.FormatSailboat)
	custom, err := retro.CustomFormat([]string{"<one>", "two & more", "three", "four", "five", "six"})
	if err != nil {
		t.Fatal(err)
	}
	texts := map[string]func(int) string{
		"short": func(i int) string { return fmt.Sprint("card ", i) },
		"worst": func(int) string { return worstText },
	}
	for _, f := range []retro.Format{sailboat, custom} {
		for _, n := range []int{0, 1, 50, 500} {
			for textName, text := range texts {
				for _, phase := range retro.Phases() {
					for _, extra := range []int{0, 40} {
						what := fmt.Sprintf("%s/%d cards/%s/%s/%d actions", f.ID, n, textName, phase, extra)
						rb := mkBoard(t, f, n, phase, text, extra, extra)
						fallback, blocks := renderBoard(rb, retro.Limits{})
						st := checkBlockKit(t, what, blocks, retro.SlackMaxBlocks)
						plan := retro.Plan(rb.Board, rb.Lang, retro.Limits{})
						if st.Blocks != plan.Blocks {
							t.Errorf("%s: rendered %d blocks, the plan costs %d", what, st.Blocks, plan.Blocks)
						}
						if fallback == "" || !strings.Contains(fallback, fmt.Sprint(n)) {
							t.Errorf("%s: fallback text %q, want the card count", what, fallback)
						}
						if phase == retro.PhaseCollect && n > 0 && strings.Contains(st.JSON, "card 0") {
							t.Errorf("%s: card text visible while collecting", what)
						}
						if phase != retro.PhaseCollect && n > 0 && textName == "short" {
							top, _ := rb.Card(plan.Zones[0].CardIDs[0])
							if !strings.Contains(st.JSON, `"text":"`+top.Text) {
								t.Errorf("%s: revealed board does not show its top card %q", what, top.Text)
							}
						}
					}
				}
			}
		}
	}
}

func TestRenderBoardButtonsPerPhase(t *testing.T) {
	sailboat, _ := retro.FormatByID(retro.FormatSailboat)
	short := func(i int) string { return fmt.Sprint("card ", i) }
	tests := []struct {
		phase      retro.Phase
		want, none []string
	}{
		{retro.PhaseCollect, []string{"retro.add_card", "retro.reveal", "retro.close", "retro.mine"}, []string{"retro.vote:c1", "retro.promote_card:c1", "retro.all:wind"}},
		{retro.PhaseReveal, []string{"retro.add_card", "retro.start_vote", "retro.promote_card:c1", "retro.all:wind"}, []string{"retro.vote:c1", "retro.mine"}},
		{retro.PhaseVote, []string{"retro.add_action", "retro.start_actions", "retro.vote:c1"}, []string{"retro.add_card", "retro.promote_card:c1"}},
		{retro.PhaseActions, []string{"retro.add_action", "retro.close", "retro.card:c1"}, []string{"retro.vote:c1"}},
		{retro.PhaseClosed, []string{"retro.export", "retro.promote_card:c1"}, []string{"retro.add_card", "retro.add_action", "retro.close"}},
	}
	for _, tt := range tests {
		_, blocks := renderBoard(mkBoard(t, sailboat, 50, tt.phase, short, 0, 0), retro.Limits{})
		st := checkBlockKit(t, string(tt.phase), blocks, retro.SlackMaxBlocks)
		for _, id := range tt.want {
			if !st.ActionIDs[id] {
				t.Errorf("%s: no %s among %v", tt.phase, id, st.ActionIDs)
			}
		}
		for _, id := range tt.none {
			if st.ActionIDs[id] {
				t.Errorf("%s: unexpected %s", tt.phase, id)
			}
		}
	}
}

func TestRenderBoardNamesSignedCardsOnceRevealed(t *testing.T) {
	sailboat, _ := retro.FormatByID(retro.FormatSailboat)
	for _, phase := range retro.Phases() {
		rb := mkBoard(t, sailboat, 2, phase, func(i int) string { return fmt.Sprint("card ", i) }, 0, 0)
		_, blocks := renderBoard(rb, retro.Limits{})
		st := checkBlockKit(t, string(phase), blocks, retro.SlackMaxBlocks)
		named := strings.Contains(st.JSON, `card 1 — \u003c@UA\u003e`)
		if named != (phase != retro.PhaseCollect) {
			t.Errorf("%s: signed card named = %v", phase, named)
		}
		if strings.Contains(st.JSON, "card 0 —") {
			t.Errorf("%s: the anonymous card has a byline", phase)
		}
	}
}

func TestRenderBoardEscapesUserText(t *testing.T) {
	custom, _ := retro.CustomFormat([]string{"<!here> col", "b"})
	rb := mkBoard(t, custom, 2, retro.PhaseReveal, func(int) string { return "<!channel> & <@U123>" }, 0, 0)
	_, blocks := renderBoard(rb, retro.Limits{})
	st := checkBlockKit(t, "escape", blocks, retro.SlackMaxBlocks)
	for _, bad := range []string{"<!channel>", "<!here>", "<@U123>"} {
		if strings.Contains(st.JSON, strings.ReplaceAll(strings.ReplaceAll(bad, "<", `\u003c`), ">", `\u003e`)) {
			t.Errorf("unescaped %s in %s", bad, st.JSON)
		}
	}
	if !strings.Contains(st.JSON, `\u0026lt;!channel\u0026gt; \u0026amp; \u0026lt;@U123\u0026gt;`) {
		t.Errorf("escaped card text missing from %s", st.JSON)
	}
}

func TestEscapeCut(t *testing.T) {
	tests := []struct {
		in   string
		max  int
		want string
	}{
		{"a<b", 10, "a&lt;b"},
		{"a<b", 4, "a…"},
		{"a<bcd", 6, "a&lt;…"},
		{"a<bcd", 7, "a&lt;b…"},
		{"a<bcd", 4, "a…"},
		{"héllo world", 6, "héllo…"},
		{"x", 0, ""},
	}
	for _, tt := range tests {
		if got := escapeCut(tt.in, tt.max); got != tt.want {
			t.Errorf("escapeCut(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
		}
	}
}

// checkView checks a modal: its texts, metadata and blocks.
func checkView(tb testing.TB, what string, v slack.ModalViewRequest) blockStats {
	tb.Helper()
	for name, txt := range map[string]*slack.TextBlockObject{"title": v.Title, "close": v.Close, "submit": v.Submit} {
		if txt == nil {
			continue
		}
		if n := utf8.RuneCountInString(txt.Text); n == 0 || n > 24 || txt.Type != "plain_text" {
			tb.Errorf("%s: %s %q: want 1 to 24 characters of plain text", what, name, txt.Text)
		}
	}
	if v.Title == nil || v.CallbackID == "" || len(v.PrivateMetadata) > 3000 {
		tb.Errorf("%s: title %v, callback %q, metadata of %d bytes", what, v.Title, v.CallbackID, len(v.PrivateMetadata))
	}
	return checkBlockKit(tb, what, v.Blocks.BlockSet, 100)
}

func TestRetroModalsFitBlockKitLimits(t *testing.T) {
	sailboat, _ := retro.FormatByID(retro.FormatSailboat)
	worst := func(int) string { return worstText }
	for _, n := range []int{0, 1, 50, 500} {
		rb := mkBoard(t, sailboat, n, retro.PhaseActions, worst, 120, 60)
		shown, pages := 0, 0
		for page := 0; ; page++ {
			st := checkView(t, fmt.Sprintf("view all, %d cards, page %d", n, page), allCardsModal("en", rb, "wind", page))
			shown += st.Sections - 1 // the zone header is a section too
			pages++
			if !st.ActionIDs["retro.page:next"] || pages > 100 {
				break
			}
		}
		if want := len(retro.ZoneCards(rb.Board, "wind")); shown != want {
			t.Errorf("%d cards: the pages of 'View all' show %d wind cards, want %d", n, shown, want)
		}
		for what, v := range map[string]slack.ModalViewRequest{
			"add card": addCardModal("fr", rb, "wind", worstText+worstText),
			"action":   actionModal("fr", rb, "c1"),
			"promote":  promoteModal("fr", rb, "card:c1"),
			"prev":     prevModal("fr", rb),
			"edit":     editCardModal("fr", rb, retro.Card{ID: "c1", Text: worstText}),
			"standard": standardModal("fr", retro.Standard{ID: "S1", Title: strings.Repeat("t", 100), Text: strings.Repeat("&", 1000)}),
		} {
			checkView(t, fmt.Sprintf("%s, %d cards", what, n), v)
		}
	}
}

func TestRetroMetadataNeverNamesAUser(t *testing.T) {
	sailboat, _ := retro.FormatByID(retro.FormatSailboat)
	rb := mkBoard(t, sailboat, 3, retro.PhaseCollect, func(int) string { return "x" }, 0, 0)
	for what, v := range map[string]slack.ModalViewRequest{
		"add card": addCardModal("en", rb, "", "from a message"),
		"edit":     editCardModal("en", rb, rb.Cards[1]),
	} {
		if strings.Contains(v.PrivateMetadata, "U") {
			t.Errorf("%s modal metadata %q holds something like a user id", what, v.PrivateMetadata)
		}
	}
}

func TestExportMessagesSplitSafely(t *testing.T) {
	sailboat, _ := retro.FormatByID(retro.FormatSailboat)
	for _, n := range []int{0, 1, 50, 500} {
		rb := mkBoard(t, sailboat, n, retro.PhaseClosed, func(i int) string {
			if i%7 == 0 {
				return "```break out``` " + strings.Repeat("<&>", 150)
			}
			return fmt.Sprint("card ", i, " ", strings.Repeat("é&", 100))
		}, 30, 10)
		md := retro.Markdown(rb.Board, rb.Lang, nil)
		msgs := exportMessages("fr", md)
		var got strings.Builder
		for i, blocks := range msgs {
			st := checkBlockKit(t, fmt.Sprintf("export %d cards, message %d", n, i), blocks, exportSections)
			if st.LongestText > retro.SlackMaxSectionChars {
				t.Errorf("section of %d chars", st.LongestText)
			}
			for _, b := range blocks {
				text := b.(*slack.SectionBlock).Text.Text
				if strings.Count(text, "```") != 2 && !strings.Contains(text, "export") {
					t.Errorf("export section has %d fences: %.80q", strings.Count(text, "```"), text)
				}
				got.WriteString(strings.TrimSuffix(strings.TrimPrefix(text, "```\n"), "\n```"))
			}
		}
		if len(msgs) > exportMessagesMax {
			t.Errorf("%d cards: %d export messages, want at most %d", n, len(msgs), exportMessagesMax)
		}
		if n <= 50 && !strings.Contains(got.String(), "# Rétro #2") {
			t.Errorf("%d cards: export lost its title", n)
		}
	}
}

func TestSplitChunksNeverCutsAnEntity(t *testing.T) {
	s := strings.Repeat("ab&amp;", 1000) + "\nshort line\n" + strings.Repeat("x", 50)
	chunks := splitChunks(s, 100)
	joined := strings.ReplaceAll(strings.Join(chunks, ""), "\n", "")
	if want := strings.ReplaceAll(s, "\n", ""); joined != want {
		t.Errorf("chunks joined = %d chars, want the %d non-newline chars of the input", len(joined), len(want))
	}
	for i, c := range chunks {
		if n := utf8.RuneCountInString(c); n > 100 || n == 0 {
			t.Errorf("chunk %d has %d chars, want 1 to 100", i, n)
		}
		if j := strings.LastIndex(c, "&"); j >= 0 && !strings.Contains(c[j:], ";") {
			t.Errorf("chunk %d ends inside an entity: %q", i, c[max(0, len(c)-10):])
		}
	}
	whole := false
	for _, c := range chunks {
		whole = whole || strings.Contains(c, "\nshort line")
	}
	if !whole {
		t.Errorf("the short line was split: %q", chunks)
	}
}

func TestSummaryFitsAndNamesOwners(t *testing.T) {
	sailboat, _ := retro.FormatByID(retro.FormatSailboat)
	for _, n := range []int{0, 1, 50, 500} {
		rb := mkBoard(t, sailboat, n, retro.PhaseClosed, func(int) string { return worstText }, 60, 0)
		_, blocks := summaryBlocks(rb)
		st := checkBlockKit(t, fmt.Sprintf("summary of %d cards", n), blocks, retro.SlackMaxBlocks)
		if !strings.Contains(st.JSON, "UOWNER000001") {
			t.Errorf("%d cards: summary does not name the actions' owner", n)
		}
	}
}

func BenchmarkRenderBoard500Cards(b *testing.B) {
	sailboat, _ := retro.FormatByID(retro.FormatSailboat)
	rb := mkBoard(b, sailboat, 500, retro.PhaseVote, func(i int) string { return fmt.Sprint("card ", i, " ", strings.Repeat("word ", 40)) }, 20, 10)
	b.ReportAllocs()
	for b.Loop() {
		renderBoard(rb, retro.Limits{})
	}
}
