package retrobot

import (
	"context"
	"ctocoach/bot"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/slack-go/slack"

	"ctocoach/retro"
	"ctocoach/store"
)

// retroMeta is the private_metadata of the retro modals. It never holds a
// user id: an anonymous card's modal must carry nothing that names its
// author.
type retroMeta struct {
	Board string `json:"b,omitempty"`
	Lang  string `json:"l,omitempty"`
	Card  string `json:"c,omitempty"`
	Zone  string `json:"z,omitempty"`
	Page  int    `json:"p,omitempty"`
	Std   string `json:"s,omitempty"`
	// N counts the cards an add-card modal has added (see cardForm).
	N int `json:"n,omitempty"`
}

func (m retroMeta) String() string {
	raw, _ := json.Marshal(m)
	return string(raw)
}

// viewMeta reads the metadata of the modal a request comes from.
func viewMeta(r *bot.Request) retroMeta {
	var m retroMeta
	if r.Callback != nil {
		_ = json.Unmarshal([]byte(r.Callback.View.PrivateMetadata), &m)
	}
	if m.Lang != bot.LangFR && m.Lang != bot.LangEN {
		m.Lang = ""
	}
	return m
}

// viewValues returns the submitted state of the modal.
func viewValues(r *bot.Request) map[string]map[string]slack.BlockAction {
	if r.Callback == nil || r.Callback.View.State == nil {
		return nil
	}
	return r.Callback.View.State.Values
}

// modal builds a modal view.
func modal(lang, callbackID, titleKey, submitKey string, meta retroMeta, blocks []slack.Block) slack.ModalViewRequest {
	v := slack.ModalViewRequest{
		Type: slack.VTModal, CallbackID: callbackID, PrivateMetadata: meta.String(),
		Title: bot.PlainText(cutChars(bot.T(lang, titleKey), 24)), Close: bot.PlainText(bot.T(lang, "retro.modal.close")),
		Blocks: slack.Blocks{BlockSet: blocks},
	}
	if submitKey != "" {
		v.Submit = bot.PlainText(bot.T(lang, submitKey))
	}
	return v
}

// openModal opens view with the request's trigger (the user is told when
// it cannot, see openView).
func (b *feature) openModal(ctx context.Context, r *bot.Request, view slack.ModalViewRequest) {
	_ = r.OpenView(ctx, view)
}

// zoneOption is a zone as a select option.
func zoneOption(lang string, z retro.Zone) *slack.OptionBlockObject {
	return slack.NewOptionBlockObject(z.ID, bot.PlainText(cutChars(z.Emoji+" "+z.Label(lang), 75)), nil)
}

// addCardModal asks for a zone, a text and anonymity (ticked by default).
func addCardModal(lang string, rb store.RetroBoard, zone, text string) slack.ModalViewRequest {
	return addCardForm(lang, rb, cardForm{Zone: zone, Text: text, Anonymous: true})
}

// editCardModal asks for a card's new text.
func editCardModal(lang string, rb store.RetroBoard, c retro.Card) slack.ModalViewRequest {
	in := slack.NewPlainTextInputBlockElement(nil, blockText)
	in.Multiline, in.MaxLength, in.InitialValue = true, retro.MaxCardLen, c.Text
	blocks := []slack.Block{slack.NewInputBlock(blockText, bot.PlainText(bot.T(lang, "retro.field.text")), nil, in)}
	return modal(lang, viewEditCard, "retro.modal.edit", "retro.modal.save", retroMeta{Board: rb.ID, Lang: lang, Card: c.ID}, blocks)
}

