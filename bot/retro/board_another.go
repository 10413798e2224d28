package retrobot

import (
	"context"
	"ctocoach/bot"
	"fmt"
	"slices"
	"strings"

	"github.com/slack-go/slack"

	"ctocoach/retro"
	"ctocoach/store"
)

// "Add and write another": a box in the add-card modal that keeps it open.
// The submission stores the card and answers response_action "update" with
// a fresh form and a line confirming the card, so that a busy retro needs one
// views.open (one trigger, one Tier 4 call) per person rather than per card.
const (
	blockMore = "more"
	optMore   = "more"
)

func init() {
	bot.AddTexts(map[string][2]string{
		"retro.field.more":     {"Next", "Ensuite"},
		"retro.field.more_opt": {"Add and write another", "Ajouter et en écrire une autre"},
		"retro.card_added":     {"✅ Card added to %s (no. %d from this window). Write the next one, or close.", "✅ Carte ajoutée dans %s (n° %d de cette fenêtre). Écrivez la suivante, ou fermez."},
	})
}

// cardForm is the state of an add-card modal.
type cardForm struct {
	Zone, Text string
	Anonymous  bool
	// More ticks "Add and write another".
	More bool
	// Added is how many cards this modal has added so far; it makes each
	// submission's de-duplication key distinct (the view id stays the same
	// across response_action updates) and names the text block afresh so
	// that Slack shows an empty text box.
	Added int
}

// addCardForm builds the add-card modal for f.
func addCardForm(lang string, rb store.RetroBoard, f cardForm) slack.ModalViewRequest {
	var opts []*slack.OptionBlockObject
	var initial *slack.OptionBlockObject
	zoneName := ""
	for _, z := range rb.Format.Zones {
		o := zoneOption(lang, z)
		opts = append(opts, o)
		if z.ID == f.Zone {
			initial = o
			zoneName = z.Emoji + " " + z.Label(lang)
		}
	}
	sel := slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, bot.PlainText(bot.T(lang, "retro.field.pick")), blockZone, opts...)
	sel.InitialOption = initial
	in := slack.NewPlainTextInputBlockElement(nil, blockText)
	in.Multiline, in.MaxLength, in.InitialValue = true, retro.MaxCardLen, cutChars(f.Text, retro.MaxCardLen)
	anon := slack.NewOptionBlockObject(optAnonymous, bot.PlainText(bot.T(lang, "retro.field.anon_opt")), nil)
	box := slack.NewCheckboxGroupsBlockElement(blockAnon, anon)
	if f.Anonymous {
		box.InitialOptions = []*slack.OptionBlockObject{anon}
	}
	anonInput := slack.NewInputBlock(blockAnon, bot.PlainText(bot.T(lang, "retro.field.anon")), bot.PlainText(bot.T(lang, "retro.field.anon_hint")), box)
	anonInput.Optional = true
	more := slack.NewOptionBlockObject(optMore, bot.PlainText(bot.T(lang, "retro.field.more_opt")), nil)
	moreBox := slack.NewCheckboxGroupsBlockElement(blockMore, more)
	if f.More {
		moreBox.InitialOptions = []*slack.OptionBlockObject{more}
	}
	moreInput := slack.NewInputBlock(blockMore, bot.PlainText(bot.T(lang, "retro.field.more")), nil, moreBox)
	moreInput.Optional = true
	var blocks []slack.Block
	if f.Added > 0 {
		blocks = append(blocks, slack.NewContextBlock("added", mrkdwn(bot.T(lang, "retro.card_added", bot.Escape(zoneName), f.Added))))
	}
	textBlock := blockText
	if f.Added > 0 {
		textBlock = fmt.Sprintf("%s.%d", blockText, f.Added)
	}
	blocks = append(blocks,
		slack.NewInputBlock(blockZone, bot.PlainText(bot.T(lang, "retro.field.zone")), nil, sel),
		slack.NewInputBlock(textBlock, bot.PlainText(bot.T(lang, "retro.field.text")), bot.PlainText(bot.T(lang, "retro.field.text_hint", retro.MaxCardLen)), in),
		anonInput,
		moreInput,
	)
	return modal(lang, viewAddCard, "retro.modal.card", "retro.modal.add", retroMeta{Board: rb.ID, Lang: lang, N: f.Added}, blocks)
}

// submittedCardText is the text typed in the add-card modal, whose text
// block is "text" on the first form and "text.<n>" on the next ones.
func submittedCardText(v map[string]map[string]slack.BlockAction) string {
	if a, ok := v[blockText][blockText]; ok {
		return a.Value
	}
	for id, actions := range v {
		if strings.HasPrefix(id, blockText+".") {
			if a, ok := actions[blockText]; ok {
				return a.Value
			}
		}
	}
	return ""
}

// wantsAnother reports whether "Add and write another" is ticked.
func wantsAnother(v map[string]map[string]slack.BlockAction) bool {
	return slices.ContainsFunc(v[blockMore][blockMore].SelectedOptions, func(o slack.OptionBlockObject) bool { return o.Value == optMore })
}

// cardOnce is the de-duplication key of an add-card submission: the view id,
// plus the number of cards this modal already added.
func cardOnce(viewID string, added int) string {
	if added == 0 {
		return viewID
	}
	return fmt.Sprintf("%s:%d", viewID, added)
}

// ackCardAdded acks a stored card: it closes the modal, or, with "Add and
// write another" ticked, replaces it with a fresh form confirming the card.
// When the board cannot be read for the next form the modal closes: the
// card is stored either way.
func (b *feature) ackCardAdded(ctx context.Context, r *bot.Request, m retroMeta, lang, zone string, anonymous, another bool) {
	if !another {
		r.Ack(nil)
		return
	}
	rb, err := b.Store.BoardHead(ctx, r.TeamID, m.Board)
	if err != nil {
		b.Log.Warn("card added; cannot build the next form", "board", m.Board, "err", err)
		r.Ack(nil)
		return
	}
	next := addCardForm(lang, rb, cardForm{Zone: zone, Anonymous: anonymous, More: true, Added: m.N + 1})
	r.Ack(slack.NewUpdateViewSubmissionResponse(&next))
}
