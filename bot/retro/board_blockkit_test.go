package retrobot

import (
	"encoding/json"
	"fmt"
	"testing"
	"unicode/utf8"

	"github.com/slack-go/slack"
)

// Block Kit limits checked on the real slack.Block values the bot builds
// (https://api.slack.com/reference/block-kit).
const (
	maxSectionText  = 3000
	maxHeaderText   = 150
	maxButtonText   = 75
	maxOptionText   = 75
	maxButtonValue  = 2000
	maxOptionValue  = 150
	maxActionID     = 255
	maxBlockID      = 255
	maxActionsElems = 25
	maxContextElems = 10
	maxOverflowOpts = 5
	maxSelectOpts   = 100
)

type kitText struct {
	Type string `json:"type"`
	Text string `json:"text"`
}

type kitOption struct {
	Text  kitText `json:"text"`
	Value string  `json:"value"`
}

type kitElement struct {
	Type     string      `json:"type"`
	ActionID string      `json:"action_id"`
	Text     *kitText    `json:"text"`
	Value    string      `json:"value"`
	Options  []kitOption `json:"options"`
}

type kitBlock struct {
	Type      string          `json:"type"`
	BlockID   string          `json:"block_id"`
	Text      *kitText        `json:"text"`
	Accessory *kitElement     `json:"accessory"`
	Elements  json.RawMessage `json:"elements"`
	Element   *kitElement     `json:"element"`
	Label     *kitText        `json:"label"`
}

// blockStats is what checkBlockKit saw.
type blockStats struct {
	Blocks, Sections, LongestText int
	ActionIDs                     map[string]bool
	JSON                          string
}

// checkBlockKit marshals blocks as Slack receives them and checks every
// limit that applies, failing tb with where it breaks.
func checkBlockKit(tb testing.TB, what string, blocks []slack.Block, maxBlocks int) blockStats {
	tb.Helper()
	raw, err := json.Marshal(blocks)
	if err != nil {
		tb.Fatalf("%s: marshal: %v", what, err)
	}
	var bs []kitBlock
	if err := json.Unmarshal(raw, &bs); err != nil {
		tb.Fatalf("%s: unmarshal: %v", what, err)
	}
	st := blockStats{Blocks: len(bs), ActionIDs: map[string]bool{}, JSON: string(raw)}
	if len(bs) > maxBlocks {
		tb.Errorf("%s: %d blocks, want at most %d", what, len(bs), maxBlocks)
	}
	blockIDs := map[string]bool{}
	checkEl := func(where string, e *kitElement) {
		if e == nil {
			return
		}
		if e.ActionID != "" {
			if st.ActionIDs[e.ActionID] {
				tb.Errorf("%s: %s: action_id %q repeated", what, where, e.ActionID)
			}
			st.ActionIDs[e.ActionID] = true
		}
		if len(e.ActionID) > maxActionID {
			tb.Errorf("%s: %s: action_id of %d chars", what, where, len(e.ActionID))
		}
		if e.Text != nil && utf8.RuneCountInString(e.Text.Text) > maxButtonText {
			tb.Errorf("%s: %s: button text of %d chars", what, where, utf8.RuneCountInString(e.Text.Text))
		}
		if len(e.Value) > maxButtonValue {
			tb.Errorf("%s: %s: value of %d chars", what, where, len(e.Value))
		}
		switch e.Type {
		case "overflow":
			if len(e.Options) < 1 || len(e.Options) > maxOverflowOpts {
				tb.Errorf("%s: %s: overflow with %d options", what, where, len(e.Options))
			}
		case "static_select":
			if len(e.Options) > maxSelectOpts {
				tb.Errorf("%s: %s: select with %d options", what, where, len(e.Options))
			}
		}
		for _, o := range e.Options {
			if n := utf8.RuneCountInString(o.Text.Text); n > maxOptionText || n == 0 {
				tb.Errorf("%s: %s: option text of %d chars", what, where, n)
			}
			if len(o.Value) > maxOptionValue {
				tb.Errorf("%s: %s: option value of %d chars", what, where, len(o.Value))
			}
		}
	}
	for i, b := range bs {
		where := fmt.Sprintf("block %d (%s %s)", i, b.Type, b.BlockID)
		if b.BlockID != "" {
			if blockIDs[b.BlockID] {
				tb.Errorf("%s: %s: block_id repeated", what, where)
			}
			blockIDs[b.BlockID] = true
			if len(b.BlockID) > maxBlockID {
				tb.Errorf("%s: %s: block_id of %d chars", what, where, len(b.BlockID))
			}
		}
		switch b.Type {
		case "section":
			st.Sections++
			if b.Text == nil || b.Text.Text == "" {
				tb.Errorf("%s: %s: section without text", what, where)
				continue
			}
			n := utf8.RuneCountInString(b.Text.Text)
			st.LongestText = max(st.LongestText, n)
			if n > maxSectionText {
				tb.Errorf("%s: %s: section text of %d chars, want at most %d", what, where, n, maxSectionText)
			}
			checkEl(where+" accessory", b.Accessory)
		case "header":
			if b.Text == nil || b.Text.Type != "plain_text" || utf8.RuneCountInString(b.Text.Text) > maxHeaderText {
				tb.Errorf("%s: %s: bad header %+v", what, where, b.Text)
			}
		case "context":
			var els []kitText
			if err := json.Unmarshal(b.Elements, &els); err != nil || len(els) == 0 || len(els) > maxContextElems {
				tb.Errorf("%s: %s: context with %d elements (%v)", what, where, len(els), err)
			}
			for _, e := range els {
				if utf8.RuneCountInString(e.Text) > maxSectionText {
					tb.Errorf("%s: %s: context text too long", what, where)
				}
			}
		case "actions":
			var els []kitElement
			if err := json.Unmarshal(b.Elements, &els); err != nil || len(els) == 0 || len(els) > maxActionsElems {
				tb.Errorf("%s: %s: actions block with %d elements, want 1 to %d (%v)", what, where, len(els), maxActionsElems, err)
			}
			for j := range els {
				checkEl(fmt.Sprintf("%s element %d", where, j), &els[j])
			}
		case "input":
			if b.Label == nil || utf8.RuneCountInString(b.Label.Text) > 2000 {
				tb.Errorf("%s: %s: input without a valid label", what, where)
			}
			checkEl(where+" element", b.Element)
		case "divider":
		default:
			tb.Errorf("%s: %s: unexpected block type", what, where)
		}
	}
	return st
}
