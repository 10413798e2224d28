package retro

// SummaryTopCards is how many cards per zone a summary lists.
const SummaryTopCards = 3

// Summary is the digest posted in the board's thread when it closes.
type Summary struct {
	BoardID     string `json:"board_id"`
	Number      int    `json:"number"`
	Lang        string `json:"lang"`
	FormatID    string `json:"format_id"`
	FormatName  string `json:"format_name"`
	Facilitator string `json:"facilitator"`
	// Zones are in the format's order.
	Zones []ZoneSummary `json:"zones"`
	// Actions are every action of the board, in creation order.
	Actions []Action `json:"actions"`
	// Promoted are the standards promoted from this board.
	Promoted []Standard `json:"promoted,omitempty"`
	Counts   Counts     `json:"counts"`
}

// ZoneSummary is one zone of a Summary.
type ZoneSummary struct {
	ZoneID string `json:"zone_id"`
	Emoji  string `json:"emoji"`
	Name   string `json:"name"`
	Cards  int    `json:"cards"`
	Votes  int    `json:"votes"`
	// Top are the SummaryTopCards most voted cards, ties broken by time,
	// with their visible text (hidden while collecting).
	Top []Card `json:"top"`
}

// Counts are a board's totals.
type Counts struct {
	Cards     int `json:"cards"`
	Anonymous int `json:"anonymous"`
	// Authors is the number of distinct named authors (anonymous cards
	// cannot be counted per person).
	Authors      int `json:"authors"`
	Votes        int `json:"votes"`
	Actions      int `json:"actions"`
	PreviousOpen int `json:"previous_open"`
	PreviousDone int `json:"previous_done"`
	Standards    int `json:"standards"`
}

// Summarize builds the digest of board b in lang. (It cannot be named
// Summary like its result type in Go.)
func Summarize(b Board, lang string) Summary {
	lang = NormLang(lang)
	s := Summary{
		BoardID: b.ID, Number: b.Number, Lang: lang, FormatID: b.Format.ID,
		FormatName: b.Format.Title(lang), Facilitator: b.Facilitator,
		Actions: append([]Action{}, b.Actions...), Promoted: append([]Standard(nil), b.Promoted...),
	}
	for _, z := range b.Format.Zones {
		cards := ZoneCards(b, z.ID)
		zs := ZoneSummary{ZoneID: z.ID, Emoji: z.Emoji, Name: z.Label(lang), Cards: len(cards), Top: []Card{}}
		for _, c := range cards {
			zs.Votes += c.Votes
		}
		for _, c := range cards[:min(SummaryTopCards, len(cards))] {
			c.Text = VisibleText(b, c)
			zs.Top = append(zs.Top, c)
		}
		s.Zones = append(s.Zones, zs)
	}
	s.Counts = countBoard(b)
	return s
}

// countBoard computes a board's totals.
func countBoard(b Board) Counts {
	c := Counts{Cards: len(b.Cards), Votes: b.TotalVotes(), Actions: len(b.Actions), Standards: len(b.Promoted)}
	authors := map[string]bool{}
	for _, card := range b.Cards {
		if card.Anonymous() {
			c.Anonymous++
		} else {
			authors[card.Author] = true
		}
	}
	c.Authors = len(authors)
	for _, a := range b.PreviousActions {
		if a.Status == ActionDone {
			c.PreviousDone++
		} else {
			c.PreviousOpen++
		}
	}
	return c
}
