package main

import (
	"context"
	"net"
	"net/http"
	"net/http/pprof"
	"time"
)

// startHTTP serves /healthz, /readyz and /metrics on the side port and
// returns the address it listens on.
func (m *Main) startHTTP() (string, error) {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Write([]byte("ok\n"))
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), time.Second)
		defer cancel()
		if err := m.Store.Ping(ctx); err != nil {
			http.Error(w, "redis: "+err.Error(), http.StatusServiceUnavailable)
			return
		}
		if !m.Bot.Connected() {
			http.Error(w, "slack: socket not connected", http.StatusServiceUnavailable)
			return
		}
		w.Write([]byte("ready\n"))
	})
	mux.Handle("GET /metrics", m.Metrics.Handler())
	if m.Config.Pprof {
		mux.HandleFunc("/debug/pprof/", pprof.Index)
		mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	}
	ln, err := net.Listen("tcp", m.Config.HTTPAddr)
	if err != nil {
		return "", err
	}
	m.httpServer = &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go m.httpServer.Serve(ln)
	return ln.Addr().String(), nil
}
