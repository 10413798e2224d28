package knowledge

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"
)

// validCard is a card YAML entry that passes validation; tests break one
// thing at a time with strings.Replace.
const validCard = `
  - id: sample-card
    phases: [all]
    tags: [sample]
    source: {seed: s.txt, article: "An article", person: "P", company: "C"}
    en:
      title: "Title"
      body: "Body"
      try: "Try"
      questions: ["q1", "q2", "q3"]
    fr:
      title: "Titre"
      body: "Corps"
      try: "Essai"
      questions: ["q1", "q2", "q3"]
`

// cardFS returns an FS with topics.yaml (topics a and b) and one card file
// cards/a.yaml of topic a holding body.
func cardFS(body string) fstest.MapFS {
	return fstest.MapFS{
		"topics.yaml":  {Data: []byte("- {id: a, en: A, fr: A}\n- {id: b, en: B, fr: B}\n")},
		"cards/a.yaml": {Data: []byte("topic: a\ncards:" + body)},
	}
}

func TestCheckValid(t *testing.T) {
	if errs := Check(cardFS(validCard)); len(errs) != 0 {
		t.Fatalf("Check(valid) = %v, want no errors", errs)
	}
	if errs := Check(fstest.MapFS{"good/x": {}}); len(errs) == 0 {
		t.Errorf("Check(no card files) = no errors, want one")
	}
}

func TestCheckGoodFixture(t *testing.T) {
	c, err := LoadDir("testdata/cards/good")
	if err != nil {
		t.Fatalf("LoadDir(good) error: %v", err)
	}
	if got, want := c.Len(), 6; got != want {
		t.Errorf("Len() = %d, want %d", got, want)
	}
}

func TestCheckErrors(t *testing.T) {
	long := func(n int) string { return strings.Repeat("é", n) }
	cases := []struct {
		name string
		body string
		want []string // substrings expected, each in some error
	}{
		{"missing fr title", strings.Replace(validCard, `title: "Titre"`, `title: ""`, 1), []string{"cards/a.yaml: sample-card: fr.title is missing"}},
		{"missing en body", strings.Replace(validCard, `body: "Body"`, `body: "  "`, 1), []string{"sample-card: en.body is missing"}},
		{"missing fr try", strings.Replace(validCard, `try: "Essai"`, ``, 1), []string{"sample-card: fr.try is missing"}},
		{"two questions", strings.Replace(validCard, `questions: ["q1", "q2", "q3"]`, `questions: ["q1", ""]`, 1), []string{"sample-card: en.questions: want at least 3, got 1"}},
		{"unknown phase", strings.Replace(validCard, `[all]`, `[all, "6-12"]`, 1), []string{`sample-card: unknown phase "6-12"`}},
		{"no phases", strings.Replace(validCard, `phases: [all]`, `phases: []`, 1), []string{"sample-card: phases are missing"}},
		{"title too long", strings.Replace(validCard, `title: "Title"`, `title: "`+long(121)+`"`, 1), []string{"sample-card: en.title is 121 characters, limit 120"}},
		{"body too long", strings.Replace(validCard, `body: "Corps"`, `body: "`+long(601)+`"`, 1), []string{"sample-card: fr.body is 601 characters, limit 600"}},
		{"try too long", strings.Replace(validCard, `try: "Try"`, `try: "`+long(281)+`"`, 1), []string{"sample-card: en.try is 281 characters, limit 280"}},
		{"body at limit", strings.Replace(validCard, `body: "Corps"`, `body: "`+long(600)+`"`, 1), nil},
		{"empty source", strings.Replace(validCard, `{seed: s.txt, article: "An article", person: "P", company: "C"}`, `{}`, 1), []string{"sample-card: source.seed is missing", "sample-card: source.article is missing"}},
		{"missing id", strings.Replace(validCard, `id: sample-card`, `id: ""`, 1), []string{"cards/a.yaml: #1: id is missing"}},
		{"bad id", strings.Replace(validCard, `id: sample-card`, `id: "Sample Card"`, 1), []string{`id "Sample Card"`}},
		{"duplicate in file", validCard + validCard, []string{"cards/a.yaml: sample-card: duplicate id (first in cards/a.yaml)"}},
		{"misspelt key", strings.Replace(validCard, `tags:`, `tagz:`, 1), []string{"cards/a.yaml: parse:", "tagz"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			errs := Check(cardFS(c.body))
			if len(c.want) == 0 && len(errs) != 0 {
				t.Fatalf("Check = %v, want no errors", errs)
			}
			all := errors.Join(errs...)
			for _, w := range c.want {
				if all == nil || !strings.Contains(all.Error(), w) {
					t.Errorf("Check errors = %v, want one containing %q", all, w)
				}
			}
		})
	}
}

func TestCheckAcrossFiles(t *testing.T) {
	fsys := cardFS(validCard)
	fsys["cards/b.yaml"] = &fstest.MapFile{Data: []byte("topic: b\ncards:" + validCard)}
	fsys["cards/c.yaml"] = &fstest.MapFile{Data: []byte("topic: nope\ncards:" + strings.Replace(validCard, "sample-card", "other-card", 1))}
	fsys["cards/d.yaml"] = &fstest.MapFile{Data: []byte("cards:" + strings.Replace(validCard, "sample-card", "third-card", 1))}
	fsys["cards/e.yaml"] = &fstest.MapFile{Data: []byte("topic: a\ncards: [\n")}
	all := errors.Join(Check(fsys)...)
	for _, w := range []string{
		"cards/b.yaml: sample-card: duplicate id (first in cards/a.yaml)",
		`cards/c.yaml: unknown topic "nope"`,
		"cards/d.yaml: topic is missing",
		"cards/e.yaml: parse:",
	} {
		if all == nil || !strings.Contains(all.Error(), w) {
			t.Errorf("Check errors = %v, want one containing %q", all, w)
		}
	}
	var ve *ValidationError
	if !errors.As(all, &ve) || ve.File == "" {
		t.Errorf("errors.As(*ValidationError) = %v, want a ValidationError with a file", ve)
	}
}

func TestCheckTopicsOptional(t *testing.T) {
	fsys := cardFS(validCard)
	delete(fsys, "topics.yaml")
	fsys["cards/c.yaml"] = &fstest.MapFile{Data: []byte("topic: anything\ncards:" + strings.Replace(validCard, "sample-card", "other-card", 1))}
	if errs := Check(fsys); len(errs) != 0 {
		t.Fatalf("Check without topics.yaml = %v, want no errors", errs)
	}
}

func TestCheckTopicsFile(t *testing.T) {
	fsys := cardFS(validCard)
	fsys["topics.yaml"] = &fstest.MapFile{Data: []byte("- {id: a, en: A, fr: A}\n- {id: a, en: A, fr: A}\n- {id: c, en: C}\n- {en: X, fr: X}\n")}
	all := errors.Join(Check(fsys)...)
	for _, w := range []string{"topics.yaml: a: duplicate topic id", "topics.yaml: c: fr label is missing", "topics.yaml: #4: topic id is missing"} {
		if all == nil || !strings.Contains(all.Error(), w) {
			t.Errorf("Check errors = %v, want one containing %q", all, w)
		}
	}
}

func TestLoadDirErrors(t *testing.T) {
	if _, err := LoadDir("testdata/does-not-exist"); err == nil {
		t.Errorf("LoadDir(missing) error = nil, want one")
	}
	if _, err := LoadDir("testdata/cards/good/topics.yaml"); err == nil {
		t.Errorf("LoadDir(file) error = nil, want one")
	}
}
