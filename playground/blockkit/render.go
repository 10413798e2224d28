package blockkit

import (
	"encoding/json"
	"fmt"
	"html"
	"strings"
)

// Surface is where blocks are shown. Every surface renders the same blocks
// the same way today; View picks SurfaceHome or SurfaceModal from the
// view's type so that a caller (or a later check) can tell them apart.
type Surface int

// Surfaces.
const (
	SurfaceMessage Surface = iota
	SurfaceModal
	SurfaceHome
)

// Result is rendered HTML plus what could not be rendered.
type Result struct {
	HTML string
	// Unsupported lists the block and element types shown as placeholders.
	Unsupported []string
}

// Renderer turns blocks into HTML; Dir resolves mentions and fills user
// and channel selects.
type Renderer struct {
	Dir Directory
	// UserOrder and ChannelOrder list the ids for users_select and
	// conversations_select options, in display order.
	UserOrder, ChannelOrder []string
}

// text is a Block Kit text object.
type text struct {
	Type  string `json:"type"`
	Text  string `json:"text"`
	Emoji bool   `json:"emoji"`
}

// option is an option object.
type option struct {
	Text        text   `json:"text"`
	Value       string `json:"value"`
	Description *text  `json:"description"`
}

// confirm is a confirmation dialog object.
type confirm struct {
	Title   *text  `json:"title"`
	Text    *text  `json:"text"`
	Confirm *text  `json:"confirm"`
	Deny    *text  `json:"deny"`
	Style   string `json:"style"`
}

// element is any interactive or context element.
type element struct {
	Type         string   `json:"type"`
	ActionID     string   `json:"action_id"`
	Text         *text    `json:"text"`
	Value        string   `json:"value"`
	URL          string   `json:"url"`
	Style        string   `json:"style"`
	Confirm      *confirm `json:"confirm"`
	Placeholder  *text    `json:"placeholder"`
	Options      []option `json:"options"`
	OptionGroups []struct {
		Label   text     `json:"label"`
		Options []option `json:"options"`
	} `json:"option_groups"`
	InitialOption       *option         `json:"initial_option"`
	InitialOptions      []option        `json:"initial_options"`
	InitialDate         string          `json:"initial_date"`
	InitialTime         string          `json:"initial_time"`
	InitialValue        string          `json:"initial_value"`
	InitialUser         string          `json:"initial_user"`
	InitialUsers        []string        `json:"initial_users"`
	InitialConversation string          `json:"initial_conversation"`
	InitialChannel      string          `json:"initial_channel"`
	Multiline           bool            `json:"multiline"`
	MaxLength           int             `json:"max_length"`
	MinLength           int             `json:"min_length"`
	IsDecimalAllowed    bool            `json:"is_decimal_allowed"`
	ImageURL            string          `json:"image_url"`
	AltText             string          `json:"alt_text"`
	Elements            json.RawMessage `json:"elements"`
}

// block is any layout block.
type block struct {
	Type      string          `json:"type"`
	BlockID   string          `json:"block_id"`
	Text      *text           `json:"text"`
	Fields    []text          `json:"fields"`
	Accessory *element        `json:"accessory"`
	Elements  json.RawMessage `json:"elements"`
	Element   *element        `json:"element"`
	Label     *text           `json:"label"`
	Hint      *text           `json:"hint"`
	Optional  bool            `json:"optional"`
	ImageURL  string          `json:"image_url"`
	AltText   string          `json:"alt_text"`
	Title     *text           `json:"title"`
}

// Blocks renders a blocks array for surface. Malformed JSON is an error.
func (r Renderer) Blocks(raw json.RawMessage, surface Surface) (Result, error) {
	var blocks []block
	if len(raw) > 0 && string(raw) != "null" {
		if err := json.Unmarshal(raw, &blocks); err != nil {
			return Result{}, fmt.Errorf("blockkit: parse blocks: %w", err)
		}
	}
	w := &writer{r: r, surface: surface}
	for _, b := range blocks {
		w.block(b)
	}
	return Result{HTML: w.b.String(), Unsupported: w.unsupported}, nil
}

