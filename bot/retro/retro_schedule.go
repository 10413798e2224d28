package retrobot

import (
	"context"
	"ctocoach/bot"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"ctocoach/retro"
	"ctocoach/store"
)

// RetroMilestoneKind is the delivery-engine task kind of scheduled retros'
// milestones (open, reminder, start).
const RetroMilestoneKind = retro.MilestoneKind

// RetroTask is one planned milestone as the delivery engine holds it.
type RetroTask = retro.MilestoneTask

// RetroPlanner is the part of the delivery engine (package scheduler) the
// retro schedule uses; the engine calls the handler Register returns when a
// task of kind RetroMilestoneKind is due.
type RetroPlanner = retro.MilestoneQueue

// maxParticipants bounds the channel members read for rotation and reminders.
const maxParticipants = 200

func init() {
	bot.AddTexts(map[string][2]string{
		"sched.off_planner": {"Recurring retros are not available on this installation.", "Les rétros récurrentes ne sont pas disponibles sur cette installation."},
		"sched.usage":       {"Usage: `/retro schedule weekly thu 16:00` (or `biweekly`, a time zone such as `Europe/Paris`, formats to rotate such as `sailboat 4ls`), `/retro schedule off`.", "Usage : `/retro schedule weekly jeu 16:00` (ou `biweekly`, un fuseau comme `Europe/Paris`, des formats à faire tourner comme `voilier 4ls`), `/retro schedule off`."},
		"sched.none":        {"No recurring retro in this channel. Set one with `/retro schedule weekly thu 16:00`.", "Pas de rétro récurrente dans ce canal. Programmez-en une avec `/retro schedule weekly jeu 16:00`."},
		"sched.set":         {"Recurring retro set: %s at %02d:%02d (%s), formats %s. Next one: %s. The board opens the working day before with a nudge here; an hour before, people without a signed card get a private reminder.", "Rétro récurrente programmée : %s à %02d:%02d (%s), formats %s. Prochaine : %s. Le tableau s'ouvre le jour ouvré précédent avec un rappel ici ; une heure avant, ceux qui n'ont pas de carte signée reçoivent un rappel privé."},
		"sched.show":        {"Recurring retro: %s at %02d:%02d (%s), formats %s. Next one: %s.", "Rétro récurrente : %s à %02d:%02d (%s), formats %s. Prochaine : %s."},
		"sched.off":         {"Recurring retro stopped for this channel.", "Rétro récurrente arrêtée pour ce canal."},
		"sched.weekly":      {"every %s", "chaque %s"},
		"sched.biweekly":    {"every other %s", "un %s sur deux"},
		"sched.open":        {"🗓 Retro #%d is %s. The board is open: add your cards now (anonymous by default). Facilitator this time: <@%s>.", "🗓 La rétro n°%d a lieu %s. Le tableau est ouvert : ajoutez vos cartes dès maintenant (anonymes par défaut). Animation cette fois : <@%s>."},
		"sched.open_busy":   {"🗓 The next retro is %s; a board is already open here, add your cards to it.", "🗓 La prochaine rétro a lieu %s ; un tableau est déjà ouvert ici, ajoutez-y vos cartes."},
		"sched.remind":      {"⏰ The retro starts in an hour and you have not added a signed card yet. Add one now — or ignore this if you posted anonymously: anonymous cards cannot be traced to anyone, so I cannot tell.", "⏰ La rétro commence dans une heure et vous n'avez pas encore ajouté de carte signée. Ajoutez-en une — ou ignorez ce message si vous avez posté anonymement : une carte anonyme ne peut être rattachée à personne, je ne peux donc pas le savoir."},
		"sched.start":       {"🏁 Retro time! <@%s> facilitates today (%s).", "🏁 C'est l'heure de la rétro ! <@%s> anime aujourd'hui (%s)."},
	})
}

