package retro

// Paging of the "View all" modal.
const (
	// DefaultPerPage is the page size when none is given.
	DefaultPerPage = 20
	// MaxPerPage keeps a modal page well under Slack's 100 blocks per view
	// (one section per card plus ModalFixedBlocks).
	MaxPerPage = 40
	// ModalFixedBlocks: zone header, prompt, divider, navigation actions.
	ModalFixedBlocks = 4
)

// CardPage is one page of a zone's cards for the paged modal.
type CardPage struct {
	ZoneID string `json:"zone_id"`
	// Cards carry their vote totals and their visible text.
	Cards []Card `json:"cards"`
	// Page is 0-based and clamped into [0, Pages).
	Page    int  `json:"page"`
	Pages   int  `json:"pages"`
	PerPage int  `json:"per_page"`
	Total   int  `json:"total"`
	HasPrev bool `json:"has_prev"`
	HasNext bool `json:"has_next"`
}

// Page returns page `page` (0-based) of zone zoneID's cards, in the order
// of ZoneCards (by votes once revealed). perPage outside 1..MaxPerPage
// becomes DefaultPerPage or MaxPerPage; a page out of range is clamped; an
// unknown zone gives an empty single page.
func Page(b Board, zoneID string, page, perPage int) CardPage {
	switch {
	case perPage <= 0:
		perPage = DefaultPerPage
	case perPage > MaxPerPage:
		perPage = MaxPerPage
	}
	cards := ZoneCards(b, zoneID)
	pages := max(1, (len(cards)+perPage-1)/perPage)
	page = min(max(page, 0), pages-1)
	start := page * perPage
	end := min(start+perPage, len(cards))
	p := CardPage{
		ZoneID: zoneID, Cards: make([]Card, 0, end-start), Page: page, Pages: pages,
		PerPage: perPage, Total: len(cards), HasPrev: page > 0, HasNext: page < pages-1,
	}
	for _, c := range cards[start:end] {
		c.Text = VisibleText(b, c)
		p.Cards = append(p.Cards, c)
	}
	return p
}
