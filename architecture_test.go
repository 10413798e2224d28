// Package architecture_test enforces the import rules of
// docs/architecture.md on the module's production code (test files may
// import what they need: the emulator's tests use slack-go, fault tests use
// go-redis). It reads the graph with `go list`, so it needs the go command.
package architecture_test

import (
	"encoding/json"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

const module = "ctocoach"

const (
	slackGo = "github.com/slack-go/slack"
	goRedis = "github.com/redis/go-redis/v9"
)

// pkg is what `go list -json` says of one package of the module.
type pkg struct {
	ImportPath string
	Imports    []string // direct, production code only
	Deps       []string // transitive, production code only
}

func loadPackages(t *testing.T) []pkg {
	t.Helper()
	// go test caches a result by the files the test opened; `go list`'s
	// reads are not seen. Stat every Go file so that a change to any of
	// them runs the rules again.
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) != ".go" {
			return err
		}
		_, err = os.Stat(path)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("go", "list", "-json=ImportPath,Imports,Deps", "./...")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	var pkgs []pkg
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for {
		var p pkg
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("go list output: %v", err)
		}
		pkgs = append(pkgs, p)
	}
	if len(pkgs) < 5 {
		t.Fatalf("go list found %d packages; is the test run from the module root?", len(pkgs))
	}
	return pkgs
}

// under reports whether path is root or a package below it.
func under(path, root string) bool {
	return path == root || strings.HasPrefix(path, root+"/")
}

func underAny(path string, roots ...string) bool {
	return slices.ContainsFunc(roots, func(r string) bool { return under(path, r) })
}

// The domain and its use cases: pure Go, testable without Slack or Redis.
var domain = regexp.MustCompile(`^ctocoach/(knowledge|routine|retro|coaching)(/mock)?$`)

// feature returns the feature a package of bot/ belongs to ("advice" for
// ctocoach/bot/advice and ctocoach/bot/advice/x), or "" for the bot core and
// packages outside bot/.
func feature(path string) string {
	rest, ok := strings.CutPrefix(path, module+"/bot/")
	if !ok {
		return ""
	}
	name, _, _ := strings.Cut(rest, "/")
	if shared[name] {
		return ""
	}
	return name
}

// shared are bot/ subpackages every feature may use (none yet).
var shared = map[string]bool{}

func TestImportRules(t *testing.T) {
	pkgs := loadPackages(t)
	rules := []struct {
		name string
		// pending, when set, says why the rule is not enforced yet (the
		// package split of issue 10 has not reached it).
		pending string
		check   func(p pkg) []string // what p does wrong
	}{
		{
			name: "domain packages import neither Slack, nor Redis, nor the store, scheduler or bot",
			check: func(p pkg) []string {
				if !domain.MatchString(p.ImportPath) {
					return nil
				}
				var bad []string
				for _, d := range p.Deps {
					if underAny(d, slackGo, goRedis, module+"/store", module+"/scheduler", module+"/bot",
						module+"/slackemu", module+"/cmd", module+"/config", module+"/metrics") {
						bad = append(bad, d)
					}
				}
				return bad
			},
		},
		{
			name: "only store/ and scheduler/ import go-redis",
			check: func(p pkg) []string {
				if underAny(p.ImportPath, module+"/store", module+"/scheduler") {
					return nil
				}
				return filter(p.Imports, func(i string) bool { return under(i, goRedis) })
			},
		},
		{
			name: "only bot/... (and Main's wiring) import slack-go",
			check: func(p pkg) []string {
				if underAny(p.ImportPath, module+"/bot", module+"/cmd/ctocoach") {
					return nil
				}
				return filter(p.Imports, func(i string) bool { return under(i, slackGo) })
			},
		},
		{
			name: "the scheduler knows nothing of the store, the bot or the domain",
			check: func(p pkg) []string {
				if !under(p.ImportPath, module+"/scheduler") {
					return nil
				}
				return filter(p.Imports, func(i string) bool {
					return underAny(i, module+"/store", module+"/bot") || domain.MatchString(i)
				})
			},
		},
		{
			name: "the store knows nothing of Slack, the bot or the scheduler",
			check: func(p pkg) []string {
				if !under(p.ImportPath, module+"/store") {
					return nil
				}
				return filter(p.Deps, func(i string) bool {
					return underAny(i, slackGo, module+"/bot", module+"/scheduler")
				})
			},
		},
		{
			name: "the emulator is independent of the code it tests",
			check: func(p pkg) []string {
				if !under(p.ImportPath, module+"/slackemu") {
					return nil
				}
				return filter(p.Deps, func(i string) bool {
					return underAny(i, slackGo, module+"/bot", module+"/store", module+"/scheduler") || domain.MatchString(i)
				})
			},
		},
		{
			name: "nothing imports cmd/, and only cmd/ reads the configuration",
			check: func(p pkg) []string {
				if under(p.ImportPath, module+"/cmd") {
					return nil
				}
				return filter(p.Imports, func(i string) bool { return underAny(i, module+"/cmd", module+"/config") })
			},
		},
		{
			name: "the bot core imports no feature",
			check: func(p pkg) []string {
				if p.ImportPath != module+"/bot" {
					return nil
				}
				return filter(p.Imports, func(i string) bool { return feature(i) != "" })
			},
		},
		{
			name: "features do not import each other",
			check: func(p pkg) []string {
				f := feature(p.ImportPath)
				if f == "" {
					return nil
				}
				return filter(p.Imports, func(i string) bool { g := feature(i); return g != "" && g != f })
			},
		},
		{
			name: "the bot core knows no domain (features bring it)",
			check: func(p pkg) []string {
				if p.ImportPath != module+"/bot" {
					return nil
				}
				return filter(p.Imports, func(i string) bool { return domain.MatchString(i) })
			},
		},
	}
	for _, rule := range rules {
		t.Run(rule.name, func(t *testing.T) {
			if rule.pending != "" {
				t.Skip("pending: " + rule.pending)
			}
			for _, p := range pkgs {
				if bad := rule.check(p); len(bad) > 0 {
					t.Errorf("%s imports %s", p.ImportPath, strings.Join(bad, ", "))
				}
			}
		})
	}
}

// The rules can fail: a package that breaks each one is caught.
func TestImportRulesCatchViolations(t *testing.T) {
	if !domain.MatchString("ctocoach/retro") || domain.MatchString("ctocoach/store") {
		t.Fatal("domain pattern")
	}
	if feature("ctocoach/bot/advice") != "advice" || feature("ctocoach/bot/advice/mock") != "advice" || feature("ctocoach/bot") != "" {
		t.Fatal("feature names")
	}
	if !under("github.com/slack-go/slack/socketmode", slackGo) || under("github.com/slack-go/slacker", slackGo) {
		t.Fatal("under")
	}
}

func filter(xs []string, keep func(string) bool) []string {
	var out []string
	for _, x := range xs {
		if keep(x) {
			out = append(out, x)
		}
	}
	return out
}
