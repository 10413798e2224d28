package retrobot

import (
	"context"
	"ctocoach/bot"
	"errors"
	"fmt"
	"slices"
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
	sc, err := retro.ParseSchedule(args, u.TZ)
	if err == nil {
		err = sc.Validate()
	}
	if err != nil {
		return fmt.Errorf("%w: %w", bot.Refuse("sched.usage"), err)
	}
	now := b.Now()
	sc.Anchor = now
	var old store.RetroSchedule
	saved, err := b.Store.UpdateRetroSchedule(ctx, r.TeamID, r.ChannelID, func(cur store.RetroSchedule, _ bool) (store.RetroSchedule, error) {
		old = cur
		next := store.RetroSchedule{Schedule: sc, Lang: u.Lang, SetBy: r.UserID, Version: cur.Version + 1,
			LastFormat: cur.LastFormat, Facilitators: cur.Facilitators}
		next.Next = sc.Next(now)
		return next, nil
	})
	if err != nil {
		return bot.Unavailable("verb.retro_schedule", fmt.Errorf("save the schedule of %s: %w", r.ChannelID, err))
	}
	b.cancelMilestones(ctx, r.TeamID, old)
	if err := b.planMilestones(ctx, r.TeamID, saved, now); err != nil {
		return fmt.Errorf("plan the scheduled retro of %s: %w", r.ChannelID, err)
	}
	r.Answer(ctx, bot.Reply{Text: scheduleText(r.Lang, "sched.set", saved)})
	return nil
}

func (b *feature) showSchedule(ctx context.Context, r *bot.Request) error {
	sc, err := b.Store.RetroSchedule(ctx, r.TeamID, r.ChannelID)
	switch {
	case errors.Is(err, store.ErrNotFound):
		r.Answer(ctx, bot.Reply{Text: bot.T(r.Lang, "sched.none")})
	case err != nil:
		return bot.Unavailable("verb.retro_read", fmt.Errorf("read the schedule of %s: %w", r.ChannelID, err))
	default:
		r.Answer(ctx, bot.Reply{Text: scheduleText(r.Lang, "sched.show", sc)})
	}
	return nil
}

func (b *feature) stopSchedule(ctx context.Context, r *bot.Request) error {
	sc, err := b.Store.RetroSchedule(ctx, r.TeamID, r.ChannelID)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return bot.Unavailable("verb.retro_schedule", fmt.Errorf("read the schedule of %s: %w", r.ChannelID, err))
	}
	if err := b.Store.DeleteRetroSchedule(ctx, r.TeamID, r.ChannelID); err != nil {
		return bot.Unavailable("verb.retro_schedule", fmt.Errorf("delete the schedule of %s: %w", r.ChannelID, err))
	}
	b.cancelMilestones(ctx, r.TeamID, sc)
	r.Answer(ctx, bot.Reply{Text: bot.T(r.Lang, "sched.off")})
	return nil
}

// scheduleText describes a schedule and its next retro.
func scheduleText(lang, key string, sc store.RetroSchedule) string {
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
	loc, err := time.LoadLocation(sc.TZ)
	if err != nil {
		loc = time.UTC
	}
	return bot.T(lang, key, every, sc.Hour, sc.Minute, sc.TZ, strings.Join(names, " → "), dateLabel(lang, sc.Next.In(loc)))
}

// planMilestones plans the milestones of the schedule's next retro.
func (b *feature) planMilestones(ctx context.Context, team string, sc store.RetroSchedule, now time.Time) error {
	return b.milestones.Plan(ctx, team, nextRetro(sc), now)
}

// cancelMilestones drops the pending milestones of the schedule's next retro.
func (b *feature) cancelMilestones(ctx context.Context, team string, sc store.RetroSchedule) {
	if b.Planner == nil {
		return
	}
	if err := b.milestones.Cancel(ctx, team, nextRetro(sc)); err != nil {
		b.Log.Warn("cannot cancel a retro milestone", "channel", sc.ChannelID, "err", err)
	}
}

// nextRetro is the schedule's next retro as the milestone planner sees it.
func nextRetro(sc store.RetroSchedule) retro.ScheduledRetro {
	return retro.ScheduledRetro{Channel: sc.ChannelID, Version: sc.Version, Schedule: sc.Schedule, Next: sc.Next}
}