// actionModal asks for an action's text, owner and due date.
func actionModal(lang string, rb store.RetroBoard, fromCard string) slack.ModalViewRequest {
	in := slack.NewPlainTextInputBlockElement(nil, blockText)
	in.Multiline, in.MaxLength = true, retro.MaxActionLen
	if c, i := rb.Card(fromCard); i >= 0 {
		in.InitialValue = cutChars(c.Text, retro.MaxActionLen)
	}
	owner := slack.NewOptionsSelectBlockElement(slack.OptTypeUser, bot.PlainText(bot.T(lang, "retro.field.pick")), blockOwner)
	due := slack.NewDatePickerBlockElement(blockDue)
	dueInput := slack.NewInputBlock(blockDue, bot.PlainText(bot.T(lang, "retro.field.due")), nil, due)
	dueInput.Optional = true
	blocks := []slack.Block{
		slack.NewInputBlock(blockText, bot.PlainText(bot.T(lang, "retro.field.action")), nil, in),
		slack.NewInputBlock(blockOwner, bot.PlainText(bot.T(lang, "retro.field.owner")), nil, owner),
		dueInput,
	}
	return modal(lang, viewAddAction, "retro.modal.action", "retro.modal.add", retroMeta{Board: rb.ID, Lang: lang, Card: fromCard}, blocks)
}

// maxSourceOptions is Slack's limit of options in a static select.
const maxSourceOptions = 100

// promoteModal asks which revealed card or action becomes a standard, and
// its title.
func promoteModal(lang string, rb store.RetroBoard, source string) slack.ModalViewRequest {
	var opts []*slack.OptionBlockObject
	var initial *slack.OptionBlockObject
	add := func(value, text string) {
		if len(opts) == maxSourceOptions {
			return
		}
		o := slack.NewOptionBlockObject(value, bot.PlainText(cutChars(text, 75)), nil)
		opts = append(opts, o)
		if value == source {
			initial = o
		}
	}
	for _, a := range rb.Actions {
		add("action:"+a.ID, "📝 "+oneLine(a.Text))
	}
	if !rb.Phase.HidesCards() {
		for _, z := range rb.Format.Zones {
			for _, c := range retro.ZoneCards(rb.Board, z.ID) {
				add("card:"+c.ID, z.Emoji+" "+oneLine(c.Text))
			}
		}
	}
	var blocks []slack.Block
	if len(opts) > 0 {
		sel := slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, bot.PlainText(bot.T(lang, "retro.field.pick")), blockSource, opts...)
		sel.InitialOption = initial
		blocks = append(blocks, slack.NewInputBlock(blockSource, bot.PlainText(bot.T(lang, "retro.field.source")), nil, sel))
	}
	title := slack.NewPlainTextInputBlockElement(nil, blockTitle)
	title.MaxLength = retro.MaxStandardTitleLen
	titleInput := slack.NewInputBlock(blockTitle, bot.PlainText(bot.T(lang, "retro.field.std_title")), bot.PlainText(bot.T(lang, "retro.field.title_hint")), title)
	titleInput.Optional = true
	blocks = append(blocks, titleInput)
	return modal(lang, viewPromote, "retro.modal.promote", "retro.modal.save", retroMeta{Board: rb.ID, Lang: lang}, blocks)
}

// standardModal edits a standard's title and text.
func standardModal(lang string, std retro.Standard) slack.ModalViewRequest {
	title := slack.NewPlainTextInputBlockElement(nil, blockTitle)
	title.MaxLength, title.InitialValue = retro.MaxStandardTitleLen, std.Title
	text := slack.NewPlainTextInputBlockElement(nil, blockText)
	text.Multiline, text.MaxLength, text.InitialValue = true, retro.MaxStandardTextLen, std.Text
	textInput := slack.NewInputBlock(blockText, bot.PlainText(bot.T(lang, "retro.field.std_text")), nil, text)
	textInput.Optional = true
	blocks := []slack.Block{slack.NewInputBlock(blockTitle, bot.PlainText(bot.T(lang, "retro.field.std_title")), nil, title), textInput}
	return modal(lang, viewStandard, "retro.modal.std", "retro.modal.save", retroMeta{Lang: lang, Std: std.ID}, blocks)
}

// modalCardChars bounds a card's text in the paged modal (its section
// holds at most 3000 characters, with room for the vote count).
const modalCardChars = retro.SlackMaxSectionChars - retro.CardLineOverhead

