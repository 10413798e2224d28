package slackemu

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"time"
)

// apiRequest is one parsed Web API request.
type apiRequest struct {
	method string
	token  string
	params map[string]string
	body   []byte                     // raw JSON body, nil for forms
	fields map[string]json.RawMessage // top-level JSON fields, nil for forms
}

// str returns a parameter, "" when absent.
func (r *apiRequest) str(k string) string { return r.params[k] }

// has reports whether a parameter was sent.
func (r *apiRequest) has(k string) bool {
	_, ok := r.params[k]
	return ok
}

// raw returns a parameter as JSON: the JSON field itself for JSON bodies, the
// form value (which carries JSON text, e.g. blocks) otherwise.
func (r *apiRequest) raw(k string) json.RawMessage {
	if r.fields != nil {
		if v, ok := r.fields[k]; ok && !bytes.Equal(v, []byte("null")) {
			if len(v) > 0 && v[0] == '"' {
				var s string
				if json.Unmarshal(v, &s) == nil {
					return json.RawMessage(s)
				}
			}
			return v
		}
		return nil
	}
	if v, ok := r.params[k]; ok && v != "" {
		return json.RawMessage(v)
	}
	return nil
}

// reply is a successful answer; "ok": true is added when written.
type reply map[string]any

// apiError is a Slack error answer, with optional response_metadata.messages.
type apiError struct {
	code     string
	messages []string
}

func fail(code string, messages ...string) *apiError {
	return &apiError{code: code, messages: messages}
}

// apiHandler serves one Web API method.
type apiHandler func(s *Server, r *apiRequest) (reply, *apiError)

// apiMethods lists every method the emulator serves.
var apiMethods = map[string]apiHandler{
	"auth.test":             (*Server).authTest,
	"apps.connections.open": (*Server).appsConnectionsOpen,
	"users.info":            (*Server).usersInfo,
	"chat.postMessage":      (*Server).chatPostMessage,
	"chat.postEphemeral":    (*Server).chatPostEphemeral,
	"chat.update":           (*Server).chatUpdate,
	"chat.delete":           (*Server).chatDelete,
	"views.open":            (*Server).viewsOpen,
	"views.push":            (*Server).viewsPush,
	"views.update":          (*Server).viewsUpdate,
	"views.publish":         (*Server).viewsPublish,
	"conversations.members": (*Server).conversationsMembers,
	"conversations.info":    (*Server).conversationsInfo,
	"conversations.open":    (*Server).conversationsOpen,
	"conversations.history": (*Server).conversationsHistory,
	"reactions.add":         (*Server).reactionsAdd,
}

// serveAPI answers /api/<method>.
func (s *Server) serveAPI(w http.ResponseWriter, hr *http.Request) {
	method := strings.TrimPrefix(hr.URL.Path, "/api/")
	call := Call{Method: method, At: s.now()}
	req, perr := parseAPIRequest(method, hr)
	call.Token, call.Params, call.Body = req.token, req.params, req.body

	s.settle.RLock()
	defer s.settle.RUnlock()
	status, errCode := s.answer(w, req, perr, call.At)
	call.Status, call.Error = status, errCode
	s.recordCall(call)
}

// answer runs faults, rate limits, auth and the handler, writes the response
// and returns the status and Slack error code.
func (s *Server) answer(w http.ResponseWriter, req *apiRequest, perr *apiError, at time.Time) (int, string) {
	if f, ok := s.takeFault(req.method); ok {
		return writeFault(w, f)
	}
	if wait, limited := s.takeToken(req, at); limited {
		return writeRateLimited(w, wait)
	}
	if perr != nil {
		return writeAPI(w, nil, perr)
	}
	if e := s.checkToken(req); e != nil {
		return writeAPI(w, nil, e)
	}
	h, ok := apiMethods[req.method]
	if !ok {
		return writeAPI(w, nil, fail("unknown_method"))
	}
	rep, e := h(s, req)
	return writeAPI(w, rep, e)
}

// parseAPIRequest reads the token and parameters from a form, query or JSON body.
func parseAPIRequest(method string, hr *http.Request) (*apiRequest, *apiError) {
	req := &apiRequest{method: method, params: map[string]string{}}
	for k, v := range hr.URL.Query() {
		req.params[k] = v[0]
	}
	var perr *apiError
	if strings.HasPrefix(hr.Header.Get("Content-Type"), "application/json") {
		body, err := io.ReadAll(hr.Body)
		if err != nil {
			return req, fail("invalid_form_data")
		}
		req.body = body
		req.fields = map[string]json.RawMessage{}
		if len(bytes.TrimSpace(body)) > 0 && !bytes.Equal(bytes.TrimSpace(body), []byte("null")) {
			if err := json.Unmarshal(body, &req.fields); err != nil {
				perr = fail("invalid_json")
			}
		}
		for k, v := range req.fields {
			var str string
			if json.Unmarshal(v, &str) == nil {
				req.params[k] = str
			} else {
				req.params[k] = string(v)
			}
		}
	} else if err := hr.ParseForm(); err != nil {
		perr = fail("invalid_form_data")
	} else {
		for k, v := range hr.PostForm {
			req.params[k] = v[0]
		}
	}
	req.token = req.params["token"]
	delete(req.params, "token")
	if bearer, ok := strings.CutPrefix(hr.Header.Get("Authorization"), "Bearer "); ok {
		req.token = bearer
	}
	return req, perr
}

// checkToken applies Slack's token rules: present, of the right type, and
// equal to the configured token when WithTokens was used.
func (s *Server) checkToken(r *apiRequest) *apiError {
	if r.token == "" {
		return fail("not_authed")
	}
	wantApp := r.method == "apps.connections.open"
	isApp := strings.HasPrefix(r.token, "xapp-")
	if wantApp != isApp {
		return fail("not_allowed_token_type")
	}
	want := s.cfg.botToken
	if wantApp {
		want = s.cfg.appToken
	}
	if want != "" && r.token != want {
		return fail("invalid_auth")
	}
	return nil
}

// writeAPI writes a JSON answer with HTTP 200, like Slack does for API errors.
func writeAPI(w http.ResponseWriter, rep reply, e *apiError) (int, string) {
	body := map[string]any{"ok": true}
	code := ""
	if e != nil {
		code = e.code
		body = map[string]any{"ok": false, "error": e.code}
		if len(e.messages) > 0 {
			body["response_metadata"] = map[string]any{"messages": e.messages}
		}
	} else {
		for k, v := range rep {
			body[k] = v
		}
	}
	writeJSON(w, http.StatusOK, body)
	return http.StatusOK, code
}

// writeJSON writes v as a JSON response.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
