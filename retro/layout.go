package retro

// Block Kit limits the board message must respect (Slack documents at most
// 50 blocks per message, 3000 characters per section text and 25 elements
// per actions block).
const (
	SlackMaxBlocks       = 50
	SlackMaxSectionChars = 3000
	SlackMaxActionsElems = 25
	// DefaultMaxCardsPerZone keeps the channel message short; the rest is
	// one "View all" away.
	DefaultMaxCardsPerZone = 5
)

// Block costs of the board message: how many blocks each planned item
// takes. The renderer (bot/board.go) must honour them; Plan counts with them.
const (
	// CostHeader: a header block with the format name and number.
	CostHeader = 1
	// CostStatus: a context block with phase, facilitator, votes per person.
	CostStatus = 1
	// CostPrevious: one section listing the actions carried over.
	CostPrevious = 1
	// CostDivider: a divider before each zone (dropped first when short).
	CostDivider = 1
	// CostZoneHeader: a section with emoji, name and card count; its
	// accessory is the zone's "View all" button when needed.
	CostZoneHeader = 1
	// CostZonePrompt: a context block with the zone's prompt (dropped
	// second when short).
	CostZonePrompt = 1
	// CostCard: one section per shown card; its accessory is the vote button.
	CostCard = 1
	// CostActions: one section listing the board's actions.
	CostActions = 1
	// CostFooter: one actions block with the phase's buttons.
	CostFooter = 1
)

// Character costs the renderer must stay within, per item.
const (
	// CardLineOverhead bounds what a card section adds to the card's
	// escaped text (vote count, formatting).
	CardLineOverhead = 40
	// ActionLineOverhead bounds what an action line adds to its escaped text
	// (checkbox, owner mention, due date, line break).
	ActionLineOverhead = 80
	// SectionTitleChars bounds the title line of a list section.
	SectionTitleChars = 120
	// MoreLineChars bounds the "…and N more" line of a list section.
	MoreLineChars = 60
)

// Limits are the constraints a Layout must fit in. Zero fields take the
// Slack values (and DefaultMaxCardsPerZone); MaxCardsPerZone < 0 means no
// per-zone cap.
type Limits struct {
	MaxBlocks       int `json:"max_blocks"`
	MaxSectionChars int `json:"max_section_chars"`
	MaxActionsElems int `json:"max_actions_elems"`
	MaxCardsPerZone int `json:"max_cards_per_zone"`
}

// DefaultLimits are Slack's message limits.
func DefaultLimits() Limits {
	return Limits{
		MaxBlocks: SlackMaxBlocks, MaxSectionChars: SlackMaxSectionChars,
		MaxActionsElems: SlackMaxActionsElems, MaxCardsPerZone: DefaultMaxCardsPerZone,
	}
}

// withDefaults fills zero fields.
func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	if l.MaxBlocks <= 0 {
		l.MaxBlocks = d.MaxBlocks
	}
	if l.MaxSectionChars <= 0 {
		l.MaxSectionChars = d.MaxSectionChars
	}
	if l.MaxActionsElems <= 0 {
		l.MaxActionsElems = d.MaxActionsElems
	}
	if l.MaxCardsPerZone == 0 {
		l.MaxCardsPerZone = d.MaxCardsPerZone
	}
	return l
}

// Button is a button of the board's footer actions block.
type Button string

// Footer buttons; which ones appear depends on the phase.
const (
	ButtonAddCard      Button = "add_card"
	ButtonReveal       Button = "reveal"
	ButtonStartVote    Button = "start_vote"
	ButtonStartActions Button = "start_actions"
	ButtonAddAction    Button = "add_action"
	ButtonClose        Button = "close"
	ButtonExport       Button = "export"
)

// phaseButtons are the footer buttons of each phase, in display order.
var phaseButtons = map[Phase][]Button{
	PhaseCollect: {ButtonAddCard, ButtonReveal, ButtonClose},
	PhaseReveal:  {ButtonAddCard, ButtonStartVote, ButtonClose},
	PhaseVote:    {ButtonAddAction, ButtonStartActions, ButtonClose},
	PhaseActions: {ButtonAddAction, ButtonClose},
	PhaseClosed:  {ButtonExport},
}

// Layout is the plan of a board message, free of Slack types: which blocks
// exist and what goes into each. Blocks is what the plan costs with the
// Cost* constants; Fits is false only when even the smallest plan (header,
// one section per zone, footer) exceeds MaxBlocks.
type Layout struct {
	Limits   Limits `json:"limits"`
	Lang     string `json:"lang"`
	Phase    Phase  `json:"phase"`
	Blocks   int    `json:"blocks"`
	Fits     bool   `json:"fits"`
	Status   bool   `json:"status"`
	Dividers bool   `json:"dividers"`
	Prompts  bool   `json:"prompts"`
	// Previous lists the carried-over actions: the first Shown of
	// Board.PreviousActions, then "and More more".
	Previous ListPlan   `json:"previous"`
	Zones    []ZonePlan `json:"zones"`
	// Actions lists the first Shown of Board.Actions, then "and More more".
	Actions ListPlan `json:"actions"`
	Buttons []Button `json:"buttons"`
	// CardTextMax is the most characters of escaped card text a card
	// section may hold; the renderer cuts longer texts.
	CardTextMax int `json:"card_text_max"`
}

// ListPlan is how much of a list section to show; the section exists when
// Shown+More > 0.
type ListPlan struct {
	Shown int `json:"shown"`
	More  int `json:"more"`
}

// Present reports whether the list section is rendered.
func (p ListPlan) Present() bool { return p.Shown+p.More > 0 }