// RunRetroMilestone runs one milestone of a scheduled retro: the day before
// it opens the board (format and facilitator rotate) and nudges the
// channel; an hour before it reminds, privately, the members who have not
// added a signed card (anonymous cards cannot be attributed to anyone, so
// their authors may get the reminder too); at the time it names the
// facilitator and plans the next retro. Milestones of an older version of
// the schedule, or of a removed one, are dropped.
func (b *feature) RunRetroMilestone(ctx context.Context, t RetroTask) error {
	m, err := retro.ParseMilestone(t.Payload)
	if err != nil {
		b.Log.Error("dropping an unreadable retro milestone", "id", t.ID, "err", err)
		return nil
	}
	sc, err := b.Store.RetroSchedule(ctx, t.Team, m.Channel)
	if errors.Is(err, store.ErrNotFound) || (err == nil && sc.Version != m.Version) {
		b.Log.Info("dropping a milestone of an old schedule", "id", t.ID)
		return nil
	}
	if err != nil {
		return err
	}
	start := time.Unix(m.Start, 0)
	switch m.Kind {
	case retro.MilestoneOpen:
		err = b.milestoneOpen(ctx, t.Team, sc, start)
	case retro.MilestoneRemind:
		err = b.milestoneRemind(ctx, t.Team, sc)
	case retro.MilestoneStart:
		err = b.milestoneStart(ctx, t.Team, sc, start)
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
func (b *feature) milestoneOpen(ctx context.Context, team string, sc store.RetroSchedule, start time.Time) error {
	lang := sc.Lang
	when := dateLabel(lang, start.In(scheduleLoc(sc)))
	people, err := b.participants(ctx, team, sc)
	if err != nil {
		return err
	}
	fac, f := retro.Rotation(people, sc.Facilitators, sc.SetBy, sc.Formats, sc.LastFormat)
	rb, err := b.openBoard(ctx, team, sc.ChannelID, sc.SetBy, fac, f, 0, lang)
	text := ""
	switch {
	case errors.Is(err, store.ErrBoardOpen):
		text = bot.T(lang, "sched.open_busy", when)
	case err != nil:
		return err
	default:
		text = bot.T(lang, "sched.open", rb.Number, when, fac)
		if _, err := b.Store.UpdateRetroSchedule(ctx, team, sc.ChannelID, func(cur store.RetroSchedule, found bool) (store.RetroSchedule, error) {
			if !found || cur.Version != sc.Version {
				return cur, store.ErrConflict
			}
			cur.LastFormat, cur.BoardID = f.ID, rb.ID
			cur.Facilitators = append(cur.Facilitators, fac)
			return cur, nil
		}); err != nil {
			b.Log.Warn("cannot record the rotation of a scheduled retro", "channel", sc.ChannelID, "err", err)
		}
	}
	_, _, err = b.API.PostMessageContext(ctx, sc.ChannelID, slack.MsgOptionText(text, false))
	return err
}

// milestoneRemind tells members without a signed card on the open board.
func (b *feature) milestoneRemind(ctx context.Context, team string, sc store.RetroSchedule) error {
	rb, err := b.Store.OpenBoard(ctx, team, sc.ChannelID)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	people, err := b.participants(ctx, team, sc)
	if err != nil {
		return err
	}
	signed := map[string]bool{}
	for _, c := range rb.Cards {
		if !c.Anonymous() {
			signed[c.Author] = true
		}
	}
	text := bot.T(rb.Lang, "sched.remind")
	btn := slack.NewButtonBlockElement("retro."+string(retro.ButtonAddCard), rb.ID, bot.PlainText(bot.T(rb.Lang, "retro.btn.add_card")))
	blocks := []slack.Block{slack.NewSectionBlock(mrkdwn(text), nil, slack.NewAccessory(btn), slack.SectionBlockOptionBlockID("remind"))}
	for _, p := range people {
		if signed[p] {
			continue
		}
		if _, err := b.API.PostEphemeralContext(ctx, sc.ChannelID, p, slack.MsgOptionText(text, false), slack.MsgOptionBlocks(blocks...)); err != nil {
			var rl *slack.RateLimitedError
			if errors.As(err, &rl) {
				return err
			}
			b.Log.Warn("cannot remind a member of the retro", "channel", sc.ChannelID, "err", err)
		}
	}
	return nil
}

// milestoneStart names the facilitator and plans the next retro.
func (b *feature) milestoneStart(ctx context.Context, team string, sc store.RetroSchedule, start time.Time) error {
	fac := sc.SetBy
	if n := len(sc.Facilitators); n > 0 {
		fac = sc.Facilitators[n-1]
	}
	format := retro.DefaultFormatID
	if f, ok := retro.FormatByID(sc.LastFormat); ok {
		format = f.Title(sc.Lang)
	}
	if rb, err := b.Store.OpenBoard(ctx, team, sc.ChannelID); err == nil {
		fac, format = rb.Facilitator, rb.Format.Title(sc.Lang)
	}
	if _, _, err := b.API.PostMessageContext(ctx, sc.ChannelID, slack.MsgOptionText(bot.T(sc.Lang, "sched.start", fac, format), false)); err != nil {
		return err
	}
	next, err := b.Store.UpdateRetroSchedule(ctx, team, sc.ChannelID, func(cur store.RetroSchedule, found bool) (store.RetroSchedule, error) {
		if !found || cur.Version != sc.Version {
			return cur, store.ErrConflict
		}
		cur.Next, cur.BoardID = cur.Schedule.Next(start), ""
		return cur, nil
	})
	if errors.Is(err, store.ErrConflict) {
		return nil
	}
	if err != nil {
		return err
	}
	return b.planMilestones(ctx, team, next, b.Now())
}

// participants are the channel's members who are people (not bots), or the
// schedule's own list when it has one.
func (b *feature) participants(ctx context.Context, team string, sc store.RetroSchedule) ([]string, error) {
	if len(sc.Participants) > 0 {
		return sc.Participants, nil
	}
	members, _, err := b.API.GetUsersInConversationContext(ctx, &slack.GetUsersInConversationParameters{ChannelID: sc.ChannelID, Limit: maxParticipants})
	if err != nil {
		return nil, err
	}
	var people []string
	for _, id := range members {
		if u := b.Profiles.Get(ctx, team, id); !u.Profile.IsBot {
			people = append(people, id)
		}
	}
	slices.Sort(people)
	return people, nil
}

func scheduleLoc(sc store.RetroSchedule) *time.Location {
	loc, err := time.LoadLocation(sc.TZ)
	if err != nil {
		return time.UTC
	}
	return loc
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
