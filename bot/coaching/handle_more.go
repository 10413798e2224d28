package coaching

import (
	"context"
	"errors"
	"strings"

	"github.com/slack-go/slack"

	"ctocoach/bot"
	"ctocoach/coaching"
	"ctocoach/routine"
)

// journal answers /cto journal.
func (f *feature) journal(ctx context.Context, r *bot.Request) error {
	es, err := f.Service.Journal(ctx, r.TeamID, r.UserID, maxJournalShown+1)
	if err != nil {
		return unavailable("journal", err)
	}
	r.Answer(ctx, reply(Journal(r.Lang, es, f.Service.Catalogue.Reflection), false))
	return nil
}

// journalButton opens the journal modal ("Write in my journal"); its
// value is the reflection prompt answered ("" for free text).
func (f *feature) journalButton(ctx context.Context, r *bot.Request) error {
	var p coaching.ReflectionPrompt
	for _, q := range f.Service.Catalogue.Reflection {
		if q.ID == r.Action.Value {
			p = q
		}
	}
	_ = r.OpenView(ctx, JournalModal(Meta{Lang: r.Lang}, p))
	return nil
}

// journalSubmit stores the entry, privately.
func (f *feature) journalSubmit(ctx context.Context, r *bot.Request) error {
	m, err := ParseMeta(r.Callback.View.PrivateMetadata)
	if err != nil {
		return errMalformed("journal modal", r.Callback.View.PrivateMetadata)
	}
	r.Lang = m.Lang
	if r.WithoutState(ctx, m.Lang) {
		return nil
	}
	_, err = f.Service.WriteJournal(ctx, r.TeamID, r.UserID, m.Prompt, JournalText(r.Callback.View.State))
	if errs, ok := JournalError(m.Lang, err); ok {
		r.Ack(slack.NewErrorsViewSubmissionResponse(errs))
		return nil
	}
	if err != nil {
		return unavailable("journal", err)
	}
	r.Ack(nil)
	f.publishHome(ctx, r.TeamID, r.UserID)
	return nil
}

// export sends the user, by DM, everything stored about them.
func (f *feature) export(ctx context.Context, r *bot.Request) error {
	ex, err := f.Service.Export(ctx, r.TeamID, r.UserID)
	if err != nil {
		return unavailable("export", err)
	}
	_, data, err := ExportFile(ex)
	if err != nil {
		return err
	}
	d := Deliverer{f.Deps}
	if err := d.post(ctx, r.UserID, ExportMessage(r.Lang, ex, f.loc(ctx, r.TeamID, r.UserID))); err != nil {
		return err
	}
	for _, m := range ExportChunks(data) {
		if err := d.post(ctx, r.UserID, m); err != nil {
			return err
		}
	}
	say(ctx, r, tr(r.Lang, "export.sent"))
	return nil
}

// forget asks for confirmation before deleting the user's data.
func (f *feature) forget(ctx context.Context, r *bot.Request) error {
	r.Answer(ctx, reply(ForgetConfirmation(r.Lang), false))
	return nil
}

// forgetConfirmed deletes everything (Slack's confirm dialog was accepted).
func (f *feature) forgetConfirmed(ctx context.Context, r *bot.Request) error {
	if err := f.Service.Forget(ctx, r.TeamID, r.UserID); err != nil {
		return unavailable("forget", err)
	}
	if f.Profiles != nil {
		f.Profiles.Forget(r.TeamID, r.UserID)
	}
	r.Answer(ctx, reply(Forgotten(r.Lang, true), true))
	// App Home showed their data: a neutral one replaces it now, built
	// from the request's language (the home sections would read and cache
	// the user's profile anew). A failure is logged: the data is gone.
	if f.Slack != nil {
		req := slack.PublishViewContextRequest{UserID: r.UserID, View: ForgottenHome(r.Lang)}
		if _, err := f.Slack.PublishViewContext(ctx, req); err != nil {
			f.Log.Warn("cannot clear App Home after /cto forget", "err", err)
		}
	}
	return nil
}

