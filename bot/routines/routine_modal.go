package routines

import (
	"context"
	"ctocoach/bot"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/slack-go/slack"

	"ctocoach/routine"
)

// Block and element ids of the routine settings modal.
const (
	rsBlockRoutines   = "rt_" // + cadence
	rsBlockHour       = "hour"
	rsBlockDays       = "days"
	rsBlockTZ         = "tz"
	rsBlockQuietStart = "quiet_start"
	rsBlockQuietEnd   = "quiet_end"
	rsPick            = "pick"
	rsText            = "text"
	rsHourDefault     = "default"
	rsBlockTime       = "time_" // + routine id: that routine's own time
)

var routineCadences = []routine.Cadence{routine.Weekly, routine.Monthly, routine.Quarterly}

// openSettingsAction opens the settings modal from the App Home button.
func (b *Feature) openSettingsAction(ctx context.Context, r *bot.Request) error {
	u := r.User
	return b.openSettings(ctx, r, u)
}

// openSettings opens the routine settings modal showing the current values.
func (b *Feature) openSettings(ctx context.Context, r *bot.Request, u bot.User) error {
	s, err := b.routineSettings(ctx, r.TeamID, r.UserID)
	if err != nil {
		return bot.Unavailable("verb.load_routines", err)
	}
	if s.TZ == "" {
		s.TZ = u.TZ
	}
	view := settingsView(r.Lang, b.d.Catalogue, s, b.now())
	_ = r.OpenView(ctx, view)
	return nil
}

// settingsView builds the modal: routines by cadence, hour, working days,
// zone and quiet hours, pre-filled with s.
func settingsView(lang string, cat *routine.Catalogue, s routine.Settings, now time.Time) slack.ModalViewRequest {
	blocks := []slack.Block{bot.Markdown("intro", bot.T(lang, "settings.intro"))}
	for _, cad := range routineCadences {
		rts := cat.ByCadence(cad)
		if len(rts) == 0 {
			continue
		}
		var opts, initial []*slack.OptionBlockObject
		for _, rt := range rts {
			o := slack.NewOptionBlockObject(rt.ID, bot.PlainText(bot.Truncate(rt.In(lang).Title, 75)), bot.PlainText(bot.Truncate(routineWhen(lang, rt), 75)))
			opts = append(opts, o)
			if s.IsSubscribed(rt.ID) {
				initial = append(initial, o)
			}
		}
		el := slack.NewCheckboxGroupsBlockElement(rsPick, opts...)
		el.InitialOptions = initial
		in := slack.NewInputBlock(rsBlockRoutines+string(cad), bot.PlainText(bot.T(lang, "settings.cadence."+string(cad))), nil, el)
		in.Optional = true
		blocks = append(blocks, in)
	}
	blocks = append(blocks, rsHourInput(lang, s))
	blocks = append(blocks, rsRoutineTimeInputs(lang, cat, s)...)
	blocks = append(blocks, rsDaysInput(lang, s))

	tz := slack.NewPlainTextInputBlockElement(bot.PlainText("Europe/Paris"), rsText)
	tz.InitialValue = s.TZ
	tz.MaxLength = routine.MaxZoneName
	blocks = append(blocks, slack.NewInputBlock(rsBlockTZ, bot.PlainText(bot.T(lang, "settings.tz")), bot.PlainText(bot.T(lang, "settings.tz_hint")), tz))

	qs := slack.NewTimePickerBlockElement(rsPick)
	qe := slack.NewTimePickerBlockElement(rsPick)
	qs.InitialTime, qe.InitialTime = s.QuietHours()
	blocks = append(blocks,
		slack.NewInputBlock(rsBlockQuietStart, bot.PlainText(bot.T(lang, "settings.quiet_start")), bot.PlainText(bot.T(lang, "settings.quiet_hint")), qs),
		slack.NewInputBlock(rsBlockQuietEnd, bot.PlainText(bot.T(lang, "settings.quiet_end")), nil, qe))
	if s.PausedUntil != "" {
		if d, err := time.Parse(time.DateOnly, s.PausedUntil); err == nil {
			blocks = append(blocks, routineNote("paused", bot.T(lang, "settings.paused", formatDay(lang, d, now))))
		}
	}
	return slack.ModalViewRequest{
		Type: slack.VTModal, CallbackID: viewRoutineSettings, PrivateMetadata: lang,
		Title:  bot.PlainText(bot.T(lang, "settings.title")),
		Submit: bot.PlainText(bot.T(lang, "settings.submit")),
		Close:  bot.PlainText(bot.T(lang, "settings.close")),
		Blocks: slack.Blocks{BlockSet: blocks},
	}
}

