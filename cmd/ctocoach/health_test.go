package main

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

func TestHealthCommandFollowsReadyz(t *testing.T) {
	// Not parallel: t.Setenv (HTTP_ADDR, the process environment) forbids it.
	var status atomic.Int32 // the server goroutine reads it
	status.Store(http.StatusOK)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/readyz" {
			http.NotFound(w, r)
			return
		}
		if s := int(status.Load()); s != http.StatusOK {
			http.Error(w, "slack: socket not connected", s)
			return
		}
		w.Write([]byte("ready\n"))
	}))
	defer srv.Close()
	t.Setenv("HTTP_ADDR", strings.TrimPrefix(srv.URL, "http://"))
	var out, errb bytes.Buffer
	if got := run([]string{"health"}, &out, &errb); got != 0 {
		t.Errorf("health while ready = %d (%q), want 0", got, errb.String())
	}

	status.Store(http.StatusServiceUnavailable)
	errb.Reset()
	if got := run([]string{"health"}, &out, &errb); got == 0 {
		t.Errorf("health while not ready = 0, want non-zero")
	}
	if s := strings.TrimSpace(errb.String()); strings.Contains(s, "\n") || !strings.Contains(s, "503") || !strings.Contains(s, "socket not connected") {
		t.Errorf("health while not ready said %q, want one line with the status and the reason", s)
	}

	srv.Close()
	errb.Reset()
	if got := run([]string{"health"}, &out, &errb); got == 0 || strings.Contains(strings.TrimSpace(errb.String()), "\n") {
		t.Errorf("health with nothing listening = %d %q, want non-zero and one line", got, errb.String())
	}

	t.Setenv("HTTP_ADDR", "")
	errb.Reset()
	if got := run([]string{"health"}, &out, &errb); got == 0 || !strings.Contains(errb.String(), "HTTP_ADDR") {
		t.Errorf("health with HTTP_ADDR off = %d %q, want non-zero naming HTTP_ADDR", got, errb.String())
	}
}

func TestReadyURLAsksLoopbackForWildcards(t *testing.T) {
	t.Parallel()
	for addr, want := range map[string]string{
		"0.0.0.0:8742":   "http://127.0.0.1:8742/readyz",
		":8742":          "http://127.0.0.1:8742/readyz",
		"[::]:8742":      "http://127.0.0.1:8742/readyz",
		"127.0.0.1:9000": "http://127.0.0.1:9000/readyz",
		"[::1]:8742":     "http://[::1]:8742/readyz",
	} {
		if got, err := readyURL(addr); err != nil || got != want {
			t.Errorf("readyURL(%q) = %q, %v; want %q", addr, got, err, want)
		}
	}
	if _, err := readyURL("8742"); err == nil {
		t.Error("readyURL(\"8742\") accepted a port without host part")
	}
}