func (f *feature) forgetCancelled(ctx context.Context, r *bot.Request) error {
	r.Answer(ctx, reply(Forgotten(r.Lang, false), true))
	return nil
}

// programmes answers /cto programs: the picker.
func (f *feature) programmes(ctx context.Context, r *bot.Request) error {
	return f.showProgrammes(ctx, r, false, "")
}

func (f *feature) showProgrammes(ctx context.Context, r *bot.Request, replace bool, top string) error {
	es, err := f.Service.Programmes(ctx, r.TeamID, r.UserID)
	if err != nil {
		return unavailable("enrol", err)
	}
	m := Programmes(r.Lang, f.Service.Catalogue, es, func(id string) string { return f.RoutineName(id, r.Lang) })
	if top != "" {
		m.Blocks = append([]slack.Block{md("prog-top", top)}, m.Blocks...)
	}
	r.Answer(ctx, reply(m, replace))
	return nil
}

// enrol starts a programme from the picker.
func (f *feature) enrol(ctx context.Context, r *bot.Request) error {
	p, ok := f.Service.Catalogue.Programme(r.Action.Value)
	if !ok {
		return errMalformed("programme", r.Action.Value)
	}
	e, err := f.Service.Enroll(ctx, r.TeamID, r.UserID, p.ID, r.Lang)
	if err != nil {
		return fail(ctx, r, "enrol", err)
	}
	top := tr(r.Lang, "prog.enrolled", escaped(p.Title.In(r.Lang)), tr(r.Lang, "prog.soon"))
	if set, err := f.Service.Settings.Settings(ctx, r.TeamID, r.UserID); err == nil {
		if o, ok := p.Occurrence(max(e.Pending, 1)); ok {
			if at, ok := coaching.StepDue(o.Offset, e.Start, set); ok {
				if now := f.Service.Clock.Now(); at.Before(now) {
					at = now
				}
				top = tr(r.Lang, "prog.enrolled", escaped(p.Title.In(r.Lang)), when(r.Lang, at, f.loc(ctx, r.TeamID, r.UserID)))
			}
		}
	}
	return f.showProgrammes(ctx, r, true, top)
}

// step finds occurrence seq of a programme and the user's run of it.
func (f *feature) step(ctx context.Context, r *bot.Request, programme string, seq int) (coaching.Programme, coaching.Step, coaching.Occurrence, coaching.Enrolment, error) {
	p, ok := f.Service.Catalogue.Programme(programme)
	if !ok {
		return p, coaching.Step{}, coaching.Occurrence{}, coaching.Enrolment{}, errMalformed("programme", programme)
	}
	o, ok := p.Occurrence(seq)
	if !ok {
		return p, coaching.Step{}, o, coaching.Enrolment{}, errMalformed("step", programme)
	}
	st, _ := p.Step(o.Step)
	e, err := f.Service.Repo.Enrolment(ctx, r.TeamID, r.UserID, programme)
	return p, st, o, e, err
}

// stepDone records Done on a step without a form, or opens its form.
func (f *feature) stepDone(ctx context.Context, r *bot.Request) error {
	programme, seq, ok := ParseStepRef(r.Action.Value)
	if !ok {
		return errMalformed("step button", r.Action.Value)
	}
	p, st, o, e, err := f.step(ctx, r, programme, seq)
	if err != nil {
		return fail(ctx, r, "step", err)
	}
	if len(st.Fields) > 0 {
		ch, ts := origin(r)
		_ = r.OpenView(ctx, StepModal(Meta{Lang: r.Lang, Seq: seq, Channel: ch, TS: ts}, p, st, e.Answers))
		return nil
	}
	if e, err = f.Service.CompleteStep(ctx, r.TeamID, r.UserID, programme, seq, nil); err != nil {
		return fail(ctx, r, "step", err)
	}
	m := Step(r.Lang, coaching.StepMessage{Send: true, User: r.UserID, Lang: r.Lang, Programme: p, Step: st, Occurrence: o,
		Shown: coaching.ShowBack(p, st, e.Answers), Done: true})
	r.Answer(ctx, reply(m, true))
	return nil
}

