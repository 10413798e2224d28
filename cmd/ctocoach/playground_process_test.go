package main

import (
	"bufio"
	"io"
	"net/http"
	"os/exec"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestPlaygroundBinaryServesThePageAndStops runs the built binary's
// `playground` command: it prints the page's loopback URL, serves the page
// and its assets, and exits 0 on SIGTERM.
func TestPlaygroundBinaryServesThePageAndStops(t *testing.T) {
	t.Parallel()
	bin := mustBuild(t)
	cmd := exec.Command(bin, "playground", "--addr", "127.0.0.1:0")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	logs := &syncBuffer{}
	cmd.Stderr = logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	lines := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(stdout).ReadString('\n')
		lines <- line
		_, _ = io.Copy(io.Discard, stdout)
	}()
	var line string
	select {
	case line = <-lines:
	case <-time.After(testTimeout):
		t.Fatalf("no URL printed; logs:\n%s", logs.String())
	}
	url := regexp.MustCompile(`http://127\.0\.0\.1:\d+/`).FindString(line)
	if url == "" || !strings.Contains(line, "not for production") {
		t.Fatalf("first line = %q, want the loopback URL and the warning", line)
	}
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(page), "Not for production") || !strings.Contains(string(page), "/static/app.js") {
		t.Errorf("GET / = %d %.200s", resp.StatusCode, page)
	}
	for _, asset := range []string{"static/app.js", "static/app.css"} {
		r, err := http.Get(url + asset)
		if err != nil || r.StatusCode != http.StatusOK {
			t.Errorf("GET %s: %v %v", asset, err, r)
		}
		if r != nil {
			r.Body.Close()
		}
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if code := waitExit(t, cmd); code != 0 {
		t.Errorf("exit status %d after SIGTERM, want 0; logs:\n%s", code, logs.String())
	}
}
