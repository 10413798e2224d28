package slackemu

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"
)

// ErrClosed is returned by operations on a closed Server.
var ErrClosed = errors.New("slackemu: server closed")

// Server is a running Slack emulator listening on 127.0.0.1. All methods are
// safe for concurrent use.
type Server struct {
	cfg  config
	log  *slog.Logger
	ln   net.Listener
	http *http.Server
	base string // http://127.0.0.1:PORT

	done chan struct{} // closed by Close
	wg   sync.WaitGroup

	// settle orders Web API calls against Wait's conditions: a call holds
	// it shared from its first effect to its record, a condition holds it
	// alone, so no condition sees a call's effects without the call.
	settle sync.RWMutex

	mu      sync.Mutex
	closed  bool
	changed chan struct{} // closed and replaced on every recorded event

	rec      recorder
	dir      directory
	msgs     messageStore
	views    viewStore
	triggers map[string]trigger
	// triggerOrder lists issued trigger ids, oldest first, for pruning.
	triggerOrder []string
	limits       rateLimits
	faults       map[string][]fault
	responses    responseStore
	sock         sockets
	seq          uint64 // id sequence
	lastTS       int64  // last message ts, in microseconds
}

// New starts an emulator on 127.0.0.1 with a random port. It panics if it
// cannot listen, like httptest.NewServer.
func New(opts ...Option) *Server {
	cfg := defaultConfig()
	for _, o := range opts {
		o(&cfg)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(fmt.Sprintf("slackemu: listen: %v", err))
	}
	s := &Server{
		cfg:       cfg,
		log:       cfg.logger,
		ln:        ln,
		base:      "http://" + ln.Addr().String(),
		done:      make(chan struct{}),
		changed:   make(chan struct{}),
		rec:       newRecorder(),
		dir:       newDirectory(),
		msgs:      newMessageStore(),
		views:     newViewStore(),
		triggers:  map[string]trigger{},
		limits:    newRateLimits(),
		faults:    map[string][]fault{},
		responses: newResponseStore(),
		sock:      newSockets(),
	}
	s.dir.users[cfg.botUserID] = User{ID: cfg.botUserID, TeamID: cfg.teamID, Name: "ctocoach", RealName: "CTO Coach", IsBot: true}
	if cfg.tiers {
		s.applySlackTiers()
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/api/", s.serveAPI)
	mux.HandleFunc("/link/", s.serveSocket)
	mux.HandleFunc("/respond/", s.serveRespond)
	s.http = &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		if err := s.http.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.log.Error("slackemu: serve", "err", err)
		}
	}()
	return s
}

// APIURL is the Web API base to give slack.OptionAPIURL; it ends in "/".
func (s *Server) APIURL() string { return s.base + "/api/" }

// URL is the server's root, http://127.0.0.1:PORT.
func (s *Server) URL() string { return s.base }

// TeamID is the emulated workspace id.
func (s *Server) TeamID() string { return s.cfg.teamID }

// AppID is the emulated app id.
func (s *Server) AppID() string { return s.cfg.appID }

// BotUserID is the bot's user id.
func (s *Server) BotUserID() string { return s.cfg.botUserID }

// Close stops accepting connections, closes every websocket, fails pending
// Sends with ErrClosed and waits for in-flight handlers and goroutines.
// It is safe to call more than once.
func (s *Server) Close() {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	s.closed = true
	close(s.done)
	conns := s.sock.all()
	s.mu.Unlock()

	for _, c := range conns {
		c.close()
	}
	// Shutdown waits for in-flight requests; a connection that was dialled
	// but never sent a request counts as busy for 5 s in net/http, so after a
	// short wait the rest are closed outright.
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	if err := s.http.Shutdown(ctx); err != nil {
		_ = s.http.Close()
	}
	s.wg.Wait()
}

// goTracked runs f in a goroutine that Close waits for. It reports false,
// without running f, when the server is closed.
func (s *Server) goTracked(f func()) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return false
	}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		f()
	}()
	return true
}

// now reads the injected clock.
func (s *Server) now() time.Time { return s.cfg.now() }
