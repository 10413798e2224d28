package main

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"

	retrobot "ctocoach/bot/retro"
	"ctocoach/slackemu"
)

// The retro load tests: 50 people add 500 cards over 30 s, the product's own
// target, through what a person does — press "Add a card" on the board (a
// block action with a trigger id), get the modal from views.open, submit it.
// They run MustRunMain's production configuration (bot.DefaultLimits, the
// shipped retry policy) against the emulator with Slack's published tiers
// (views.* 100/min, chat.update 50/min, per workspace) on. No press may be
// lost: it either gets its modal and its card stored, or the user is told at
// once that Slack is busy and to press again. The previous load test
// submitted the modals directly, skipping views.open: it passed while the
// shipped pacing gave a modal to 142 presses of 500.

const (
	loadPeople = 50
	loadCards  = 500
	loadSpread = 30 * time.Second
)

// loadSetup starts the emulator with Slack's tiers, 50 members in CTEAM,
// the bot with its production configuration, and an open board.
func loadSetup(t *testing.T) (*slackemu.Server, *Main, []string) {
	emu := MustNewEmulator(t, slackemu.SlackTiers())
	var users []string
	for i := range loadPeople {
		id := fmt.Sprintf("ULOAD%03d", i)
		emu.AddUser(slackemu.User{ID: id, Name: fmt.Sprint("load", i), Locale: "en-US", TZ: "UTC"})
		users = append(users, id)
	}
	emu.AddChannel(slackemu.Channel{ID: "CTEAM", Name: "team", Members: append([]string{"UALICE", "UBRUNO", "UCLARA"}, users...)})
	m := MustRunMain(t, emu)
	retroCommand(t, emu, "UALICE", "start")
	retroBoard(t, emu, "CTEAM", "the board", func(s string) bool { return retroCardCount(s) == 0 })
	return emu, m, users
}

// pressOutcome is what one press of "Add a card" gave its user.
type pressOutcome int

const (
	pressModal pressOutcome = iota // the modal opened
	pressTold                      // the user was told Slack is busy
	pressLost                      // neither, within the test's wait
)

// pressAddCard presses "Add a card" on #team's board as user and waits for
// the modal or for the busy answer on the press's response_url.
func pressAddCard(tb testing.TB, emu *slackemu.Server, user string) (pressOutcome, time.Duration) {
	return pressAddCardIn(tb, emu, "CTEAM", user)
}

// pressAddCardIn is pressAddCard on the board of channel.
func pressAddCardIn(tb testing.TB, emu *slackemu.Server, channel, user string) (pressOutcome, time.Duration) {
	board, _ := retroBoardMessage(emu, channel)
	env := emu.BlockAction(user, "", &board, "retro.add_card", retroElements(tb, board.Blocks)["retro.add_card"])
	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	defer cancel()
	if _, err := emu.Send(ctx, env); err != nil {
		return pressLost, time.Since(start)
	}
	out := pressLost
	_ = emu.Wait(ctx, func(s *slackemu.Server) bool {
		if v := s.Views(user); len(v) > 0 && v[len(v)-1].CallbackID == "retro.add_card" {
			out = pressModal
			return true
		}
		for _, r := range s.Responses(env.ResponseID) {
			if (strings.Contains(r.Text, "Slack is busy") || strings.Contains(r.Text, "Slack est surchargé")) && r.ResponseType != "in_channel" {
				out = pressTold
				return true
			}
		}
		return false
	})
	return out, time.Since(start)
}

// loadPace waits until the start of slot i of n slots spread over d: it
// shapes the load (a press every 60 ms); no assertion waits on it.
func loadPace(start time.Time, i, n int, d time.Duration) {
	if wait := time.Until(start.Add(time.Duration(i) * d / time.Duration(n))); wait > 0 {
		time.Sleep(wait)
	}
}

// storedCardTexts counts the cards of #team's open board by text.
func storedCardTexts(t *testing.T, emu *slackemu.Server, m *Main) map[string]int {
	t.Helper()
	rb, err := m.Store.OpenBoard(context.Background(), emu.TeamID(), "CTEAM")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, c := range rb.Cards {
		got[c.Text]++
	}
	return got
}

// loadCheckStored checks that exactly want (text -> true) cards are stored
// and that the final board shows them, with chat.update inside its budget
// and no 429 on it.
func loadCheckStored(t *testing.T, emu *slackemu.Server, m *Main, want map[string]bool, start time.Time) {
	t.Helper()
	retroBoard(t, emu, "CTEAM", fmt.Sprintf("the board with %d cards", len(want)), func(s string) bool { return retroCardCount(s) == len(want) })
	shown := time.Since(start)
	got := storedCardTexts(t, emu, m)
	for text, n := range got {
		if !want[text] {
			t.Errorf("stored a card nobody submitted: %q", text)
		}
		if n > 1 {
			t.Errorf("card %q stored %d times", text, n)
		}
	}
	for text := range want {
		if got[text] == 0 {
			t.Errorf("card %q acknowledged but not stored", text)
		}
	}
	updates := len(emu.Calls("chat.update"))
	limit := min(1+int(shown.Seconds()/retrobot.DefaultBoardInterval.Seconds()),
		retrobot.DefaultBoardUpdateBurst+int(shown.Minutes()*retrobot.DefaultBoardUpdatesPerMinute)+1)
	if updates > limit {
		t.Errorf("chat.update calls = %d in %v, want at most %d", updates, shown, limit)
	}
	if n := emu.RateLimited("chat.update"); n != 0 {
		t.Errorf("chat.update answered 429 %d times", n)
	}
}

