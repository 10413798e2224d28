package routines

import (
	"errors"
	"strconv"
	"strings"

	"ctocoach/bot"
	"ctocoach/routine"
)

func init() {
	bot.AddTexts(map[string][2]string{
		"settings.err_never": {"“%s” only comes on %s, which is not one of your working days: tick %[2]s, or untick this routine.", "« %s » n'arrive que le %s, qui ne fait pas partie de vos jours travaillés : cochez %[2]s, ou décochez ce rituel."},
	})
}

// settingsRefusal is the one mapping from routine.SettingsService's
// refusals to the settings modal's field errors: block id -> what the user
// reads there, in lang. It reports false when err is not a refusal (nil,
// or a failure to save).
func settingsRefusal(lang string, err error) (map[string]string, bool) {
	se, ok := errors.AsType[*routine.SettingsError](err)
	if !ok {
		return nil, false
	}
	errs := map[string]string{}
	for _, f := range se.Fields {
		block := settingsBlock(f)
		msg := settingsFieldText(lang, f)
		if prev, ok := errs[block]; ok && prev != msg {
			msg = prev + " " + msg // several routines that never arrive, on the days field
		}
		errs[block] = bot.Truncate(msg, 1000)
	}
	return errs, true
}

// settingsBlock is the block id of the modal that shows f.
func settingsBlock(f routine.FieldError) string {
	switch f.Field {
	case routine.FieldTime:
		return rsBlockHour
	case routine.FieldRoutineTime:
		return rsBlockTime + f.Routine.ID
	case routine.FieldWorkingDays:
		return rsBlockDays
	case routine.FieldQuietStart:
		return rsBlockQuietStart
	case routine.FieldQuietEnd:
		return rsBlockQuietEnd
	default: // routine.FieldZone, and the settings that do not fit together
		return rsBlockTZ
	}
}

// settingsFieldText is what the user reads on f's field.
func settingsFieldText(lang string, f routine.FieldError) string {
	switch {
	case errors.Is(f.Err, routine.ErrNotAClock) && (f.Field == routine.FieldQuietStart || f.Field == routine.FieldQuietEnd):
		return bot.T(lang, "settings.err_time")
	case errors.Is(f.Err, routine.ErrNotAClock):
		return bot.T(lang, "settings.err_hour")
	case errors.Is(f.Err, routine.ErrNoWorkingDay), errors.Is(f.Err, routine.ErrBadWorkingDay):
		return bot.T(lang, "settings.err_days")
	case errors.Is(f.Err, routine.ErrUnknownZone):
		return bot.T(lang, "settings.err_tz", bot.Escape(bot.Truncate(f.Value, routine.MaxZoneName)))
	case errors.Is(f.Err, routine.ErrInQuietHours):
		return bot.T(lang, "settings.err_quiet")
	case errors.Is(f.Err, routine.ErrNeverArrives):
		day := "?"
		if f.DayKnown {
			day = bot.T(lang, "day."+strconv.Itoa(int(f.Day)))
			if lang == bot.LangFR {
				day = strings.ToLower(day)
			}
		}
		return bot.T(lang, "settings.err_never", f.Routine.In(lang).Title, day)
	default: // routine.ErrInconsistent
		return bot.T(lang, "settings.err_invalid")
	}
}
