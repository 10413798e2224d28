package playground

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"time"

	"ctocoach/slackemu"
)

// commands are the slash commands the app declares (slack/manifest.yaml).
var commands = map[string]bool{"/cto": true, "/retro": true}

// sendRequest is the composer's content.
type sendRequest struct {
	User string `json:"user"`
	Conv string `json:"conv"`
	Text string `json:"text"`
	// Thread, when set, is the ts of the thread the message replies to.
	Thread string `json:"thread"`
}

// serveSend runs a slash command, or posts a message (or a thread reply)
// as the person.
func (s *Server) serveSend(w http.ResponseWriter, r *http.Request) {
	var req sendRequest
	if !readJSON(w, r, &req) {
		return
	}
	if _, ok := person(req.User); !ok || !s.canSee(req.User, req.Conv) || req.Conv == "home" {
		s.fail(w, http.StatusBadRequest, "send", errors.New("unknown person or conversation"))
		return
	}
	text := strings.TrimSpace(req.Text)
	if text == "" {
		writeJSON(w, http.StatusOK, map[string]string{})
		return
	}
	if req.Thread != "" {
		if _, ok := s.o.Emu.Message(req.Conv, req.Thread); !ok {
			s.fail(w, http.StatusNotFound, "reply", fmt.Errorf("no thread %s in %s", req.Thread, req.Conv))
			return
		}
		if strings.HasPrefix(text, "/") {
			writeJSON(w, http.StatusOK, map[string]string{"error": "slash commands do not run in threads (as in Slack): use the main composer"})
			return
		}
		s.o.Emu.PostAsUserInThread(req.User, req.Conv, req.Thread, s.slackText(text))
		writeJSON(w, http.StatusOK, map[string]string{})
		return
	}
	if strings.HasPrefix(text, "/") {
		cmd, args, _ := strings.Cut(text, " ")
		if !commands[cmd] {
			writeJSON(w, http.StatusOK, map[string]string{"error": cmd + " is not a command here: try /cto or /retro"})
			return
		}
		s.deliver(w, r, cmd, s.o.Emu.SlashCommand(req.User, req.Conv, cmd, s.slackText(strings.TrimSpace(args))))
		return
	}
	s.o.Emu.PostAsUser(req.User, req.Conv, s.slackText(text))
	writeJSON(w, http.StatusOK, map[string]string{})
}

var mentionRe = regexp.MustCompile(`(^|\s)([@#])([\p{L}\p{N}._-]+)`)

// slackText turns what a person typed into what Slack sends: &, < and >
// escaped, and @handle / #channel turned into <@U…|handle> and <#C…|name>
// (the commands are declared with should_escape).
func (s *Server) slackText(t string) string {
	t = slackemu.EscapeText(t)
	return mentionRe.ReplaceAllStringFunc(t, func(m string) string {
		sub := mentionRe.FindStringSubmatch(m)
		lead, sigil, name := sub[1], sub[2], sub[3]
		if sigil == "@" {
			for _, p := range People {
				if strings.EqualFold(p.Name, name) {
					return lead + "<@" + p.ID + "|" + p.Name + ">"
				}
			}
			return m
		}
		for _, c := range Channels {
			if strings.EqualFold(c.Name, name) {
				return lead + "<#" + c.ID + "|" + c.Name + ">"
			}
		}
		return m
	})
}

// actionRequest is a click or a change on an interactive element.
type actionRequest struct {
	User      string `json:"user"`
	Conv      string `json:"conv"`
	TS        string `json:"ts"`
	Ephemeral bool   `json:"ephemeral"`
	ViewID    string `json:"view_id"`
	ActionID  string `json:"action_id"`
	Value     string `json:"value"`
}

// serveAction sends the block_actions payload of an element in a message
// (conv and ts) or in a view (view_id).
func (s *Server) serveAction(w http.ResponseWriter, r *http.Request) {
	var req actionRequest
	if !readJSON(w, r, &req) {
		return
	}
	if !s.knownPerson(w, req.User, "action") {
		return
	}
	var env slackemu.Envelope
	if req.ViewID != "" {
		env = s.o.Emu.BlockActionInView(req.User, req.ViewID, req.ActionID, req.Value)
	} else {
		msg, ok := s.findMessage(req.User, req.Conv, req.TS, req.Ephemeral)
		if !ok || !s.canSee(req.User, req.Conv) {
			s.fail(w, http.StatusNotFound, "action", fmt.Errorf("no message %s in %s", req.TS, req.Conv))
			return
		}
		env = s.o.Emu.BlockAction(req.User, req.Conv, &msg, req.ActionID, req.Value)
	}
	s.deliver(w, r, "action", env)
}

// knownPerson answers 400 and reports false when user is not one of the
// playground's people.
func (s *Server) knownPerson(w http.ResponseWriter, user, op string) bool {
	if _, ok := person(user); !ok {
		s.fail(w, http.StatusBadRequest, op, errUnknownPerson)
		return false
	}
	return true
}