// Message renders a message: its blocks, or its text when it has none.
func (r Renderer) Message(textFallback string, blocks json.RawMessage) (Result, error) {
	if len(blocks) == 0 || string(blocks) == "null" || string(blocks) == "[]" {
		return Result{HTML: `<div class="bk-text">` + r.Dir.Mrkdwn(textFallback) + `</div>`}, nil
	}
	return r.Blocks(blocks, SurfaceMessage)
}

type writer struct {
	r           Renderer
	surface     Surface
	b           strings.Builder
	unsupported []string
}

func (w *writer) printf(format string, args ...any) { fmt.Fprintf(&w.b, format, args...) }

func (w *writer) unsupportedType(kind, typ string) {
	w.unsupported = append(w.unsupported, kind+" "+typ)
	w.printf(`<div class="bk-unsupported">unsupported %s: %s</div>`, kind, esc(typ))
}

// esc escapes for HTML text and attribute values.
func esc(s string) string { return html.EscapeString(s) }

// textHTML renders a text object: mrkdwn formatted, plain_text literal.
func (w *writer) textHTML(t *text) string {
	if t == nil {
		return ""
	}
	if t.Type == "mrkdwn" {
		return w.r.Dir.Mrkdwn(t.Text)
	}
	return inlineEmoji(esc(t.Text))
}

func inlineEmoji(h string) string {
	return emojiRe.ReplaceAllStringFunc(h, func(m string) string {
		if e, ok := emoji[m[1:len(m)-1]]; ok {
			return e
		}
		return m
	})
}

func plain(t *text) string {
	if t == nil {
		return ""
	}
	return t.Text
}

func (w *writer) block(b block) {
	id := esc(b.BlockID)
	switch b.Type {
	case "section":
		w.printf(`<div class="bk-section" data-block-id="%s"><div class="bk-section-body">`, id)
		if b.Text != nil {
			w.printf(`<div class="bk-text">%s</div>`, w.textHTML(b.Text))
		}
		if len(b.Fields) > 0 {
			w.printf(`<div class="bk-fields">`)
			for i := range b.Fields {
				w.printf(`<div class="bk-field">%s</div>`, w.textHTML(&b.Fields[i]))
			}
			w.printf(`</div>`)
		}
		w.printf(`</div>`)
		if b.Accessory != nil {
			w.printf(`<div class="bk-accessory">`)
			w.element(*b.Accessory, b.BlockID, false)
			w.printf(`</div>`)
		}
		w.printf(`</div>`)
	case "header":
		w.printf(`<div class="bk-header" data-block-id="%s">%s</div>`, id, w.textHTML(b.Text))
	case "divider":
		w.printf(`<hr class="bk-divider">`)
	case "context":
		var els []struct {
			Type     string `json:"type"`
			Text     string `json:"text"`
			ImageURL string `json:"image_url"`
			AltText  string `json:"alt_text"`
		}
		_ = json.Unmarshal(b.Elements, &els)
		w.printf(`<div class="bk-context" data-block-id="%s">`, id)
		for _, e := range els {
			switch e.Type {
			case "mrkdwn", "plain_text":
				w.printf(`<span class="bk-context-item">%s</span>`, w.textHTML(&text{Type: e.Type, Text: e.Text}))
			case "image":
				w.printf(`<img class="bk-context-img" src="%s" alt="%s">`, esc(e.ImageURL), esc(e.AltText))
			default:
				w.unsupportedType("context element", e.Type)
			}
		}
		w.printf(`</div>`)
	case "actions":
		var els []element
		_ = json.Unmarshal(b.Elements, &els)
		w.printf(`<div class="bk-actions" data-block-id="%s">`, id)
		for _, e := range els {
			w.element(e, b.BlockID, false)
		}
		w.printf(`</div>`)
	case "input":
		w.printf(`<div class="bk-input" data-block-id="%s">`, id)
		opt := ""
		if b.Optional {
			opt = ` <span class="bk-optional">(optional)</span>`
		}
		w.printf(`<label class="bk-label">%s%s</label>`, w.textHTML(b.Label), opt)
		if b.Element != nil {
			w.element(*b.Element, b.BlockID, true)
		}
		if b.Hint != nil {
			w.printf(`<div class="bk-hint">%s</div>`, w.textHTML(b.Hint))
		}
		w.printf(`<div class="bk-error" data-error-for="%s"></div></div>`, id)
	case "image":
		w.printf(`<figure class="bk-image">`)
		if b.Title != nil {
			w.printf(`<figcaption>%s</figcaption>`, w.textHTML(b.Title))
		}
		w.printf(`<img src="%s" alt="%s"></figure>`, esc(b.ImageURL), esc(b.AltText))
	case "rich_text":
		w.richText(b.Elements)
	default:
		w.unsupportedType("block", b.Type)
	}
}

