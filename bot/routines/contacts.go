package routines

import (
	"context"
	"ctocoach/bot"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"ctocoach/routine"
	"ctocoach/store"
)

// Action and view ids of the network list.
const (
	actionContactsAdd  = "contacts.add"
	actionContactsOpen = "contacts.open"
	actionContactsPage = "contacts.page"
	actionContactItem  = "contacts.item" // "contacts.item:<id>", overflow touch|remove
	viewContactsList   = "contacts.list"
	contactsPerPage    = 20
	contactTouch       = "touch"
	contactRemove      = "remove"
)

func (b *Feature) registerContacts() {
	b.router.Action(actionContactsAdd, b.contactAddOpen)
	b.router.Action(actionContactsOpen, b.contactsOpenModal)
	b.router.Action(actionContactsPage, b.contactsPage)
	b.router.Action(actionContactItem, b.contactItem)
	b.router.View(viewContactAdd, b.contactAddSubmit)
}

// contactsCommand answers "/cto contacts" with the list, and
// "/cto contacts add" with the add modal.
func (b *Feature) contactsCommand(ctx context.Context, r *bot.Request) error {
	sub, _ := bot.SplitSubcommand(r.Args)
	switch sub {
	case "":
		if err := b.showContacts(ctx, r, 0); err != nil {
			return err
		}
	case "add", "ajouter":
		r.Ack(nil)
		b.openContactAdd(ctx, r, "url:"+r.ResponseURL, false)
	default:
		r.Answer(ctx, bot.Reply{Text: bot.T(r.Lang, "contacts.usage")})
	}
	return nil
}

// showContacts renders page of the list where the request came from: the
// ephemeral message (replaced), the list modal (updated) or App Home.
func (b *Feature) showContacts(ctx context.Context, r *bot.Request, page int) error {
	if r.Callback != nil && r.Callback.View.Type == slack.VTHomeTab {
		b.router.PublishHome(ctx, r.TeamID, r.UserID)
		return nil
	}
	contacts, err := b.store.Contacts(ctx, r.TeamID, r.UserID)
	if err != nil {
		return bot.Unavailable("verb.load_contacts", err)
	}
	blocks := contactsBlocks(r.Lang, contacts, b.now(), page)
	if r.Callback != nil && r.Callback.View.Type == slack.VTModal {
		v := r.Callback.View
		// The user is told by the core when Slack refuses.
		_ = r.UpdateView(ctx, contactsModal(r.Lang, blocks), "", v.ID)
		return nil
	}
	r.Answer(ctx, bot.Reply{Text: bot.Tn(r.Lang, "contacts.title_text", len(contacts), len(contacts)), Blocks: blocks, Replace: r.Action != nil})
	return nil
}

func contactsModal(lang string, blocks []slack.Block) slack.ModalViewRequest {
	return slack.ModalViewRequest{
		Type: slack.VTModal, CallbackID: viewContactsList, PrivateMetadata: lang,
		Title: bot.PlainText(bot.T(lang, "contacts.title")), Close: bot.PlainText(bot.T(lang, "contacts.close")),
		Blocks: slack.Blocks{BlockSet: blocks},
	}
}

// contactsBlocks renders one page of the network list: a summary (with
// the 150-rule warning), each contact with its tier, due date and an
// overflow menu, then Add and paging buttons.
func contactsBlocks(lang string, contacts []routine.Contact, now time.Time, page int) []slack.Block {
	sorted := routine.ByDue(contacts, now)
	overdue := len(routine.Overdue(contacts, now))
	pages := max(1, (len(sorted)+contactsPerPage-1)/contactsPerPage)
	page = min(max(page, 0), pages-1)
	var blocks []slack.Block
	if len(sorted) == 0 {
		blocks = append(blocks, bot.Markdown("summary", bot.T(lang, "contacts.empty")))
	} else {
		blocks = append(blocks, bot.Markdown("summary", bot.T(lang, "contacts.summary", bot.Tn(lang, "contacts.people", len(sorted), len(sorted)), overdue)))
	}
	if routine.OverCap(len(sorted)) {
		blocks = append(blocks, bot.Markdown("cap", bot.T(lang, "contacts.over_cap", len(sorted), routine.MaxContacts)))
	}
	start := page * contactsPerPage
	for _, c := range sorted[start:min(start+contactsPerPage, len(sorted))] {
		blocks = append(blocks, contactSection(lang, c, now))
	}
	buttons := []slack.BlockElement{slack.NewButtonBlockElement(actionContactsAdd, "add", bot.PlainText(bot.T(lang, "contacts.add")))}
	if page > 0 {
		buttons = append(buttons, slack.NewButtonBlockElement(actionContactsPage+":prev", strconv.Itoa(page-1), bot.PlainText(bot.T(lang, "contacts.prev"))))
	}
	if page < pages-1 {
		buttons = append(buttons, slack.NewButtonBlockElement(actionContactsPage+":next", strconv.Itoa(page+1), bot.PlainText(bot.T(lang, "contacts.next"))))
	}
	blocks = append(blocks, slack.NewActionBlock("contacts_actions", buttons...))
	if pages > 1 {
		blocks = append(blocks, routineNote("page", bot.T(lang, "contacts.page", page+1, pages)))
	}
	return blocks
}

