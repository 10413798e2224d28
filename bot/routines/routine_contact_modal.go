package routines

import (
	"context"
	"ctocoach/bot"
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
func (b *Feature) contactAddOpen(ctx context.Context, r *bot.Request) error {
	switch {
	case r.Callback.View.Type == slack.VTModal:
		b.openContactAdd(ctx, r, "view:"+r.Callback.View.ID, true)
	case r.Callback.View.Type == slack.VTHomeTab:
		b.openContactAdd(ctx, r, "home", false)
	default:
		b.openContactAdd(ctx, r, "url:"+r.ResponseURL, false)
	}
	return nil
}

// openContactAdd opens (or pushes) the add-contact modal; origin says what
// to refresh after saving ("url:<response_url>", "view:<id>", "home").
func (b *Feature) openContactAdd(ctx context.Context, r *bot.Request, origin string, push bool) {
	lang := r.Lang
	who := slack.NewOptionsSelectBlockElement(slack.OptTypeUser, bot.PlainText(bot.T(lang, "contacts.f_user_ph")), rsPick)
	name := slack.NewPlainTextInputBlockElement(bot.PlainText(bot.T(lang, "contacts.f_name_ph")), rsText)
	name.MaxLength = routine.MaxContactName
	tier := slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, bot.PlainText(bot.T(lang, "contacts.f_tier")), rsPick)
	for t := 1; t <= 3; t++ {
		o := slack.NewOptionBlockObject(strconv.Itoa(t), bot.PlainText(bot.T(lang, "contacts.tier_option."+strconv.Itoa(t))), nil)
		tier.Options = append(tier.Options, o)
		if t == 2 {
			tier.InitialOption = o
		}
	}
	note := slack.NewPlainTextInputBlockElement(bot.PlainText(bot.T(lang, "contacts.f_note_ph")), rsText)
	note.Multiline, note.MaxLength = true, maxContactNote
	last := slack.NewDatePickerBlockElement(rsPick)
	optional := func(in *slack.InputBlock) *slack.InputBlock { in.Optional = true; return in }
	view := slack.ModalViewRequest{
		Type: slack.VTModal, CallbackID: viewContactAdd, PrivateMetadata: lang + "|" + rtCutBytes(origin, 2900),
		Title:  bot.PlainText(bot.T(lang, "contacts.add_title")),
		Submit: bot.PlainText(bot.T(lang, "contacts.add_submit")),
		Close:  bot.PlainText(bot.T(lang, "settings.close")),
		Blocks: slack.Blocks{BlockSet: []slack.Block{
			bot.Markdown("intro", bot.T(lang, "contacts.add_intro")),
			optional(slack.NewInputBlock(blockContactWho, bot.PlainText(bot.T(lang, "contacts.f_user")), nil, who)),
			optional(slack.NewInputBlock(blockContactNm, bot.PlainText(bot.T(lang, "contacts.f_name")), nil, name)),
			slack.NewInputBlock(blockContactTr, bot.PlainText(bot.T(lang, "contacts.f_tier")), nil, tier),
			optional(slack.NewInputBlock(blockContactNt, bot.PlainText(bot.T(lang, "contacts.f_note")), nil, note)),
			optional(slack.NewInputBlock(blockContactLst, bot.PlainText(bot.T(lang, "contacts.f_last")), nil, last)),
		}},
	}
	r.Lang = lang
	if push {
		_ = r.PushView(ctx, view)
	} else {
		_ = r.OpenView(ctx, view)
	}
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
		errs[blockContactNm] = bot.T(lang, "contacts.err_who")
	}
	if utf8.RuneCountInString(c.Name) > routine.MaxContactName {
		errs[blockContactNm] = bot.T(lang, "contacts.err_name", routine.MaxContactName)
	}
	if utf8.RuneCountInString(c.Note) > maxContactNote {
		errs[blockContactNt] = bot.T(lang, "contacts.err_note", maxContactNote)
	}
	t, err := strconv.Atoi(values[blockContactTr][rsPick].SelectedOption.Value)
	c.Tier = routine.Tier(t)
	if err != nil || c.Tier.Period() == 0 {
		errs[blockContactTr] = bot.T(lang, "contacts.err_tier")
	}
	if d := values[blockContactLst][rsPick].SelectedDate; d != "" {
		day, err := time.Parse(time.DateOnly, d)
		switch {
		case err != nil:
			errs[blockContactLst] = bot.T(lang, "contacts.err_date")
		case day.After(now.Add(24 * time.Hour)):
			errs[blockContactLst] = bot.T(lang, "contacts.err_future")
		default:
			c.LastContact = day.Add(12 * time.Hour)
		}
	}
	return c, errs
}

// contactAddSubmit validates in memory and acks (errors keep the modal
// open), then names a Slack user from their profile, saves, and refreshes
// wherever the modal was opened from.
func (b *Feature) contactAddSubmit(ctx context.Context, r *bot.Request) error {
	if r.Callback.Type != slack.InteractionTypeViewSubmission {
		return nil
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
		return nil
	}
	r.Ack(nil)
	if c.Name == "" {
		p := b.Profiles.Get(ctx, r.TeamID, c.SlackUser).Profile
		c.Name = bot.Truncate(rtFirstNonEmpty(p.RealName, p.Name, c.SlackUser), routine.MaxContactName)
	}
	saved, err := b.store.AddContact(ctx, r.TeamID, r.UserID, c)
	switch {
	case errors.Is(err, store.ErrContactLimit):
		r.Notify(ctx, bot.Reply{Text: bot.T(lang, "contacts.full", store.MaxStoredContacts)})
		return nil
	case err != nil:
		return bot.Unavailable("verb.save_contact", err)
	}
	b.log.Debug("contact added", "user", r.UserID, "contact", saved.ID)
	_, origin, _ := strings.Cut(r.Callback.View.PrivateMetadata, "|")
	b.refreshContactsOrigin(ctx, r, origin)
	return nil
}

// refreshContactsOrigin re-renders the list the add modal was opened from.
func (b *Feature) refreshContactsOrigin(ctx context.Context, r *bot.Request, origin string) {
	switch {
	case origin == "home":
	case strings.HasPrefix(origin, "view:"):
		contacts, err := b.store.Contacts(ctx, r.TeamID, r.UserID)
		if err != nil {
			return
		}
		view := contactsModal(r.Lang, contactsBlocks(r.Lang, contacts, b.now(), 0))
		// The user is told by the core when Slack refuses.
		_ = r.UpdateView(ctx, view, "", strings.TrimPrefix(origin, "view:"))
	case strings.HasPrefix(origin, "url:") && len(origin) > len("url:"):
		r.ResponseURL = strings.TrimPrefix(origin, "url:")
		b.showContactsReplacing(ctx, r)
	default:
		r.Notify(ctx, bot.Reply{Text: bot.T(r.Lang, "contacts.added")})
	}
	b.router.PublishHome(ctx, r.TeamID, r.UserID)
}

// showContactsReplacing replaces the ephemeral list at r.ResponseURL.
func (b *Feature) showContactsReplacing(ctx context.Context, r *bot.Request) error {
	contacts, err := b.store.Contacts(ctx, r.TeamID, r.UserID)
	if err != nil {
		return bot.Unavailable("verb.load_contacts", err)
	}
	rp := bot.Reply{Text: bot.Tn(r.Lang, "contacts.title_text", len(contacts), len(contacts)), Blocks: contactsBlocks(r.Lang, contacts, b.now(), 0), Replace: true}
	if err := r.Respond(ctx, rp); err != nil {
		b.log.Warn("cannot refresh the network list", "user", r.UserID, "err", err)
	}
	return nil
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
