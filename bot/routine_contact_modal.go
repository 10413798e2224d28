package bot

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/slack-go/slack"

	"ctocoach/routine"
	"ctocoach/store"
)

// Ids of the add-contact modal.
const (
	viewContactAdd  = "contacts.add"
	blockContactWho = "c_user"
	blockContactNm  = "c_name"
	blockContactTr  = "c_tier"
	blockContactNt  = "c_note"
	blockContactLst = "c_last"
	maxContactNote  = 300
)

// contactAddOpen opens the add modal from a button: over the list modal
// (pushed), from App Home, or from the ephemeral list.
func (b *Bot) contactAddOpen(ctx context.Context, r *Request) {
	b.user(ctx, r)
	switch {
	case r.Callback.View.Type == slack.VTModal:
		b.openContactAdd(ctx, r, "view:"+r.Callback.View.ID, true)
	case r.Callback.View.Type == slack.VTHomeTab:
		b.openContactAdd(ctx, r, "home", false)
	default:
		b.openContactAdd(ctx, r, "url:"+r.ResponseURL, false)
	}
}

// openContactAdd opens (or pushes) the add-contact modal; origin says what
// to refresh after saving ("url:<response_url>", "view:<id>", "home").
func (b *Bot) openContactAdd(ctx context.Context, r *Request, origin string, push bool) {
	lang := r.Lang
	who := slack.NewOptionsSelectBlockElement(slack.OptTypeUser, PlainText(T(lang, "contacts.f_user_ph")), rsPick)
	name := slack.NewPlainTextInputBlockElement(PlainText(T(lang, "contacts.f_name_ph")), rsText)
	name.MaxLength = routine.MaxContactName
	tier := slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, PlainText(T(lang, "contacts.f_tier")), rsPick)
	for t := 1; t <= 3; t++ {
		o := slack.NewOptionBlockObject(strconv.Itoa(t), PlainText(T(lang, "contacts.tier_option."+strconv.Itoa(t))), nil)
		tier.Options = append(tier.Options, o)
		if t == 2 {
			tier.InitialOption = o
		}
	}
	note := slack.NewPlainTextInputBlockElement(PlainText(T(lang, "contacts.f_note_ph")), rsText)
	note.Multiline, note.MaxLength = true, maxContactNote
	last := slack.NewDatePickerBlockElement(rsPick)
	optional := func(in *slack.InputBlock) *slack.InputBlock { in.Optional = true; return in }
	view := slack.ModalViewRequest{
		Type: slack.VTModal, CallbackID: viewContactAdd, PrivateMetadata: lang + "|" + rtCutBytes(origin, 2900),
		Title:  PlainText(T(lang, "contacts.add_title")),
		Submit: PlainText(T(lang, "contacts.add_submit")),
		Close:  PlainText(T(lang, "settings.close")),
		Blocks: slack.Blocks{BlockSet: []slack.Block{
			Markdown("intro", T(lang, "contacts.add_intro")),
			optional(slack.NewInputBlock(blockContactWho, PlainText(T(lang, "contacts.f_user")), nil, who)),
			optional(slack.NewInputBlock(blockContactNm, PlainText(T(lang, "contacts.f_name")), nil, name)),
			slack.NewInputBlock(blockContactTr, PlainText(T(lang, "contacts.f_tier")), nil, tier),
			optional(slack.NewInputBlock(blockContactNt, PlainText(T(lang, "contacts.f_note")), nil, note)),
			optional(slack.NewInputBlock(blockContactLst, PlainText(T(lang, "contacts.f_last")), nil, last)),
		}},
	}
	r.Lang = lang
	_ = b.openView(ctx, r, view, push)
}

