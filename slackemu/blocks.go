package slackemu

import (
	"encoding/json"
	"fmt"
)

// Block Kit limits Slack enforces.
const (
	maxMessageBlocks = 50
	maxViewBlocks    = 100
	maxTextLen       = 40000
)

// parseBlocks checks that raw is a JSON array of at most max objects that
// each have a "type"; nil raw means no blocks.
func parseBlocks(raw json.RawMessage, max int, pointer string) ([]map[string]json.RawMessage, *apiError) {
	if raw == nil {
		return nil, nil
	}
	var blocks []map[string]json.RawMessage
	if err := json.Unmarshal(raw, &blocks); err != nil {
		return nil, fail("invalid_blocks", fmt.Sprintf("[ERROR] must be an array of block objects [json-pointer:%s]", pointer))
	}
	if len(blocks) > max {
		return nil, fail("invalid_blocks", fmt.Sprintf("[ERROR] no more than %d items allowed [json-pointer:%s]", max, pointer))
	}
	for i, b := range blocks {
		if _, ok := b["type"]; !ok {
			return nil, fail("invalid_blocks", fmt.Sprintf("[ERROR] missing required field: type [json-pointer:%s/%d]", pointer, i))
		}
	}
	return blocks, nil
}

// element is an interactive element found in blocks.
type element struct {
	blockID string
	typ     string
	raw     map[string]json.RawMessage
}

// findElement looks for the element with actionID in a blocks array
// (section accessories, actions and input elements).
func findElement(blocksJSON json.RawMessage, actionID string) (element, bool) {
	var blocks []map[string]json.RawMessage
	if json.Unmarshal(blocksJSON, &blocks) != nil {
		return element{}, false
	}
	for _, b := range blocks {
		var blockID string
		_ = json.Unmarshal(b["block_id"], &blockID)
		var candidates []map[string]json.RawMessage
		for _, k := range []string{"accessory", "element"} {
			var el map[string]json.RawMessage
			if json.Unmarshal(b[k], &el) == nil && el != nil {
				candidates = append(candidates, el)
			}
		}
		var els []map[string]json.RawMessage
		if json.Unmarshal(b["elements"], &els) == nil {
			candidates = append(candidates, els...)
		}
		for _, el := range candidates {
			var id, typ string
			_ = json.Unmarshal(el["action_id"], &id)
			_ = json.Unmarshal(el["type"], &typ)
			if id == actionID {
				return element{blockID: blockID, typ: typ, raw: el}, true
			}
		}
	}
	return element{}, false
}

// blockOption is an option of a select, overflow, radio or checkbox element.
type blockOption struct {
	Text struct {
		Text string `json:"text"`
	} `json:"text"`
	Value string `json:"value"`
}

// optionText returns the text of the option with value among the element's
// options (or option groups), or value itself when not found.
func (e element) optionText(value string) string {
	var opts []blockOption
	_ = json.Unmarshal(e.raw["options"], &opts)
	var groups []struct {
		Options []blockOption `json:"options"`
	}
	_ = json.Unmarshal(e.raw["option_groups"], &groups)
	for _, g := range groups {
		opts = append(opts, g.Options...)
	}
	for _, o := range opts {
		if o.Value == value {
			return o.Text.Text
		}
	}
	return value
}
