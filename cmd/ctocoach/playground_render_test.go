package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ctocoach/playground/blockkit"
	"ctocoach/slackemu"
)

// mustStartPlayground starts the whole playground on a free loopback port.
func mustStartPlayground(t *testing.T) *runningPlayground {
	t.Helper()
	raceGate(t)
	logs := &syncBuffer{}
	pg, err := startPlayground(context.Background(), "127.0.0.1:0", slog.New(slog.NewTextHandler(logs, nil)))
	if err != nil {
		t.Fatalf("start playground: %v", err)
	}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("playground logs:\n%s", logs.String())
		}
	})
	t.Cleanup(func() { _ = pg.Close() })
	return pg
}

// pgPost calls the page's JSON API and returns the decoded answer.
func pgPost(t *testing.T, pg *runningPlayground, path string, body any) map[string]any {
	t.Helper()
	b, _ := json.Marshal(body)
	resp, err := http.Post("http://"+pg.Addr+path, "application/json", bytes.NewReader(b))
	if err != nil {
		t.Fatalf("POST %s: %v", path, err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var out map[string]any
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatalf("POST %s: %s: %v", path, raw, err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("POST %s %s = %d %s", path, b, resp.StatusCode, raw)
	}
	return out
}

// pgWait waits for cond on the emulator.
func pgWait(t *testing.T, pg *runningPlayground, what string, cond func(*slackemu.Server) bool) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	defer cancel()
	if err := pg.Emu.Wait(ctx, cond); err != nil {
		t.Fatalf("waiting for %s: %v", what, err)
	}
}

// payload is one Block Kit payload the bot sent: blocks of a message, or a
// whole view.
type payload struct {
	Name string          `json:"name"`
	Kind string          `json:"kind"` // "blocks" or "view"
	JSON json.RawMessage `json:"json"`
}

// botPayloads collects every blocks array and view the bot sent: Web API
// calls, acks (slash command answers, response_action views) and
// response_url posts.
func botPayloads(emu *slackemu.Server) []payload {
	var out []payload
	add := func(name, kind, raw string) {
		if raw != "" && raw != "null" && raw != "[]" {
			out = append(out, payload{Name: name, Kind: kind, JSON: json.RawMessage(raw)})
		}
	}
	for i, c := range emu.Calls("") {
		name := fmt.Sprintf("%03d-%s", i, c.Method)
		add(name, "blocks", c.Params["blocks"])
		add(name, "view", c.Params["view"])
	}
	for i, a := range emu.Acks() {
		var p struct {
			Blocks json.RawMessage `json:"blocks"`
			View   json.RawMessage `json:"view"`
		}
		if json.Unmarshal(a.Payload, &p) == nil {
			name := fmt.Sprintf("ack-%03d-%s", i, a.Type)
			add(name, "blocks", string(p.Blocks))
			add(name, "view", string(p.View))
		}
	}
	for _, u := range []string{"UCAMILLE", "UALEX", "ULEA", "USAM"} {
		for i, r := range emu.ResponsesForUser(u) {
			add(fmt.Sprintf("respond-%s-%03d", u, i), "blocks", string(r.Blocks))
		}
	}
	return out
}

// TestPlaygroundRendersEveryBotPayload drives most of the app through the
// page's API, then renders every payload the bot sent with the page's Block
// Kit renderer: none may need an "unsupported" placeholder, and the
// emulator (which checks Block Kit's limits) refused none of them.
// PLAYGROUND_CAPTURE=dir also writes them there (the blockkit tests' data).
func TestPlaygroundRendersEveryBotPayload(t *testing.T) {
	t.Parallel()
	pg := mustStartPlayground(t)
	emu := pg.Emu
	send := func(user, conv, text string) {
		pgPost(t, pg, "/api/send", map[string]string{"user": user, "conv": conv, "text": text})
	}
	for _, text := range []string{"/cto help", "/cto topics", "/cto delegation", "/cto je me sens seul", "/cto standards", "/cto contacts", "/cto checkup"} {
		send("UALEX", "DUALEX", text)
		send("UCAMILLE", "DUCAMILLE", text)
		pgPost(t, pg, "/api/close", map[string]any{"user": "UALEX", "all": true})
		pgPost(t, pg, "/api/close", map[string]any{"user": "UCAMILLE", "all": true})
	}
	send("UALEX", "CRETRO", "/retro formats")
	send("UALEX", "CRETRO", "/retro start sailboat")
	pgWait(t, pg, "the board", func(s *slackemu.Server) bool { _, ok := retroBoardMessage(s, "CRETRO"); return ok })
	click := func(user, actionID string) {
		t.Helper()
		var board slackemu.Message
		pgWait(t, pg, "the board with "+actionID, func(s *slackemu.Server) bool {
			board, _ = retroBoardMessage(s, "CRETRO")
			_, ok := retroElements(t, board.Blocks)[actionID]
			return ok
		})
		pgPost(t, pg, "/api/action", map[string]any{"user": user, "conv": "CRETRO", "ts": board.TS, "action_id": actionID, "value": retroElements(t, board.Blocks)[actionID]})
	}
	click("UALEX", "retro.add_card")
	pgWait(t, pg, "the add-card modal", func(s *slackemu.Server) bool { return len(s.Views("UALEX")) == 1 })
	pgPost(t, pg, "/api/submit", map[string]any{"user": "UALEX", "callback_id": "retro.add_card", "values": retroCardValues("anchor", "CI takes 40 minutes", false)})
	click("UALEX", "retro.reveal")
	click("UALEX", "retro.start_vote")
	click("UALEX", "retro.add_action")
	pgWait(t, pg, "the add-action modal", func(s *slackemu.Server) bool { return len(s.Views("UALEX")) == 1 })
	pgPost(t, pg, "/api/close", map[string]any{"user": "UALEX", "all": true})
	click("UALEX", "retro.close")
	var promote string
	pgWait(t, pg, "the closed board", func(s *slackemu.Server) bool {
		board, _ := retroBoardMessage(s, "CRETRO")
		for id := range retroElements(t, board.Blocks) {
			if strings.HasPrefix(id, "retro.promote_card:") {
				promote = id
			}
		}
		return promote != ""
	})
	click("UALEX", promote)
	pgWait(t, pg, "the promote modal", func(s *slackemu.Server) bool { return len(s.Views("UALEX")) == 1 })
	pgPost(t, pg, "/api/submit", map[string]any{"user": "UALEX", "callback_id": "retro.promote", "values": map[string]map[string]slackemu.Value{
		"source": {"source": slackemu.SelectValue("card:" + strings.TrimPrefix(promote, "retro.promote_card:"))},
		"title":  {"title": slackemu.TextValue("Keep CI under ten minutes")},
	}})
	send("UALEX", "CRETRO", "/cto standards")
	pgWait(t, pg, "the standards with their menu", func(s *slackemu.Server) bool {
		for _, m := range s.Ephemerals("UALEX") {
			if strings.Contains(string(m.Blocks), `"overflow"`) {
				return true
			}
		}
		return false
	})
	pgPost(t, pg, "/api/shortcut", map[string]any{"user": "USAM", "kind": "global"})
	pgWait(t, pg, "the ask modal", func(s *slackemu.Server) bool { return len(s.Views("USAM")) == 1 })
	pgPost(t, pg, "/api/submit", map[string]any{"user": "USAM", "callback_id": "ask_coach", "values": map[string]any{"question": map[string]any{"text": map[string]string{"type": "plain_text_input", "value": "delegation"}}}})
	for _, u := range []string{"UCAMILLE", "UALEX", "ULEA"} {
		pgPost(t, pg, "/api/home", map[string]string{"user": u})
	}
	pgPost(t, pg, "/api/advance", map[string]string{"by": "168h"})
	pgWait(t, pg, "a nudge", func(s *slackemu.Server) bool { return len(routineNudgesTo(s, "UCAMILLE")) > 0 })

	payloads := botPayloads(emu)
	if len(payloads) < 20 {
		t.Fatalf("only %d payloads captured", len(payloads))
	}
	r := blockkit.Renderer{Dir: blockkit.Directory{Users: map[string]string{}, Channels: map[string]string{}}}
	kinds := map[string]bool{}
	for _, p := range payloads {
		var res blockkit.Result
		var err error
		if p.Kind == "view" {
			var v blockkit.View
			v, err = r.View(p.JSON)
			res = v.Result
		} else {
			res, err = r.Blocks(p.JSON, blockkit.SurfaceMessage)
		}
		if err != nil {
			t.Errorf("%s: %v", p.Name, err)
			continue
		}
		if len(res.Unsupported) > 0 {
			t.Errorf("%s: unsupported %v in %s", p.Name, res.Unsupported, p.JSON)
		}
		for _, typ := range []string{"static_select", "overflow", "datepicker", "timepicker", "checkboxes", "users_select", "confirm", "header", "context", "input"} {
			if strings.Contains(string(p.JSON), `"`+typ+`"`) {
				kinds[typ] = true
			}
		}
	}
	for _, c := range emu.Calls("") {
		if c.Error != "" && c.Error != "ratelimited" {
			t.Errorf("the emulator refused %s: %s", c.Method, c.Error)
		}
	}
	t.Logf("rendered %d payloads; element kinds seen: %v", len(payloads), kinds)
	for _, want := range []string{"static_select", "overflow", "datepicker", "timepicker", "checkboxes", "users_select", "confirm", "input"} {
		if !kinds[want] {
			t.Errorf("no payload had a %s: the flows above no longer cover it", want)
		}
	}
	if dir := os.Getenv("PLAYGROUND_CAPTURE"); dir != "" {
		if !filepath.IsAbs(dir) {
			dir = filepath.Join("..", "..", dir)
		}
		b, _ := json.MarshalIndent(payloads, "", " ")
		if err := os.WriteFile(filepath.Join(dir, "payloads.json"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestPlaygroundAdvanceDeliversNudgesOnTime advances the clock a week:
// every seeded routine fires at its own time (none dropped as late), and a
// second advance does not send them twice.
func TestPlaygroundAdvanceDeliversNudgesOnTime(t *testing.T) {
	t.Parallel()
	pg := mustStartPlayground(t)
	start := pg.Clock.Now()
	pgPost(t, pg, "/api/advance", map[string]string{"by": "168h"})
	if got := pg.Clock.Now().Sub(start); got < 168*time.Hour || got > 169*time.Hour {
		t.Errorf("clock moved %v, want a week", got)
	}
	// Camille: weekly coffee + weekly review; Alex: coffee + leadership
	// check-in. Each fires once in any week, and the advance returns only
	// once they are delivered.
	for _, u := range []string{"UCAMILLE", "UALEX"} {
		if n := len(routineNudgesTo(pg.Emu, u)); n != 2 {
			t.Errorf("%s has %d nudges once the week is over, want 2", u, n)
		}
	}
	if n := len(routineNudgesTo(pg.Emu, "ULEA")); n != 0 {
		t.Errorf("Léa (no routines) got %d nudges", n)
	}
	// One more second sends nothing again (nothing is due in it but a
	// repeat).
	pgPost(t, pg, "/api/advance", map[string]string{"by": "1s"})
	if n := len(routineNudgesTo(pg.Emu, "UCAMILLE")); n != 2 {
		t.Errorf("after one more second Camille has %d nudges, want still 2", n)
	}
}

func TestPlaygroundListensOnLoopbackOnly(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		addr   string
		remote bool
		ok     bool
	}{
		{"127.0.0.1:8088", false, true}, {"[::1]:8088", false, true}, {"localhost:8088", false, true},
		{"0.0.0.0:8088", false, false}, {":8088", false, false}, {"192.168.1.4:8088", false, false},
		{"0.0.0.0:8088", true, true}, {"nonsense", false, false},
	} {
		if err := checkLoopback(tt.addr, tt.remote); (err == nil) != tt.ok {
			t.Errorf("checkLoopback(%q, %v) = %v, want ok=%v", tt.addr, tt.remote, err, tt.ok)
		}
	}
	var out, errb bytes.Buffer
	if code := run([]string{"playground", "--addr", "0.0.0.0:0"}, &out, &errb); code != 2 || !strings.Contains(errb.String(), "loopback") {
		t.Errorf("playground on 0.0.0.0 = %d %q, want 2 and a loopback refusal", code, errb.String())
	}
}

// TestPlaygroundEphemeralsAreShownToTheirPersonOnly: an answer to /cto in
// #team is in Alex's view of #team and not in Camille's.
func TestPlaygroundEphemeralsAreShownToTheirPersonOnly(t *testing.T) {
	t.Parallel()
	pg := mustStartPlayground(t)
	pgPost(t, pg, "/api/send", map[string]string{"user": "UALEX", "conv": "CTEAM", "text": "/cto delegation"})
	pgWait(t, pg, "Alex's answer", func(s *slackemu.Server) bool { return len(s.Ephemerals("UALEX")) > 0 })
	state := func(user string) string {
		resp, err := http.Get("http://" + pg.Addr + "/api/state?since=0&conv=CTEAM&user=" + user)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	if s := state("UALEX"); !strings.Contains(s, `"ephemeral":true`) || !strings.Contains(s, "advice.up") {
		t.Errorf("Alex does not see his answer: %.300s", s)
	}
	if s := state("UCAMILLE"); strings.Contains(s, "advice.up") || strings.Contains(s, `"ephemeral":true`) {
		t.Errorf("Camille sees Alex's ephemeral answer: %.300s", s)
	}
	// Nor may she read Alex's DM: asking for it gives her own.
	if s := state("UCAMILLE"); !strings.Contains(s, `"conv":"CTEAM"`) {
		t.Errorf("state for Camille in #team: %.200s", s)
	}
	resp, err := http.Get("http://" + pg.Addr + "/api/state?since=0&conv=DUALEX&user=UCAMILLE")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(b), `"conv":"DUCAMILLE"`) {
		t.Errorf("Camille asking for Alex's DM got %.200s, want her own DM", b)
	}
}

// TestPlaygroundAdvanceOpensARecurringRetro: a weekly retro scheduled with
// /retro schedule opens its board when the clock is advanced past it.
func TestPlaygroundAdvanceOpensARecurringRetro(t *testing.T) {
	t.Parallel()
	pg := mustStartPlayground(t)
	// A day whose board (opened the working day before) is still to come:
	// Tuesday to Friday, at least two days ahead in Alex's zone.
	ny, _ := time.LoadLocation("America/New_York")
	day := pg.Clock.Now().In(ny).AddDate(0, 0, 2)
	for day.Weekday() < time.Tuesday || day.Weekday() > time.Friday {
		day = day.AddDate(0, 0, 1)
	}
	pgPost(t, pg, "/api/send", map[string]string{"user": "UALEX", "conv": "CRETRO", "text": "/retro schedule weekly " + strings.ToLower(day.Weekday().String()[:3]) + " 16:00"})
	pgWait(t, pg, "the schedule's confirmation", func(s *slackemu.Server) bool {
		for _, m := range s.Ephemerals("UALEX") {
			if strings.Contains(m.Text, "16:00") {
				return true
			}
		}
		return false
	})
	if _, ok := retroBoardMessage(pg.Emu, "CRETRO"); ok {
		t.Fatal("a board is open before its time")
	}
	pgPost(t, pg, "/api/advance", map[string]string{"by": "168h"})
	pgWait(t, pg, "the scheduled board", func(s *slackemu.Server) bool { _, ok := retroBoardMessage(s, "CRETRO"); return ok })
}
