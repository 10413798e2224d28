package blockkit

import (
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"
)

// captured are the bot's real payloads, written by the playground's
// end-to-end test (PLAYGROUND_CAPTURE=playground/blockkit/testdata go test
// ./cmd/ctocoach -run TestPlaygroundRendersEveryBotPayload).
type captured struct {
	Name string          `json:"name"`
	Kind string          `json:"kind"`
	JSON json.RawMessage `json:"json"`
}

func loadCaptured(t *testing.T) []captured {
	t.Helper()
	b, err := os.ReadFile("testdata/payloads.json")
	if err != nil {
		t.Fatal(err)
	}
	var ps []captured
	if err := json.Unmarshal(b, &ps); err != nil {
		t.Fatal(err)
	}
	return ps
}

var testRenderer = Renderer{
	Dir:       Directory{Users: map[string]string{"UALEX": "Alex Morgan", "UCAMILLE": "Camille Durand"}, Channels: map[string]string{"CRETRO": "retro"}},
	UserOrder: []string{"UALEX", "UCAMILLE"}, ChannelOrder: []string{"CRETRO"},
}

func render(t *testing.T, p captured) string {
	t.Helper()
	if p.Kind == "view" {
		v, err := testRenderer.View(p.JSON)
		if err != nil {
			t.Fatalf("%s: %v", p.Name, err)
		}
		if len(v.Unsupported) > 0 {
			t.Errorf("%s: unsupported %v", p.Name, v.Unsupported)
		}
		return v.HTML
	}
	r, err := testRenderer.Blocks(p.JSON, SurfaceMessage)
	if err != nil {
		t.Fatalf("%s: %v", p.Name, err)
	}
	if len(r.Unsupported) > 0 {
		t.Errorf("%s: unsupported %v", p.Name, r.Unsupported)
	}
	return r.HTML
}