// attrs are the data attributes naming an interactive element.
func attrs(e element, blockID string, input bool) string {
	role := "action"
	if input {
		role = "input"
	}
	return fmt.Sprintf(`data-role="%s" data-type="%s" data-action-id="%s" data-block-id="%s"`,
		role, esc(e.Type), esc(e.ActionID), esc(blockID))
}

func (w *writer) confirmAttr(c *confirm) string {
	if c == nil {
		return ""
	}
	j, _ := json.Marshal(map[string]string{
		"title": plain(c.Title), "text": w.textHTML(c.Text), "confirm": plain(c.Confirm),
		"deny": plain(c.Deny), "style": c.Style,
	})
	return ` data-confirm="` + esc(string(j)) + `"`
}

func (w *writer) element(e element, blockID string, input bool) {
	a := attrs(e, blockID, input)
	switch e.Type {
	case "button":
		cls := "bk-btn"
		if e.Style != "" {
			cls += " bk-btn-" + esc(e.Style)
		}
		if e.URL != "" {
			w.printf(`<a class="%s" href="%s" target="_blank" rel="noopener noreferrer">%s</a>`, cls, esc(e.URL), w.textHTML(e.Text))
			return
		}
		w.printf(`<button type="button" class="%s" %s data-value="%s"%s>%s</button>`, cls, a, esc(e.Value), w.confirmAttr(e.Confirm), w.textHTML(e.Text))
	case "static_select", "multi_static_select":
		multi := ""
		if e.Type == "multi_static_select" {
			multi = " multiple"
		}
		w.printf(`<select class="bk-select" %s%s%s>`, a, multi, w.confirmAttr(e.Confirm))
		selected := map[string]bool{}
		if e.InitialOption != nil {
			selected[e.InitialOption.Value] = true
		}
		for _, o := range e.InitialOptions {
			selected[o.Value] = true
		}
		if multi == "" {
			sel := ""
			if len(selected) == 0 {
				sel = " selected"
			}
			w.printf(`<option value="" disabled%s>%s</option>`, sel, esc(placeholder(e.Placeholder, "Select an item")))
		}
		w.options(e.Options, selected)
		for _, g := range e.OptionGroups {
			w.printf(`<optgroup label="%s">`, esc(g.Label.Text))
			w.options(g.Options, selected)
			w.printf(`</optgroup>`)
		}
		w.printf(`</select>`)
	case "users_select", "multi_users_select", "conversations_select", "channels_select",
		"multi_conversations_select", "multi_channels_select":
		w.directorySelect(e, a)
	case "overflow":
		w.printf(`<div class="bk-overflow" %s><button type="button" class="bk-btn bk-overflow-toggle" aria-label="More actions">⋯</button><div class="bk-overflow-menu" hidden>`, a)
		for _, o := range e.Options {
			w.printf(`<button type="button" class="bk-overflow-item" data-value="%s">%s</button>`, esc(o.Value), w.textHTML(&o.Text))
		}
		w.printf(`</div></div>`)
	case "datepicker":
		w.printf(`<input type="date" class="bk-date" %s value="%s"%s>`, a, esc(e.InitialDate), w.confirmAttr(e.Confirm))
	case "timepicker":
		w.printf(`<input type="time" class="bk-time" %s value="%s"%s>`, a, esc(e.InitialTime), w.confirmAttr(e.Confirm))
	case "checkboxes", "radio_buttons":
		kind := "checkbox"
		if e.Type == "radio_buttons" {
			kind = "radio"
		}
		checked := map[string]bool{}
		for _, o := range e.InitialOptions {
			checked[o.Value] = true
		}
		if e.InitialOption != nil {
			checked[e.InitialOption.Value] = true
		}
		w.printf(`<div class="bk-choices" %s>`, a)
		for _, o := range e.Options {
			c := ""
			if checked[o.Value] {
				c = " checked"
			}
			w.printf(`<label class="bk-choice"><input type="%s" name="%s.%s" value="%s"%s><span>%s`,
				kind, esc(blockID), esc(e.ActionID), esc(o.Value), c, w.textHTML(&o.Text))
			if o.Description != nil {
				w.printf(`<span class="bk-choice-desc">%s</span>`, w.textHTML(o.Description))
			}
			w.printf(`</span></label>`)
		}
		w.printf(`</div>`)
	case "plain_text_input":
		ph := esc(placeholder(e.Placeholder, ""))
		maxLen := ""
		if e.MaxLength > 0 {
			maxLen = fmt.Sprintf(` maxlength="%d"`, e.MaxLength)
		}
		if e.Multiline {
			w.printf(`<textarea class="bk-textinput" rows="4" %s placeholder="%s"%s>%s</textarea>`, a, ph, maxLen, esc(e.InitialValue))
		} else {
			w.printf(`<input type="text" class="bk-textinput" %s placeholder="%s"%s value="%s">`, a, ph, maxLen, esc(e.InitialValue))
		}
	case "number_input":
		step := "1"
		if e.IsDecimalAllowed {
			step = "any"
		}
		w.printf(`<input type="number" step="%s" class="bk-textinput" %s placeholder="%s" value="%s">`, step, a, esc(placeholder(e.Placeholder, "")), esc(e.InitialValue))
	case "image":
		w.printf(`<img class="bk-accessory-img" src="%s" alt="%s">`, esc(e.ImageURL), esc(e.AltText))
	default:
		w.unsupportedType("element", e.Type)
	}
}