// TestE2ERetroLoad500CardsOneModalEach: every card is its own press of "Add
// a card" (500 views.open in 30 s, over Slack's 100/min): each press gets a
// modal whose card is stored, or an immediate "Slack is busy, press again".
func TestE2ERetroLoad500CardsOneModalEach(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("load test")
	}
	emu, m, users := loadSetup(t)
	zones := []string{"wind", "anchor", "rocks", "island"}
	var mu sync.Mutex
	counts := map[pressOutcome]int{}
	var latencies []time.Duration
	stored := map[string]bool{}
	start := time.Now()
	var wg sync.WaitGroup
	for u, user := range users {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range loadCards / loadPeople {
				i := k*loadPeople + u
				loadPace(start, i, loadCards, loadSpread)
				out, took := pressAddCard(t, emu, user)
				text := fmt.Sprintf("card %d from %s", i, user)
				if out == pressModal {
					ack, err := emu.Send(context.Background(), emu.ViewSubmission(user, "retro.add_card", "", retroCardValues(zones[i%4], text, i%3 == 0)))
					if err != nil || strings.Contains(string(ack.Payload), "errors") {
						t.Errorf("submission %d: %v %s", i, err, ack.Payload)
						out = pressLost
					}
				}
				mu.Lock()
				counts[out]++
				latencies = append(latencies, took)
				if out == pressModal {
					stored[text] = true
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if counts[pressLost] != 0 {
		t.Errorf("%d presses got neither a modal nor an answer", counts[pressLost])
	}
	if counts[pressModal]+counts[pressTold] != loadCards {
		t.Errorf("modal %d + told %d != %d presses", counts[pressModal], counts[pressTold], loadCards)
	}
	// Slack's tier lets 100 views.open through at once and 100/min after:
	// over 30 s at least the burst must get through (the old 100/min
	// self-imposed bucket plus 3 s triggers gave 142 of 500 and lost the rest).
	if counts[pressModal] < 100 {
		t.Errorf("modals opened = %d, want at least Slack's burst of 100", counts[pressModal])
	}
	loadCheckStored(t, emu, m, stored, start)
	t.Logf("500 presses by 50 people over %v: modal %d, told busy %d, lost %d; press→modal/answer p50 %v p99 %v; views.open calls %d, 429 %d; BoardUpdates sent %.0f",
		loadSpread, counts[pressModal], counts[pressTold], counts[pressLost], percentile(latencies, 50), percentile(latencies, 99),
		len(emu.Calls("views.open")), emu.RateLimited("views.open"), testutil.ToFloat64(m.Metrics.BoardUpdates.WithLabelValues("sent")))
}

// TestE2ERetroLoad500CardsAddAnother: each person presses "Add a card" once
// and writes ten cards in the same modal with "Add and write another"
// ticked (each submission answers response_action update with a fresh
// form): 50 views.open, inside Slack's tier, and all 500 cards stored.
func TestE2ERetroLoad500CardsAddAnother(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("load test")
	}
	emu, m, users := loadSetup(t)
	zones := []string{"wind", "anchor", "rocks", "island"}
	var mu sync.Mutex
	stored := map[string]bool{}
	told, presses := 0, 0
	start := time.Now()
	var wg sync.WaitGroup
	for u, user := range users {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// A person told "Slack is busy" presses again, as told.
			for {
				out, _ := pressAddCard(t, emu, user)
				mu.Lock()
				presses++
				if out == pressTold {
					told++
				}
				mu.Unlock()
				if out == pressModal {
					break
				}
				if out == pressLost {
					t.Errorf("%s: a press got neither a modal nor an answer", user)
					return
				}
			}
			for k := range loadCards / loadPeople {
				i := k*loadPeople + u
				loadPace(start, i, loadCards, loadSpread)
				text := fmt.Sprintf("card %d from %s", i, user)
				values := retroCardValues(zones[i%4], text, i%3 == 0)
				last := k == loadCards/loadPeople-1
				if !last {
					values["more"] = map[string]slackemu.Value{"more": slackemu.CheckboxesValue("more")}
				}
				ack, err := emu.Send(context.Background(), emu.ViewSubmission(user, "retro.add_card", "", values))
				if err != nil || strings.Contains(string(ack.Payload), "errors") {
					t.Errorf("submission %d: %v %s", i, err, ack.Payload)
					return
				}
				if !last && (!strings.Contains(string(ack.Payload), `"update"`) || !strings.Contains(string(ack.Payload), "Card added")) {
					t.Errorf("submission %d with 'Add and write another': ack %s, want response_action update with a confirmation", i, ack.Payload)
					return
				}
				mu.Lock()
				stored[text] = true
				mu.Unlock()
			}
			if v := emu.Views(user); len(v) != 0 {
				t.Errorf("%s: the modal is still open after the last card without 'another'", user)
			}
		}()
	}
	wg.Wait()
	if len(stored) != loadCards {
		t.Errorf("cards acknowledged = %d, want %d", len(stored), loadCards)
	}
	loadCheckStored(t, emu, m, stored, start)
	t.Logf("500 cards by 50 people over %v with 'Add and write another': presses %d (told busy %d), views.open calls %d, 429 %d, cards stored %d",
		loadSpread, presses, told, len(emu.Calls("views.open")), emu.RateLimited("views.open"), len(stored))
}

// percentile is the p-th percentile of ds (nearest rank).
func percentile(ds []time.Duration, p int) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	i := (p*len(s) + 99) / 100
	return s[max(i-1, 0)]
}
