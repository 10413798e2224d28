package retro

import (
	"fmt"
	"strconv"
	"strings"
)

// CustomFormat builds a format from 2 to 6 column names. Each name is
// trimmed (inner white space collapsed to one space), must be 1 to MaxColumnLen characters long and unique (ignoring
// case and accents). Zone IDs are "col1", "col2"…; the names are used as
// they are in both languages, with a generic prompt.
func CustomFormat(names []string) (Format, error) {
	if len(names) < minCustomColumns || len(names) > maxCustomColumns {
		return Format{}, fmt.Errorf("retro: custom format with %d columns: %w", len(names), ErrCustomColumns)
	}
	f := Format{ID: FormatCustom, Name: tr("Custom", "Personnalisé"), Zones: make([]Zone, 0, len(names))}
	seen := make(map[string]bool, len(names))
	for i, raw := range names {
		name := strings.Join(strings.Fields(raw), " ")
		if name == "" || charLen(name) > MaxColumnLen {
			return Format{}, fmt.Errorf("retro: custom column %d %q: %w", i+1, name, ErrColumnName)
		}
		key := fold(name)
		if seen[key] {
			return Format{}, fmt.Errorf("retro: custom column %q repeated: %w", name, ErrColumnName)
		}
		seen[key] = true
		f.Zones = append(f.Zones, Zone{
			ID:     customZonePrefix + strconv.Itoa(i+1),
			Emoji:  defaultCustomEmoji,
			Name:   tr(name, name),
			Prompt: tr("Add your cards to "+name+".", "Ajoutez vos cartes dans « "+name+" »."),
		})
	}
	return f, nil
}
