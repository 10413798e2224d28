package playground

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"io/fs"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"ctocoach/playground/blockkit"
	"ctocoach/slackemu"
)

//go:embed static
var static embed.FS

// Options configure a Server.
type Options struct {
	// Emu is the emulator the bot is connected to (seeded with Seed).
	Emu *slackemu.Server
	// Clock is the clock the bot and the emulator read.
	Clock *Clock
	// Advance moves Clock forward by d, letting scheduled work that comes
	// due on the way run at its time; nil just moves the clock.
	Advance func(ctx context.Context, d time.Duration) error
	// Log receives request errors; discarded when nil.
	Log *slog.Logger
}

// Server is the playground's HTTP handler.
type Server struct {
	o        Options
	mux      *http.ServeMux
	render   blockkit.Renderer
	changes  *notifier
	stop     chan struct{}
	stopOnce sync.Once
	// advanceMu serialises clock advances.
	advanceMu sync.Mutex
}

// New returns a Server on o.Emu; Close stops its change watcher.
func New(o Options) *Server {
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	if o.Clock == nil {
		o.Clock = NewClock()
	}
	s := &Server{o: o, mux: http.NewServeMux(), changes: newNotifier(), stop: make(chan struct{})}
	s.render = s.renderer()
	sub, _ := fs.Sub(static, "static")
	s.mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(sub)))
	s.mux.HandleFunc("GET /{$}", s.serveIndex)
	s.mux.HandleFunc("GET /api/workspace", s.serveWorkspace)
	s.mux.HandleFunc("GET /api/state", s.serveState)
	s.mux.HandleFunc("POST /api/send", s.serveSend)
	s.mux.HandleFunc("POST /api/action", s.serveAction)
	s.mux.HandleFunc("POST /api/submit", s.serveSubmit)
	s.mux.HandleFunc("POST /api/close", s.serveClose)
	s.mux.HandleFunc("POST /api/shortcut", s.serveShortcut)
	s.mux.HandleFunc("POST /api/home", s.serveHome)
	s.mux.HandleFunc("POST /api/advance", s.serveAdvance)
	go s.watch()
	return s
}

// ServeHTTP serves the page, its assets and the JSON API.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data: https:; style-src 'self'; script-src 'self'")
	s.mux.ServeHTTP(w, r)
}

// Close stops the change watcher.
func (s *Server) Close() { s.stopOnce.Do(func() { close(s.stop) }) }

// watch turns every emulator event into a new version for the long polls.
func (s *Server) watch() {
	for {
		ch := s.o.Emu.Changed()
		select {
		case <-ch:
			s.changes.bump()
		case <-s.stop:
			return
		}
	}
}

// renderer builds the Block Kit renderer's directory from the seeded
// workspace.
func (s *Server) renderer() blockkit.Renderer {
	r := blockkit.Renderer{Dir: blockkit.Directory{Users: map[string]string{}, Channels: map[string]string{}}}
	r.Dir.Users[s.o.Emu.BotUserID()] = "CTO Coach"
	for _, p := range People {
		r.Dir.Users[p.ID] = p.RealName
		r.UserOrder = append(r.UserOrder, p.ID)
	}
	for _, c := range Channels {
		r.Dir.Channels[c.ID] = c.Name
		r.ChannelOrder = append(r.ChannelOrder, c.ID)
	}
	return r
}

func (s *Server) serveIndex(w http.ResponseWriter, r *http.Request) {
	b, err := static.ReadFile("static/index.html")
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, _ = w.Write(b)
}

// workspaceJSON describes the people, channels and the bot.
type workspaceJSON struct {
	Team     string        `json:"team"`
	Bot      string        `json:"bot"`
	People   []personJSON  `json:"people"`
	Channels []channelJSON `json:"channels"`
}

type personJSON struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Handle string `json:"handle"`
	Role   string `json:"role"`
	Locale string `json:"locale"`
	TZ     string `json:"tz"`
}

type channelJSON struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

func (s *Server) serveWorkspace(w http.ResponseWriter, r *http.Request) {
	ws := workspaceJSON{Team: s.o.Emu.TeamID(), Bot: s.o.Emu.BotUserID()}
	for _, p := range People {
		ws.People = append(ws.People, personJSON{ID: p.ID, Name: p.RealName, Handle: p.Name, Role: p.Role, Locale: p.Locale, TZ: p.TZ})
	}
	for _, c := range Channels {
		ws.Channels = append(ws.Channels, channelJSON{ID: c.ID, Name: c.Name})
	}
	writeJSON(w, http.StatusOK, ws)
}

// readJSON decodes a small request body into v.
func readJSON(w http.ResponseWriter, r *http.Request, v any) bool {
	r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
	if err := json.NewDecoder(r.Body).Decode(v); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "malformed request: " + err.Error()})
		return false
	}
	return true
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// fail answers an error the page shows in its status bar.
func (s *Server) fail(w http.ResponseWriter, status int, op string, err error) {
	s.o.Log.Warn("playground: request failed", "op", op, "err", err)
	writeJSON(w, status, map[string]string{"error": op + ": " + err.Error()})
}

// sendTimeout bounds one envelope round trip (Slack's ack deadline is 3 s;
// the emulator redelivers up to three times).
const sendTimeout = 15 * time.Second

// send delivers env and returns its ack.
func (s *Server) send(ctx context.Context, env slackemu.Envelope) (slackemu.Ack, error) {
	ctx, cancel := context.WithTimeout(ctx, sendTimeout)
	defer cancel()
	return s.o.Emu.Send(ctx, env)
}

// notifier hands out versions and wakes long polls when the version moves.
type notifier struct {
	mu      sync.Mutex
	version uint64
	ch      chan struct{}
}

func newNotifier() *notifier { return &notifier{version: 1, ch: make(chan struct{})} }

func (n *notifier) bump() {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.version++
	close(n.ch)
	n.ch = make(chan struct{})
}

// current returns the version and a channel closed when it moves.
func (n *notifier) current() (uint64, <-chan struct{}) {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.version, n.ch
}

var errUnknownPerson = errors.New("unknown person")
