package coaching

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/slack-go/slack"

	"ctocoach/coaching"
)

// maxFamiliesListed bounds the export message's list (the file has all).
const maxFamiliesListed = 40

// ExportMessage is /cto export's DM: every family of keys held about the
// user with its size, and the planned messages; the full content goes
// with it as a JSON file (ExportFile).
func ExportMessage(lang string, ex coaching.Export, loc *time.Location) Message {
	intro := tr(lang, "export.intro", when(lang, ex.At, loc))
	blocks := []slack.Block{md("ex-intro", intro)}
	if len(ex.Families) == 0 && len(ex.Tasks) == 0 {
		blocks = append(blocks, md("ex-none", tr(lang, "export.nothing")))
		return Message{Text: intro, Blocks: blocks}
	}
	text := ""
	for i, f := range ex.Families {
		if i == maxFamiliesListed {
			text += "\n" + tr(lang, "list.more", len(ex.Families)-i)
			break
		}
		n := items(f.Data)
		text += "\n" + tr(lang, "export.family", escaped(f.Name), trn(lang, "export.items", n, n))
	}
	if len(ex.Tasks) > 0 {
		text += "\n" + trn(lang, "export.tasks", len(ex.Tasks), len(ex.Tasks))
	}
	blocks = append(blocks, md("ex-families", text[1:]), note("ex-file", tr(lang, "export.file")))
	return Message{Text: intro, Blocks: blocks}
}

// items counts a family's entries: a JSON array's or object's length, 1
// for a single value.
func items(raw json.RawMessage) int {
	var arr []json.RawMessage
	if json.Unmarshal(raw, &arr) == nil {
		return len(arr)
	}
	var obj map[string]json.RawMessage
	if json.Unmarshal(raw, &obj) == nil {
		return len(obj)
	}
	return 1
}

// ExportFile is the export as indented JSON and its file name.
func ExportFile(ex coaching.Export) (name string, data []byte, err error) {
	data, err = json.MarshalIndent(ex, "", "  ")
	if err != nil {
		return "", nil, fmt.Errorf("coaching: export file: %w", err)
	}
	return "ctocoach-export-" + ex.At.UTC().Format("20060102") + ".json", data, nil
}

// ForgetConfirmation is /cto forget's answer: what goes, a "Delete
// everything" button behind Slack's confirm dialog, and "Keep my data".
func ForgetConfirmation(lang string) Message {
	del := button(ActionForget, "forget", tr(lang, "forget.button"))
	del.Style = slack.StyleDanger
	del.Confirm = slack.NewConfirmationBlockObject(plain(tr(lang, "forget.confirm_t"), 100),
		plain(tr(lang, "forget.confirm"), 300), plain(tr(lang, "forget.yes"), 30), plain(tr(lang, "forget.no"), 30))
	del.Confirm.Style = slack.StyleDanger
	return Message{Text: tr(lang, "forget.intro"), Blocks: []slack.Block{
		md("fg-intro", tr(lang, "forget.intro")),
		slack.NewActionBlock("fg-actions", del, button(ActionCancel, "keep", tr(lang, "forget.keep"))),
	}}
}

// Forgotten is the message that replaces the confirmation once done (or kept).
func Forgotten(lang string, deleted bool) Message {
	key := "forget.kept"
	if deleted {
		key = "forget.done"
	}
	return Message{Text: tr(lang, key), Blocks: []slack.Block{md("fg-done", tr(lang, key))}}
}

// ForgottenHome is the neutral App Home published right after /cto
// forget, in the request's language: nothing of the user's in it, and
// built without their profile (reading it would store it again).
func ForgottenHome(lang string) slack.HomeTabViewRequest {
	return slack.HomeTabViewRequest{Type: slack.VTHomeTab, Blocks: slack.Blocks{BlockSet: []slack.Block{md("fg-home", tr(lang, "forget.home"))}}}
}

// T returns one of the feature's sentences (the handlers' short answers).
func T(lang, key string, args ...any) string { return tr(lang, key, args...) }

// maxChunk is the escaped JSON one section of the export's DMs carries
// (a code block, under the section's 3000 characters).
const maxChunk = maxSection - 6

// ExportChunks are the DMs that carry the export's JSON (no file upload:
// the bot has no files:write scope): code blocks of at most maxChunk
// characters once escaped, at most maxMessage blocks a message.
func ExportChunks(data []byte) []Message {
	var out []Message
	var cur []slack.Block
	var part []rune
	flush := func() {
		cur = append(cur, md(fmt.Sprintf("ex-%d", len(cur)), "```"+string(part)+"```"))
		part = part[:0]
		if len(cur) == maxMessage {
			out = append(out, Message{Text: "export", Blocks: cur})
			cur = nil
		}
	}
	for _, r := range string(data) {
		piece := []rune(escaped(string(r)))
		if len(part)+len(piece) > maxChunk {
			flush()
		}
		part = append(part, piece...)
	}
	if len(part) > 0 {
		flush()
	}
	if len(cur) > 0 {
		out = append(out, Message{Text: "export", Blocks: cur})
	}
	return out
}
