package slackemu

import (
	"encoding/json"
	"fmt"
)

// Limits Slack enforces on views.
const (
	maxTitleLen    = 24
	maxCallbackLen = 255
	maxMetadataLen = 3000
)

// viewRequest is the parts of a view object the emulator checks and keeps.
type viewRequest struct {
	raw             json.RawMessage
	typ             string
	title           string
	callbackID      string
	privateMetadata string
	externalID      string
	blocks          json.RawMessage
}

// readView parses and validates a view object (the "view" parameter) against Slack's rules
// for the wanted type ("modal" or "home"), answering invalid_arguments with
// Slack-style messages like Slack does.
func readView(raw json.RawMessage, wantType string) (viewRequest, *apiError) {
	if raw == nil {
		return viewRequest{}, fail("invalid_arguments", "[ERROR] missing required field: view")
	}
	var v struct {
		Type            string          `json:"type"`
		Title           *textObject     `json:"title"`
		Submit          *textObject     `json:"submit"`
		Close           *textObject     `json:"close"`
		CallbackID      string          `json:"callback_id"`
		PrivateMetadata string          `json:"private_metadata"`
		ExternalID      string          `json:"external_id"`
		Blocks          json.RawMessage `json:"blocks"`
	}
	if err := json.Unmarshal(raw, &v); err != nil {
		return viewRequest{}, fail("invalid_arguments", "[ERROR] view must be a JSON object [json-pointer:/view]")
	}
	var msgs []string
	if v.Type != wantType {
		msgs = append(msgs, fmt.Sprintf("[ERROR] must be '%s' [json-pointer:/view/type]", wantType))
	}
	blocks, e := parseBlocks(v.Blocks, maxViewBlocks, "/view/blocks")
	if e != nil {
		msgs = append(msgs, e.messages...)
	}
	if v.Blocks == nil {
		msgs = append(msgs, "[ERROR] missing required field: blocks [json-pointer:/view]")
	}
	if wantType == "modal" {
		msgs = append(msgs, checkModalTexts(v.Title, v.Submit, v.Close)...)
		if v.Submit == nil && hasInputBlock(blocks) {
			msgs = append(msgs, "[ERROR] must provide a submit property when using input blocks [json-pointer:/view]")
		}
	}
	if len(v.CallbackID) > maxCallbackLen {
		msgs = append(msgs, fmt.Sprintf("[ERROR] must be less than %d characters [json-pointer:/view/callback_id]", maxCallbackLen+1))
	}
	if len(v.PrivateMetadata) > maxMetadataLen {
		msgs = append(msgs, fmt.Sprintf("[ERROR] must be less than %d characters [json-pointer:/view/private_metadata]", maxMetadataLen+1))
	}
	if len(msgs) > 0 {
		return viewRequest{}, fail("invalid_arguments", msgs...)
	}
	title := ""
	if v.Title != nil {
		title = v.Title.Text
	}
	return viewRequest{raw: raw, typ: v.Type, title: title, callbackID: v.CallbackID,
		privateMetadata: v.PrivateMetadata, externalID: v.ExternalID, blocks: v.Blocks}, nil
}

// textObject is a Block Kit text object.
type textObject struct {
	Type string `json:"type"`
	Text string `json:"text"`
}

// checkModalTexts enforces the title (required) and button label limits.
func checkModalTexts(title, submit, closeText *textObject) []string {
	var msgs []string
	if title == nil {
		msgs = append(msgs, "[ERROR] missing required field: title [json-pointer:/view]")
	}
	for _, f := range []struct {
		name string
		t    *textObject
	}{{"title", title}, {"submit", submit}, {"close", closeText}} {
		name, t := f.name, f.t
		if t == nil {
			continue
		}
		if t.Type != "plain_text" {
			msgs = append(msgs, fmt.Sprintf("[ERROR] must be 'plain_text' [json-pointer:/view/%s/type]", name))
		}
		if n := len([]rune(t.Text)); n == 0 || n > maxTitleLen {
			msgs = append(msgs, fmt.Sprintf("[ERROR] must be between 1 and %d characters [json-pointer:/view/%s/text]", maxTitleLen, name))
		}
	}
	return msgs
}

// hasInputBlock reports whether any block is an input block.
func hasInputBlock(blocks []map[string]json.RawMessage) bool {
	for _, b := range blocks {
		var typ string
		_ = json.Unmarshal(b["type"], &typ)
		if typ == "input" {
			return true
		}
	}
	return false
}
