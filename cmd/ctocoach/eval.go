package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"ctocoach/knowledge"
)

// The relevance sets, relative to the repository root.
const (
	heldoutPath = "knowledge/testdata/heldout.yaml"
	devPath     = "knowledge/testdata/dev.yaml"
)

func init() {
	subcommands["eval"] = evalCommand
}

// evalCommand runs "ctocoach eval [--dev] [FILE]": it searches every
// question of a relevance set over the corpus (the embedded one, plus
// KNOWLEDGE_DIR if set) and prints hit@1, hit@3, MRR, the share of
// on-topic questions answered with nothing, the share of off-topic ones
// answered with no card, per language, and the misses. Without FILE it
// reads the held-out set (or the dev set with --dev) from the repository.
func evalCommand(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dev := fs.Bool("dev", false, "evaluate the dev set ("+devPath+") instead of the held-out set")
	quiet := fs.Bool("q", false, "figures only, no misses")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 1 {
		fmt.Fprintln(stderr, "usage: ctocoach eval [--dev] [-q] [FILE]")
		return 2
	}
	path := heldoutPath
	if *dev {
		path = devPath
	}
	if fs.NArg() == 1 {
		path = fs.Arg(0)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintf(stderr, "ctocoach: eval: %v (run from the repository root, or name the file)\n", err)
		return 1
	}
	cases, err := knowledge.ParseEvalCases(data)
	if err != nil {
		fmt.Fprintf(stderr, "ctocoach: eval: %s: %v\n", path, err)
		return 1
	}
	c, err := loadCorpus(os.Getenv("KNOWLEDGE_DIR"))
	if err != nil {
		fmt.Fprintln(stderr, "ctocoach:", err)
		return 1
	}
	unknown := 0
	for _, k := range cases {
		for _, id := range k.Want {
			if _, ok := c.Card(id); !ok {
				fmt.Fprintf(stderr, "ctocoach: eval: %s: %q wants unknown card %q\n", path, k.Q, id)
				unknown++
			}
		}
	}
	if unknown > 0 {
		return 1
	}
	r := knowledge.Evaluate(knowledge.NewIndex(c), cases)
	if *quiet {
		r.Misses = nil
	}
	fmt.Fprintf(stdout, "%s: %d questions, %d cards\n", path, len(cases), c.Len())
	r.Write(stdout)
	return 0
}
