package knowledge

import (
	_ "embed"
	"fmt"

	"go.yaml.in/yaml/v3"
)

//go:embed checkups.yaml
var checkupsYAML []byte

// Checkup is a self-check checklist (stagnation, isolation, burnout): groups
// of warning signals the user ticks, and the cards recommended afterwards.
type Checkup struct {
	ID     string         `yaml:"id"`
	EN     CheckupText    `yaml:"en"`
	FR     CheckupText    `yaml:"fr"`
	Cards  []string       `yaml:"cards"`
	Groups []CheckupGroup `yaml:"groups"`
}

// CheckupText is a checklist's title and introduction in one language.
type CheckupText struct {
	Title string `yaml:"title"`
	Intro string `yaml:"intro"`
}

// CheckupGroup is one category of signals (at most 10, one checkbox group).
type CheckupGroup struct {
	ID    string        `yaml:"id"`
	EN    string        `yaml:"en"`
	FR    string        `yaml:"fr"`
	Items []CheckupItem `yaml:"items"`
}

// CheckupItem is one warning signal.
type CheckupItem struct {
	ID string `yaml:"id"`
	EN string `yaml:"en"`
	FR string `yaml:"fr"`
}

// Level is how many signals a result shows, relative to the list's size.
type Level string

// Levels of a self-check result.
const (
	LevelLow   Level = "low"   // under a quarter of the signals
	LevelWatch Level = "watch" // a quarter to a half
	LevelHigh  Level = "high"  // half or more
)

// Text returns the checklist's title and intro in l.
func (c Checkup) Text(l Lang) CheckupText {
	if l == LangFR {
		return c.FR
	}
	return c.EN
}

// Label returns the group's name in l.
func (g CheckupGroup) Label(l Lang) string {
	if l == LangFR {
		return g.FR
	}
	return g.EN
}

// Label returns the item's wording in l.
func (i CheckupItem) Label(l Lang) string {
	if l == LangFR {
		return i.FR
	}
	return i.EN
}

// Size is the number of signals in the checklist.
func (c Checkup) Size() int {
	n := 0
	for _, g := range c.Groups {
		n += len(g.Items)
	}
	return n
}

// Score counts the ticked item ids that belong to the checklist and returns
// the level.
func (c Checkup) Score(ticked []string) (int, Level) {
	known := map[string]bool{}
	for _, g := range c.Groups {
		for _, it := range g.Items {
			known[g.ID+"."+it.ID] = true
		}
	}
	seen := map[string]bool{}
	n := 0
	for _, id := range ticked {
		if known[id] && !seen[id] {
			seen[id] = true
			n++
		}
	}
	switch size := c.Size(); {
	case n*2 >= size:
		return n, LevelHigh
	case n*4 >= size:
		return n, LevelWatch
	}
	return n, LevelLow
}

// Checkups returns the embedded checklists, validated against the corpus
// (every recommended card must exist when c is not nil).
func Checkups(c *Corpus) ([]Checkup, error) {
	var list []Checkup
	if err := yaml.Unmarshal(checkupsYAML, &list); err != nil {
		return nil, fmt.Errorf("knowledge: checkups.yaml: %w", err)
	}
	ids := map[string]bool{}
	for _, ck := range list {
		if ck.ID == "" || ids[ck.ID] || ck.EN.Title == "" || ck.FR.Title == "" || len(ck.Groups) == 0 {
			return nil, fmt.Errorf("knowledge: checkups.yaml: checklist %q: needs a unique id, both titles and groups", ck.ID)
		}
		ids[ck.ID] = true
		for _, g := range ck.Groups {
			if len(g.Items) == 0 || len(g.Items) > 10 || g.EN == "" || g.FR == "" {
				return nil, fmt.Errorf("knowledge: checkups.yaml: %s/%s: 1–10 items and both labels needed", ck.ID, g.ID)
			}
			for _, it := range g.Items {
				if it.ID == "" || it.EN == "" || it.FR == "" || len(it.EN) > 150 || len(it.FR) > 150 {
					return nil, fmt.Errorf("knowledge: checkups.yaml: %s/%s/%s: id and both labels (≤ 150 chars) needed", ck.ID, g.ID, it.ID)
				}
			}
		}
		if c != nil {
			for _, id := range ck.Cards {
				if _, ok := c.Card(id); !ok {
					return nil, fmt.Errorf("knowledge: checkups.yaml: %s recommends unknown card %q", ck.ID, id)
				}
			}
		}
	}
	return list, nil
}
