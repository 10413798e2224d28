package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestRunConfigErrorIsOneLineAndExit2(t *testing.T) {
	// Not parallel: t.Setenv (the process environment) forbids it.
	t.Setenv("SLACK_BOT_TOKEN", "")
	t.Setenv("SLACK_APP_TOKEN", "xapp-1")
	var out, errb bytes.Buffer
	if got := run(nil, &out, &errb); got != 2 {
		t.Fatalf("run with no bot token = %d, want 2", got)
	}
	if lines := strings.Count(strings.TrimSpace(errb.String()), "\n") + 1; lines != 1 || !strings.Contains(errb.String(), "SLACK_BOT_TOKEN") {
		t.Errorf("stderr = %q, want one line naming SLACK_BOT_TOKEN", errb.String())
	}
}

func TestRunHelpVersionAndUnknown(t *testing.T) {
	t.Parallel()
	var out, errb bytes.Buffer
	if run([]string{"--help"}, &out, &errb) != 0 || !strings.Contains(out.String(), "DEFAULT_TIMEZONE") {
		t.Errorf("--help = %q, want the variable table", out.String())
	}
	out.Reset()
	if run([]string{"version"}, &out, &errb) != 0 || !strings.HasPrefix(out.String(), "ctocoach ") {
		t.Errorf("version = %q", out.String())
	}
	if got := run([]string{"frobnicate"}, &out, &errb); got != 2 {
		t.Errorf("unknown command = %d, want 2", got)
	}
}

func TestAskAndCorpusCheckCommands(t *testing.T) {
	t.Parallel()
	var out, errb bytes.Buffer
	if got := run([]string{"ask", "comment", "trouver", "un", "mentor", "--lang", "fr"}, &out, &errb); got != 0 {
		t.Fatalf("ask = %d, stderr %q", got, errb.String())
	}
	if !strings.Contains(out.String(), "À essayer cette semaine") || !strings.Contains(out.String(), "1. ") {
		t.Errorf("ask output = %q, want numbered French cards", out.String())
	}
	out.Reset()
	if got := run([]string{"corpus", "check"}, &out, &errb); got != 0 || !strings.Contains(out.String(), "all valid") {
		t.Errorf("corpus check = %d %q %q", got, out.String(), errb.String())
	}
	dir := t.TempDir()
	if got := run([]string{"corpus", "check", dir + "/missing"}, &out, &errb); got != 2 {
		t.Errorf("corpus check of a missing folder = %d, want 2", got)
	}
}