func rsHourInput(lang string, s routine.Settings) *slack.InputBlock {
	def := slack.NewOptionBlockObject(rsHourDefault, bot.PlainText(bot.T(lang, "settings.hour_default")), nil)
	opts := []*slack.OptionBlockObject{def}
	initial := def
	cur := ""
	if s.Hour != nil {
		m := 0
		if s.Minute != nil {
			m = *s.Minute
		}
		cur = fmt.Sprintf("%02d:%02d", *s.Hour, m)
	}
	for h := 6; h <= 21; h++ {
		for _, m := range []int{0, 30} {
			v := fmt.Sprintf("%02d:%02d", h, m)
			opts = append(opts, slack.NewOptionBlockObject(v, bot.PlainText(v), nil))
		}
	}
	if cur != "" {
		i := slices.IndexFunc(opts, func(o *slack.OptionBlockObject) bool { return o.Value == cur })
		if i < 0 {
			opts = append(opts, slack.NewOptionBlockObject(cur, bot.PlainText(cur), nil))
			i = len(opts) - 1
		}
		initial = opts[i]
	}
	sel := slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, bot.PlainText(bot.T(lang, "settings.hour")), rsPick, opts...)
	sel.InitialOption = initial
	return slack.NewInputBlock(rsBlockHour, bot.PlainText(bot.T(lang, "settings.hour")), bot.PlainText(bot.T(lang, "settings.hour_hint")), sel)
}

// halfHours are the times offered in the time selects: 06:00 to 21:30.
func halfHours() []string {
	var out []string
	for h := 6; h <= 21; h++ {
		for _, m := range []int{0, 30} {
			out = append(out, fmt.Sprintf("%02d:%02d", h, m))
		}
	}
	return out
}

// rsRoutineTimeInputs gives each subscribed routine its own time select,
// defaulting to the time above ("same as above"). Routines ticked in this
// modal get theirs the next time it opens.
func rsRoutineTimeInputs(lang string, cat *routine.Catalogue, s routine.Settings) []slack.Block {
	var blocks []slack.Block
	for _, rt := range cat.All() {
		if !s.IsSubscribed(rt.ID) {
			continue
		}
		def := slack.NewOptionBlockObject(rsHourDefault, bot.PlainText(bot.T(lang, "settings.time_default")), nil)
		opts := []*slack.OptionBlockObject{def}
		initial := def
		cur := s.Times[rt.ID]
		for _, v := range halfHours() {
			o := slack.NewOptionBlockObject(v, bot.PlainText(v), nil)
			opts = append(opts, o)
			if v == cur {
				initial = o
			}
		}
		if cur != "" && initial == def {
			o := slack.NewOptionBlockObject(cur, bot.PlainText(cur), nil)
			opts = append(opts, o)
			initial = o
		}
		sel := slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, bot.PlainText(bot.T(lang, "settings.hour")), rsPick, opts...)
		sel.InitialOption = initial
		in := slack.NewInputBlock(rsBlockTime+rt.ID, bot.PlainText(bot.Truncate(bot.T(lang, "settings.time_of", rt.In(lang).Title), 150)), nil, sel)
		in.Optional = true
		blocks = append(blocks, in)
	}
	return blocks
}

func rsDaysInput(lang string, s routine.Settings) *slack.InputBlock {
	days := s.WorkingDays
	if len(days) == 0 {
		days = routine.DefaultWorkingDays
	}
	var opts, initial []*slack.OptionBlockObject
	for i := range 7 {
		d := time.Weekday((i + 1) % 7) // Monday first
		o := slack.NewOptionBlockObject(strconv.Itoa(int(d)), bot.PlainText(bot.T(lang, "day."+strconv.Itoa(int(d)))), nil)
		opts = append(opts, o)
		if slices.Contains(days, d) {
			initial = append(initial, o)
		}
	}
	el := slack.NewCheckboxGroupsBlockElement(rsPick, opts...)
	el.InitialOptions = initial
	return slack.NewInputBlock(rsBlockDays, bot.PlainText(bot.T(lang, "settings.days")), nil, el)
}

// routineWhen describes when a routine comes by default: "Mon · 09:30",
// "Tue, week 2 · 10:00".
func routineWhen(lang string, rt routine.Routine) string {
	at, ok := rt.DefaultAt()
	if !ok {
		return fmt.Sprintf("%02d:%02d", rt.Hour, rt.Minute)
	}
	day := weekdayName(lang, at.Weekday())
	switch rt.Cadence {
	case routine.Monthly:
		day = bot.T(lang, "settings.when_monthly", day, rt.WeekOfMonth)
	case routine.Quarterly:
		day = bot.T(lang, "settings.when_quarterly", day, rt.WeekOfMonth, rt.MonthOfQuarter)
	}
	return day + " · " + at.Format("15:04")
}

func routineNote(blockID, text string) *slack.ContextBlock {
	return slack.NewContextBlock(blockID, slack.NewTextBlockObject(slack.MarkdownType, bot.Truncate(text, 3000), false, false))
}
