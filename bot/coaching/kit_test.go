package coaching

import (
	"encoding/json"
	"fmt"
	"testing"
	"unicode/utf8"

	"github.com/slack-go/slack"
)

// Block Kit limits (https://api.slack.com/reference/block-kit), checked on
// the JSON Slack receives.
const (
	limSection      = 3000
	limHeader       = 150
	limButton       = 75
	limValue        = 2000
	limOptionValue  = 150
	limID           = 255
	limActions      = 25
	limContext      = 10
	limOverflow     = 5
	limSelect       = 100
	limConfirmTitle = 100
	limConfirmText  = 300
	limConfirmBtn   = 30
	limModalBlocks  = 100
	limMetadata     = 3000
	limLabel        = 2000
)

type kText struct {
	Type string `json:"type"`
	Text string `json:"text"`
}

type kConfirm struct {
	Title   kText `json:"title"`
	Text    kText `json:"text"`
	Confirm kText `json:"confirm"`
	Deny    kText `json:"deny"`
}

type kOption struct {
	Text  kText  `json:"text"`
	Value string `json:"value"`
}

type kElement struct {
	Type     string    `json:"type"`
	ActionID string    `json:"action_id"`
	Text     *kText    `json:"text"`
	Value    string    `json:"value"`
	Options  []kOption `json:"options"`
	Confirm  *kConfirm `json:"confirm"`
}

type kBlock struct {
	Type      string          `json:"type"`
	BlockID   string          `json:"block_id"`
	Text      *kText          `json:"text"`
	Accessory *kElement       `json:"accessory"`
	Elements  json.RawMessage `json:"elements"`
	Element   *kElement       `json:"element"`
	Label     *kText          `json:"label"`
}

// kit is what checkKit saw: every action id (by block) and every text.
type kit struct {
	Blocks  int
	Actions map[string]string // action id → value of the first element with it
	Values  []string          // every button and option value
	JSON    string
}

func runes(s string) int { return utf8.RuneCountInString(s) }

// checkKit checks blocks against Block Kit's limits: block count, unique
// block ids, unique action ids within a block, text lengths, element
// counts, confirm dialogs.
func checkKit(t *testing.T, what string, blocks []slack.Block, maxBlocks int) kit {
	t.Helper()
	raw, err := json.Marshal(blocks)
	if err != nil {
		t.Fatalf("%s: marshal: %v", what, err)
	}
	var bs []kBlock
	if err := json.Unmarshal(raw, &bs); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	k := kit{Blocks: len(bs), Actions: map[string]string{}, JSON: string(raw)}
	if len(bs) == 0 || len(bs) > maxBlocks {
		t.Errorf("%s: %d blocks, want 1..%d", what, len(bs), maxBlocks)
	}
	ids := map[string]bool{}
	for i, b := range bs {
		where := fmt.Sprintf("%s block %d (%s %q)", what, i, b.Type, b.BlockID)
		if b.BlockID == "" || ids[b.BlockID] || len(b.BlockID) > limID {
			t.Errorf("%s: block id empty, repeated or too long", where)
		}
		ids[b.BlockID] = true
		if b.Text != nil {
			lim := limSection
			if b.Type == "header" {
				lim = limHeader
			}
			if n := runes(b.Text.Text); n == 0 || n > lim {
				t.Errorf("%s: text of %d chars (limit %d)", where, n, lim)
			}
		}
		if b.Label != nil && (runes(b.Label.Text) == 0 || runes(b.Label.Text) > limLabel) {
			t.Errorf("%s: label of %d chars", where, runes(b.Label.Text))
		}
		seen := map[string]bool{}
		el := func(e *kElement) {
			if e == nil {
				return
			}
			if e.ActionID != "" {
				if seen[e.ActionID] {
					t.Errorf("%s: action id %q repeated in the block", where, e.ActionID)
				}
				seen[e.ActionID] = true
				if _, ok := k.Actions[e.ActionID]; !ok {
					k.Actions[e.ActionID] = e.Value
				}
			}
			if len(e.ActionID) > limID {
				t.Errorf("%s: action id of %d chars", where, len(e.ActionID))
			}
			if e.Text != nil && (runes(e.Text.Text) == 0 || runes(e.Text.Text) > limButton) {
				t.Errorf("%s: button %q of %d chars", where, e.Text.Text, runes(e.Text.Text))
			}
			if len(e.Value) > limValue {
				t.Errorf("%s: value of %d chars", where, len(e.Value))
			}
			if e.Type == "button" {
				k.Values = append(k.Values, e.Value)
			}
			if e.Type == "overflow" && (len(e.Options) < 1 || len(e.Options) > limOverflow) {
				t.Errorf("%s: overflow of %d options", where, len(e.Options))
			}
			if len(e.Options) > limSelect {
				t.Errorf("%s: %d options", where, len(e.Options))
			}
			for _, o := range e.Options {
				if n := runes(o.Text.Text); n == 0 || n > limButton {
					t.Errorf("%s: option text of %d chars", where, n)
				}
				if len(o.Value) == 0 || len(o.Value) > limOptionValue {
					t.Errorf("%s: option value of %d chars", where, len(o.Value))
				}
				k.Values = append(k.Values, o.Value)
			}
			if c := e.Confirm; c != nil {
				if runes(c.Title.Text) == 0 || runes(c.Title.Text) > limConfirmTitle || runes(c.Text.Text) == 0 || runes(c.Text.Text) > limConfirmText ||
					runes(c.Confirm.Text) == 0 || runes(c.Confirm.Text) > limConfirmBtn || runes(c.Deny.Text) == 0 || runes(c.Deny.Text) > limConfirmBtn {
					t.Errorf("%s: confirm dialog over its limits: %+v", where, c)
				}
			}
		}
		el(b.Accessory)
		el(b.Element)
		if b.Type == "context" {
			var ts []kText
			if err := json.Unmarshal(b.Elements, &ts); err != nil || len(ts) == 0 || len(ts) > limContext {
				t.Errorf("%s: context elements %v (%d)", where, err, len(ts))
			}
			for _, x := range ts {
				if runes(x.Text) == 0 || runes(x.Text) > limSection {
					t.Errorf("%s: context text of %d chars", where, runes(x.Text))
				}
			}
		} else if len(b.Elements) > 0 {
			var es []kElement
			if err := json.Unmarshal(b.Elements, &es); err != nil {
				t.Fatalf("%s: elements: %v", where, err)
			}
			switch {
			case b.Type == "actions" && len(es) > limActions:
				t.Errorf("%s: %d elements", where, len(es))
			case b.Type == "context" && len(es) > limContext:
				t.Errorf("%s: %d elements", where, len(es))
			}
			for i := range es {
				el(&es[i])
			}
		}
	}
	return k
}

// checkModal checks a modal: title, submit and close within 24
// characters, blocks, metadata.
func checkModal(t *testing.T, what string, v slack.ModalViewRequest) kit {
	t.Helper()
	for _, tx := range []*slack.TextBlockObject{v.Title, v.Submit, v.Close} {
		if tx == nil || runes(tx.Text) == 0 || runes(tx.Text) > 24 {
			t.Errorf("%s: title/submit/close %+v", what, tx)
		}
	}
	if v.CallbackID == "" || len(v.PrivateMetadata) > limMetadata {
		t.Errorf("%s: callback %q, metadata of %d", what, v.CallbackID, len(v.PrivateMetadata))
	}
	return checkKit(t, what, v.Blocks.BlockSet, limModalBlocks)
}
