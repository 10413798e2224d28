package slackemu

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

// writeWait bounds every websocket write.
const writeWait = 10 * time.Second

// upgrader accepts any origin: slack-go dials with Origin https://api.slack.com.
var upgrader = websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}

// sockets is the Socket Mode state.
type sockets struct {
	tickets map[string]bool
	conns   []*wsConn
	rr      int // round-robin position
	opened  int // connections ever accepted
	pending map[string]chan ackFrame
	acks    []Ack
	stray   int // acks for no pending envelope
}

func newSockets() sockets {
	return sockets{tickets: map[string]bool{}, pending: map[string]chan ackFrame{}}
}

// all returns the open connections.
func (k *sockets) all() []*wsConn { return slices.Clone(k.conns) }

// wsConn is one Socket Mode websocket.
type wsConn struct {
	id   int
	ws   *websocket.Conn
	wmu  sync.Mutex // serialises data frames; control frames need no lock
	done chan struct{}
	once sync.Once
}

// writeJSON sends v as one text frame.
func (c *wsConn) writeJSON(v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("slackemu: marshal frame: %w", err)
	}
	c.wmu.Lock()
	defer c.wmu.Unlock()
	if err := c.ws.SetWriteDeadline(time.Now().Add(writeWait)); err != nil {
		return fmt.Errorf("slackemu: socket %d: %w", c.id, err)
	}
	if err := c.ws.WriteMessage(websocket.TextMessage, b); err != nil {
		return fmt.Errorf("slackemu: socket %d: write: %w", c.id, err)
	}
	return nil
}

// close sends a close frame and closes the socket, once.
func (c *wsConn) close() {
	c.once.Do(func() {
		close(c.done)
		msg := websocket.FormatCloseMessage(websocket.CloseNormalClosure, "")
		_ = c.ws.WriteControl(websocket.CloseMessage, msg, time.Now().Add(time.Second))
		_ = c.ws.Close()
	})
}

// ackFrame is an ack read from a socket.
type ackFrame struct {
	payload json.RawMessage
	at      time.Time
}

// serveSocket accepts a Socket Mode websocket for a ticket issued by
// apps.connections.open, says hello, pings, and reads acks until it closes.
func (s *Server) serveSocket(w http.ResponseWriter, r *http.Request) {
	ticket := r.URL.Query().Get("ticket")
	s.mu.Lock()
	ok := s.sock.tickets[ticket]
	delete(s.sock.tickets, ticket)
	s.mu.Unlock()
	if !ok {
		http.Error(w, "invalid or used ticket", http.StatusUnauthorized)
		return
	}
	ws, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		s.log.Warn("slackemu: websocket upgrade", "err", err)
		return
	}
	c := &wsConn{ws: ws, done: make(chan struct{})}
	n, ok := s.register(c)
	if !ok {
		_ = ws.Close()
		return
	}
	defer s.wg.Done()
	defer s.unregister(c)
	go func() {
		defer s.wg.Done()
		s.ping(c)
	}()
	hello := map[string]any{
		"type":            "hello",
		"num_connections": n,
		"debug_info":      map[string]any{"host": "applink-emu", "build_number": 1, "approximate_connection_time": 18060},
		"connection_info": map[string]any{"app_id": s.cfg.appID},
	}
	if err := c.writeJSON(hello); err != nil {
		s.log.Warn("slackemu: hello", "err", err)
		return
	}
	s.readAcks(c)
}

// register adds c to the open connections and reserves two tracked
// goroutines (reader and pinger); it fails once the server is closed.
func (s *Server) register(c *wsConn) (int, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return 0, false
	}
	s.wg.Add(2)
	s.sock.opened++
	c.id = s.sock.opened
	s.sock.conns = append(s.sock.conns, c)
	s.notifyLocked()
	s.log.Debug("slackemu: socket open", "id", c.id, "open", len(s.sock.conns))
	return len(s.sock.conns), true
}

