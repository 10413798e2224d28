package knowledge

// Source says where a card's facts come from: the seed article file, the
// article's title, and the person and company it quotes.
type Source struct {
	Seed    string `yaml:"seed"`
	Article string `yaml:"article"`
	Person  string `yaml:"person"`
	Company string `yaml:"company"`
}

// Cite renders the source for display, for example
// "Glen Jaguin (Webikeo) — Zoom sur le métier de CTO". Missing parts are
// left out.
func (s Source) Cite() string {
	who := s.Person
	switch {
	case who != "" && s.Company != "":
		who += " (" + s.Company + ")"
	case who == "":
		who = s.Company
	}
	switch {
	case who == "":
		return s.Article
	case s.Article == "":
		return who
	}
	return who + " — " + s.Article
}

// Text is a card's content in one language.
type Text struct {
	Title     string   `yaml:"title"`
	Body      string   `yaml:"body"`
	Try       string   `yaml:"try"`
	Questions []string `yaml:"questions"`
}

// Card is one piece of advice, written in both languages.
type Card struct {
	ID     string   `yaml:"id"`
	Topic  string   `yaml:"-"`
	Phases []Phase  `yaml:"phases"`
	Tags   []string `yaml:"tags"`
	Source Source   `yaml:"source"`
	EN     Text     `yaml:"en"`
	FR     Text     `yaml:"fr"`
}

// Text returns the card's content in l (English for an unknown language).
// If that language has no title, the other language is returned.
func (c *Card) Text(l Lang) Text {
	t, o := c.EN, c.FR
	if l == LangFR {
		t, o = c.FR, c.EN
	}
	if t.Title == "" && o.Title != "" {
		return o
	}
	return t
}

// HasPhase reports whether the card fits phase p ("all" on the card fits
// every phase).
func (c *Card) HasPhase(p Phase) bool {
	for _, cp := range c.Phases {
		if cp == p || cp == PhaseAll {
			return true
		}
	}
	return false
}
