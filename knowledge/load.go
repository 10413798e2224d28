package knowledge

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

// topicsFile is the optional file listing topics in display order.
const topicsFile = "topics.yaml"

// cardFileYAML is the shape of one cards/<topic>.yaml file.
type cardFileYAML struct {
	Topic string  `yaml:"topic"`
	Cards []*Card `yaml:"cards"`
}

// LoadDir loads and validates a folder of cards in the embedded corpus's
// format, typically a team's own cards (KNOWLEDGE_DIR): card files in
// DIR/cards/*.yaml (or DIR/*.yaml when there is no cards folder), and an
// optional DIR/topics.yaml.
func LoadDir(dir string) (*Corpus, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("knowledge: load %s: %w", dir, err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("knowledge: load %s: not a directory", dir)
	}
	c, errs := load(os.DirFS(dir), dir)
	if len(errs) > 0 {
		return nil, fmt.Errorf("knowledge: load %s: %w", dir, errors.Join(errs...))
	}
	return c, nil
}

// LoadFS loads and validates a corpus from fsys, laid out as for LoadDir.
func LoadFS(fsys fs.FS) (*Corpus, error) {
	c, errs := load(fsys, "")
	if len(errs) > 0 {
		return nil, fmt.Errorf("knowledge: load: %w", errors.Join(errs...))
	}
	return c, nil
}

// Check validates the corpus in fsys (laid out as for LoadDir) and returns
// every problem found, each naming the file and, where there is one, the
// card id. A nil result means the corpus is valid.
func Check(fsys fs.FS) []error {
	_, errs := load(fsys, "")
	return errs
}

// load reads, validates and builds a corpus. Files are named in errors
// relative to fsys, joined to prefix when it is not empty.
func load(fsys fs.FS, prefix string) (*Corpus, []error) {
	name := func(p string) string {
		if prefix == "" {
			return p
		}
		return filepath.Join(prefix, filepath.FromSlash(p))
	}
	var errs []error
	topics, hasTopics, terrs := readTopics(fsys, name(topicsFile))
	errs = append(errs, terrs...)
	known := make(map[string]bool, len(topics))
	for _, t := range topics {
		known[t.ID] = true
	}

	files, err := cardFiles(fsys)
	if err != nil {
		return nil, append(errs, fmt.Errorf("knowledge: list card files: %w", err))
	}
	if len(files) == 0 {
		errs = append(errs, fmt.Errorf("knowledge: no card files (want cards/*.yaml)"))
	}
	var cards []fileCard
	firstFile := make(map[string]string)
	for _, f := range files {
		fname := name(f)
		data, err := fs.ReadFile(fsys, f)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: read: %w", fname, err))
			continue
		}
		cf, err := decodeCardFile(data)
		if err != nil {
			errs = append(errs, &ValidationError{File: fname, Msg: err.Error()})
			continue
		}
		switch {
		case cf.Topic == "":
			errs = append(errs, &ValidationError{File: fname, Msg: "topic is missing"})
		case hasTopics && !known[cf.Topic]:
			errs = append(errs, &ValidationError{File: fname, Msg: fmt.Sprintf("unknown topic %q (not in %s)", cf.Topic, topicsFile)})
		}
		if len(cf.Cards) == 0 {
			errs = append(errs, &ValidationError{File: fname, Msg: "no cards"})
		}
		for i, card := range cf.Cards {
			if card == nil {
				errs = append(errs, &ValidationError{File: fname, Card: fmt.Sprintf("#%d", i+1), Msg: "empty card"})
				continue
			}
			card.Topic = cf.Topic
			errs = append(errs, validateCard(fname, i, card)...)
			if card.ID == "" {
				continue
			}
			if prev, dup := firstFile[card.ID]; dup {
				errs = append(errs, &ValidationError{File: fname, Card: card.ID, Msg: "duplicate id (first in " + prev + ")"})
				continue
			}
			firstFile[card.ID] = fname
			cards = append(cards, fileCard{card: card, file: fname})
		}
	}
	return build(topics, cards), errs
}

// decodeCardFile parses one card file strictly: unknown fields are errors,
// so a misspelt key does not silently drop content.
func decodeCardFile(data []byte) (cardFileYAML, error) {
	var cf cardFileYAML
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&cf); err != nil && !errors.Is(err, io.EOF) {
		return cf, fmt.Errorf("parse: %w", err)
	}
	return cf, nil
}

// readTopics parses topics.yaml if it exists.
func readTopics(fsys fs.FS, fname string) ([]Topic, bool, []error) {
	data, err := fs.ReadFile(fsys, topicsFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, []error{fmt.Errorf("%s: read: %w", fname, err)}
	}
	var topics []Topic
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&topics); err != nil && !errors.Is(err, io.EOF) {
		return nil, true, []error{&ValidationError{File: fname, Msg: "parse: " + err.Error()}}
	}
	var errs []error
	seen := make(map[string]bool, len(topics))
	out := topics[:0]
	for i, t := range topics {
		where := t.ID
		if where == "" {
			where = fmt.Sprintf("#%d", i+1)
		}
		switch {
		case t.ID == "":
			errs = append(errs, &ValidationError{File: fname, Card: where, Msg: "topic id is missing"})
			continue
		case seen[t.ID]:
			errs = append(errs, &ValidationError{File: fname, Card: where, Msg: "duplicate topic id"})
			continue
		}
		if strings.TrimSpace(t.EN) == "" {
			errs = append(errs, &ValidationError{File: fname, Card: where, Msg: "en label is missing"})
		}
		if strings.TrimSpace(t.FR) == "" {
			errs = append(errs, &ValidationError{File: fname, Card: where, Msg: "fr label is missing"})
		}
		seen[t.ID] = true
		out = append(out, t)
	}
	return out, true, errs
}

// cardFiles lists the card files of fsys: cards/*.yaml (and *.yml) when a
// cards folder exists, otherwise the top-level YAML files except
// topics.yaml. The result is sorted.
func cardFiles(fsys fs.FS) ([]string, error) {
	dir := "."
	if info, err := fs.Stat(fsys, "cards"); err == nil && info.IsDir() {
		dir = "cards"
	}
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, err
	}
	var files []string
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || strings.HasPrefix(n, ".") || (dir == "." && n == topicsFile) {
			continue
		}
		if ext := path.Ext(n); ext == ".yaml" || ext == ".yml" {
			files = append(files, path.Join(dir, n))
		}
	}
	sort.Strings(files)
	return files, nil
}