func placeholder(t *text, def string) string {
	if t == nil || t.Text == "" {
		return def
	}
	return t.Text
}

func (w *writer) options(opts []option, selected map[string]bool) {
	for _, o := range opts {
		s := ""
		if selected[o.Value] {
			s = " selected"
		}
		w.printf(`<option value="%s"%s>%s</option>`, esc(o.Value), s, esc(o.Text.Text))
	}
}

// directorySelect renders a user or conversation picker from the directory.
func (w *writer) directorySelect(e element, a string) {
	multi := strings.HasPrefix(e.Type, "multi_")
	users := strings.Contains(e.Type, "users")
	ids, names := w.r.ChannelOrder, w.r.Dir.Channels
	prefix := "#"
	selected := map[string]bool{e.InitialConversation: true, e.InitialChannel: true}
	if users {
		ids, names, prefix = w.r.UserOrder, w.r.Dir.Users, "@"
		selected = map[string]bool{e.InitialUser: true}
		for _, u := range e.InitialUsers {
			selected[u] = true
		}
	}
	delete(selected, "")
	m := ""
	if multi {
		m = " multiple"
	}
	w.printf(`<select class="bk-select" %s%s>`, a, m)
	if !multi {
		sel := ""
		if len(selected) == 0 {
			sel = " selected"
		}
		w.printf(`<option value="" disabled%s>%s</option>`, sel, esc(placeholder(e.Placeholder, "Select")))
	}
	for _, id := range ids {
		s := ""
		if selected[id] {
			s = " selected"
		}
		w.printf(`<option value="%s"%s>%s%s</option>`, esc(id), s, prefix, esc(names[id]))
	}
	w.printf(`</select>`)
}