// ZonePlan is one zone of a Layout.
type ZonePlan struct {
	ZoneID string `json:"zone_id"`
	Emoji  string `json:"emoji"`
	Name   string `json:"name"`
	Prompt string `json:"prompt"`
	// Total cards and votes in the zone.
	Total int `json:"total"`
	Votes int `json:"votes"`
	// CountsOnly: cards are hidden (collect), only Total is shown.
	CountsOnly bool `json:"counts_only"`
	// CardIDs are the cards to show, in order (top by votes).
	CardIDs []string `json:"card_ids"`
	// ViewAll: some cards are not shown; offer the paged modal.
	ViewAll bool `json:"view_all"`
}

// Plan decides how board b is laid out in one message under limits: during
// collect each zone shows its card count only; afterwards each zone shows
// its top cards by votes, sharing the blocks left after the fixed parts
// fairly between zones (round-robin), with "View all" where cards are left
// out. When blocks are short it drops, in order: dividers, zone prompts,
// the status line, the carried-over actions.
func Plan(b Board, lang string, limits Limits) Layout {
	lang = NormLang(lang)
	l := Layout{
		Limits: limits.withDefaults(), Lang: lang, Phase: b.Phase,
		Status: true, Dividers: true, Prompts: true,
	}
	l.CardTextMax = max(0, l.Limits.MaxSectionChars-CardLineOverhead)
	l.Buttons = append([]Button(nil), phaseButtons[b.Phase]...)
	l.Buttons = l.Buttons[:min(len(l.Buttons), l.Limits.MaxActionsElems)]
	l.Previous = fitList(actionLineLens(b.PreviousActions), l.Limits.MaxSectionChars)
	l.Actions = fitList(actionLineLens(b.Actions), l.Limits.MaxSectionChars)

	// Drop optional parts until the fixed cost fits, keeping room for none
	// or more cards.
	for _, drop := range []func(){
		func() { l.Dividers = false },
		func() { l.Prompts = false },
		func() { l.Status = false },
		func() { l.Previous = ListPlan{} },
	} {
		if l.fixedCost(len(b.Format.Zones)) <= l.Limits.MaxBlocks {
			break
		}
		drop()
	}
	room := max(0, l.Limits.MaxBlocks-l.fixedCost(len(b.Format.Zones)))

	ranked := make([][]Card, len(b.Format.Zones))
	for i, z := range b.Format.Zones {
		ranked[i] = ZoneCards(b, z.ID)
		zp := ZonePlan{
			ZoneID: z.ID, Emoji: z.Emoji, Name: z.Label(lang), Prompt: z.Question(lang),
			Total: len(ranked[i]), CountsOnly: b.Phase.HidesCards(), CardIDs: []string{},
		}
		for _, c := range ranked[i] {
			zp.Votes += c.Votes
		}
		l.Zones = append(l.Zones, zp)
	}
	if !b.Phase.HidesCards() {
		l.shareCards(ranked, room)
	}
	l.Blocks = l.Cost()
	l.Fits = l.Blocks <= l.Limits.MaxBlocks
	return l
}

// shareCards hands out room card blocks round-robin between zones.
func (l *Layout) shareCards(ranked [][]Card, room int) {
	capOf := func(i int) int {
		if l.Limits.MaxCardsPerZone < 0 {
			return len(ranked[i])
		}
		return min(len(ranked[i]), l.Limits.MaxCardsPerZone)
	}
	for progress := true; progress && room >= CostCard; {
		progress = false
		for i := range l.Zones {
			if room < CostCard {
				break
			}
			if n := len(l.Zones[i].CardIDs); n < capOf(i) {
				l.Zones[i].CardIDs = append(l.Zones[i].CardIDs, ranked[i][n].ID)
				room -= CostCard
				progress = true
			}
		}
	}
	for i := range l.Zones {
		l.Zones[i].ViewAll = len(l.Zones[i].CardIDs) < l.Zones[i].Total
	}
}

// fixedCost is the cost of everything but the cards.
func (l Layout) fixedCost(zones int) int {
	n := CostHeader + CostFooter + zones*CostZoneHeader
	if l.Status {
		n += CostStatus
	}
	if l.Dividers {
		n += zones * CostDivider
	}
	if l.Prompts {
		n += zones * CostZonePrompt
	}
	if l.Previous.Present() {
		n += CostPrevious
	}
	if l.Actions.Present() {
		n += CostActions
	}
	return n
}

// Cost is the number of blocks the plan implies.
func (l Layout) Cost() int {
	n := l.fixedCost(len(l.Zones))
	for _, z := range l.Zones {
		n += len(z.CardIDs) * CostCard
	}
	return n
}

// EscapedLen is the length in characters of s once &, < and > are escaped
// as &amp;, &lt; and &gt; (what the bot does to user text).
func EscapedLen(s string) int {
	n := 0
	for _, r := range s {
		switch r {
		case '&':
			n += len("&amp;")
		case '<', '>':
			n += len("&lt;")
		default:
			n++
		}
	}
	return n
}

// ActionLineLen bounds the characters one action takes in a list section.
func ActionLineLen(a Action) int { return EscapedLen(a.Text) + ActionLineOverhead }

func actionLineLens(list []Action) []int {
	out := make([]int, len(list))
	for i, a := range list {
		out[i] = ActionLineLen(a)
	}
	return out
}

// fitList shows as many lines as fit in maxChars with the section title
// and, when some are left out, the "more" line.
func fitList(lines []int, maxChars int) ListPlan {
	if len(lines) == 0 {
		return ListPlan{}
	}
	used := SectionTitleChars
	shown := 0
	for i, n := range lines {
		reserve := 0
		if i < len(lines)-1 {
			reserve = MoreLineChars
		}
		if used+n+reserve > maxChars {
			break
		}
		used += n
		shown++
	}
	return ListPlan{Shown: shown, More: len(lines) - shown}
}