// stepSubmit records a step's form and marks it done; the DM it came
// from shows it done.
func (f *feature) stepSubmit(ctx context.Context, r *bot.Request) error {
	m, err := ParseMeta(r.Callback.View.PrivateMetadata)
	if err != nil || m.ID == "" || m.Seq < 1 {
		return errMalformed("step form", r.Callback.View.PrivateMetadata)
	}
	r.Lang = m.Lang
	if r.WithoutState(ctx, m.Lang) {
		return nil
	}
	p, st, o, e, err := f.step(ctx, r, m.ID, m.Seq)
	if err != nil {
		if text := domainText(m.Lang, err); text != "" && len(st.Fields) > 0 {
			r.Ack(slack.NewErrorsViewSubmissionResponse(map[string]string{st.Fields[0].ID: text}))
			return nil
		}
		return unavailable("step", err)
	}
	e, err = f.Service.CompleteStep(ctx, r.TeamID, r.UserID, p.ID, m.Seq, StepAnswers(st, e.Answers, r.Callback.View.State))
	if err != nil {
		text := domainText(m.Lang, err)
		if errors.Is(err, coaching.ErrTooLong) {
			text = tr(m.Lang, "step.too_long", coaching.MaxValueText)
		}
		if text != "" && len(st.Fields) > 0 {
			r.Ack(slack.NewErrorsViewSubmissionResponse(map[string]string{st.Fields[0].ID: text}))
			return nil
		}
		return unavailable("step", err)
	}
	r.Ack(nil)
	if p.Start == coaching.StartRoutineDone {
		f.addContacts(ctx, r.TeamID, r.UserID, e.Answers[contactsField])
	}
	if m.Channel != "" && m.TS != "" {
		msg := Step(m.Lang, coaching.StepMessage{Send: true, User: r.UserID, Lang: m.Lang, Programme: p, Step: st, Occurrence: o,
			Shown: coaching.ShowBack(p, st, e.Answers), Done: true})
		if _, _, _, err := f.Slack.UpdateMessageContext(ctx, m.Channel, m.TS, slack.MsgOptionText(msg.Text, false), slack.MsgOptionBlocks(msg.Blocks...)); err != nil {
			f.Log.Warn("cannot mark a step done in its DM", "err", err)
		}
	}
	return nil
}

// stepLater puts a step off to the next allowed day.
func (f *feature) stepLater(ctx context.Context, r *bot.Request) error {
	programme, seq, ok := ParseStepRef(r.Action.Value)
	if !ok {
		return errMalformed("step button", r.Action.Value)
	}
	at, ok, err := f.Service.LaterStep(ctx, r.TeamID, r.UserID, programme, seq)
	if err != nil {
		return fail(ctx, r, "step", err)
	}
	text := tr(r.Lang, "step.later_max", coaching.MaxLaterTimes)
	if ok {
		text = tr(r.Lang, "step.later_at", when(r.Lang, at, f.loc(ctx, r.TeamID, r.UserID)))
	}
	r.Answer(ctx, bot.Reply{Text: text, Blocks: []slack.Block{md("later", text)}, Replace: true})
	return nil
}

// stepStop stops the programme (confirmed in Slack's dialog).
func (f *feature) stepStop(ctx context.Context, r *bot.Request) error {
	programme, _, ok := ParseStepRef(r.Action.Value)
	if !ok {
		return errMalformed("step button", r.Action.Value)
	}
	if _, err := f.Service.StopProgramme(ctx, r.TeamID, r.UserID, programme); err != nil {
		return fail(ctx, r, "step", err)
	}
	text := tr(r.Lang, "step.stopped")
	r.Answer(ctx, bot.Reply{Text: text, Blocks: []slack.Block{md("stopped", text)}, Replace: true})
	return nil
}

