package knowledge

import "strings"

// conceptGroups conflates words the stemmer leaves apart although they
// name one idea (déléguer/délégation/delegate, burnout/épuisement, …).
// Every word of a group analyses to the group's concept term, in both
// languages, so the concept also bridges French and English.
//
// Words are folded. A word prefixed "en:" or "fr:" belongs to the group in
// that language only; a word prefixed "=" conflates only as written (its
// stem is not mapped, because other words share it: "formation" and
// "format" stem alike in French).
var conceptGroups = map[string]string{
	"_deleg":    "deleguer delegue deleguee delegues deleguez deleguent delegation delegations delegate delegates delegating delegated",
	"_meeting":  "reunion reunions =meeting =meetings",
	"_burnout":  "burnout burnouts epuisement epuise epuisee epuises exhaustion exhausted surmenage surmene",
	"_1on1":     "oneonone onetoone =1on1 =1to1",
	"_isol":     "isolement isole isolee isoles isolation isolated lonely loneliness solitude alone fr:seul fr:seule fr:seuls",
	"_hire":     "recruter recrutement recrutements recrute recrutez embaucher embauche embauches hire hires hiring hired recruit recruits recruiting recruitment",
	"_network":  "reseau reseaux reseautage network networks networking",
	"_retro":    "retro retros retrospective retrospectives",
	"_prior":    "priorite priorites prioriser priorisation prioritize prioritise priority priorities prioritization prioritisation prioritizing",
	"_scal":     "scalabilite scalability scalable scaling",
	"_mentor":   "mentor mentors mentorat mentoring mentorship",
	"_coach":    "coach coachs coaches coaching coacher",
	"_code":     "code codes coder coders codez coding coded",
	"_deploy":   "deployer deploiement deploiements deploie deploy deploys deployed deploying deployment deployments",
	"_vacation": "vacances conge conges vacation vacations holiday holidays",
	"_stress":   "stress stresse stressee stresses stressed stressful anxiete anxiety anxious anxieux",
	"_ai":       "fr:ia en:ai",
	"_standup":  "standup standups",
	"_roadmap":  "roadmap roadmaps",
	"_po":       "productowner =po",
	"_skip":     "skiplevel",
	"_balance":  "equilibre equilibrer balance balanced",
	"_dev":      "=dev =devs =developer =developers =developpeur =developpeurs =developpeuse =developpeuses",
	"_recur":    "recurring recurrent recurrente recurrents recurrence recur recurs revient reviennent revenir",
	"_watch":    "veille =watch",
	"_minute":   "=min =mins minute minutes",
	"_myself":   "=myself",
	"_hour":     "=h =hr =hrs heure heures hour hours",
}

// phrases maps multi-word expressions (folded words, also matched when
// written with hyphens, colons or slashes) to a concept term or a plain
// word.
var phrases = map[string]string{
	"one on one":                "_1on1",
	"one to one":                "_1on1",
	"1 on 1":                    "_1on1",
	"1 to 1":                    "_1on1",
	"1 1":                       "_1on1",
	"tete a tete":               "_1on1",
	"face a face":               "_1on1",
	"burn out":                  "_burnout",
	"burned out":                "_burnout",
	"burnt out":                 "_burnout",
	"stand up":                  "_standup",
	"skip level":                "_skip",
	"n 2":                       "_skip",
	"feuille de route":          "_roadmap",
	"product owner":             "_po",
	"intelligence artificielle": "_ai",
	"artificial intelligence":   "_ai",
	"mise en production":        "_deploy",
	"mises en production":       "_deploy",
	"montee en charge":          "_scal",
	"passage a echelle":         "_scal",
	"work life balance":         "_balance",
	"work life":                 "_balance",
	"vie pro perso":             "_balance",
	"vie privee":                "_balance",
	"vie perso":                 "_balance",
	"come back":                 "_recur",
	"comes back":                "_recur",
	"coming back":               "_recur",
	"let go":                    "_letgo",
	"reverse mentoring":         "_revmentor",
	"mentorat inverse":          "_revmentor",
	"mentoring inverse":         "_revmentor",
	"letting go":                "_letgo",
	"lacher prise":              "_letgo",
	"moi meme":                  "_myself",
	"keep up":                   "_watch",
	"keeping up":                "_watch",
	"up to date":                "_watch",
	"tech watch":                "_watch",
	"technology watch":          "_watch",
}

// maxPhraseWords is the length of the longest phrase.
var maxPhraseWords = func() int {
	n := 0
	for p := range phrases {
		n = max(n, len(strings.Fields(p)))
	}
	return n
}()

// conflation holds one language's concept maps.
type conflation struct {
	surface map[string]string // folded word -> concept
	stem    map[string]string // stem -> concept
}

// newConflation builds the concept maps of one language with its stemmer.
func newConflation(lang Lang, stem func(string) string) conflation {
	c := conflation{surface: map[string]string{}, stem: map[string]string{}}
	for concept, words := range conceptGroups {
		for _, w := range strings.Fields(words) {
			if l, rest, ok := strings.Cut(w, ":"); ok {
				if Lang(l) != lang {
					continue
				}
				w = rest
			}
			if rest, ok := strings.CutPrefix(w, "="); ok {
				c.surface[rest] = concept
				continue
			}
			c.surface[w] = concept
			c.stem[stem(w)] = concept
		}
	}
	return c
}
