package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"ctocoach/slackemu"
	"ctocoach/store"
)

// redisProc is a redis-server of the test's own, on a free port, with an
// append-only file fsynced on every write (what a deployment that promises
// "nothing acknowledged is lost" runs), so that kill -9 keeps what it acked.
type redisProc struct {
	port int
	dir  string
	cmd  *exec.Cmd
}

// mustStartRedis starts redis-server, skipping loudly when it is missing.
func mustStartRedis(tb testing.TB) *redisProc {
	tb.Helper()
	if _, err := exec.LookPath("redis-server"); err != nil {
		tb.Skip("SKIPPED: redis-server is not installed; the Redis fault suite needs it (CI installs it)")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	r := &redisProc{port: port, dir: tb.TempDir()}
	r.start(tb)
	tb.Cleanup(func() {
		if r.cmd != nil && r.cmd.Process != nil {
			_ = r.cmd.Process.Signal(syscall.SIGCONT)
			_ = r.cmd.Process.Kill()
			_ = r.cmd.Wait()
		}
	})
	return r
}

func (r *redisProc) url() string { return fmt.Sprintf("redis://127.0.0.1:%d/0", r.port) }

// start runs redis-server (again, on the same port and files) and waits
// until it accepts connections.
func (r *redisProc) start(tb testing.TB) {
	tb.Helper()
	r.cmd = exec.Command("redis-server", "--port", fmt.Sprint(r.port), "--bind", "127.0.0.1",
		"--dir", r.dir, "--save", "", "--appendonly", "yes", "--appendfsync", "always")
	if err := r.cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	MustEventually(tb, 10*time.Second, "redis-server accepting on its port", func() bool {
		c, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", r.port))
		if err == nil {
			c.Close()
		}
		return err == nil
	})
}

// kill9 kills redis-server as kill -9 does.
func (r *redisProc) kill9(tb testing.TB) {
	tb.Helper()
	_ = r.cmd.Process.Kill()
	_ = r.cmd.Wait()
}

func (r *redisProc) signal(tb testing.TB, sig syscall.Signal) {
	tb.Helper()
	if err := r.cmd.Process.Signal(sig); err != nil {
		tb.Fatal(err)
	}
}

// flowCount is one flow's counts in one phase: delivered (stored, or
// answered), told (the user was told it failed), lost (acknowledged and
// missing, or neither stored nor told), duplicated (stored twice).
type flowCount struct {
	sent, delivered, told, toldLate, lost, duplicated int
	latencies                                         []time.Duration
}

func (f flowCount) String() string {
	return fmt.Sprintf("sent %d, delivered %d, told %d, lost %d, duplicated %d, p99 %v",
		f.sent, f.delivered, f.told, f.lost, f.duplicated, percentile(f.latencies, 99).Round(time.Millisecond))
}

// cardTry is one add-card submission and how it was acknowledged.
type cardTry struct {
	user, text  string
	acked, slow bool // acked as added; answered "still saving"
	latency     time.Duration
}

// voteTry is one vote press and its answer.
type voteTry struct {
	user          string
	counted, told bool // answered "Vote counted"; answered "Redis is unreachable"
	latency       time.Duration
}

// TestE2EFaultRedisKilledAndHung runs the real bot (Main, production client
// options and Web API pacing) against the emulator and a redis-server of its
// own, and lets retro cards, votes and questions flow in five phases: Redis
// healthy; Redis killed with SIGKILL; after it is restarted on the same port
// and files; Redis hung with SIGSTOP for 10 s; after SIGCONT. Cards go to a
// board in its add phase (#team), votes to another board in its vote phase
// (#vote) on cards stored before any fault. Every card or vote acknowledged
// must be stored exactly once and still be there after each recovery; every
// other one must have been told (an errors answer in the modal, a DM saying
// it was not saved, an "unreachable" answer to the vote); every question is
// answered; after each recovery new cards are stored again (waited for by
// condition) and the whole phase is delivered.
func TestE2EFaultRedisKilledAndHung(t *testing.T) {
	// Parallel: its own emulator and redis-server process; its time is
	// spent waiting on a killed, then stopped, Redis, not on the CPU.
	t.Parallel()
	waitBound(t)
	if testing.Short() {
		t.Skip("fault suite: a real redis-server killed and stopped (about 40 s)")
	}
	rp := mustStartRedis(t)
	ctx := context.Background()
	st, err := store.Open(ctx, rp.url(), discardLogger())
	if err != nil {
		t.Fatal(err)
	}
	emu := MustNewEmulator(t)
	const perPhase = 12
	phases := []struct {
		name       string
		fault      func()
		hold       time.Duration // how long the fault lasts (a fault's duration, not a synchronisation)
		heal       func()
		recovering bool // the phase right after a heal
	}{
		{name: "healthy"},
		{name: "kill -9", fault: func() { rp.kill9(t) }, heal: func() { rp.start(t) }},
		{name: "after restart", recovering: true},
		{name: "SIGSTOP 10 s", fault: func() { rp.signal(t, syscall.SIGSTOP) }, hold: 10 * time.Second, heal: func() { rp.signal(t, syscall.SIGCONT) }},
		{name: "after SIGCONT", recovering: true},
	}
	members := []string{"UALICE", "UBRUNO", "UCLARA"}
	for i := range len(phases) * perPhase {
		u := fmt.Sprintf("UF%02d", i)
		emu.AddUser(slackemu.User{ID: u, Name: fmt.Sprintf("dev%d", i), Locale: "en-US", TZ: "UTC"})
		members = append(members, u)
	}
	emu.AddChannel(slackemu.Channel{ID: "CVOTE", Name: "vote", Members: members})
	MustRunMain(t, emu, func(m *Main) { m.Store = st })

	// #vote: three cards stored before any fault, then the vote phase.
	voteBoard, voteIDs := mustOpenVotingBoard(t, emu, "CVOTE")
	voteBoardID := retroElements(t, voteBoard.Blocks)[voteIDs[0]]
	// #team: a board taking cards.
	if a := retroCommand(t, emu, "UALICE", "start sailboat"); !strings.Contains(a, "is open") {
		t.Fatalf("/retro start = %q", a)
	}
	retroBoard(t, emu, "CTEAM", "the board", func(s string) bool { return strings.Contains(s, "Sailboat") })

	ackedCards := map[string]bool{} // every card acknowledged as added, all phases
	ackedVotes := map[string]bool{} // every voter whose vote was acknowledged as counted
	// checkAcked fails the test for anything acknowledged that is missing
	// or stored twice.
	checkAcked := func(when string) {
		t.Helper()
		b, err := st.OpenBoard(ctx, emu.TeamID(), "CTEAM")
		if err != nil {
			t.Fatalf("%s: board: %v", when, err)
		}
		count := map[string]int{}
		for _, c := range b.Cards {
			count[c.Text]++
		}
		for text := range ackedCards {
			if count[text] != 1 {
				t.Errorf("%s: card %q acknowledged as added is stored %d times", when, text, count[text])
			}
		}
		for u := range ackedVotes {
			if n, err := st.VotesUsed(ctx, emu.TeamID(), voteBoardID, u); err != nil || n != 1 {
				t.Errorf("%s: vote of %s acknowledged as counted: %d counted (%v)", when, u, n, err)
			}
		}
	}

	for pi, ph := range phases {
		users := make([]string, perPhase)
		for i := range users {
			users[i] = fmt.Sprintf("UF%02d", pi*perPhase+i)
		}
		probe := 0
		if ph.recovering {
			// The flow recovers: a new card is stored again (pressed again
			// until it is, as a user would), within a deadline.
			MustEventually(t, 30*time.Second, ph.name+": a new card stored again", func() bool {
				probe++
				if got, _ := pressAddCard(t, emu, users[0]); got != pressModal {
					return false
				}
				text := fmt.Sprintf("%s probe %d", ph.name, probe)
				res := <-emu.SendAsync(emu.ViewSubmission(users[0], "retro.add_card", "", retroCardValues("wind", text, false)))
				if res.Err != nil || strings.Contains(string(res.Ack.Payload), `"errors"`) {
					return false
				}
				ackedCards[text] = true
				return true
			})
			users = users[1:]
		}
		busyPresses := 0
		for _, u := range users {
			busyPresses += openAddCardModal(t, emu, "CTEAM", ph.name, u)
		}
		if ph.fault != nil {
			ph.fault()
		}
		faultAt := time.Now()
		cardRes := make([]<-chan slackemu.AckResult, len(users))
		cardStart := make([]time.Time, len(users))
		voteRes := make([]chan voteTry, len(users))
		var qs []<-chan slackemu.AckResult
		for i, u := range users {
			text := fmt.Sprintf("%s card %d", ph.name, i)
			cardStart[i] = time.Now()
			cardRes[i] = emu.SendAsync(emu.ViewSubmission(u, "retro.add_card", "", retroCardValues("wind", text, false)))
			voteRes[i] = pressVote(emu, u, voteBoard, voteIDs[i%len(voteIDs)])
			qs = append(qs, emu.SendAsync(emu.SlashCommand(u, "CTEAM", "/cto", "how do I delegate")))
		}
		var cards, votes, questions flowCount
		tries := make([]cardTry, len(users))
		for i, u := range users {
			tries[i] = cardTry{user: u, text: fmt.Sprintf("%s card %d", ph.name, i)}
			res := <-cardRes[i]
			cards.sent++
			if res.Err != nil {
				t.Errorf("%s: submission of %s not acked: %v", ph.name, u, res.Err)
				continue
			}
			tries[i].latency = res.Ack.Latency
			tries[i].acked = !strings.Contains(string(res.Ack.Payload), `"errors"`)
			tries[i].slow = strings.Contains(string(res.Ack.Payload), "Still saving")
			cards.latencies = append(cards.latencies, res.Ack.Latency)
		}
		for _, q := range qs {
			questions.sent++
			if res := <-q; res.Err == nil {
				questions.delivered++ // answered in the ack or by response_url
				questions.latencies = append(questions.latencies, res.Ack.Latency)
			} else {
				questions.lost++
			}
		}
		if ph.hold > 0 {
			time.Sleep(time.Until(faultAt.Add(ph.hold)))
		}
		if ph.heal != nil {
			ph.heal()
			MustEventually(t, 30*time.Second, ph.name+": Redis reachable again through the bot's store", func() bool {
				c, cancel := context.WithTimeout(ctx, time.Second)
				defer cancel()
				return st.Ping(c) == nil
			})
		}
		vts := make([]voteTry, len(users))
		for i := range users {
			vts[i] = <-voteRes[i]
			votes.sent++
			votes.latencies = append(votes.latencies, vts[i].latency)
		}
		// A submission answered "still saving" is then told how it ended, by DM.
		for _, c := range tries {
			if !c.slow {
				continue
			}
			MustEventually(t, 30*time.Second, c.user+" told by DM how the card ended", func() bool {
				for _, msg := range emu.Messages(c.user) {
					if strings.Contains(msg.Text, "Saved after all") || strings.Contains(msg.Text, "not* saved") {
						return true
					}
				}
				return false
			})
		}
		b, err := st.OpenBoard(ctx, emu.TeamID(), "CTEAM")
		if err != nil {
			t.Fatalf("%s: board after the phase: %v", ph.name, err)
		}
		count := map[string]int{}
		for _, c := range b.Cards {
			count[c.Text]++
		}
		for _, c := range tries {
			n := count[c.text]
			switch {
			case n > 1:
				cards.duplicated++
			case c.acked && n == 1:
				cards.delivered++
				ackedCards[c.text] = true
			case c.acked:
				cards.lost++
				t.Errorf("%s: card %q acknowledged as added but not stored", ph.name, c.text)
			default:
				cards.told++
				if c.slow {
					cards.toldLate++
				}
				if lateSaved(emu, c.user) && n == 0 {
					t.Errorf("%s: %s was told 'saved after all' but the card is not stored", ph.name, c.user)
				}
			}
		}
		for _, v := range vts {
			n, err := st.VotesUsed(ctx, emu.TeamID(), voteBoardID, v.user)
			if err != nil {
				t.Fatalf("%s: votes used: %v", ph.name, err)
			}
			switch {
			case n > 1:
				votes.duplicated++
				t.Errorf("%s: one press by %s counted %d votes", ph.name, v.user, n)
			case v.counted && n == 1:
				votes.delivered++
				ackedVotes[v.user] = true
			case v.counted:
				votes.lost++
				t.Errorf("%s: vote of %s answered 'counted' but not counted", ph.name, v.user)
			case v.told:
				votes.told++
			case n == 1:
				votes.delivered++ // counted, though no answer came: the board shows it
				t.Errorf("%s: vote of %s counted but never answered", ph.name, v.user)
			default:
				votes.lost++
				t.Errorf("%s: vote of %s neither counted nor answered", ph.name, v.user)
			}
		}
		if cards.duplicated > 0 {
			t.Errorf("%s: %d cards stored twice", ph.name, cards.duplicated)
		}
		if questions.delivered != questions.sent {
			t.Errorf("%s: %d of %d questions answered", ph.name, questions.delivered, questions.sent)
		}
		if ph.fault == nil && (cards.delivered != cards.sent || votes.delivered != votes.sent) {
			t.Errorf("%s (no fault): cards delivered %d of %d, votes %d of %d, want all", ph.name, cards.delivered, cards.sent, votes.delivered, votes.sent)
		}
		checkAcked(ph.name)
		t.Logf("FIGURES %s: cards %v (told by DM after 'still saving' %d); votes %v; questions %v; presses until a new card was stored %d; presses told 'Slack is busy' before a modal opened %d",
			ph.name, cards, cards.toldLate, votes, questions, probe, busyPresses)
	}
}

// openAddCardModal presses "Add a card" on channel's board as user until
// the modal opens, as a user told "Slack is busy, press again" does, and
// returns how many presses were told so. Under the race detector with GOMAXPROCS=1 and other bots
// running beside this test, a views.open can miss the trigger's 2.5 s
// budget (CI's run of 7d298dd and a rerun here both saw one such press,
// after SIGCONT); the bot then tells the user, which is its promise. A press
// answered neither way, or five busy answers in a row, fails the test.
func openAddCardModal(t *testing.T, emu *slackemu.Server, channel, phase, user string) int {
	t.Helper()
	for busy := 0; busy < 5; busy++ {
		switch got, took := pressAddCardIn(t, emu, channel, user); got {
		case pressModal:
			return busy
		case pressLost:
			t.Fatalf("%s: %s pressed Add a card and got neither a modal nor an answer in %v", phase, user, took.Round(time.Millisecond))
		}
	}
	t.Fatalf("%s: %s told 'Slack is busy' on 5 presses in a row", phase, user)
	return 0
}

// mustOpenVotingBoard starts a retro in channel, stores three cards and
// moves it to its vote phase; it returns the board message and the cards'
// vote buttons.
func mustOpenVotingBoard(t *testing.T, emu *slackemu.Server, channel string) (slackemu.Message, []string) {
	t.Helper()
	env := emu.SlashCommand("UALICE", channel, "/retro", "start sailboat")
	MustSend(t, emu, env)
	board := retroBoard(t, emu, channel, "the voting board", func(s string) bool { return strings.Contains(s, "Sailboat") })
	for i, u := range []string{"UALICE", "UBRUNO", "UCLARA"} {
		openAddCardModal(t, emu, channel, "voting board", u)
		ack := MustSend(t, emu, emu.ViewSubmission(u, "retro.add_card", "", retroCardValues("wind", fmt.Sprintf("vote on me %d", i), false)))
		if strings.Contains(string(ack.Payload), "errors") {
			t.Fatalf("card refused: %s", ack.Payload)
		}
	}
	board = retroBoard(t, emu, channel, "three cards", func(s string) bool { return retroCardCount(s) == 3 })
	retroClick(t, emu, "UALICE", board, "retro.reveal")
	board = retroBoard(t, emu, channel, "revealed cards", func(s string) bool { return strings.Contains(s, "vote on me 2") })
	retroClick(t, emu, "UALICE", board, "retro.start_vote")
	board = retroBoard(t, emu, channel, "the vote phase", func(s string) bool { return strings.Contains(s, "retro.vote:") })
	var ids []string
	for i := range 3 {
		ids = append(ids, retroCardButton(t, board.Blocks, fmt.Sprintf("vote on me %d", i)))
	}
	return board, ids
}

// pressVote presses a vote button as user and reports, on the channel, the
// answer the press got on its response_url (within 30 s) and how long it
// took.
func pressVote(emu *slackemu.Server, user string, board slackemu.Message, voteID string) chan voteTry {
	out := make(chan voteTry, 1)
	value := ""
	var bs []struct {
		Accessory *struct {
			ActionID string `json:"action_id"`
			Value    string `json:"value"`
		} `json:"accessory"`
	}
	if json.Unmarshal(board.Blocks, &bs) == nil {
		for _, b := range bs {
			if b.Accessory != nil && b.Accessory.ActionID == voteID {
				value = b.Accessory.Value
			}
		}
	}
	env := emu.BlockAction(user, "", &board, voteID, value)
	start := time.Now()
	acked := emu.SendAsync(env)
	go func() {
		v := voteTry{user: user}
		if res := <-acked; res.Err == nil {
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			if rs, err := emu.WaitResponses(ctx, env.ResponseID, 1); err == nil {
				v.counted = strings.Contains(rs[0].Text, "Vote counted")
				v.told = strings.Contains(rs[0].Text, "unreachable")
			}
		}
		v.latency = time.Since(start)
		out <- v
	}()
	return out
}

// lateSaved reports whether user got the "saved after all" DM.
func lateSaved(emu *slackemu.Server, user string) bool {
	for _, msg := range emu.Messages(user) {
		if strings.Contains(msg.Text, "Saved after all") {
			return true
		}
	}
	return false
}
