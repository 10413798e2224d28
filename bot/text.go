package bot

import "fmt"

// Languages the bot speaks.
const (
	LangEN = "en"
	LangFR = "fr"
)

// texts holds every fixed sentence the bot says, in English and French.
// Feature files add their own entries with addTexts in an init func.
var texts = map[string][2]string{
	"help.title": {"*CTO coach* — what I can do", "*Coach CTO* — ce que je sais faire"},
	"help.body": {
		"• `/cto <question>` — advice from the corpus (e.g. `/cto how do I delegate?`)\n" +
			"• `/cto topics` — browse the advice by topic\n" +
			"• `/cto routines` — weekly / monthly / quarterly routines by DM · `/cto pause until YYYY-MM-DD` · `/cto resume`\n" +
			"• `/cto contacts` — your network list · `/cto team #channel` — who to pair with\n" +
			"• `/cto checkup` — stagnation, isolation and burnout self-checks\n" +
			"• `/cto standards` — the team's book of standards · `/retro` — retrospective boards\n" +
			"• `/cto commitments` — your commitments, kept-rate, notes · `/cto journal` — your private journal\n" +
			"• `/cto programs` — guided programmes (delegation, development plan, mentoring) · `/cto budget` — your development budget\n" +
			"• `/cto mastermind #channel` — a monthly peer group · `/cto export` — everything I store about you · `/cto forget` — delete it\n" +
			"• `/cto phase YYYY-MM` — when you became CTO · `/cto lang fr|en` — language",
		"• `/cto <question>` — un conseil du corpus (ex. `/cto comment déléguer ?`)\n" +
			"• `/cto topics` — parcourir les conseils par thème\n" +
			"• `/cto routines` — rituels hebdo / mensuels / trimestriels en DM · `/cto pause until AAAA-MM-JJ` · `/cto resume`\n" +
			"• `/cto contacts` — votre réseau · `/cto team #canal` — avec qui vous faire rencontrer\n" +
			"• `/cto checkup` — auto-diagnostics stagnation, isolement, épuisement\n" +
			"• `/cto standards` — le livre des standards de l'équipe · `/retro` — rétrospectives\n" +
			"• `/cto engagements` — vos engagements, taux tenu, notes · `/cto journal` — votre journal privé\n" +
			"• `/cto programmes` — programmes guidés (délégation, plan de développement, mentorat) · `/cto budget` — votre budget de développement\n" +
			"• `/cto mastermind #canal` — un groupe de pairs mensuel · `/cto exporter` — tout ce que je garde sur vous · `/cto oublier` — le supprimer\n" +
			"• `/cto phase AAAA-MM` — depuis quand vous êtes CTO · `/cto lang fr|en` — langue",
	},
	"error.too_long":    {"That is too long (%d characters): please keep it under %d.", "C'est trop long (%d caractères) : restez sous %d, s'il vous plaît."},
	"error.apology":     {"Sorry, something went wrong on my side. It has been logged; please try again.", "Désolé, un problème est survenu de mon côté. Il est journalisé ; réessayez, s'il vous plaît."},
	"error.unavailable": {"My memory (Redis) is unreachable right now, so I cannot %s. Advice (`/cto <question>`) still works; please try again in a minute.", "Ma mémoire (Redis) est injoignable pour le moment : je ne peux pas %s. Les conseils (`/cto <question>`) fonctionnent toujours ; réessayez dans une minute."},
	"lang.set":          {"Done: I will answer you in English.", "C'est noté : je vous répondrai en français."},
	"lang.usage":        {"Usage: `/cto lang fr` or `/cto lang en` (currently: %s).", "Usage : `/cto lang fr` ou `/cto lang en` (actuellement : %s)."},
	"verb.save_lang":    {"save your language", "enregistrer votre langue"},
}

// AddTexts registers more sentences; a duplicate key is a programming error.
func AddTexts(m map[string][2]string) {
	for k, v := range m {
		if _, dup := texts[k]; dup {
			panic("bot: duplicate text key " + k)
		}
		texts[k] = v
	}
}

// T returns the sentence key in lang, formatted with args.
func T(lang, key string, args ...any) string {
	v, ok := texts[key]
	if !ok {
		return key
	}
	s := v[0]
	if lang == LangFR {
		s = v[1]
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

// pluralOne reports whether n takes the singular in lang: 1 in English,
// 0 and 1 in French ("0 rituel", "1 rituel", "2 rituels").
func pluralOne(lang string, n int) bool {
	if lang == LangFR {
		return n == 0 || n == 1
	}
	return n == 1
}

// Tn is T for a sentence that counts n: it reads key+".one" or
// key+".other" by the plural rule of lang.
func Tn(lang, key string, n int, args ...any) string {
	if pluralOne(lang, n) {
		return T(lang, key+".one", args...)
	}
	return T(lang, key+".other", args...)
}
