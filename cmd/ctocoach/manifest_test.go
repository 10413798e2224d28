package main

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// manifestList returns the items of the YAML list under key ("bot:",
// "bot_events:") in slack/manifest.yaml, comments stripped. A line scan
// keeps this test free of a YAML dependency.
func manifestList(t *testing.T, text, key string) []string {
	t.Helper()
	var out []string
	in := false
	for _, line := range strings.Split(text, "\n") {
		trim := strings.TrimSpace(line)
		switch {
		case trim == key:
			in = true
		case in && strings.HasPrefix(trim, "- "):
			item, _, _ := strings.Cut(strings.TrimPrefix(trim, "- "), "#")
			out = append(out, strings.TrimSpace(item))
		case in && trim != "":
			return out
		}
	}
	return out
}

// The manifest asks for what the code uses and no more, and the README's
// scope list says the same.
func TestManifestScopesMatchTheCodeAndReadme(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile("../../slack/manifest.yaml")
	if err != nil {
		t.Fatal(err)
	}
	manifest := string(raw)
	scopes := manifestList(t, manifest, "bot:")
	events := manifestList(t, manifest, "bot_events:")
	if !slices.Contains(events, "message.im") || !slices.Contains(scopes, "im:history") {
		t.Errorf("manifest events %v scopes %v: the Messages tab is answered, want message.im with im:history", events, scopes)
	}
	// im:write is for conversations.open; the bot DMs by posting to the user id.
	opens := false
	files, _ := filepath.Glob("../../bot/*.go")
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, _ := os.ReadFile(f)
		if strings.Contains(string(src), "OpenConversation") {
			opens = true
		}
	}
	if slices.Contains(scopes, "im:write") != opens {
		t.Errorf("manifest im:write = %v but the bot calls conversations.open = %v", slices.Contains(scopes, "im:write"), opens)
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`bot\s+scopes \(([^)]*)\)`).FindStringSubmatch(string(readme))
	if m == nil {
		t.Fatal("README names no bot scopes")
	}
	var listed []string
	for _, s := range strings.Split(m[1], ",") {
		listed = append(listed, strings.Trim(strings.TrimSpace(s), "`"))
	}
	slices.Sort(listed)
	want := slices.Clone(scopes)
	slices.Sort(want)
	if !slices.Equal(listed, want) {
		t.Errorf("README bot scopes %v, manifest %v", listed, want)
	}
}
