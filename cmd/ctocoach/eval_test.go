package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestEvalCommandFile(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "set.yaml")
	set := `
- lang: en
  q: "sailboat retrospective"
  want: [retro-sailboat]
- lang: fr
  q: "retro du voilier"
  want: [retro-sailboat]
- lang: en
  q: "what's the weather in lyon tomorrow"
  want: []
`
	if err := os.WriteFile(path, []byte(set), 0o600); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	if code := run([]string{"eval", path}, &out, &errb); code != 0 {
		t.Fatalf("eval exit %d, stderr %q", code, errb.String())
	}
	got := out.String()
	for _, want := range []string{"3 questions", "hit@1", "hit@3", "MRR", "nothing", "off-topic", "en ", "fr "} {
		if !strings.Contains(got, want) {
			t.Errorf("eval output lacks %q:\n%s", want, got)
		}
	}
	if !strings.Contains(got, "100.0% 100.0%") {
		t.Errorf("eval output: want hit@1 and hit@3 at 100 %% for the sailboat:\n%s", got)
	}
}

func TestEvalCommandErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	unknown := filepath.Join(dir, "unknown.yaml")
	os.WriteFile(bad, []byte("- lang: de\n  q: hallo\n  want: []\n"), 0o600)
	os.WriteFile(unknown, []byte("- lang: en\n  q: hello\n  want: [no-such-card]\n"), 0o600)
	for _, c := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"eval", filepath.Join(dir, "missing.yaml")}, 1, "no such file"},
		{[]string{"eval", bad}, 1, `lang "de"`},
		{[]string{"eval", unknown}, 1, `unknown card "no-such-card"`},
		{[]string{"eval", "a", "b"}, 2, "usage"},
	} {
		var out, errb bytes.Buffer
		if code := run(c.args, &out, &errb); code != c.code || !strings.Contains(errb.String(), c.msg) {
			t.Errorf("run(%q) = %d, stderr %q; want %d and %q", c.args, code, errb.String(), c.code, c.msg)
		}
	}
}

// TestEvalCommandDefaultSets: without a file, eval reads the held-out set
// (and the dev set with --dev) from the repository root.
func TestEvalCommandDefaultSets(t *testing.T) {
	// Not parallel: t.Chdir (the process working directory) forbids it.
	t.Chdir("../..")
	var out, errb bytes.Buffer
	if code := run([]string{"eval", "--dev", "-q"}, &out, &errb); code != 0 || !strings.Contains(out.String(), devPath) {
		t.Errorf("eval --dev = %d, out %q, stderr %q", code, out.String(), errb.String())
	}
	if _, err := os.Stat(heldoutPath); err != nil {
		t.Skipf("%s not merged yet", heldoutPath)
	}
	out.Reset()
	if code := run([]string{"eval", "-q"}, &out, &errb); code != 0 || !strings.Contains(out.String(), heldoutPath) {
		t.Errorf("eval = %d, out %q, stderr %q", code, out.String(), errb.String())
	}
}