// parseContact reads the add-contact modal; errors are by block id.
func parseContact(lang string, values map[string]map[string]slack.BlockAction, now time.Time) (routine.Contact, map[string]string) {
	errs := map[string]string{}
	c := routine.Contact{
		SlackUser: values[blockContactWho][rsPick].SelectedUser,
		Name:      strings.TrimSpace(values[blockContactNm][rsText].Value),
		Note:      strings.TrimSpace(values[blockContactNt][rsText].Value),
		CreatedAt: now,
	}
	if c.SlackUser == "" && c.Name == "" {
		errs[blockContactNm] = T(lang, "contacts.err_who")
	}
	if utf8.RuneCountInString(c.Name) > routine.MaxContactName {
		errs[blockContactNm] = T(lang, "contacts.err_name", routine.MaxContactName)
	}
	if utf8.RuneCountInString(c.Note) > maxContactNote {
		errs[blockContactNt] = T(lang, "contacts.err_note", maxContactNote)
	}
	t, err := strconv.Atoi(values[blockContactTr][rsPick].SelectedOption.Value)
	c.Tier = routine.Tier(t)
	if err != nil || c.Tier.Period() == 0 {
		errs[blockContactTr] = T(lang, "contacts.err_tier")
	}
	if d := values[blockContactLst][rsPick].SelectedDate; d != "" {
		day, err := time.Parse(time.DateOnly, d)
		switch {
		case err != nil:
			errs[blockContactLst] = T(lang, "contacts.err_date")
		case day.After(now.Add(24 * time.Hour)):
			errs[blockContactLst] = T(lang, "contacts.err_future")
		default:
			c.LastContact = day.Add(12 * time.Hour)
		}
	}
	return c, errs
}

// contactAddSubmit validates in memory and acks (errors keep the modal
// open), then names a Slack user from their profile, saves, and refreshes
// wherever the modal was opened from.
func (b *Bot) contactAddSubmit(ctx context.Context, r *Request) {
	if r.Callback.Type != slack.InteractionTypeViewSubmission {
		return
	}
	lang := b.routineViewLang(r)
	r.Lang = lang
	var values map[string]map[string]slack.BlockAction
	if r.Callback.View.State != nil {
		values = r.Callback.View.State.Values
	}
	now := b.now()
	c, errs := parseContact(lang, values, now)
	if len(errs) > 0 {
		r.Ack(slack.NewErrorsViewSubmissionResponse(errs))
		return
	}
	r.Ack(nil)
	if c.Name == "" {
		p := b.Profiles.get(ctx, r.TeamID, c.SlackUser).Profile
		c.Name = Truncate(rtFirstNonEmpty(p.RealName, p.Name, c.SlackUser), routine.MaxContactName)
	}
	saved, err := b.store.AddContact(ctx, r.TeamID, r.UserID, c)
	switch {
	case errors.Is(err, store.ErrContactLimit):
		b.notify(ctx, r, Reply{Text: T(lang, "contacts.full", store.MaxStoredContacts)})
		return
	case err != nil:
		b.routineUnavailable(ctx, r, "verb.save_contact", err)
		return
	}
	b.log.Debug("contact added", "user", r.UserID, "contact", saved.ID)
	_, origin, _ := strings.Cut(r.Callback.View.PrivateMetadata, "|")
	b.refreshContactsOrigin(ctx, r, origin)
}

// refreshContactsOrigin re-renders the list the add modal was opened from.
func (b *Bot) refreshContactsOrigin(ctx context.Context, r *Request, origin string) {
	switch {
	case origin == "home":
	case strings.HasPrefix(origin, "view:"):
		contacts, err := b.store.Contacts(ctx, r.TeamID, r.UserID)
		if err != nil {
			return
		}
		view := contactsModal(r.Lang, contactsBlocks(r.Lang, contacts, b.now(), 0))
		if _, err := b.api.UpdateViewContext(ctx, view, "", "", strings.TrimPrefix(origin, "view:")); err != nil {
			b.log.Warn("cannot refresh the network list modal", "user", r.UserID, "err", err)
		}
	case strings.HasPrefix(origin, "url:") && len(origin) > len("url:"):
		r.ResponseURL = strings.TrimPrefix(origin, "url:")
		b.showContactsReplacing(ctx, r)
	default:
		b.notify(ctx, r, Reply{Text: T(r.Lang, "contacts.added")})
	}
	b.router.PublishHome(ctx, r.TeamID, r.UserID)
}

// showContactsReplacing replaces the ephemeral list at r.ResponseURL.
func (b *Bot) showContactsReplacing(ctx context.Context, r *Request) {
	contacts, err := b.store.Contacts(ctx, r.TeamID, r.UserID)
	if err != nil {
		b.routineUnavailable(ctx, r, "verb.load_contacts", err)
		return
	}
	rp := Reply{Text: Tn(r.Lang, "contacts.title_text", len(contacts), len(contacts)), Blocks: contactsBlocks(r.Lang, contacts, b.now(), 0), Replace: true}
	if err := b.respond(ctx, r, rp); err != nil {
		b.log.Warn("cannot refresh the network list", "user", r.UserID, "err", err)
	}
}

func rtFirstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// rtCutBytes cuts s to at most n bytes (private metadata is bounded).
func rtCutBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}
