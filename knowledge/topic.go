package knowledge

// Topic is a theme cards are grouped under, with its label in each language.
type Topic struct {
	ID string `yaml:"id"`
	EN string `yaml:"en"`
	FR string `yaml:"fr"`
}

// Label returns the topic's label in l, falling back to the other language
// and then to the id.
func (t Topic) Label(l Lang) string {
	a, b := t.EN, t.FR
	if l == LangFR {
		a, b = t.FR, t.EN
	}
	switch {
	case a != "":
		return a
	case b != "":
		return b
	}
	return t.ID
}
