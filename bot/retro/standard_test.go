package retrobot

import (
	"errors"
	"strings"
	"testing"
	"time"

	"ctocoach/retro"
)

func TestStandardFromCardAndAction(t *testing.T) {
	b := &feature{Deps: Deps{Now: func() time.Time { return boardT0 }}}
	sailboat, _ := retro.FormatByID(retro.FormatSailboat)
	rb := mkBoard(t, sailboat, 3, retro.PhaseActions, func(i int) string { return "card text" }, 2, 0)

	fromCard, err := b.standardFrom(rb, "card:c2", "S1", "UFAC", "")
	if err != nil || fromCard.FromCard != "c2" || fromCard.Title != "card text" || fromCard.FromBoard != rb.ID {
		t.Errorf("from card = %+v, %v; want the card's text as title, linked to the card", fromCard, err)
	}
	a := rb.Actions[0]
	fromAction, err := b.standardFrom(rb, "action:"+a.ID, "S2", "UFAC", "  ")
	if err != nil || fromAction.Text != a.Text || fromAction.FromBoard != rb.ID || fromAction.CreatedBy != "UFAC" {
		t.Errorf("from action = %+v, %v; want the action's text", fromAction, err)
	}
	if n := len([]rune(fromAction.Title)); n == 0 || n > retro.MaxStandardTitleLen {
		t.Errorf("title from a %d-character action has %d characters, want 1 to %d", len(a.Text), n, retro.MaxStandardTitleLen)
	}
	if _, err := b.standardFrom(rb, "action:nope", "S3", "UFAC", ""); !errors.Is(err, retro.ErrActionNotFound) {
		t.Errorf("unknown action: err = %v, want ErrActionNotFound", err)
	}
	if _, err := b.standardFrom(rb, "card:c2", "S4", "UFAC", strings.Repeat("t", retro.MaxStandardTitleLen+1)); !errors.Is(err, retro.ErrTitleTooLong) {
		t.Errorf("long title: err = %v, want ErrTitleTooLong", err)
	}
}

func TestStandardsReplySearchesAndFits(t *testing.T) {
	var list []retro.Standard
	for i := range 40 {
		list = append(list, retro.Standard{ID: "S" + string(rune('A'+i%26)) + string(rune('a'+i/26)), Title: "Review <code> & deploy " + string(rune('a'+i%26)),
			Text: strings.Repeat("&", retro.MaxStandardTextLen), CreatedBy: "UFAC", FromBoard: "C1-3", CreatedAt: boardT0})
	}
	list = append(list, retro.Standard{ID: "SR", Title: "Retired one", Retired: true, CreatedBy: "UFAC"})
	rp := standardsReply("fr", list, "review")
	st := checkBlockKit(t, "standards", rp.Blocks, retro.SlackMaxBlocks)
	if !strings.Contains(rp.Text, "40") || !strings.Contains(st.JSON, "rétro n°3") || !strings.Contains(st.JSON, `\u0026lt;code\u0026gt;`) {
		t.Errorf("reply = %q / %s, want 40 matches, the origin and escaped titles", rp.Text, st.JSON[:300])
	}
	if strings.Contains(st.JSON, "Retired one") {
		t.Errorf("a retired standard is listed")
	}
	if rp := standardsReply("en", list, "nothing-like-this"); !strings.Contains(rp.Text, "No standard matches") {
		t.Errorf("no match = %q", rp.Text)
	}
	if rp := standardsReply("en", nil, ""); !strings.Contains(rp.Text, "empty") {
		t.Errorf("empty book = %q", rp.Text)
	}
}
