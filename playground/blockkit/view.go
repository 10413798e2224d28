package blockkit

import (
	"encoding/json"
	"fmt"
)

// View is a rendered modal or App Home view.
type View struct {
	Title, Submit, Close string // plain texts ("" when absent)
	Result
}

// View renders a view object (as the bot sent it to views.open, push,
// update or publish).
func (r Renderer) View(raw json.RawMessage) (View, error) {
	var v struct {
		Type   string          `json:"type"`
		Title  *text           `json:"title"`
		Submit *text           `json:"submit"`
		Close  *text           `json:"close"`
		Blocks json.RawMessage `json:"blocks"`
	}
	if err := json.Unmarshal(raw, &v); err != nil {
		return View{}, fmt.Errorf("blockkit: parse view: %w", err)
	}
	surface := SurfaceModal
	if v.Type == "home" {
		surface = SurfaceHome
	}
	res, err := r.Blocks(v.Blocks, surface)
	if err != nil {
		return View{}, err
	}
	out := View{Title: plain(v.Title), Submit: plain(v.Submit), Close: plain(v.Close), Result: res}
	if out.Close == "" && surface == SurfaceModal {
		out.Close = "Cancel"
	}
	return out, nil
}