// allCardsModal is one page of a zone's cards, whole texts, with
// previous / next buttons.
func allCardsModal(lang string, rb store.RetroBoard, zoneID string, page int) slack.ModalViewRequest {
	p := retro.Page(rb.Board, zoneID, page, retro.DefaultPerPage)
	z, _ := rb.Format.Zone(zoneID)
	head := bot.T(lang, "retro.zone_votes", z.Emoji, bot.Escape(z.Label(lang)), p.Total, zoneVotes(p))
	blocks := []slack.Block{
		bot.Markdown("zone", head),
		slack.NewContextBlock("pages", mrkdwn(bot.Escape(z.Question(lang))+" · "+bot.T(lang, "retro.page", p.Page+1, p.Pages, p.Total))),
		slack.NewDividerBlock(),
	}
	for _, c := range p.Cards {
		text := escapeCut(c.Text, modalCardChars) + byline(rb.Board, c)
		if rb.Phase != retro.PhaseCollect && rb.Phase != retro.PhaseReveal {
			text += "   " + bot.T(lang, "retro.card_votes", c.Votes)
		}
		blocks = append(blocks, bot.Markdown("card:"+c.ID, text))
	}
	var nav []slack.BlockElement
	if p.HasPrev {
		nav = append(nav, slack.NewButtonBlockElement("retro.page:prev", fmt.Sprint(p.Page-1), bot.PlainText(bot.T(lang, "retro.btn.prev"))))
	}
	if p.HasNext {
		nav = append(nav, slack.NewButtonBlockElement("retro.page:next", fmt.Sprint(p.Page+1), bot.PlainText(bot.T(lang, "retro.btn.next"))))
	}
	if len(nav) > 0 {
		blocks = append(blocks, slack.NewActionBlock("nav", nav...))
	}
	return modal(lang, viewAllCards, "retro.modal.all", "", retroMeta{Board: rb.ID, Lang: lang, Zone: zoneID, Page: p.Page}, blocks)
}

func zoneVotes(p retro.CardPage) int {
	n := 0
	for _, c := range p.Cards {
		n += c.Votes
	}
	return n
}

// maxPrevShown bounds the actions listed in the review modal (two blocks
// each, under Slack's 100 blocks per view).
const maxPrevShown = 45

// prevModal lists the actions carried over, each with Done / Still open.
func prevModal(lang string, rb store.RetroBoard) slack.ModalViewRequest {
	blocks := []slack.Block{slack.NewContextBlock("hint", mrkdwn(bot.T(lang, "retro.prev_hint")))}
	if len(rb.PreviousActions) == 0 {
		blocks = append(blocks, bot.Markdown("none", bot.T(lang, "retro.prev_none")))
	}
	for i, a := range rb.PreviousActions {
		if i == maxPrevShown {
			blocks = append(blocks, slack.NewContextBlock("more", mrkdwn(bot.T(lang, "retro.more", len(rb.PreviousActions)-i))))
			break
		}
		status := bot.T(lang, "retro.status_open")
		if a.Status == retro.ActionDone {
			status = bot.T(lang, "retro.status_done")
		}
		blocks = append(blocks, bot.Markdown("a:"+a.ID, actionLine(lang, a, false)+"\n"+status))
		done := slack.NewButtonBlockElement("retro.prev_done:"+a.ID, rb.ID, bot.PlainText(bot.T(lang, "retro.btn.done")))
		open := slack.NewButtonBlockElement("retro.prev_open:"+a.ID, rb.ID, bot.PlainText(bot.T(lang, "retro.btn.still_open")))
		if a.Status == retro.ActionDone {
			done.Style = slack.StylePrimary
		}
		blocks = append(blocks, slack.NewActionBlock("b:"+a.ID, done, open))
	}
	return modal(lang, viewPrevActions, "retro.modal.prev", "", retroMeta{Board: rb.ID, Lang: lang}, blocks)
}

// oneLine is s on one line.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// retroSubmission reads a submitted retro modal: its metadata, the submitter
// (answering in the modal's language) and the input values. ok is false when
// the view was closed rather than submitted.
func (b *feature) retroSubmission(ctx context.Context, r *bot.Request) (m retroMeta, u bot.User, v map[string]map[string]slack.BlockAction, ok bool) {
	if r.Callback.Type != slack.InteractionTypeViewSubmission {
		return m, u, v, false
	}
	m = viewMeta(r)
	u = b.submitter(ctx, r)
	if m.Lang != "" {
		r.Lang = m.Lang
	}
	return m, u, viewValues(r), true
}