// retroSchedule answers "/retro schedule …".
func (b *feature) retroSchedule(ctx context.Context, r *bot.Request) error {
	u := r.User
	if b.Planner == nil {
		return bot.Refuse("sched.off_planner")
	}
	if r.ChannelID == "" || strings.HasPrefix(r.ChannelID, "D") {
		return bot.Refuse("retro.no_channel")
	}
	args := strings.TrimSpace(r.Args)
	r.Ack(nil)
	switch strings.ToLower(args) {
	case "":
		return b.showSchedule(ctx, r)
	case "off", "stop", "arrêt", "arret", "none", "aucune":
		return b.stopSchedule(ctx, r)
	}
	saved, err := b.schedules.Set(ctx, retro.ScheduleRequest{Team: r.TeamID, Channel: r.ChannelID, Text: args, TZ: u.TZ, Lang: u.Lang, By: r.UserID})
	switch {
	case errors.Is(err, retro.ErrBadSchedule):
		return fmt.Errorf("%w: %w", bot.Refuse("sched.usage"), err)
	case err != nil && saved.Version == 0: // not saved (see Set)
		return bot.Unavailable("verb.retro_schedule", err)
	case err != nil:
		return err
	}
	r.Answer(ctx, bot.Reply{Text: scheduleText(r.Lang, "sched.set", saved)})
	return nil
}

func (b *feature) showSchedule(ctx context.Context, r *bot.Request) error {
	sc, err := b.schedules.Current(ctx, r.TeamID, r.ChannelID)
	switch {
	case errors.Is(err, retro.ErrNoSchedule):
		r.Answer(ctx, bot.Reply{Text: bot.T(r.Lang, "sched.none")})
	case err != nil:
		return bot.Unavailable("verb.retro_read", err)
	default:
		r.Answer(ctx, bot.Reply{Text: scheduleText(r.Lang, "sched.show", sc)})
	}
	return nil
}

func (b *feature) stopSchedule(ctx context.Context, r *bot.Request) error {
	if err := b.schedules.Stop(ctx, r.TeamID, r.ChannelID); err != nil {
		return bot.Unavailable("verb.retro_schedule", err)
	}
	r.Answer(ctx, bot.Reply{Text: bot.T(r.Lang, "sched.off")})
	return nil
}

// scheduleText describes a schedule and its next retro.
func scheduleText(lang, key string, sc retro.ScheduleState) string {
	every := bot.T(lang, "sched.weekly", weekdayLabel(lang, sc.Weekday))
	if sc.Cadence == retro.CadenceBiweekly {
		every = bot.T(lang, "sched.biweekly", weekdayLabel(lang, sc.Weekday))
	}
	formats := sc.Formats
	if len(formats) == 0 {
		formats = []string{retro.DefaultFormatID}
	}
	var names []string
	for _, id := range formats {
		if f, ok := retro.FormatByID(id); ok {
			names = append(names, f.Title(lang))
		}
	}
	return bot.T(lang, key, every, sc.Hour, sc.Minute, sc.TZ, strings.Join(names, " → "), dateLabel(lang, sc.Next.In(sc.Location())))
}

// RunRetroMilestone runs one milestone of a scheduled retro: the day before
// it opens the board (format and facilitator rotate) and nudges the
// channel; an hour before it reminds, privately, the members who have not
// added a signed card (anonymous cards cannot be attributed to anyone, so
// their authors may get the reminder too); at the time it names the
// facilitator and plans the next retro. Milestones of an older version of
// the schedule, or of a removed one, are dropped. The decisions are
// retro.MilestoneRunner's; this posts them.
func (b *feature) RunRetroMilestone(ctx context.Context, t RetroTask) error {
	d, err := b.runner.Due(ctx, t)
	switch {
	case errors.Is(err, retro.ErrBadMilestone):
		b.Log.Error("dropping an unreadable retro milestone", "id", t.ID, "err", err)
		return nil
	case errors.Is(err, retro.ErrStaleMilestone):
		b.Log.Info("dropping a milestone of an old schedule", "id", t.ID)
		return nil
	case err != nil:
		return err
	}
	switch d.Kind {
	case retro.MilestoneOpen:
		err = b.milestoneOpen(ctx, d)
	case retro.MilestoneRemind:
		err = b.milestoneRemind(ctx, d)
	case retro.MilestoneStart:
		err = b.milestoneStart(ctx, d)
	}
	return retryable(err)
}