// richText renders a rich_text block's sections, lists, quotes and
// preformatted parts (text, links, mentions and emoji inside them).
func (w *writer) richText(raw json.RawMessage) {
	var parts []struct {
		Type     string            `json:"type"`
		Style    string            `json:"style"`
		Elements []json.RawMessage `json:"elements"`
	}
	_ = json.Unmarshal(raw, &parts)
	w.printf(`<div class="bk-rich">`)
	for _, p := range parts {
		switch p.Type {
		case "rich_text_section":
			w.printf(`<div>%s</div>`, w.richInline(p.Elements))
		case "rich_text_quote":
			w.printf(`<blockquote class="bk-quote">%s</blockquote>`, w.richInline(p.Elements))
		case "rich_text_preformatted":
			w.printf(`<pre class="bk-pre">%s</pre>`, w.richInline(p.Elements))
		case "rich_text_list":
			tag := "ul"
			if p.Style == "ordered" {
				tag = "ol"
			}
			w.printf(`<%s>`, tag)
			for _, item := range p.Elements {
				var sec struct {
					Elements []json.RawMessage `json:"elements"`
				}
				_ = json.Unmarshal(item, &sec)
				w.printf(`<li>%s</li>`, w.richInline(sec.Elements))
			}
			w.printf(`</%s>`, tag)
		default:
			w.unsupportedType("rich text part", p.Type)
		}
	}
	w.printf(`</div>`)
}

func (w *writer) richInline(els []json.RawMessage) string {
	var b strings.Builder
	for _, raw := range els {
		var e struct {
			Type, Text, URL, UserID, ChannelID, Name, Range string
			Style                                           struct{ Bold, Italic, Strike, Code bool }
		}
		var m map[string]json.RawMessage
		_ = json.Unmarshal(raw, &m)
		get := func(k string) string { var s string; _ = json.Unmarshal(m[k], &s); return s }
		e.Type, e.Text, e.URL, e.UserID, e.ChannelID, e.Name, e.Range = get("type"), get("text"), get("url"), get("user_id"), get("channel_id"), get("name"), get("range")
		_ = json.Unmarshal(m["style"], &e.Style)
		var h string
		switch e.Type {
		case "text":
			h = strings.ReplaceAll(esc(e.Text), "\n", "<br>")
		case "link":
			label := e.Text
			if label == "" {
				label = e.URL
			}
			h = w.r.Dir.control(e.URL + "|" + label)
		case "user":
			h = w.r.Dir.control("@" + e.UserID)
		case "channel":
			h = w.r.Dir.control("#" + e.ChannelID)
		case "broadcast":
			h = w.r.Dir.control("!" + e.Range)
		case "emoji":
			h = inlineEmoji(":" + esc(e.Name) + ":")
		default:
			w.unsupported = append(w.unsupported, "rich text element "+e.Type)
			h = `<span class="bk-unsupported">unsupported rich text element: ` + esc(e.Type) + `</span>`
		}
		if e.Style.Code {
			h = `<code class="bk-code">` + h + `</code>`
		}
		if e.Style.Bold {
			h = "<b>" + h + "</b>"
		}
		if e.Style.Italic {
			h = "<i>" + h + "</i>"
		}
		if e.Style.Strike {
			h = "<s>" + h + "</s>"
		}
		b.WriteString(h)
	}
	return b.String()
}
