package coaching

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"ctocoach/coaching"
)

// The budget tracker's ids.
const (
	ActionBudgetAdd = "coaching.budget_add"
	ViewBudget      = "coaching.budget"
	inputCategory   = "category"
	inputAmount     = "amount"
	inputLabel      = "label"
)

// euros formats whole euros: "12 500 €" / "€12,500".
func euros(lang string, n int) string {
	s := strconv.Itoa(n)
	var parts []string
	for len(s) > 3 {
		parts = append([]string{s[len(s)-3:]}, parts...)
		s = s[:len(s)-3]
	}
	parts = append([]string{s}, parts...)
	if lang == langFR {
		return strings.Join(parts, " ") + " €"
	}
	return "€" + strings.Join(parts, ",")
}

// Budget is /cto budget: the year's development spending by category
// against the article's typical ranges, the total against 25–40 k€ (2–3 %
// of a CTO salary), and "Log an expense".
func Budget(lang string, b coaching.BudgetSummary) Message {
	mark := func(below, above bool) string {
		switch {
		case below:
			return " — " + tr(lang, "budget.below")
		case above:
			return " — " + tr(lang, "budget.above")
		}
		return " — " + tr(lang, "budget.within")
	}
	colon := ": "
	if lang == langFR {
		colon = " : "
	}
	text := tr(lang, "budget.title", b.Year)
	for _, c := range b.Categories {
		text += fmt.Sprintf("\n• %s%s%s (%d–%d k€)%s", escaped(c.Category.In(lang)), colon, euros(lang, c.Euros), c.Category.Range.Min, c.Category.Range.Max, mark(c.Below, c.Above))
	}
	total := tr(lang, "budget.total", euros(lang, b.Euros), b.Total.Min, b.Total.Max, b.SalaryShare.Min, b.SalaryShare.Max) + mark(b.Below, b.Above)
	return Message{Text: tr(lang, "budget.title", b.Year), Blocks: []slack.Block{
		md("bg-categories", text), md("bg-total", total),
		slack.NewActionBlock("bg-actions", primary(button(ActionBudgetAdd, "add", tr(lang, "budget.add")))),
	}}
}

// BudgetModal logs one expense: category, amount in euros, label, dated today.
func BudgetModal(m Meta, r coaching.BudgetRanges) slack.ModalViewRequest {
	lang := m.Lang
	var opts []*slack.OptionBlockObject
	for _, c := range r.Categories {
		opts = append(opts, slack.NewOptionBlockObject(c.ID, plain(c.In(lang), maxButton), nil))
	}
	sel := slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, nil, inputText, opts...)
	amount := slack.NewPlainTextInputBlockElement(nil, inputText)
	amount.MaxLength = 9
	label := slack.NewPlainTextInputBlockElement(nil, inputText)
	label.MaxLength = coaching.MaxBudgetLabel
	lb := slack.NewInputBlock(inputLabel, plain(tr(lang, "budget.label"), 2000), nil, label)
	lb.Optional = true
	return slack.ModalViewRequest{
		Type: slack.VTModal, CallbackID: ViewBudget,
		Title:           plain(tr(lang, "budget.modal"), maxModalTitle),
		Submit:          plain(tr(lang, "note.save"), maxModalTitle),
		Close:           plain(tr(lang, "note.cancel"), maxModalTitle),
		PrivateMetadata: m.String(),
		Blocks: slack.Blocks{BlockSet: []slack.Block{
			slack.NewInputBlock(inputCategory, plain(tr(lang, "budget.category"), 2000), nil, sel),
			slack.NewInputBlock(inputAmount, plain(tr(lang, "budget.amount"), 2000), nil, amount),
			lb,
		}},
	}
}

// BudgetInput reads the modal back: category, whole euros (spaces, dots
// and a € sign allowed; ok false when not a number) and label.
func BudgetInput(st *slack.ViewState) (category string, amount int, label string, ok bool) {
	if st == nil {
		return "", 0, "", false
	}
	category = st.Values[inputCategory][inputText].SelectedOption.Value
	raw := strings.NewReplacer(" ", "", "\u00a0", "", ".", "", ",", "", "€", "", "k", "000").Replace(strings.ToLower(inputValue(st, inputAmount)))
	n, err := strconv.Atoi(raw)
	return category, n, inputValue(st, inputLabel), err == nil
}

// today is now's date in loc, as budget entries are dated.
func today(now time.Time, loc *time.Location) string { return now.In(loc).Format("2006-01-02") }
