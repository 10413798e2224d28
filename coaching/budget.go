package coaching

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Budget entry limits.
const (
	MaxBudgetLabel  = 120       // characters
	MaxBudgetAmount = 1_000_000 // euros, one entry
)

// BudgetEntry is one development expense the user logged.
type BudgetEntry struct {
	ID       string `json:"id"`
	Category string `json:"category"`
	// Euros is the amount in whole euros.
	Euros int    `json:"euros"`
	Label string `json:"label,omitempty"`
	// Date is the local day of the expense, "2006-01-02".
	Date      string    `json:"date"`
	CreatedAt time.Time `json:"created_at"`
}

// Validate checks the entry against the catalogue's categories: a known
// category, 1..MaxBudgetAmount euros, a label of at most MaxBudgetLabel
// characters and a valid date.
func (b BudgetEntry) Validate(r BudgetRanges) error {
	if !slices.ContainsFunc(r.Categories, func(c Category) bool { return c.ID == b.Category }) {
		return fmt.Errorf("coaching: budget entry: category %q: %w", b.Category, ErrInvalid)
	}
	if b.Euros <= 0 || b.Euros > MaxBudgetAmount {
		return fmt.Errorf("coaching: budget entry: %d euros, want 1..%d: %w", b.Euros, MaxBudgetAmount, ErrInvalid)
	}
	if utf8.RuneCountInString(strings.TrimSpace(b.Label)) > MaxBudgetLabel {
		return fmt.Errorf("coaching: budget entry: label over %d characters: %w", MaxBudgetLabel, ErrTooLong)
	}
	if _, err := time.Parse("2006-01-02", b.Date); err != nil {
		return fmt.Errorf("coaching: budget entry: date %q: %w", b.Date, ErrInvalid)
	}
	return nil
}

// CategorySpend is one category's spending in a year against its range.
type CategorySpend struct {
	Category Category `json:"category"`
	Euros    int      `json:"euros"`
	// Below and Above compare Euros with the typical range (k€ × 1000).
	Below bool `json:"below"`
	Above bool `json:"above"`
}

// BudgetSummary is a year of development spending.
type BudgetSummary struct {
	Year       int             `json:"year"`
	Categories []CategorySpend `json:"categories"`
	Euros      int             `json:"euros"`
	// Total is the typical total range (25–40 k€); Below/Above compare.
	Total Range `json:"total"`
	Below bool  `json:"below"`
	Above bool  `json:"above"`
	// SalaryShare is the typical share of a CTO salary (2–3 %).
	SalaryShare Range `json:"salary_share"`
}

// SummariseBudget sums the entries dated in `year` by category, in the
// catalogue's order, and compares each sum and the total with the typical
// ranges (a sum equal to a bound is within the range).
func SummariseBudget(entries []BudgetEntry, year int, r BudgetRanges) BudgetSummary {
	sum := BudgetSummary{Year: year, Total: r.Total, SalaryShare: r.SalaryShare}
	by := map[string]int{}
	for _, e := range entries {
		if d, err := time.Parse("2006-01-02", e.Date); err == nil && d.Year() == year {
			by[e.Category] += e.Euros
		}
	}
	for _, c := range r.Categories {
		n := by[c.ID]
		sum.Categories = append(sum.Categories, CategorySpend{Category: c, Euros: n, Below: n < c.Range.Min*1000, Above: n > c.Range.Max*1000})
		sum.Euros += n
	}
	sum.Below, sum.Above = sum.Euros < r.Total.Min*1000, sum.Euros > r.Total.Max*1000
	return sum
}