// unregister closes c and forgets it.
func (s *Server) unregister(c *wsConn) {
	c.close()
	s.mu.Lock()
	defer s.mu.Unlock()
	before := len(s.sock.conns)
	s.sock.conns = slices.DeleteFunc(s.sock.conns, func(x *wsConn) bool { return x == c })
	if len(s.sock.conns) != before {
		s.notifyLocked()
		s.log.Debug("slackemu: socket closed", "id", c.id, "open", len(s.sock.conns))
	}
}

// ping sends a websocket ping now and every ping interval until c closes.
func (s *Server) ping(c *wsConn) {
	t := time.NewTicker(s.cfg.pingInterval)
	defer t.Stop()
	for {
		if err := c.ws.WriteControl(websocket.PingMessage, []byte("emu"), time.Now().Add(writeWait)); err != nil {
			return
		}
		select {
		case <-t.C:
		case <-c.done:
			return
		}
	}
}

// readAcks reads frames from c and hands each ack to the Send waiting for it.
func (s *Server) readAcks(c *wsConn) {
	for {
		_, data, err := c.ws.ReadMessage()
		at := time.Now()
		if err != nil {
			return
		}
		var frame struct {
			EnvelopeID string          `json:"envelope_id"`
			Payload    json.RawMessage `json:"payload"`
		}
		if err := json.Unmarshal(data, &frame); err != nil || frame.EnvelopeID == "" {
			s.log.Warn("slackemu: unreadable frame", "socket", c.id, "frame", string(data))
			continue
		}
		s.mu.Lock()
		ch, ok := s.sock.pending[frame.EnvelopeID]
		if !ok {
			s.sock.stray++
			s.notifyLocked()
		}
		s.mu.Unlock()
		if ok {
			select {
			case ch <- ackFrame{payload: frame.Payload, at: at}:
			default: // a duplicate ack; the first one wins
			}
		}
	}
}

// Connections is how many Socket Mode websockets are open.
func (s *Server) Connections() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.sock.conns)
}

// ConnectionsOpened is how many websockets were accepted since New,
// reconnections included.
func (s *Server) ConnectionsOpened() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sock.opened
}

// WaitConnections blocks until at least n websockets are open.
func (s *Server) WaitConnections(ctx context.Context, n int) error {
	if err := s.Wait(ctx, func(s *Server) bool { return s.Connections() >= n }); err != nil {
		return fmt.Errorf("slackemu: wait for %d connections: %w", n, err)
	}
	return nil
}

// Disconnect asks every open socket to reconnect, like Slack does before
// rotating a connection: {"type":"disconnect","reason":reason}. Slack's
// reasons are "warning", "refresh_requested" and "link_disabled".
func (s *Server) Disconnect(reason string) {
	s.mu.Lock()
	conns := s.sock.all()
	s.mu.Unlock()
	msg := map[string]any{"type": "disconnect", "reason": reason,
		"debug_info": map[string]any{"host": "applink-emu"}}
	for _, c := range conns {
		if err := c.writeJSON(msg); err != nil {
			s.log.Warn("slackemu: disconnect", "socket", c.id, "err", err)
		}
	}
}

// DropConnections closes every open socket without warning, like a network
// failure.
func (s *Server) DropConnections() {
	s.mu.Lock()
	conns := s.sock.all()
	s.mu.Unlock()
	for _, c := range conns {
		c.close()
	}
}

// nextConn picks an open socket round-robin, waiting for one if none is open.
func (s *Server) nextConn(ctx context.Context) (*wsConn, error) {
	for {
		s.mu.Lock()
		if s.closed {
			s.mu.Unlock()
			return nil, ErrClosed
		}
		if n := len(s.sock.conns); n > 0 {
			c := s.sock.conns[s.sock.rr%n]
			s.sock.rr++
			s.mu.Unlock()
			return c, nil
		}
		ch := s.changed
		s.mu.Unlock()
		select {
		case <-ch:
		case <-ctx.Done():
			return nil, fmt.Errorf("slackemu: wait for a socket: %w", ctx.Err())
		case <-s.done:
			return nil, ErrClosed
		}
	}
}