// deliver sends env to the app and answers {} once it is acknowledged, or
// 502 when it is not.
func (s *Server) deliver(w http.ResponseWriter, r *http.Request, op string, env slackemu.Envelope) {
	if _, err := s.send(r.Context(), env); err != nil {
		s.fail(w, http.StatusBadGateway, op, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{})
}

// findMessage finds a channel message, or one of user's ephemerals.
func (s *Server) findMessage(user, conv, ts string, ephemeral bool) (slackemu.Message, bool) {
	if !ephemeral {
		return s.o.Emu.Message(conv, ts)
	}
	for _, m := range s.o.Emu.Ephemerals(user) {
		if m.TS == ts {
			return m, true
		}
	}
	return slackemu.Message{}, false
}

// submitRequest is a modal's submission: block_id → action_id → value.
type submitRequest struct {
	User     string                               `json:"user"`
	Callback string                               `json:"callback_id"`
	Values   map[string]map[string]slackemu.Value `json:"values"`
}

// serveSubmit sends a view_submission and returns the errors of a
// response_action "errors" ack, block_id → message.
func (s *Server) serveSubmit(w http.ResponseWriter, r *http.Request) {
	var req submitRequest
	if !readJSON(w, r, &req) {
		return
	}
	if !s.knownPerson(w, req.User, "submit") {
		return
	}
	ack, err := s.send(r.Context(), s.o.Emu.ViewSubmission(req.User, req.Callback, "", req.Values))
	if err != nil {
		s.fail(w, http.StatusBadGateway, "submit", err)
		return
	}
	var body struct {
		ResponseAction string            `json:"response_action"`
		Errors         map[string]string `json:"errors"`
	}
	_ = json.Unmarshal(ack.Payload, &body)
	if body.ResponseAction == "errors" {
		writeJSON(w, http.StatusOK, map[string]any{"errors": body.Errors})
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{})
}

// serveClose closes the person's top modal, or all of them.
func (s *Server) serveClose(w http.ResponseWriter, r *http.Request) {
	var req struct {
		User string `json:"user"`
		All  bool   `json:"all"`
	}
	if !readJSON(w, r, &req) {
		return
	}
	s.o.Emu.CloseView(req.User, req.All)
	writeJSON(w, http.StatusOK, map[string]string{})
}

// Shortcut callback ids, as slack/manifest.yaml declares them.
const (
	globalShortcut  = "ask_coach"
	messageShortcut = "add_to_retro"
)

// serveShortcut runs the global shortcut, or the message shortcut on a
// message (conv and ts).
func (s *Server) serveShortcut(w http.ResponseWriter, r *http.Request) {
	var req struct {
		User string `json:"user"`
		Kind string `json:"kind"`
		Conv string `json:"conv"`
		TS   string `json:"ts"`
	}
	if !readJSON(w, r, &req) {
		return
	}
	if !s.knownPerson(w, req.User, "shortcut") {
		return
	}
	var env slackemu.Envelope
	switch req.Kind {
	case "global":
		env = s.o.Emu.GlobalShortcut(req.User, globalShortcut)
	case "message":
		msg, ok := s.o.Emu.Message(req.Conv, req.TS)
		if !ok || !s.canSee(req.User, req.Conv) {
			s.fail(w, http.StatusNotFound, "shortcut", fmt.Errorf("no message %s in %s", req.TS, req.Conv))
			return
		}
		env = s.o.Emu.MessageShortcut(req.User, req.Conv, msg, messageShortcut)
	default:
		s.fail(w, http.StatusBadRequest, "shortcut", fmt.Errorf("unknown kind %q", req.Kind))
		return
	}
	s.deliver(w, r, "shortcut", env)
}

// serveHome sends app_home_opened for the person.
func (s *Server) serveHome(w http.ResponseWriter, r *http.Request) {
	var req struct {
		User string `json:"user"`
	}
	if !readJSON(w, r, &req) {
		return
	}
	if !s.knownPerson(w, req.User, "home") {
		return
	}
	s.deliver(w, r, "home", s.o.Emu.AppHomeOpened(req.User))
}

// maxAdvance bounds one advance (a step beyond a month is a typo).
const maxAdvance = 31 * 24 * time.Hour

// serveAdvance moves the clock forward by ?by (a Go duration: 1h, 24h, 168h).
func (s *Server) serveAdvance(w http.ResponseWriter, r *http.Request) {
	var req struct {
		By string `json:"by"`
	}
	if !readJSON(w, r, &req) {
		return
	}
	d, err := time.ParseDuration(req.By)
	if err != nil || d <= 0 || d > maxAdvance {
		s.fail(w, http.StatusBadRequest, "advance", fmt.Errorf("by must be a duration between 1s and 744h, got %q", req.By))
		return
	}
	s.advanceMu.Lock()
	defer s.advanceMu.Unlock()
	if s.o.Advance != nil {
		err = s.o.Advance(r.Context(), d)
	} else {
		s.o.Clock.AdvanceTo(s.o.Clock.Now().Add(d))
	}
	s.changes.bump()
	if err != nil {
		s.fail(w, http.StatusInternalServerError, "advance", err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"now": s.o.Clock.Now().UTC().Format(time.RFC3339)})
}