// contactSection is one contact: name, tier, due date (overdue marked),
// note, and the Contacted today / Remove menu.
func contactSection(lang string, c routine.Contact, now time.Time) *slack.SectionBlock {
	due := c.Due(now)
	mark, when := "🟢", bot.T(lang, "contacts.next_due", formatDay(lang, due, now))
	if !due.After(now) {
		mark, when = "🔴", bot.T(lang, "contacts.overdue", formatDay(lang, due, now))
	}
	text := fmt.Sprintf("%s %s · %s · %s", mark, contactName(c), bot.T(lang, "contacts.tier."+strconv.Itoa(int(c.Tier))), when)
	if !c.LastContact.IsZero() {
		text += " · " + bot.T(lang, "contacts.last", formatDay(lang, c.LastContact, now))
	}
	if c.Note != "" {
		text += "\n_" + bot.Escape(bot.Truncate(c.Note, 200)) + "_"
	}
	menu := slack.NewOverflowBlockElement(actionContactItem+":"+c.ID,
		slack.NewOptionBlockObject(contactTouch, bot.PlainText(bot.T(lang, "contacts.touch")), nil),
		slack.NewOptionBlockObject(contactRemove, bot.PlainText(bot.T(lang, "contacts.remove")), nil),
	)
	return slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType, text, false, false), nil,
		slack.NewAccessory(menu), slack.SectionBlockOptionBlockID("contact:"+c.ID))
}

// contactName is the contact's mention when they are on Slack, else their
// escaped name in bold.
func contactName(c routine.Contact) string {
	if c.SlackUser != "" {
		return "<@" + c.SlackUser + ">"
	}
	return "*" + bot.Escape(c.Name) + "*"
}

// contactsPage shows another page of the list.
func (b *Feature) contactsPage(ctx context.Context, r *bot.Request) error {
	page, err := strconv.Atoi(r.Action.Value)
	if err != nil {
		page = 0
	}
	return b.showContacts(ctx, r, page)
}

// contactsOpenModal opens the network list as a modal (from App Home,
// which has no message to show it in).
func (b *Feature) contactsOpenModal(ctx context.Context, r *bot.Request) error {
	contacts, err := b.store.Contacts(ctx, r.TeamID, r.UserID)
	if err != nil {
		return bot.Unavailable("verb.load_contacts", err)
	}
	view := contactsModal(r.Lang, contactsBlocks(r.Lang, contacts, b.now(), 0))
	_ = r.OpenView(ctx, view)
	return nil
}

// contactItem handles a contact's menu: Contacted today, or Remove.
func (b *Feature) contactItem(ctx context.Context, r *bot.Request) error {
	id := strings.TrimPrefix(r.Action.ActionID, actionContactItem+":")
	var err error
	switch r.Action.SelectedOption.Value {
	case contactTouch:
		_, err = b.store.TouchContact(ctx, r.TeamID, r.UserID, id, b.now())
	case contactRemove:
		err = b.store.RemoveContact(ctx, r.TeamID, r.UserID, id)
	default:
		return nil
	}
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return bot.Unavailable("verb.save_contact", err)
	}
	return b.showContacts(ctx, r, 0)
}