// retryable turns Slack's rate limiting into a RetryAfterError.
func retryable(err error) error {
	var rl *slack.RateLimitedError
	if errors.As(err, &rl) {
		return &bot.RetryAfterError{After: rl.RetryAfter, Err: err}
	}
	return err
}

// milestoneOpen opens the board with the next format and facilitator, and
// nudges the channel.
func (b *feature) milestoneOpen(ctx context.Context, d retro.DueMilestone) error {
	sc := d.State
	lang := sc.Lang
	when := dateLabel(lang, d.Start.In(sc.Location()))
	o, err := b.runner.DecideOpen(ctx, d)
	if err != nil {
		return err
	}
	rb, err := b.openBoard(ctx, d.Team, sc.ChannelID, o.CreatedBy, o.Facilitator, o.Format, 0, o.Lang)
	text := ""
	switch {
	case errors.Is(err, store.ErrBoardOpen):
		text = bot.T(lang, "sched.open_busy", when)
	case err != nil:
		return err
	default:
		text = bot.T(lang, "sched.open", rb.Number, when, o.Facilitator)
		if err := b.runner.Opened(ctx, d, o, rb.ID); err != nil {
			b.Log.Warn("cannot record the rotation of a scheduled retro", "channel", sc.ChannelID, "err", err)
		}
	}
	_, _, err = b.API.PostMessageContext(ctx, sc.ChannelID, slack.MsgOptionText(text, false))
	return err
}

// milestoneRemind tells members without a signed card on the open board.
func (b *feature) milestoneRemind(ctx context.Context, d retro.DueMilestone) error {
	rem, err := b.runner.DecideRemind(ctx, d)
	if err != nil || len(rem.Whom) == 0 {
		return err
	}
	rb := rem.Board
	text := bot.T(rb.Lang, "sched.remind")
	btn := slack.NewButtonBlockElement("retro."+string(retro.ButtonAddCard), rb.ID, bot.PlainText(bot.T(rb.Lang, "retro.btn.add_card")))
	blocks := []slack.Block{slack.NewSectionBlock(mrkdwn(text), nil, slack.NewAccessory(btn), slack.SectionBlockOptionBlockID("remind"))}
	for _, p := range rem.Whom {
		if _, err := b.API.PostEphemeralContext(ctx, d.State.ChannelID, p, slack.MsgOptionText(text, false), slack.MsgOptionBlocks(blocks...)); err != nil {
			var rl *slack.RateLimitedError
			if errors.As(err, &rl) {
				return err
			}
			b.Log.Warn("cannot remind a member of the retro", "channel", d.State.ChannelID, "err", err)
		}
	}
	return nil
}

// milestoneStart names the facilitator and plans the next retro.
func (b *feature) milestoneStart(ctx context.Context, d retro.DueMilestone) error {
	s := b.runner.DecideStart(ctx, d)
	if _, _, err := b.API.PostMessageContext(ctx, d.State.ChannelID, slack.MsgOptionText(bot.T(d.State.Lang, "sched.start", s.Facilitator, s.Format), false)); err != nil {
		return err
	}
	if _, err := b.runner.Advance(ctx, d); err != nil && !errors.Is(err, retro.ErrScheduleChanged) {
		return err
	}
	return nil
}

var (
	retroWeekdaysEN = [7]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}
	retroWeekdaysFR = [7]string{"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"}
	retroMonthsEN   = [12]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
	retroMonthsFR   = [12]string{"janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."}
)

func weekdayLabel(lang string, d time.Weekday) string {
	if lang == bot.LangFR {
		return retroWeekdaysFR[d]
	}
	return retroWeekdaysEN[d]
}

// dateLabel is "Thursday 12 Mar 16:00" / "jeudi 12 mars 16:00".
func dateLabel(lang string, t time.Time) string {
	if lang == bot.LangFR {
		return fmt.Sprintf("%s %d %s %02d:%02d", retroWeekdaysFR[t.Weekday()], t.Day(), retroMonthsFR[t.Month()-1], t.Hour(), t.Minute())
	}
	return fmt.Sprintf("%s %d %s %02d:%02d", retroWeekdaysEN[t.Weekday()], t.Day(), retroMonthsEN[t.Month()-1], t.Hour(), t.Minute())
}
