package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
	"strings"
	"time"

	"ctocoach/config"
)

func init() { subcommands["health"] = healthCommand }

// healthTimeout bounds `ctocoach health` (Docker's HEALTHCHECK gives it 5 s).
const healthTimeout = 3 * time.Second

// healthCommand asks /readyz on HTTP_ADDR (a wildcard host is asked on
// loopback) and exits 0 when it answers 200, else 1 with one line saying
// why. It reads only HTTP_ADDR, so it works in the distroless image, which
// has no shell or curl, with the same environment as the bot.
func healthCommand(_ []string, stdout, stderr io.Writer) int {
	addr, ok := os.LookupEnv("HTTP_ADDR")
	if !ok {
		addr = config.DefaultHTTPAddr
	}
	if addr == "" {
		fmt.Fprintln(stderr, "ctocoach health: HTTP_ADDR is empty, so there is no /readyz to ask")
		return 1
	}
	url, err := readyURL(addr)
	if err != nil {
		fmt.Fprintln(stderr, "ctocoach health:", err)
		return 1
	}
	client := &http.Client{Timeout: healthTimeout}
	resp, err := client.Get(url)
	if err != nil {
		fmt.Fprintln(stderr, "ctocoach health:", err)
		return 1
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
	why := strings.Join(strings.Fields(string(body)), " ")
	if resp.StatusCode != http.StatusOK {
		fmt.Fprintf(stderr, "ctocoach health: %s answered %d: %s\n", url, resp.StatusCode, why)
		return 1
	}
	fmt.Fprintln(stdout, why)
	return 0
}

// readyURL is /readyz on addr, asking loopback when addr listens on every
// interface (0.0.0.0, ::, or no host).
func readyURL(addr string) (string, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "", fmt.Errorf("HTTP_ADDR must be host:port, got %q", addr)
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port) + "/readyz", nil
}

// httpPort is the side port: /healthz, /readyz and /metrics (and pprof
// when asked), listening from the moment listenHTTP returns it.
type httpPort struct {
	srv   *http.Server
	ln    net.Listener
	grace time.Duration
}

// listenHTTP builds the side port's routes and listens on HTTP_ADDR; Run
// serves it.
func (m *Main) listenHTTP() (*httpPort, error) {
	st, b, mt := m.Store, m.Bot, m.Metrics // built before the port: never nil here
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Write([]byte("ok\n"))
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), time.Second)
		defer cancel()
		if err := st.Ping(ctx); err != nil {
			http.Error(w, "redis: "+err.Error(), http.StatusServiceUnavailable)
			return
		}
		if why := m.slackDown.Load(); why != nil {
			http.Error(w, *why, http.StatusServiceUnavailable)
			return
		}
		if !b.Connected() {
			http.Error(w, "slack: socket not connected", http.StatusServiceUnavailable)
			return
		}
		w.Write([]byte("ready\n"))
	})
	mux.Handle("GET /metrics", mt.Handler())
	if m.Config.Pprof {
		mux.HandleFunc("/debug/pprof/", pprof.Index)
		mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	}
	ln, err := net.Listen("tcp", m.Config.HTTPAddr)
	if err != nil {
		return nil, err
	}
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	return &httpPort{srv: srv, ln: ln, grace: m.shutdownGrace()}, nil
}

// Run serves the port until ctx ends, then shuts the server down, letting
// open requests finish within the grace (then closing them).
func (p *httpPort) Run(ctx context.Context) error {
	served := make(chan error, 1)
	go func() { served <- p.srv.Serve(p.ln) }()
	select {
	case err := <-served:
		return fmt.Errorf("serve HTTP on %s: %w", p.ln.Addr(), err)
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), p.grace)
	defer cancel()
	err := p.srv.Shutdown(shutdownCtx)
	if err != nil {
		_ = p.srv.Close()
		err = fmt.Errorf("shut down HTTP on %s: %w", p.ln.Addr(), err)
	}
	<-served
	return err
}
