package main

import (
	"bufio"
	"net"
	"os"
	"path"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"
)

// CI cannot run `docker build`, so these tests read the Docker files and
// check what matters: no secrets in the build context, a health check the
// distroless image can run, and a shutdown that fits Docker's grace.

// dockerignore is the subset of Docker's .dockerignore rules the project's
// file uses: one pattern a line, '#' comments, '!' re-includes, a leading
// '/' ignored, path.Match globs, last matching line wins, and a path is
// excluded when it or one of its parent folders is. (moby/patternmatcher,
// Docker's own matcher, is not among the modules available here; the test
// refuses '**', which this subset does not implement.)
type dockerignore []struct {
	pattern string
	include bool
}

func readDockerignore(t *testing.T) dockerignore {
	t.Helper()
	f, err := os.Open("../../.dockerignore")
	if err != nil {
		t.Fatalf("no .dockerignore: %v (without it, .env and .git are copied into the build stage)", err)
	}
	defer f.Close()
	var rules dockerignore
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		include := strings.HasPrefix(line, "!")
		line = strings.TrimPrefix(line, "!")
		if strings.Contains(line, "**") {
			t.Fatalf(".dockerignore uses %q: extend this test's matcher first", line)
		}
		line = strings.TrimSuffix(strings.TrimPrefix(path.Clean(line), "/"), "/")
		rules = append(rules, struct {
			pattern string
			include bool
		}{line, include})
	}
	return rules
}

// excluded reports whether Docker leaves p (slash-separated, relative to
// the context) out of the build context.
func (d dockerignore) excluded(p string) bool {
	out := false
	for _, r := range d {
		for q := p; q != "." && q != "/"; q = path.Dir(q) {
			if ok, _ := path.Match(r.pattern, q); ok {
				out = !r.include
				break
			}
		}
	}
	return out
}

func TestDockerignoreKeepsSecretsOutOfTheBuild(t *testing.T) {
	t.Parallel()
	d := readDockerignore(t)
	for _, p := range []string{".env", ".env.local", ".git", ".git/config", ".git/refs/heads/main", "ctocoach", "ctocoach.test"} {
		if !d.excluded(p) {
			t.Errorf(".dockerignore lets %s into the build context", p)
		}
	}
	// What the build needs stays in.
	for _, p := range []string{"go.mod", "go.sum", "cmd/ctocoach/main.go", "knowledge/cards/burnout.yaml", "knowledge/topics.yaml", "routine/catalogue.go", ".env.example"} {
		if d.excluded(p) {
			t.Errorf(".dockerignore leaves out %s, which the build needs", p)
		}
	}
}

// dockerfile returns the Dockerfile's lines.
func dockerfile(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile("../../Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(string(b), "\n")
}

// dockerEnv is the value of ENV name in the Dockerfile ("" if unset).
func dockerEnv(lines []string, name string) string {
	for _, l := range lines {
		if v, ok := strings.CutPrefix(strings.TrimSpace(l), "ENV "+name+"="); ok {
			return v
		}
	}
	return ""
}

// dockerDefaultStopGrace is how long `docker stop` (and compose without
// stop_grace_period) waits after SIGTERM before SIGKILL.
const dockerDefaultStopGrace = 10 * time.Second

func TestDockerfileHealthCheckPortAndGrace(t *testing.T) {
	t.Parallel()
	lines := dockerfile(t)
	if strings.HasPrefix(lines[0], "# syntax=") {
		t.Errorf("Dockerfile starts with %q: it forces a pull of the frontend image and nothing uses it", lines[0])
	}
	health := false
	for _, l := range lines {
		if strings.HasPrefix(l, "HEALTHCHECK ") && strings.HasSuffix(l, `CMD ["/ctocoach", "health"]`) {
			health = true
		}
	}
	if !health {
		t.Error(`Dockerfile has no HEALTHCHECK running ["/ctocoach", "health"]`)
	}
	addr := dockerEnv(lines, "HTTP_ADDR")
	_, port, err := net.SplitHostPort(addr)
	if err != nil || port == "8080" {
		t.Errorf("Dockerfile HTTP_ADDR = %q, want host:port off 8080", addr)
	}
	if !strings.Contains(strings.Join(lines, "\n"), "EXPOSE "+port+"\n") {
		t.Errorf("Dockerfile does not EXPOSE the HTTP_ADDR port %s", port)
	}
	grace, err := time.ParseDuration(dockerEnv(lines, "SHUTDOWN_GRACE"))
	if err != nil || grace >= dockerDefaultStopGrace {
		t.Errorf("Dockerfile SHUTDOWN_GRACE = %s (%v), want under Docker's default stop grace %s", grace, err, dockerDefaultStopGrace)
	}
}

func TestComposeHealthCheckRestartAndStopGrace(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile("../../docker-compose.yml")
	if err != nil {
		t.Fatal(err)
	}
	var compose struct {
		Services map[string]struct {
			Environment     map[string]string `yaml:"environment"`
			Ports           []string          `yaml:"ports"`
			Restart         string            `yaml:"restart"`
			StopGracePeriod string            `yaml:"stop_grace_period"`
			Healthcheck     struct {
				Test []string `yaml:"test"`
			} `yaml:"healthcheck"`
		} `yaml:"services"`
	}
	if err := yaml.Unmarshal(b, &compose); err != nil {
		t.Fatal(err)
	}
	bot, ok := compose.Services["ctocoach"]
	if !ok {
		t.Fatal("no ctocoach service in docker-compose.yml")
	}
	if got := strings.Join(bot.Healthcheck.Test, " "); got != "CMD /ctocoach health" {
		t.Errorf("healthcheck test = %q, want CMD /ctocoach health", got)
	}
	// A configuration error exits 2; unless-stopped or always would restart
	// it forever.
	if bot.Restart != "on-failure:5" {
		t.Errorf("restart = %q, want on-failure:5", bot.Restart)
	}
	grace, err := time.ParseDuration(bot.Environment["SHUTDOWN_GRACE"])
	if err != nil {
		t.Fatalf("SHUTDOWN_GRACE in compose: %v", err)
	}
	stop, err := time.ParseDuration(bot.StopGracePeriod)
	if err != nil || stop <= grace {
		t.Errorf("stop_grace_period = %q, want longer than SHUTDOWN_GRACE %s", bot.StopGracePeriod, grace)
	}
	_, port, _ := net.SplitHostPort(bot.Environment["HTTP_ADDR"])
	if len(bot.Ports) != 1 || !strings.HasSuffix(bot.Ports[0], ":"+port+":"+port) || port == "8080" {
		t.Errorf("ports = %q, want 127.0.0.1:%s:%s (the HTTP_ADDR port, off 8080)", bot.Ports, port, port)
	}
}
