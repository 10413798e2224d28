package retro

import "fmt"

// labels are the fixed words of summaries and exports, per language.
var labels = map[string]map[string]string{
	"retro":       tr("Retro", "Rétro"),
	"date":        tr("Date", "Date"),
	"facilitator": tr("Facilitator", "Animation"),
	"budget":      tr("Votes per person", "Votes par personne"),
	"phase":       tr("Phase", "Phase"),
	"previous":    tr("Open actions from the last retro", "Actions ouvertes de la dernière rétro"),
	"actions":     tr("Actions", "Actions"),
	"standards":   tr("Promoted to the book of standards", "Ajouté au cahier des standards"),
	"no_cards":    tr("No cards.", "Aucune carte."),
	"no_actions":  tr("No actions.", "Aucune action."),
	"owner":       tr("owner", "responsable"),
	"due":         tr("due", "échéance"),
	"anonymous":   tr("anonymous", "anonyme"),
	"totals":      tr("Totals", "Totaux"),
	"cards":       tr("cards", "cartes"),
	"votes":       tr("votes", "votes"),
	"vote":        tr("vote", "vote"),
	"closed":      tr("Closed", "Clôturée"),
}

// label is the fixed word key in lang.
func label(key, lang string) string { return pick(labels[key], lang) }

// votesLabel is "1 vote" / "3 votes".
func votesLabel(n int, lang string) string {
	if n == 1 || (NormLang(lang) == LangFR && n == 0) {
		return fmt.Sprintf("%d %s", n, label("vote", lang))
	}
	return fmt.Sprintf("%d %s", n, label("votes", lang))
}
