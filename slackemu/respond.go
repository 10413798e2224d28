package slackemu

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// Slack's response_url limits: five uses within thirty minutes.
const (
	maxResponseUses = 5
	responseTTL     = 30 * time.Minute
)

// Response is one POST to a response_url.
type Response struct {
	ID              string // the response_url's id (Envelope.ResponseID)
	User            string // who the envelope came from
	Channel         string
	Text            string
	Blocks          json.RawMessage
	ResponseType    string // "ephemeral" (default) or "in_channel"
	ReplaceOriginal bool
	DeleteOriginal  bool
	ThreadTS        string
	Body            json.RawMessage // the raw JSON body
	At              time.Time
	Status          int // HTTP status answered
}

// responseBody is the JSON a response_url accepts.
type responseBody struct {
	Text            string          `json:"text"`
	Blocks          json.RawMessage `json:"blocks"`
	ResponseType    string          `json:"response_type"`
	ReplaceOriginal bool            `json:"replace_original"`
	DeleteOriginal  bool            `json:"delete_original"`
	ThreadTS        string          `json:"thread_ts"`
}

// respondTarget is what a response_url acts on.
type respondTarget struct {
	user, channel string
	messageTS     string // the message the interaction came from, "" for commands
	ephemeral     bool   // that message is ephemeral
	issued        time.Time
	uses          int
}

type responseStore struct {
	targets map[string]*respondTarget
	byID    map[string][]Response
	byUser  map[string][]Response
}

func newResponseStore() responseStore {
	return responseStore{targets: map[string]*respondTarget{}, byID: map[string][]Response{}, byUser: map[string][]Response{}}
}

// issueResponseLocked creates a response_url; s.mu must be held.
func (s *Server) issueResponseLocked(t respondTarget) (id, url string) {
	id = s.newIDLocked("R")
	t.issued = s.now()
	s.responses.targets[id] = &t
	return id, s.base + "/respond/" + id
}

// serveRespond records a POST to /respond/<id> and applies it like Slack:
// delete_original deletes, replace_original replaces, otherwise a new
// ephemeral (or in_channel) message appears.
func (s *Server) serveRespond(w http.ResponseWriter, r *http.Request) {
	id := strings.TrimPrefix(r.URL.Path, "/respond/")
	body, err := io.ReadAll(r.Body)
	if err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]any{"ok": false, "error": "invalid_payload"})
		return
	}
	if f, ok := s.takeFault(ResponseURLMethod); ok {
		// A faulted post is not a response: nothing is recorded or applied.
		writeFault(w, f)
		return
	}
	var b responseBody
	parseErr := json.Unmarshal(body, &b)

	s.mu.Lock()
	defer s.mu.Unlock()
	resp := Response{ID: id, Text: b.Text, Blocks: nonNullJSON(b.Blocks), ResponseType: b.ResponseType,
		ReplaceOriginal: b.ReplaceOriginal, DeleteOriginal: b.DeleteOriginal, ThreadTS: b.ThreadTS,
		Body: body, At: s.now()}
	t, ok := s.responses.targets[id]
	status, code := http.StatusOK, ""
	switch {
	case !ok:
		status, code = http.StatusNotFound, "no_such_url"
	case resp.At.Sub(t.issued) > responseTTL:
		status, code = http.StatusNotFound, "expired_url"
	case t.uses >= maxResponseUses:
		status, code = http.StatusNotFound, "used_url"
	case parseErr != nil:
		status, code = http.StatusBadRequest, "invalid_payload"
	}
	if ok {
		resp.User, resp.Channel = t.user, t.channel
	}
	resp.Status = status
	s.responses.byID[id] = append(s.responses.byID[id], resp)
	if resp.User != "" {
		s.responses.byUser[resp.User] = append(s.responses.byUser[resp.User], resp)
	}
	if status == http.StatusOK {
		t.uses++
		s.applyResponseLocked(t, resp)
	}
	s.notifyLocked()
	if code != "" {
		writeJSON(w, status, map[string]any{"ok": false, "error": code})
		return
	}
	writeJSON(w, status, map[string]any{"ok": true})
}

// applyResponseLocked changes the messages as Slack would for resp.
func (s *Server) applyResponseLocked(t *respondTarget, resp Response) {
	if t.messageTS != "" && (resp.DeleteOriginal || resp.ReplaceOriginal) {
		list := s.msgs.channels[t.channel]
		if t.ephemeral {
			list = s.msgs.ephemerals[t.user]
		}
		if resp.DeleteOriginal {
			list = deleteMessage(list, t.messageTS)
			if t.ephemeral {
				s.msgs.ephemerals[t.user] = list
			} else {
				s.msgs.channels[t.channel] = list
			}
			return
		}
		if m := findMessage(list, t.messageTS); m != nil {
			m.Text, m.Blocks, m.Edited = resp.Text, resp.Blocks, true
			return
		}
	}
	if resp.DeleteOriginal {
		return
	}
	m := &Message{Channel: t.channel, TS: s.newTSLocked(), ThreadTS: resp.ThreadTS, Text: resp.Text,
		Blocks: resp.Blocks, User: s.cfg.botUserID}
	if resp.ResponseType != "in_channel" {
		m.Ephemeral, m.Recipient = true, t.user
	}
	s.addMessageLocked(m)
}

// Responses returns the POSTs to the response_url with id, in order.
func (s *Server) Responses(id string) []Response {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Response(nil), s.responses.byID[id]...)
}

// ResponsesForUser returns the POSTs to every response_url issued for an
// envelope from user, in order.
func (s *Server) ResponsesForUser(user string) []Response {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Response(nil), s.responses.byUser[user]...)
}

// WaitResponses returns the responses to id once there are at least n.
func (s *Server) WaitResponses(ctx context.Context, id string, n int) ([]Response, error) {
	var got []Response
	err := s.Wait(ctx, func(s *Server) bool { got = s.Responses(id); return len(got) >= n })
	if err != nil {
		return got, fmt.Errorf("slackemu: wait for %d responses to %s (have %d): %w", n, id, len(got), err)
	}
	return got, nil
}

// WaitResponsesForUser returns the responses for user once there are at
// least n, whatever response_url they used.
func (s *Server) WaitResponsesForUser(ctx context.Context, user string, n int) ([]Response, error) {
	var got []Response
	err := s.Wait(ctx, func(s *Server) bool { got = s.ResponsesForUser(user); return len(got) >= n })
	if err != nil {
		return got, fmt.Errorf("slackemu: wait for %d responses for %s (have %d): %w", n, user, len(got), err)
	}
	return got, nil
}