// contactsField is the after-event step's list of the people met.
const contactsField = "contacts"

// addContacts puts the people met at an event on the network list (tier
// 2, met now), skipping names already there; failures are logged (the
// answers are saved with the step).
func (f *feature) addContacts(ctx context.Context, team, user string, names []string) {
	if f.Contacts == nil || len(names) == 0 {
		return
	}
	have, err := f.Contacts.Contacts(ctx, team, user)
	if err != nil {
		f.Log.Warn("cannot read the network list to add the people met", "err", err)
		return
	}
	known := map[string]bool{}
	for _, c := range have {
		known[strings.ToLower(c.Name)] = true
	}
	now := f.Service.Clock.Now()
	for _, n := range names {
		n = cut(strings.TrimSpace(n), routine.MaxContactName)
		if n == "" || known[strings.ToLower(n)] {
			continue
		}
		known[strings.ToLower(n)] = true
		if _, err := f.Contacts.AddContact(ctx, team, user, routine.Contact{Name: n, Tier: routine.Tier2, LastContact: now}); err != nil {
			f.Log.Warn("cannot add a person met to the network list", "err", err)
			return
		}
	}
}

// budget answers /cto budget: this year's spending against the ranges.
func (f *feature) budget(ctx context.Context, r *bot.Request) error {
	loc := f.loc(ctx, r.TeamID, r.UserID)
	b, _, err := f.Service.Budget(ctx, r.TeamID, r.UserID, f.Service.Clock.Now().In(loc).Year())
	if err != nil {
		return unavailable("budget", err)
	}
	r.Answer(ctx, reply(Budget(r.Lang, b), false))
	return nil
}

func (f *feature) budgetButton(ctx context.Context, r *bot.Request) error {
	_ = r.OpenView(ctx, BudgetModal(Meta{Lang: r.Lang}, f.Service.Catalogue.Budget))
	return nil
}

// budgetSubmit logs the expense, dated today in the user's zone.
func (f *feature) budgetSubmit(ctx context.Context, r *bot.Request) error {
	m, err := ParseMeta(r.Callback.View.PrivateMetadata)
	if err != nil {
		return errMalformed("budget modal", r.Callback.View.PrivateMetadata)
	}
	r.Lang = m.Lang
	if r.WithoutState(ctx, m.Lang) {
		return nil
	}
	cat, amount, label, ok := BudgetInput(r.Callback.View.State)
	if !ok {
		r.Ack(slack.NewErrorsViewSubmissionResponse(map[string]string{inputAmount: tr(m.Lang, "budget.bad")}))
		return nil
	}
	loc := f.loc(ctx, r.TeamID, r.UserID)
	now := f.Service.Clock.Now()
	_, err = f.Service.AddBudget(ctx, r.TeamID, r.UserID, cat, amount, strings.TrimSpace(label), today(now, loc))
	switch {
	case errors.Is(err, coaching.ErrTooLong):
		r.Ack(slack.NewErrorsViewSubmissionResponse(map[string]string{inputLabel: tr(m.Lang, "step.too_long", coaching.MaxBudgetLabel)}))
		return nil
	case errors.Is(err, coaching.ErrInvalid) && cat == "":
		r.Ack(slack.NewErrorsViewSubmissionResponse(map[string]string{inputCategory: tr(m.Lang, "budget.pick")}))
		return nil
	case errors.Is(err, coaching.ErrInvalid):
		r.Ack(slack.NewErrorsViewSubmissionResponse(map[string]string{inputAmount: tr(m.Lang, "budget.bad")}))
		return nil
	case err != nil:
		return unavailable("budget", err)
	}
	r.Ack(nil)
	return nil
}
