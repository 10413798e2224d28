package main

import (
	"bytes"
	"io"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"ctocoach/config"
	"ctocoach/slackemu"
)

// runToExit runs the binary with env (over a clean test environment) and
// returns its exit status and stderr; it fails the test if the binary is
// still running after testTimeout.
func runToExit(t *testing.T, bin string, env ...string) (int, string) {
	t.Helper()
	cmd := exec.Command(bin)
	cmd.Env = append(os.Environ(), "REDIS_URL=", "HTTP_ADDR=", "SHUTDOWN_GRACE=2s")
	cmd.Env = append(cmd.Env, env...)
	var stderr syncBuffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(testTimeout):
		t.Fatalf("binary still running after %s; logs:\n%s", testTimeout, stderr.String())
	}
	return cmd.ProcessState.ExitCode(), stderr.String()
}

// linesNaming returns the lines of logs that contain s.
func linesNaming(logs, s string) []string {
	var out []string
	for _, l := range strings.Split(logs, "\n") {
		if strings.Contains(l, s) {
			out = append(out, l)
		}
	}
	return out
}

// assertRefused checks a start-up stopped by a refused token: exit 2, one
// line naming the variable, never "started", no socket opened.
func assertRefused(t *testing.T, emu *slackemu.Server, code int, logs, variable string) {
	t.Helper()
	t.Logf("exit %d, stderr:\n%s", code, logs)
	if code != 2 {
		t.Errorf("exit status = %d, want 2; logs:\n%s", code, logs)
	}
	if l := linesNaming(logs, variable); len(l) != 1 {
		t.Errorf("%d lines name %s, want 1; logs:\n%s", len(l), variable, logs)
	}
	if strings.Contains(logs, "ctocoach started") {
		t.Errorf("start-up went on with a refused token; logs:\n%s", logs)
	}
	if n := emu.ConnectionsOpened(); n != 0 {
		t.Errorf("%d Socket Mode connections opened with a refused token, want 0", n)
	}
}

// TestBinaryRefusesTokens: a token Slack refuses, or a placeholder left in
// the configuration, stops the binary at start-up (assertRefused).
func TestBinaryRefusesTokens(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := mustBuild(t)
	for _, tc := range []struct {
		name     string
		emu      []slackemu.Option
		bot, app string
		variable string
		check    func(t *testing.T, emu *slackemu.Server, logs string)
	}{
		{
			name: "wrong bot token", emu: []slackemu.Option{slackemu.WithTokens("xoxb-right", "xapp-right")},
			bot: "xoxb-wrong", app: "xapp-right", variable: "SLACK_BOT_TOKEN",
			check: func(t *testing.T, _ *slackemu.Server, logs string) {
				if !strings.Contains(logs, "invalid_auth") {
					t.Errorf("the line does not say what Slack answered:\n%s", logs)
				}
			},
		},
		{
			name: "wrong app token", emu: []slackemu.Option{slackemu.WithTokens("xoxb-right", "xapp-right")},
			bot: "xoxb-right", app: "xapp-wrong", variable: "SLACK_APP_TOKEN",
		},
		{
			name: "placeholder tokens",
			bot:  config.Placeholders["SLACK_BOT_TOKEN"], app: config.Placeholders["SLACK_APP_TOKEN"], variable: "SLACK_BOT_TOKEN",
			check: func(t *testing.T, emu *slackemu.Server, logs string) {
				if n := len(emu.Calls("auth.test")); n != 0 {
					t.Errorf("auth.test called %d times with a placeholder token, want 0 (refused by the configuration check)", n)
				}
				if lines := strings.Count(strings.TrimSpace(logs), "\n") + 1; lines != 1 {
					t.Errorf("stderr has %d lines, want 1:\n%s", lines, logs)
				}
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			emu := MustNewEmulator(t, tc.emu...)
			code, logs := runToExit(t, bin, "SLACK_API_URL="+emu.APIURL(), "SLACK_BOT_TOKEN="+tc.bot, "SLACK_APP_TOKEN="+tc.app)
			assertRefused(t, emu, code, logs, tc.variable)
			if tc.check != nil {
				tc.check(t, emu, logs)
			}
		})
	}
}