// find returns the captured payloads whose JSON contains s.
func find(t *testing.T, ps []captured, s string) []captured {
	t.Helper()
	var out []captured
	for _, p := range ps {
		if strings.Contains(string(p.JSON), s) {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		t.Fatalf("no captured payload contains %s", s)
	}
	return out
}

func TestEveryCapturedPayloadRenders(t *testing.T) {
	ps := loadCaptured(t)
	if len(ps) < 20 {
		t.Fatalf("%d captured payloads, want the whole tour", len(ps))
	}
	for _, p := range ps {
		if h := render(t, p); strings.Contains(h, "bk-unsupported") || h == "" {
			t.Errorf("%s rendered %q", p.Name, h)
		}
	}
}

func TestAnswerHasThreeCardsWithFeedback(t *testing.T) {
	for _, p := range find(t, loadCaptured(t), `"advice.up"`) {
		h := render(t, p)
		ups := strings.Count(h, `data-action-id="advice.up"`)
		var blocks []struct {
			Elements []struct {
				ActionID string `json:"action_id"`
			} `json:"elements"`
		}
		_ = json.Unmarshal(p.JSON, &blocks)
		want := 0
		for _, b := range blocks {
			for _, e := range b.Elements {
				if e.ActionID == "advice.up" {
					want++
				}
			}
		}
		if ups != want || want == 0 {
			t.Errorf("%s: %d 👍 buttons rendered, payload has %d", p.Name, ups, want)
		}
		if !strings.Contains(h, `class="bk-header"`) && !strings.Contains(h, "<b>") {
			t.Errorf("%s: card titles not emphasised: %s", p.Name, h)
		}
	}
}

func TestButtonsKeepStyleAndConfirm(t *testing.T) {
	p := find(t, loadCaptured(t), `"retro.close"`)[0]
	h := render(t, p)
	close := regexp.MustCompile(`<button[^>]*data-action-id="retro.close"[^>]*>`).FindString(h)
	if !strings.Contains(close, "data-confirm=") {
		t.Errorf("close button without its confirm dialog: %s", close)
	}
	if !strings.Contains(h, "bk-btn-primary") {
		t.Errorf("no primary button on the board: %s", h)
	}
}

func TestWidgetsOfModals(t *testing.T) {
	ps := loadCaptured(t)
	settings := render(t, find(t, ps, `"routine.settings"`)[0])
	for _, want := range []string{`type="checkbox"`, `type="time"`, `data-type="timepicker"`, `data-role="input"`, `<select class="bk-select"`} {
		if !strings.Contains(settings, want) {
			t.Errorf("routine settings modal lacks %s", want)
		}
	}
	if !regexp.MustCompile(`type="time"[^>]*value="\d\d:\d\d"`).MatchString(settings) {
		t.Errorf("time pickers without their initial time: %s", settings)
	}
	if !strings.Contains(settings, " checked>") {
		t.Errorf("no initial checkbox is checked: %s", settings)
	}
	action := render(t, find(t, ps, `"datepicker"`)[0])
	if !strings.Contains(action, `type="date"`) {
		t.Errorf("datepicker not rendered as a date input: %s", action)
	}
	users := render(t, find(t, ps, `"users_select"`)[0])
	if !strings.Contains(users, `<option value="UALEX">@Alex Morgan</option>`) {
		t.Errorf("users_select lacks the directory's people: %s", users)
	}
}

func TestOverflowMenuHasEveryOption(t *testing.T) {
	p := find(t, loadCaptured(t), `"overflow"`)[0]
	h := render(t, p)
	var blocks []struct {
		Accessory *struct {
			Type    string            `json:"type"`
			Options []json.RawMessage `json:"options"`
		} `json:"accessory"`
	}
	_ = json.Unmarshal(p.JSON, &blocks)
	want := 0
	for _, b := range blocks {
		if b.Accessory != nil && b.Accessory.Type == "overflow" {
			want += len(b.Accessory.Options)
		}
	}
	if got := strings.Count(h, `class="bk-overflow-item"`); got != want || want == 0 {
		t.Errorf("%d overflow items rendered, payload has %d", got, want)
	}
}

func TestRadioButtonsAndMultiSelect(t *testing.T) {
	// The bot sends no radio buttons today; the page must still show them.
	raw := `[{"type":"input","block_id":"b","label":{"type":"plain_text","text":"Pick"},"element":{"type":"radio_buttons","action_id":"r","initial_option":{"text":{"type":"plain_text","text":"Two"},"value":"2"},"options":[{"text":{"type":"plain_text","text":"One"},"value":"1"},{"text":{"type":"plain_text","text":"Two"},"value":"2"}]}},
	{"type":"actions","elements":[{"type":"multi_static_select","action_id":"m","options":[{"text":{"type":"plain_text","text":"A"},"value":"a"}],"initial_options":[{"text":{"type":"plain_text","text":"A"},"value":"a"}]}]}]`
	r, err := testRenderer.Blocks(json.RawMessage(raw), SurfaceModal)
	if err != nil || len(r.Unsupported) > 0 {
		t.Fatalf("render: %v %v", err, r.Unsupported)
	}
	if !strings.Contains(r.HTML, `type="radio" name="b.r" value="2" checked>`) || !strings.Contains(r.HTML, `type="radio" name="b.r" value="1">`) {
		t.Errorf("radio buttons: %s", r.HTML)
	}
	if !strings.Contains(r.HTML, ` multiple>`) || !strings.Contains(r.HTML, `<option value="a" selected>A</option>`) {
		t.Errorf("multi select: %s", r.HTML)
	}
}

func TestUnknownBlockIsReported(t *testing.T) {
	r, err := testRenderer.Blocks(json.RawMessage(`[{"type":"video","title":{"type":"plain_text","text":"x"}},{"type":"actions","elements":[{"type":"workflow_button"}]}]`), SurfaceMessage)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Unsupported) != 2 || !strings.Contains(r.HTML, "unsupported block: video") || !strings.Contains(r.HTML, "unsupported element: workflow_button") {
		t.Errorf("unsupported = %v, html %s", r.Unsupported, r.HTML)
	}
	if _, err := testRenderer.Blocks(json.RawMessage(`{"not":"an array"}`), SurfaceMessage); err == nil {
		t.Error("malformed blocks rendered without an error")
	}
}

func TestPlainTextIsEscaped(t *testing.T) {
	r, _ := testRenderer.Blocks(json.RawMessage(`[{"type":"header","text":{"type":"plain_text","text":"<img src=x onerror=alert(1)> & co"}}]`), SurfaceMessage)
	if strings.Contains(r.HTML, "<img") || !strings.Contains(r.HTML, "&lt;img src=x onerror=alert(1)&gt; &amp; co") {
		t.Errorf("plain text not escaped: %s", r.HTML)
	}
}
