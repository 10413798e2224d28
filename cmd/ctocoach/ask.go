package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"ctocoach/knowledge"
)

func init() {
	subcommands["ask"] = askCommand
	subcommands["corpus"] = corpusCommand
}

// askCommand prints the answer to a question as plain text:
// ctocoach ask "<question>" [--lang fr|en] [--phase 0-6|6-18|18+].
func askCommand(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("ask", flag.ContinueOnError)
	fs.SetOutput(stderr)
	lang := fs.String("lang", "en", "answer language: en or fr")
	phase := fs.String("phase", "", "your CTO phase: 0-6, 6-18 or 18+ (months)")
	// Accept flags before or after the question.
	var words []string
	for len(args) > 0 {
		if err := fs.Parse(args); err != nil {
			return 2
		}
		args = fs.Args()
		if len(args) > 0 {
			words = append(words, args[0])
			args = args[1:]
		}
	}
	q := strings.TrimSpace(strings.Join(words, " "))
	l, ok := knowledge.ParseLang(*lang)
	if q == "" || !ok {
		fmt.Fprintln(stderr, `usage: ctocoach ask "<question>" [--lang fr|en] [--phase 0-6|6-18|18+]`)
		return 2
	}
	c, err := loadCorpus(os.Getenv("KNOWLEDGE_DIR"))
	if err != nil {
		fmt.Fprintln(stderr, "ctocoach:", err)
		return 1
	}
	res := knowledge.NewIndex(c).Search(knowledge.Query{Text: q, Lang: l, Phase: knowledge.Phase(*phase)})
	if len(res.Hits) == 0 {
		if l == knowledge.LangFR {
			fmt.Fprintln(stdout, "Rien de pertinent pour cette question. Thèmes :")
		} else {
			fmt.Fprintln(stdout, "Nothing relevant for that question. Topics:")
		}
		for _, t := range c.Topics() {
			fmt.Fprintf(stdout, "  - %s\n", t.Label(l))
		}
		return 0
	}
	try, src := "Try this week:", "Source:"
	if l == knowledge.LangFR {
		try, src = "À essayer cette semaine :", "Source :"
	}
	if res.Tier == knowledge.TierMedium {
		if l == knowledge.LangFR {
			fmt.Fprintln(stdout, "Ce que j'ai de plus proche :")
		} else {
			fmt.Fprintln(stdout, "The closest I have:")
		}
	}
	for i, h := range res.Hits {
		t := h.Card.Text(l)
		fmt.Fprintf(stdout, "%d. %s  [%s]\n   %s\n   %s %s\n   %s %s\n\n", i+1, t.Title, h.Card.ID, t.Body, try, t.Try, src, h.Card.Source.Cite())
	}
	return 0
}

// corpusCommand runs "ctocoach corpus check [DIR]".
func corpusCommand(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "check" || len(args) > 2 {
		fmt.Fprintln(stderr, "usage: ctocoach corpus check [DIR]")
		return 2
	}
	var errs []error
	name := "embedded corpus"
	if len(args) == 2 {
		name = args[1]
		if st, err := os.Stat(name); err != nil || !st.IsDir() {
			fmt.Fprintf(stderr, "ctocoach: corpus check: %s is not a folder\n", name)
			return 2
		}
		errs = knowledge.Check(os.DirFS(name))
	} else {
		errs = knowledge.Check(knowledge.EmbeddedFS())
	}
	for _, e := range errs {
		fmt.Fprintln(stderr, e)
	}
	if len(errs) > 0 {
		fmt.Fprintf(stderr, "%s: %d problem(s)\n", name, len(errs))
		return 1
	}
	c, err := knowledge.Embedded()
	if len(args) == 2 {
		c, err = knowledge.LoadDir(name)
	}
	if err != nil {
		fmt.Fprintln(stderr, "ctocoach:", errors.Unwrap(err))
		return 1
	}
	fmt.Fprintf(stdout, "%s: %d cards in %d topics, all valid\n", name, c.Len(), len(c.Topics()))
	return 0
}