// TestBinaryKeepsRetryingWhileSlackIsUnreachable starts the binary against a
// closed port: it says so once with the URL, stays up and not ready, keeps
// retrying, and connects once Slack answers on that port.
func TestBinaryKeepsRetryingWhileSlackIsUnreachable(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := mustBuild(t)
	emu := MustNewEmulator(t)
	addr := closedAddr(t)
	apiURL := "http://" + addr + "/api/"

	cmd := exec.Command(bin)
	cmd.Env = append(os.Environ(), "SLACK_BOT_TOKEN=xoxb-test", "SLACK_APP_TOKEN=xapp-test", "SLACK_API_URL="+apiURL,
		"REDIS_URL=", "HTTP_ADDR=127.0.0.1:0", "SHUTDOWN_GRACE=2s", "LOG_LEVEL=debug")
	logs := &syncBuffer{}
	cmd.Stderr = logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })

	waitFor(t, "a second attempt", func() bool { return strings.Contains(logs.String(), "attempt=2") }, logs)
	warned := linesNaming(logs.String(), "cannot reach Slack")
	if len(warned) != 1 || !strings.Contains(warned[0], apiURL) {
		t.Errorf("want one line saying Slack cannot be reached, with %s; got %q", apiURL, warned)
	}
	if err := cmd.Process.Signal(syscall.Signal(0)); err != nil {
		t.Fatalf("binary exited while Slack was unreachable (%v):\n%s", err, logs.String())
	}
	httpAddr := regexp.MustCompile(`http=(127\.0\.0\.1:\d+)`).FindStringSubmatch(logs.String())
	if httpAddr == nil {
		t.Fatalf("no HTTP address in the logs:\n%s", logs.String())
	}
	status, body := getReady(t, httpAddr[1])
	if status != http.StatusServiceUnavailable || !strings.Contains(body, apiURL) {
		t.Errorf("/readyz while Slack is unreachable = %d %q, want 503 naming %s", status, body, apiURL)
	}
	if code, out := runHealth(t, bin, httpAddr[1]); code == 0 || strings.Count(strings.TrimSpace(out), "\n") != 0 {
		t.Errorf("ctocoach health while not ready = %d %q, want non-zero and one line", code, out)
	}

	// Slack comes back on the same address.
	serveSlackOn(t, addr, emu)
	waitFor(t, "the socket", func() bool { return emu.Connections() == 1 }, logs)
	waitFor(t, "/readyz 200", func() bool { s, _ := getReady(t, httpAddr[1]); return s == http.StatusOK }, logs)
	if code, out := runHealth(t, bin, httpAddr[1]); code != 0 {
		t.Errorf("ctocoach health once connected = %d %q, want 0", code, out)
	}
	if n := len(linesNaming(logs.String(), "cannot reach Slack")); n != 1 {
		t.Errorf("%d warnings about Slack being unreachable, want 1:\n%s", n, logs.String())
	}
}

// TestBinaryStopsWhenSlackComesBackRefusingTheToken: Slack unreachable at
// start, then answering invalid_auth for the bot token — the retry loop
// stops with the same one line and exit 2 as a refused token at start.
func TestBinaryStopsWhenSlackComesBackRefusingTheToken(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := mustBuild(t)
	emu := MustNewEmulator(t, slackemu.WithTokens("xoxb-right", "xapp-right"))
	addr := closedAddr(t)
	cmd := exec.Command(bin)
	cmd.Env = append(os.Environ(), "SLACK_BOT_TOKEN=xoxb-wrong", "SLACK_APP_TOKEN=xapp-right", "SLACK_API_URL=http://"+addr+"/api/",
		"REDIS_URL=", "HTTP_ADDR=", "SHUTDOWN_GRACE=2s")
	logs := &syncBuffer{}
	cmd.Stderr = logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	exited := make(chan struct{})
	go func() { _ = cmd.Wait(); close(exited) }()
	waitFor(t, "the unreachable warning", func() bool { return strings.Contains(logs.String(), "cannot reach Slack") }, logs)

	serveSlackOn(t, addr, emu)
	select {
	case <-exited:
	case <-time.After(3 * testTimeout): // backoff grows to 4 s between tries
		t.Fatalf("binary still running after Slack refused the token:\n%s", logs.String())
	}
	if code := cmd.ProcessState.ExitCode(); code != 2 {
		t.Errorf("exit status = %d, want 2:\n%s", code, logs.String())
	}
	if l := linesNaming(logs.String(), "SLACK_BOT_TOKEN"); len(l) != 1 || !strings.Contains(l[0], "invalid_auth") {
		t.Errorf("want one line naming SLACK_BOT_TOKEN with invalid_auth, got %q", l)
	}
}

// closedAddr returns a local address nothing listens on (until
// serveSlackOn): Slack unreachable.
func closedAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// serveSlackOn makes the emulator answer on addr (Slack coming back), or
// skips the test when the port was taken meanwhile.
func serveSlackOn(t *testing.T, addr string, emu *slackemu.Server) {
	t.Helper()
	target, _ := url.Parse(emu.URL())
	back, err := net.Listen("tcp", addr)
	if err != nil {
		t.Skipf("cannot listen on %s again: %v", addr, err)
	}
	srv := &http.Server{Handler: httputil.NewSingleHostReverseProxy(target)}
	go srv.Serve(back)
	t.Cleanup(func() { srv.Close() })
}

// waitFor polls cond (a condition, not a timed sleep) until testTimeout,
// failing with the process's logs.
func waitFor(t *testing.T, what string, cond func() bool, logs *syncBuffer) {
	t.Helper()
	if !pollUntil(testTimeout, cond) {
		t.Fatalf("no %s after %s; logs:\n%s", what, testTimeout, logs.String())
	}
}

// getReady asks /readyz on addr.
func getReady(t *testing.T, addr string) (int, string) {
	t.Helper()
	resp, err := http.Get("http://" + addr + "/readyz")
	if err != nil {
		t.Fatalf("/readyz: %v", err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// runHealth runs `ctocoach health` against addr and returns its status and
// combined output.
func runHealth(t *testing.T, bin, addr string) (int, string) {
	t.Helper()
	cmd := exec.Command(bin, "health")
	cmd.Env = append(os.Environ(), "HTTP_ADDR="+addr)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	_ = cmd.Run()
	return cmd.ProcessState.ExitCode(), out.String()
}
