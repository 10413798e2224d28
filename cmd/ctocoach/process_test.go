package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"ctocoach/slackemu"
)

// startBinary runs the binary against emu with the embedded Redis and waits
// until its socket is connected.
func startBinary(t *testing.T, bin string, emu *slackemu.Server, env ...string) (*exec.Cmd, *syncBuffer) {
	t.Helper()
	cmd := exec.Command(bin)
	cmd.Env = append(os.Environ(), "SLACK_BOT_TOKEN=xoxb-test", "SLACK_APP_TOKEN=xapp-test",
		"SLACK_API_URL="+emu.APIURL(), "REDIS_URL=", "HTTP_ADDR=127.0.0.1:0", "SHUTDOWN_GRACE=5s")
	cmd.Env = append(cmd.Env, env...)
	logs := &syncBuffer{}
	cmd.Stderr = logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	defer cancel()
	if err := emu.WaitConnections(ctx, 1); err != nil {
		t.Fatalf("binary never connected: %v\n%s", err, logs.String())
	}
	return cmd, logs
}

// waitExit waits for cmd to exit and returns its status.
func waitExit(t *testing.T, cmd *exec.Cmd) int {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
		return cmd.ProcessState.ExitCode()
	case <-time.After(testTimeout):
		t.Fatal("binary did not exit")
		return -1
	}
}

func TestBinaryAnswersThenExitsCleanlyOnSIGTERM(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := mustBuild(t)
	emu := MustNewEmulator(t)
	cmd, logs := startBinary(t, bin, emu)
	if a := MustAnswer(t, emu, "UBRUNO", "help"); !strings.Contains(a.all(), "ce que je sais faire") {
		t.Errorf("help from the binary = %q", a.Text)
	}
	if !strings.Contains(logs.String(), "ALL STATE IS LOST ON RESTART") {
		t.Errorf("no warning about the embedded Redis in:\n%s", logs.String())
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if code := waitExit(t, cmd); code != 0 {
		t.Errorf("exit status after SIGTERM = %d, want 0; logs:\n%s", code, logs.String())
	}
	if !strings.Contains(logs.String(), "shutting down") {
		t.Errorf("no shutdown log line:\n%s", logs.String())
	}
}

func TestBinaryRejectsAnInvalidTeamCard(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	dir := t.TempDir()
	bad := "topic: growth\ncards:\n  - id: team-card\n    phases: [all]\n    tags: [a]\n    source: {seed: x, article: y}\n    en: {title: T, body: B, try: Y, questions: [a, b, c]}\n"
	if err := os.WriteFile(filepath.Join(dir, "team.yaml"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(mustBuild(t))
	cmd.Env = append(os.Environ(), "SLACK_BOT_TOKEN=xoxb-test", "SLACK_APP_TOKEN=xapp-test", "HTTP_ADDR=", "KNOWLEDGE_DIR="+dir)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	if err == nil || cmd.ProcessState.ExitCode() == 0 {
		t.Fatalf("start-up with an invalid team card succeeded")
	}
	if !strings.Contains(stderr.String(), "team.yaml") || !strings.Contains(stderr.String(), "team-card") {
		t.Errorf("error does not name the file and card: %q", stderr.String())
	}
}
