package coaching

import "fmt"

// texts are the coaching surfaces' sentences, English then French. A
// sentence that counts has .one and .other forms (see trn).
var texts = map[string][2]string{
	"commit.button":      {"Commit", "Je m'engage"},
	"commit.done":        {"🤝 Committed: “%s”. I will ask you how it went on %s.", "🤝 C'est noté : « %s ». Je vous demanderai comment ça s'est passé le %s."},
	"commit.already":     {"You already committed to this one; I will ask you how it went on %s.", "Vous vous êtes déjà engagé sur celui-ci ; je vous demanderai comment ça s'est passé le %s."},
	"commit.no_action":   {"This card has no “try this week” line to commit to.", "Cette fiche n'a pas de ligne « à essayer cette semaine » à laquelle s'engager."},
	"commit.cannot":      {"I cannot plan a follow-up with your routine settings (no working day?). Check `/cto routines`.", "Je ne peux pas planifier de suivi avec vos réglages de rituels (aucun jour travaillé ?). Vérifiez `/cto routines`."},
	"followup.title":     {"*How did it go?* A week ago you committed to:", "*Comment ça s'est passé ?* Il y a une semaine, vous vous êtes engagé à :"},
	"followup.again":     {"*How did it go?* You said “not yet” — where are you with:", "*Comment ça s'est passé ?* Vous aviez dit « pas encore » — où en êtes-vous avec :"},
	"followup.since":     {"Committed on %s · card `%s`", "Engagement du %s · fiche `%s`"},
	"followup.notes":     {"*Your notes*", "*Vos notes*"},
	"followup.private":   {"Only you see your notes and answers.", "Vous seul voyez vos notes et vos réponses."},
	"answer.done":        {"Done", "Fait"},
	"answer.partly":      {"Partly", "En partie"},
	"answer.not_yet":     {"Not yet", "Pas encore"},
	"answer.drop":        {"Drop", "Abandonner"},
	"answer.add_note":    {"Add a note", "Ajouter une note"},
	"answered.done":      {"✅ *Done* — well done. Kept-rate over 12 weeks: %s.", "✅ *Fait* — bravo. Taux d'engagements tenus sur 12 semaines : %s."},
	"answered.partly":    {"◐ *Partly* — that counts half. Kept-rate over 12 weeks: %s.", "◐ *En partie* — ça compte pour moitié. Taux d'engagements tenus sur 12 semaines : %s."},
	"answered.not_yet":   {"⏳ *Not yet* — I will ask again on %s.", "⏳ *Pas encore* — je vous redemande le %s."},
	"answered.drop":      {"✖ *Dropped* — no follow-up any more.", "✖ *Abandonné* — plus de suivi."},
	"answered.expired":   {"This commitment was closed after three follow-ups without an answer.", "Cet engagement a été clos après trois relances sans réponse."},
	"answered.closed":    {"This commitment is already closed (%s).", "Cet engagement est déjà clos (%s)."},
	"answered.closed_on": {"This commitment is already closed (%s) on %s.", "Cet engagement est déjà clos (%s) depuis le %s."},
	"status.open":        {"open", "en cours"},
	"status.done":        {"done", "fait"},
	"status.partly":      {"partly", "en partie"},
	"status.dropped":     {"dropped", "abandonné"},
	"status.expired":     {"closed without an answer", "clos sans réponse"},
	"note.title":         {"Private note", "Note privée"},
	"note.label":         {"A few lines for you alone", "Quelques lignes, pour vous seul"},
	"note.placeholder":   {"What worked, what got in the way, what next…", "Ce qui a marché, ce qui a bloqué, la suite…"},
	"note.save":          {"Save", "Enregistrer"},
	"note.cancel":        {"Cancel", "Annuler"},
	"note.edit":          {"Edit", "Modifier"},
	"note.delete":        {"Delete", "Supprimer"},
	"note.saved":         {"📝 Note saved. Only you can see it.", "📝 Note enregistrée. Vous seul pouvez la voir."},
	"note.deleted":       {"Note deleted.", "Note supprimée."},
	"note.empty":         {"Write something first.", "Écrivez d'abord quelque chose."},
	"note.too_long":      {"A note is a few lines: at most %d characters and %d lines.", "Une note tient en quelques lignes : %d caractères et %d lignes au plus."},
	"note.edited":        {" _(edited)_", " _(modifiée)_"},
	"list.title":         {"*Your commitments*", "*Vos engagements*"},
	"list.none":          {"No open commitment. Press *Commit* under a card's “try this week” line to take one.", "Aucun engagement en cours. Appuyez sur *Je m'engage* sous la ligne « à essayer cette semaine » d'une fiche."},
	"list.due":           {"follow-up %s", "suivi le %s"},
	"list.kept_none":     {"*Kept-rate (12 weeks)* — nothing closed yet.", "*Taux tenu (12 semaines)* — rien de clos pour l'instant."},
	"list.notes":         {"*Last notes*", "*Dernières notes*"},
	"list.more":          {"…and %d more.", "…et %d de plus."},
	"list.answer":        {"Answer", "Répondre"},
	"home.header":        {"Coaching", "Coaching"},
	"step.header":        {"*%s* — %s", "*%s* — %s"},
	"step.action":        {"🎯 *Action:* %s", "🎯 *Action :* %s"},
	"step.shown":         {"*What you wrote earlier*", "*Ce que vous avez noté*"},
	"step.done":          {"Done", "Fait"},
	"step.fill":          {"Done — fill in", "Fait — compléter"},
	"step.later":         {"Later", "Plus tard"},
	"step.stop":          {"Stop the programme", "Arrêter le programme"},
	"step.stop_confirm":  {"Stop “%s”? Nothing more will be sent; your answers stay until you use `/cto forget`.", "Arrêter « %s » ? Plus rien ne sera envoyé ; vos réponses restent jusqu'à `/cto forget`."},
	"step.stop_yes":      {"Stop it", "Arrêter"},
	"step.stop_no":       {"Keep going", "Continuer"},
	"step.completed":     {"✅ Step done. The next one comes on its date.", "✅ Étape faite. La suivante arrivera à sa date."},
	"step.later_at":      {"⏳ Put off to %s.", "⏳ Reporté au %s."},
	"step.later_max":     {"You put this step off %d times: it stays on your App Home.", "Vous avez reporté cette étape %d fois : elle reste sur votre App Home."},
	"step.stopped":       {"⏹ Programme stopped. Restart it any time from `/cto programs`.", "⏹ Programme arrêté. Relancez-le quand vous voulez depuis `/cto programmes`."},
	"step.form_title":    {"Your answers", "Vos réponses"},
	"step.list_hint":     {"One per line", "Une par ligne"},
	"step.choose_none":   {"Nothing to choose from yet: fill in the earlier step first.", "Rien à choisir pour l'instant : complétez d'abord l'étape précédente."},
	"step.occurrence":    {"(%d of %d)", "(%d sur %d)"},
	"prog.title":         {"*Guided programmes* — opt in; each step comes by DM on its date.", "*Programmes guidés* — au choix ; chaque étape arrive en DM à sa date."},
	"prog.start":         {"Start", "Commencer"},
	"prog.restart":       {"Start again", "Recommencer"},
	"prog.active":        {"_In progress — step %d of %d._", "_En cours — étape %d sur %d._"},
	"prog.completed":     {"_Completed._", "_Terminé._"},
	"prog.stopped":       {"_Stopped._", "_Arrêté._"},
	"prog.auto":          {"_Starts by itself when you mark the routine “%s” done._", "_Démarre de lui-même quand vous marquez le rituel « %s » comme fait._"},
	"prog.enrolled":      {"▶ “%s” started: the first step comes on %s.", "▶ « %s » a commencé : la première étape arrive le %s."},
	"review.title":       {"*Your week* — %s", "*Votre semaine* — %s"},
	"review.none_due":    {"Nothing due.", "Rien d'attendu."},
	"review.commit":      {"*Commitments due*", "*Engagements attendus*"},
	"review.actions":     {"*Retro actions you own*", "*Actions de rétro à votre nom*"},
	"review.contacts":    {"*Contacts to reach*", "*Contacts à relancer*"},
	"review.prompt":      {"*This week's question* — %s", "*La question de la semaine* — %s"},
	"review.write":       {"Write in my journal", "Écrire dans mon journal"},
	"review.due_by":      {"due %s", "pour le %s"},
	"journal.title":      {"Journal", "Journal"},
	"journal.label":      {"Your answer, for you alone", "Votre réponse, pour vous seul"},
	"journal.free":       {"Anything you want to keep", "Ce que vous voulez garder"},
	"journal.saved":      {"📓 Saved in your journal (private). `/cto journal` lists it.", "📓 Enregistré dans votre journal (privé). `/cto journal` l'affiche."},
	"journal.header":     {"*Your journal* — private", "*Votre journal* — privé"},
	"journal.none":       {"Your journal is empty. The Friday review asks one question a week; or write now.", "Votre journal est vide. La revue du vendredi pose une question par semaine ; ou écrivez maintenant."},
	"journal.empty":      {"Write something first.", "Écrivez d'abord quelque chose."},
	"journal.too_long":   {"A journal entry holds at most %d characters.", "Une entrée de journal tient en %d caractères au plus."},
	"export.intro":       {"📦 *Everything I store about you* (%s). Only you see this message.", "📦 *Tout ce que je garde sur vous* (%s). Vous seul voyez ce message."},
	"export.family":      {"• `%s` — %s", "• `%s` — %s"},
	"export.file":        {"The full content is in the file below (JSON).", "Le contenu complet est dans le fichier ci-dessous (JSON)."},
	"export.nothing":     {"I store nothing about you.", "Je ne garde rien sur vous."},
	"forget.intro":       {"🗑 *Forget me* — this deletes everything I store about you: commitments, notes, journal, programmes, routines and their history, contacts, self-check scores, planned messages. Retro boards stay (they are the channel's), without your name as the owner of actions. This cannot be undone.", "🗑 *M'oublier* — cela supprime tout ce que je garde sur vous : engagements, notes, journal, programmes, rituels et leur historique, contacts, scores d'auto-diagnostic, messages prévus. Les rétros restent (elles appartiennent au canal), sans votre nom comme porteur d'actions. C'est irréversible."},
	"forget.button":      {"Delete everything", "Tout supprimer"},
	"forget.keep":        {"Keep my data", "Garder mes données"},
	"forget.confirm_t":   {"Delete all your data?", "Supprimer toutes vos données ?"},
	"forget.confirm":     {"Everything ctocoach stores about you goes, now. `/cto export` first if you want a copy.", "Tout ce que ctocoach garde sur vous disparaît, maintenant. Faites d'abord `/cto export` si vous voulez une copie."},
	"forget.yes":         {"Delete", "Supprimer"},
	"forget.no":          {"Cancel", "Annuler"},
	"forget.done":        {"Done: I have forgotten you. Nothing of yours is stored any more.", "C'est fait : je vous ai oublié. Plus rien de vous n'est gardé."},
	"forget.kept":        {"Nothing deleted.", "Rien n'a été supprimé."},
	"forget.home":        {"*ctocoach* keeps nothing about you any more. Type `/cto <question>` for advice, or `/cto routines` to start again.", "*ctocoach* ne garde plus rien sur vous. Tapez `/cto <question>` pour un conseil, ou `/cto routines` pour recommencer."},
	"gone":               {"That is no longer there (deleted or forgotten).", "Ce n'est plus là (supprimé ou oublié)."},
	"invalid":            {"I cannot do that with these values.", "Je ne peux pas faire cela avec ces valeurs."},
	"status.closed":      {"closed", "clos"},
	"export.sent":        {"📦 I sent you everything I store about you by DM.", "📦 Je vous ai envoyé en DM tout ce que je garde sur vous."},
	"prog.soon":          {"its date", "sa date"},
	"step.too_long":      {"Each answer holds at most %d characters.", "Chaque réponse tient en %d caractères au plus."},
	"mm.usage":           {"Name the group's channel: `/cto mastermind #channel` (6 to 8 members, the channel's members).", "Indiquez le canal du groupe : `/cto mastermind #canal` (6 à 8 membres, ceux du canal)."},
	"mm.size":            {"A mastermind group has 6 to 8 members; <#%s> has %d. Invite or remove people, then try again.", "Un groupe mastermind compte 6 à 8 membres ; <#%s> en a %d. Invitez ou retirez des personnes, puis réessayez."},
	"mm.exists":          {"<#%s> already has a mastermind group.", "<#%s> a déjà un groupe mastermind."},
	"mm.done":            {"Mastermind group set up in <#%s>; the rules are posted there.", "Groupe mastermind créé dans <#%s> ; les règles y sont affichées."},
	"mm.created":         {"🧭 *Mastermind group* — %s. Once a month a presenter, in turn, brings a challenge (%d min), then the group discusses it (%d min). First session: %s (2nd Thursday of the month, 18:30).", "🧭 *Groupe mastermind* — %s. Une fois par mois, un membre à tour de rôle présente un défi (%d min), puis le groupe en discute (%d min). Première séance : %s (2e jeudi du mois, 18 h 30)."},
	"mm.rules":           {"*Confidentiality rules*", "*Règles de confidentialité*"},
	"mm.session":         {"🧭 *Mastermind session* — this month %s presents a challenge (%d min), then %d min of discussion.", "🧭 *Séance mastermind* — ce mois-ci %s présente un défi (%d min), puis %d min de discussion."},
	"mm.session_nobody":  {"🧭 *Mastermind session* — a challenge (%d min), then %d min of discussion.", "🧭 *Séance mastermind* — un défi (%d min), puis %d min de discussion."},
	"mm.follow_up":       {"*First, last month's actions*", "*D'abord, les actions du mois dernier*"},
	"mm.add_action":      {"Add my action", "Ajouter mon action"},
	"mm.action_title":    {"My action", "Mon action"},
	"mm.action_label":    {"What you will do before next session", "Ce que vous ferez d'ici la prochaine séance"},
	"mm.not_member":      {"Only the group's members add actions.", "Seuls les membres du groupe ajoutent des actions."},
	"verb.mastermind":    {"set up the group", "créer le groupe"},
	"budget.title":       {"*Development budget %d* — spending against the usual ranges", "*Budget de développement %d* — dépenses face aux fourchettes habituelles"},
	"budget.total":       {"*Total:* %s (usually %d–%d k€ a year, %d–%d %% of a CTO salary)", "*Total :* %s (habituellement %d–%d k€ par an, %d–%d %% d'un salaire de CTO)"},
	"budget.below":       {"below the range", "sous la fourchette"},
	"budget.above":       {"above the range", "au-dessus de la fourchette"},
	"budget.within":      {"within the range", "dans la fourchette"},
	"budget.add":         {"Log an expense", "Noter une dépense"},
	"budget.modal":       {"Log an expense", "Noter une dépense"},
	"budget.category":    {"Category", "Catégorie"},
	"budget.amount":      {"Amount in euros", "Montant en euros"},
	"budget.label":       {"What it was (optional)", "De quoi s'agit-il (facultatif)"},
	"budget.bad":         {"Give a whole number of euros, from 1 to 1,000,000.", "Indiquez un nombre entier d'euros, de 1 à 1 000 000."},
	"budget.pick":        {"Pick a category.", "Choisissez une catégorie."},
	"verb.budget":        {"save your budget", "enregistrer votre budget"},
	"verb.commit":        {"save your commitment", "enregistrer votre engagement"},
	"verb.answer":        {"record your answer", "enregistrer votre réponse"},
	"verb.note":          {"save your note", "enregistrer votre note"},
	"verb.list":          {"list your commitments", "afficher vos engagements"},
	"verb.journal":       {"open your journal", "ouvrir votre journal"},
	"verb.export":        {"export your data", "exporter vos données"},
	"verb.forget":        {"delete your data", "supprimer vos données"},
	"verb.enrol":         {"start the programme", "démarrer le programme"},
	"verb.step":          {"record this step", "enregistrer cette étape"},

	"list.kept.one":       {"*Kept-rate (12 weeks)* — %s over %d closed commitment (done: %d · partly: %d · dropped: %d · unanswered: %d)", "*Taux tenu (12 semaines)* — %s sur %d engagement clos (fait : %d · en partie : %d · abandonné : %d · sans réponse : %d)"},
	"list.kept.other":     {"*Kept-rate (12 weeks)* — %s over %d closed commitments (done: %d · partly: %d · dropped: %d · unanswered: %d)", "*Taux tenu (12 semaines)* — %s sur %d engagements clos (fait : %d · en partie : %d · abandonné : %d · sans réponse : %d)"},
	"list.open.one":       {"*Open* — %d commitment", "*En cours* — %d engagement"},
	"list.open.other":     {"*Open* — %d commitments", "*En cours* — %d engagements"},
	"review.routines":     {"*Routines* — done: %d · skipped: %d · missed: %d", "*Rituels* — faits : %d · sautés : %d · manqués : %d"},
	"export.items.one":    {"%d item", "%d élément"},
	"export.items.other":  {"%d items", "%d éléments"},
	"export.tasks.one":    {"• planned messages — %d", "• messages prévus — %d"},
	"export.tasks.other":  {"• planned messages — %d", "• messages prévus — %d"},
	"journal.count.one":   {"%d entry", "%d entrée"},
	"journal.count.other": {"%d entries", "%d entrées"},
}

// Languages.
const (
	langEN = "en"
	langFR = "fr"
)

// tr returns sentence key in lang, formatted with args; an unknown key
// is returned as is (a test checks every key used exists).
func tr(lang, key string, args ...any) string {
	v, ok := texts[key]
	if !ok {
		return key
	}
	s := v[0]
	if lang == langFR {
		s = v[1]
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

// pluralOne reports whether n takes the singular in lang: 1 in English,
// 0 and 1 in French.
func pluralOne(lang string, n int) bool {
	if lang == langFR {
		return n == 0 || n == 1
	}
	return n == 1
}

// trn is tr for a sentence that counts n (key.one / key.other).
func trn(lang, key string, n int, args ...any) string {
	if pluralOne(lang, n) {
		return tr(lang, key+".one", args...)
	}
	return tr(lang, key+".other", args...)
}
