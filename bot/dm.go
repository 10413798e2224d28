package bot

import (
	"context"
	"strings"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
)

// The buttons that open bot/routines' modals from a DM: the same action ids
// as its actionRoutineSettings and actionContactsAdd (the "contacts.add"
// text is bot/routines' too). Shown only when bot/routines registered them.
const (
	dmActionSettings    = "routine.settings"
	dmActionContactsAdd = "contacts.add"
)

func init() {
	AddTexts(map[string][2]string{
		"dm.window":       {"That opens a window, which Slack only lets me do from a button or a command: here is the button (or type `/cto %s`).", "Cela ouvre une fenêtre, ce que Slack ne me permet que depuis un bouton ou une commande : voici le bouton (ou tapez `/cto %s`)."},
		"dm.btn_settings": {"Open my routine settings", "Ouvrir mes réglages de rituels"},
	})
}

// directMessage answers a message the user writes in the bot's DM (the
// app's Messages tab, event message.im) as it answers "/cto <text>": the
// answer is posted in the DM. Messages by bots (the bot's own posts
// included), edits, deletions and every other subtype are ignored, and so
// is anything outside a DM.
func (b *Bot) directMessage(ctx context.Context, r *Request) error {
	ev, ok := r.Event.InnerEvent.Data.(*slackevents.MessageEvent)
	if !ok || ev.ChannelType != "im" || ev.SubType != "" || ev.BotID != "" || ev.User == "" || ev.Channel == "" {
		if ok {
			b.log.Debug("ignoring a message event", "subtype", ev.SubType, "channel_type", ev.ChannelType, "bot", ev.BotID != "")
		}
		return nil
	}
	r.UserID, r.ChannelID, r.DM = ev.User, ev.Channel, true
	if r.TeamID == "" {
		r.TeamID = ev.UserTeam
	}
	// A DM's text is escaped like a slash command's.
	r.Command = &slack.SlashCommand{Command: "/cto", Text: Unescape(ev.Text), TeamID: r.TeamID, UserID: ev.User, ChannelID: ev.Channel}
	r.Raw = ev.Text
	// The middleware saw no user (an event names it inside): resolve now.
	r.User = b.user(ctx, r)
	if b.dmNeedsWindow(ctx, r) {
		return nil
	}
	return b.cto(ctx, r)
}

// dmNeedsWindow answers, with a button, the few commands that open a modal
// at once: a DM brings no trigger id, so views.open would fail there.
func (b *Bot) dmNeedsWindow(ctx context.Context, r *Request) bool {
	name, rest := splitSubcommand(r.Command.Text)
	sub, _ := splitSubcommand(rest)
	var button *slack.ButtonBlockElement
	switch {
	case name == "routines" && sub == "" && b.router.action(dmActionSettings) != nil:
		button = slack.NewButtonBlockElement(dmActionSettings, "open", PlainText(T(r.Lang, "dm.btn_settings")))
	case name == "contacts" && (sub == "add" || sub == "ajouter") && b.router.action(dmActionContactsAdd) != nil:
		button = slack.NewButtonBlockElement(dmActionContactsAdd, "add", PlainText(T(r.Lang, "contacts.add")))
	case name == "checkup" && sub != "":
		// The picker's buttons open the self-check: drop the id.
		r.Command.Text = name
		return false
	default:
		return false
	}
	text := T(r.Lang, "dm.window", Escape(strings.TrimSpace(r.Command.Text)))
	r.Answer(ctx, Reply{Text: text, Blocks: []slack.Block{Markdown("window", text), slack.NewActionBlock("window_actions", button)}})
	return true
}
