package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"ctocoach/retro"
)

// Retro boards live in a handful of keys per board, so that concurrent
// writers never rewrite each other's data:
//
//	retro:board:<id>          hash  core (JSON: format, creator, number…), phase, fac, ts, closed, budget, lang, seq, aseq
//	retro:board:<id>:cards    hash  card id → card JSON (no author field at all for anonymous cards)
//	retro:board:<id>:votes    hash  card id → vote total
//	retro:board:<id>:used     hash  "u:<user>" → votes used, "c:<user>:<card>" → that user's votes on the card
//	retro:board:<id>:actions  hash  action id → action JSON
//	retro:board:<id>:prev     hash  action id → carried-over action JSON
//	retro:board:<id>:promoted hash  source ("card:<id>", "action:<id>") → standard JSON
//	retro:board:<id>:render   hash  v (changes so far), r (last change rendered in Slack)
//	retro:board:<id>:lock     string  the replica updating the board message (PX)
//	retro:chan:<c>:open|last|seq  the channel's open board, last board, board counter
//	retro:once:<token>        string  a modal submission already applied (TTL)
//	retro:owner:<user>        set     "<board> <action>" of the actions the user owns
//	retro:rate:update         string  workspace pacing of chat.update (GCRA)
//
// Adds, votes and phase changes are Lua scripts that check the phase and
// write in one step; edits compare-and-swap the stored JSON. Nothing keyed
// or stored here names the author of an anonymous card: the card JSON has no
// author, card ids come from a counter, and submissions are de-duplicated by
// view id, not by user.

// BoardRetention is how long a closed board's keys are kept.
const BoardRetention = 180 * 24 * time.Hour

// onceTTL is how long a modal submission is remembered.
const onceTTL = 24 * time.Hour

// Errors of the board store (retro's sentinel errors are returned too,
// wrapped, when a rule refuses an operation).
var (
	// ErrBoardOpen: the channel already has an open board (the domain's
	// retro.ErrBoardOpen, which the board service sees).
	ErrBoardOpen = retro.ErrBoardOpen
	// ErrConflict: the record changed under a compare-and-swap too often.
	ErrConflict = errors.New("changed concurrently; try again")
	// ErrDuplicate: the submission (a view id) was already applied.
	ErrDuplicate = errors.New("already applied")
)

// RetroBoard is a board as stored: the domain board plus the language its
// channel message is written in (the domain's retro.ChannelBoard).
type RetroBoard = retro.ChannelBoard

// boardCore is the part of a board that never changes after creation.
type boardCore struct {
	ID        string       `json:"id"`
	TeamID    string       `json:"team_id"`
	ChannelID string       `json:"channel_id"`
	Format    retro.Format `json:"format"`
	CreatedBy string       `json:"created_by"`
	CreatedAt time.Time    `json:"created_at"`
	Number    int          `json:"number"`
}

// storedCard is a card in the cards hash; its id is the hash field. Author
// is empty, and so absent from the JSON, for an anonymous card.
type storedCard struct {
	Zone      string    `json:"zone"`
	Text      string    `json:"text"`
	Author    string    `json:"author,omitempty"`
	CreatedAt time.Time `json:"created_at"`
}

func (s *Store) boardKey(team, id string, parts ...string) string {
	return s.Key(team, append([]string{"retro", "board", id}, parts...)...)
}

func (s *Store) chanKey(team, channel, part string) string {
	return s.Key(team, "retro", "chan", channel, part)
}

func (s *Store) onceKey(team, token string) string { return s.Key(team, "retro", "once", token) }

// boardKeys are every key of one board, for expiry.
func (s *Store) boardKeys(team, id string) []string {
	keys := []string{s.boardKey(team, id)}
	for _, p := range []string{"cards", "votes", "used", "actions", "prev", "promoted", "render"} {
		keys = append(keys, s.boardKey(team, id, p))
	}
	return keys
}

// NextBoardID reserves the channel's next board number and returns the
// board id built from it ("<channel>-<n>").
func (s *Store) NextBoardID(ctx context.Context, team, channel string) (string, int, error) {
	n, err := s.rdb.Incr(ctx, s.chanKey(team, channel, "seq")).Result()
	if err != nil {
		return "", 0, fmt.Errorf("store: next board number in %s: %w", channel, err)
	}
	return fmt.Sprintf("%s-%d", channel, n), int(n), nil
}

var createBoardScript = redis.NewScript(`
local cur = redis.call('GET', KEYS[1])
if cur then return cur end
redis.call('SET', KEYS[1], ARGV[1])
redis.call('HSET', KEYS[2], 'core', ARGV[2], 'phase', ARGV[3], 'fac', ARGV[4], 'budget', ARGV[5], 'lang', ARGV[6], 'seq', 0, 'aseq', 0)
redis.call('SET', KEYS[3], ARGV[1])
for i = 7, #ARGV, 2 do redis.call('HSET', KEYS[4], ARGV[i], ARGV[i+1]) end
return ''
`)

// CreateBoard stores a new board and makes it the channel's open board. It
// returns ErrBoardOpen (and the open board's id) when one is open already.
func (s *Store) CreateBoard(ctx context.Context, b RetroBoard) (string, error) {
	core, err := json.Marshal(boardCore{ID: b.ID, TeamID: b.TeamID, ChannelID: b.ChannelID, Format: b.Format,
		CreatedBy: b.CreatedBy, CreatedAt: b.CreatedAt, Number: b.Number})
	if err != nil {
		return "", fmt.Errorf("store: encode board %s: %w", b.ID, err)
	}
	args := []any{b.ID, core, string(b.Phase), b.Facilitator, b.VoteBudget, b.Lang}
	for _, a := range b.PreviousActions {
		raw, err := json.Marshal(a)
		if err != nil {
			return "", fmt.Errorf("store: encode carried action %s: %w", a.ID, err)
		}
		args = append(args, a.ID, raw)
	}
	keys := []string{s.chanKey(b.TeamID, b.ChannelID, "open"), s.boardKey(b.TeamID, b.ID),
		s.chanKey(b.TeamID, b.ChannelID, "last"), s.boardKey(b.TeamID, b.ID, "prev")}
	open, err := createBoardScript.Run(ctx, s.rdb, keys, args...).Text()
	if err != nil {
		return "", fmt.Errorf("store: create board %s: %w", b.ID, err)
	}
	if open != "" {
		return open, fmt.Errorf("store: create board %s in %s: board %s: %w", b.ID, b.ChannelID, open, ErrBoardOpen)
	}
	return b.ID, nil
}

var clearOpenScript = redis.NewScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 0
`)

// OpenBoard returns the channel's open board, or ErrNotFound. A pointer to a
// board that no longer exists is cleared.
func (s *Store) OpenBoard(ctx context.Context, team, channel string) (RetroBoard, error) {
	return s.channelBoard(ctx, team, channel, "open")
}

// LastBoard returns the channel's most recent board (open or closed), or
// ErrNotFound.
func (s *Store) LastBoard(ctx context.Context, team, channel string) (RetroBoard, error) {
	return s.channelBoard(ctx, team, channel, "last")
}

func (s *Store) channelBoard(ctx context.Context, team, channel, which string) (RetroBoard, error) {
	key := s.chanKey(team, channel, which)
	id, err := s.rdb.Get(ctx, key).Result()
	if errors.Is(err, redis.Nil) {
		return RetroBoard{}, fmt.Errorf("store: %s board of %s: %w", which, channel, ErrNotFound)
	}
	if err != nil {
		return RetroBoard{}, fmt.Errorf("store: %s board of %s: %w", which, channel, err)
	}
	b, err := s.Board(ctx, team, id)
	if errors.Is(err, ErrNotFound) {
		if cerr := clearOpenScript.Run(ctx, s.rdb, []string{key}, id).Err(); cerr != nil {
			s.log.Warn("cannot clear a dangling board pointer", "channel", channel, "board", id, "err", cerr)
		}
	}
	return b, err
}

// Board loads a whole board: cards in creation order with their vote
// totals, actions, carried-over actions and promoted standards.
func (s *Store) Board(ctx context.Context, team, id string) (RetroBoard, error) {
	var meta, cards, votes, actions, prev, promoted *redis.MapStringStringCmd
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		meta = p.HGetAll(ctx, s.boardKey(team, id))
		cards = p.HGetAll(ctx, s.boardKey(team, id, "cards"))
		votes = p.HGetAll(ctx, s.boardKey(team, id, "votes"))
		actions = p.HGetAll(ctx, s.boardKey(team, id, "actions"))
		prev = p.HGetAll(ctx, s.boardKey(team, id, "prev"))
		promoted = p.HGetAll(ctx, s.boardKey(team, id, "promoted"))
		return nil
	})
	if err != nil {
		return RetroBoard{}, fmt.Errorf("store: load board %s: %w", id, err)
	}
	b, err := decodeMeta(id, meta.Val())
	if err != nil {
		return RetroBoard{}, err
	}
	for cid, raw := range cards.Val() {
		var c storedCard
		if err := json.Unmarshal([]byte(raw), &c); err != nil {
			return RetroBoard{}, fmt.Errorf("store: decode card %s of board %s: %w", cid, id, err)
		}
		b.Cards = append(b.Cards, retro.Card{ID: cid, Zone: c.Zone, Text: c.Text, Author: c.Author, CreatedAt: c.CreatedAt})
	}
	slices.SortFunc(b.Cards, func(x, y retro.Card) int { return seqOf(x.ID) - seqOf(y.ID) })
	for cid, n := range votes.Val() {
		if v, _ := strconv.Atoi(n); v > 0 {
			b.Votes[cid] = v
		}
	}
	b.SyncVotes()
	if b.Actions, err = decodeActions(actions.Val()); err != nil {
		return RetroBoard{}, fmt.Errorf("store: board %s: %w", id, err)
	}
	if b.PreviousActions, err = decodeActions(prev.Val()); err != nil {
		return RetroBoard{}, fmt.Errorf("store: board %s: %w", id, err)
	}
	for src, raw := range promoted.Val() {
		var st retro.Standard
		if err := json.Unmarshal([]byte(raw), &st); err != nil {
			return RetroBoard{}, fmt.Errorf("store: decode standard from %s of board %s: %w", src, id, err)
		}
		b.Promoted = append(b.Promoted, st)
	}
	slices.SortFunc(b.Promoted, func(x, y retro.Standard) int {
		if c := x.CreatedAt.Compare(y.CreatedAt); c != 0 {
			return c
		}
		return strings.Compare(x.ID, y.ID)
	})
	return b, nil
}

// decodeMeta builds a board without cards from its meta hash.
func decodeMeta(id string, m map[string]string) (RetroBoard, error) {
	if len(m) == 0 || m["core"] == "" {
		return RetroBoard{}, fmt.Errorf("store: board %s: %w", id, ErrNotFound)
	}
	var core boardCore
	if err := json.Unmarshal([]byte(m["core"]), &core); err != nil {
		return RetroBoard{}, fmt.Errorf("store: decode board %s: %w", id, err)
	}
	phase := retro.Phase(m["phase"])
	if !phase.Valid() {
		return RetroBoard{}, fmt.Errorf("store: board %s phase %q: %w", id, m["phase"], retro.ErrBadBoard)
	}
	budget, _ := strconv.Atoi(m["budget"])
	b := RetroBoard{Lang: m["lang"], Board: retro.Board{
		ID: core.ID, TeamID: core.TeamID, ChannelID: core.ChannelID, Format: core.Format, Phase: phase,
		CreatedBy: core.CreatedBy, Facilitator: m["fac"], VoteBudget: budget, CreatedAt: core.CreatedAt,
		Cards: []retro.Card{}, Actions: []retro.Action{}, Votes: map[string]int{}, MessageTS: m["ts"],
		Number: core.Number,
	}}
	if c := m["closed"]; c != "" {
		t, err := time.Parse(time.RFC3339Nano, c)
		if err != nil {
			return RetroBoard{}, fmt.Errorf("store: board %s closed at %q: %w", id, c, err)
		}
		b.ClosedAt = t
	}
	return b, nil
}

// decodeActions decodes an actions hash, ordered by creation.
func decodeActions(m map[string]string) ([]retro.Action, error) {
	out := make([]retro.Action, 0, len(m))
	for aid, raw := range m {
		var a retro.Action
		if err := json.Unmarshal([]byte(raw), &a); err != nil {
			return nil, fmt.Errorf("decode action %s: %w", aid, err)
		}
		a.ID = aid
		out = append(out, a)
	}
	slices.SortFunc(out, func(x, y retro.Action) int {
		if c := x.CreatedAt.Compare(y.CreatedAt); c != 0 {
			return c
		}
		if c := seqOf(x.ID) - seqOf(y.ID); c != 0 {
			return c
		}
		return strings.Compare(x.ID, y.ID)
	})
	return out, nil
}

// seqOf is the counter at the end of an id ("c12" → 12, "C1-3.a7" → 7).
func seqOf(id string) int {
	i := len(id)
	for i > 0 && id[i-1] >= '0' && id[i-1] <= '9' {
		i--
	}
	n, _ := strconv.Atoi(id[i:])
	return n
}

// boardHead loads the board without its cards, votes and actions: enough
// to validate an add.
func (s *Store) boardHead(ctx context.Context, team, id string) (RetroBoard, error) {
	m, err := s.rdb.HGetAll(ctx, s.boardKey(team, id)).Result()
	if err != nil {
		return RetroBoard{}, fmt.Errorf("store: load board %s: %w", id, err)
	}
	return decodeMeta(id, m)
}

// scriptStatus turns a script's status reply into an error.
func scriptStatus(op string, reply []any) error {
	if len(reply) == 0 {
		return fmt.Errorf("%s: empty script reply", op)
	}
	status, _ := reply[0].(string)
	switch {
	case status == "ok":
		return nil
	case status == "nf":
		return fmt.Errorf("%s: %w", op, ErrNotFound)
	case status == "dup":
		return fmt.Errorf("%s: %w", op, ErrDuplicate)
	case status == "nocard":
		return fmt.Errorf("%s: %w", op, retro.ErrCardNotFound)
	case status == "conflict":
		return fmt.Errorf("%s: %w", op, ErrConflict)
	case status == "budget":
		return fmt.Errorf("%s: %w", op, retro.ErrVoteBudget)
	case status == "novote":
		return fmt.Errorf("%s: %w", op, retro.ErrNoVote)
	case strings.HasPrefix(status, "phase:"):
		if status == "phase:"+string(retro.PhaseClosed) {
			return fmt.Errorf("%s: %w", op, retro.ErrClosed)
		}
		return fmt.Errorf("%s in %s: %w", op, strings.TrimPrefix(status, "phase:"), retro.ErrWrongPhase)
	}
	return fmt.Errorf("%s: unexpected script reply %q", op, status)
}

// phaseGuard starts a script that needs KEYS[1]'s phase to be one of the
// comma-separated list in ARGV[n]: {'nf'} for no board, {'phase:<p>'} for
// another phase. The lists come from retro (phaseList), so the phase rules
// are written once, in retro/phase.go.
func phaseGuard(n int) string {
	return fmt.Sprintf(`
local phase = redis.call('HGET', KEYS[1], 'phase')
if not phase then return {'nf'} end
if not string.find(',' .. ARGV[%d] .. ',', ',' .. phase .. ',', 1, true) then return {'phase:' .. phase} end
`, n)
}

// phaseList is the comma-separated list of the phases where rule holds.
func phaseList(rule func(retro.Phase) bool) string {
	var b strings.Builder
	for i, p := range retro.PhasesWhere(rule) {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(string(p))
	}
	return b.String()
}

// The phase lists the scripts are given.
var (
	cardPhases       = phaseList(retro.Phase.AcceptsCards)
	cardChangePhases = phaseList(retro.Phase.AcceptsCardChanges)
	votePhases       = phaseList(retro.Phase.AcceptsVotes)
	actionPhases     = phaseList(retro.Phase.AcceptsActions)
)

// addCardScript: ARGV card JSON, once, once TTL ms, phases.
var addCardScript = redis.NewScript(phaseGuard(4) + `
if ARGV[2] ~= '' then
  if not redis.call('SET', KEYS[3], '1', 'NX', 'PX', ARGV[3]) then return {'dup'} end
end
local id = 'c' .. redis.call('HINCRBY', KEYS[1], 'seq', 1)
redis.call('HSET', KEYS[2], id, ARGV[1])
return {'ok', id}
`)

// AddCard validates in with retro's rules and appends the card in one
// atomic step that re-checks the phase. once, when not empty, names the
// submission (a view id): a second AddCard with the same once returns
// ErrDuplicate. An anonymous card is stored without any author.
func (s *Store) AddCard(ctx context.Context, team, boardID string, in retro.CardInput, once string, now time.Time) (retro.Card, error) {
	head, err := s.boardHead(ctx, team, boardID)
	if err != nil {
		return retro.Card{}, err
	}
	in.ID = "new"
	c, err := retro.NewCard(head.Board, in, now)
	if err != nil {
		return retro.Card{}, fmt.Errorf("store: add card to %s: %w", boardID, err)
	}
	raw, err := json.Marshal(storedCard{Zone: c.Zone, Text: c.Text, Author: c.Author, CreatedAt: c.CreatedAt})
	if err != nil {
		return retro.Card{}, fmt.Errorf("store: encode card for %s: %w", boardID, err)
	}
	onceKey := s.onceKey(team, "none")
	if once != "" {
		onceKey = s.onceKey(team, once)
	}
	keys := []string{s.boardKey(team, boardID), s.boardKey(team, boardID, "cards"), onceKey}
	reply, err := addCardScript.Run(ctx, s.rdb, keys, raw, once, onceTTL.Milliseconds(), cardPhases).Slice()
	if err != nil {
		return retro.Card{}, fmt.Errorf("store: add card to %s: %w", boardID, err)
	}
	if err := scriptStatus("store: add card to "+boardID, reply); err != nil {
		return retro.Card{}, err
	}
	c.ID, _ = reply[1].(string)
	return c, nil
}

// casScript replaces (or, with ARGV[3] empty, deletes) a hash field only if
// it still holds ARGV[2] and the board is in one of the phases of ARGV[4]
// (comma-separated; empty means any).
var casScript = redis.NewScript(`
local phase = redis.call('HGET', KEYS[2], 'phase')
if not phase then return {'nf'} end
if ARGV[4] ~= '' and not string.find(',' .. ARGV[4] .. ',', ',' .. phase .. ',', 1, true) then
  return {'phase:' .. phase}
end
local cur = redis.call('HGET', KEYS[1], ARGV[1])
if cur ~= ARGV[2] then return {'conflict'} end
if ARGV[3] == '' then redis.call('HDEL', KEYS[1], ARGV[1]) else redis.call('HSET', KEYS[1], ARGV[1], ARGV[3]) end
return {'ok'}
`)

// casRetries bounds compare-and-swap retries before ErrConflict.
const casRetries = 20

// updateField reads field of hash, lets fn compute the new value ("" to
// delete) and writes it if nothing changed meanwhile, retrying on
// conflict. A missing field gives fn "" and ok false.
func (s *Store) updateField(ctx context.Context, op, hash, meta, field, phases string, fn func(old string, ok bool) (string, error)) error {
	for range casRetries {
		old, err := s.rdb.HGet(ctx, hash, field).Result()
		ok := err == nil
		if err != nil && !errors.Is(err, redis.Nil) {
			return fmt.Errorf("%s: %w", op, err)
		}
		val, err := fn(old, ok)
		if err != nil {
			return err
		}
		oldArg := old
		if !ok {
			oldArg = "\x00missing"
		}
		reply, err := casScript.Run(ctx, s.rdb, []string{hash, meta}, field, oldArg, val, phases).Slice()
		if err != nil {
			return fmt.Errorf("%s: %w", op, err)
		}
		err = scriptStatus(op, reply)
		if !errors.Is(err, ErrConflict) {
			return err
		}
	}
	return fmt.Errorf("%s: %d tries: %w", op, casRetries, ErrConflict)
}

// changeCard applies retro's edit or delete rule to one card and stores the
// result while the board is still collecting.
func (s *Store) changeCard(ctx context.Context, team, boardID, cardID, op string, apply func(b *retro.Board) error) error {
	head, err := s.boardHead(ctx, team, boardID)
	if err != nil {
		return err
	}
	op = "store: " + op + " card " + cardID + " of " + boardID
	return s.updateField(ctx, op, s.boardKey(team, boardID, "cards"), s.boardKey(team, boardID), cardID,
		cardChangePhases, func(old string, ok bool) (string, error) {
			if !ok {
				return "", fmt.Errorf("%s: %w", op, retro.ErrCardNotFound)
			}
			var sc storedCard
			if err := json.Unmarshal([]byte(old), &sc); err != nil {
				return "", fmt.Errorf("%s: decode: %w", op, err)
			}
			b := head.Board
			b.Cards = []retro.Card{{ID: cardID, Zone: sc.Zone, Text: sc.Text, Author: sc.Author, CreatedAt: sc.CreatedAt}}
			if err := apply(&b); err != nil {
				return "", fmt.Errorf("%s: %w", op, err)
			}
			if len(b.Cards) == 0 {
				return "", nil
			}
			sc.Text = b.Cards[0].Text
			raw, err := json.Marshal(sc)
			return string(raw), err
		})
}

// EditCard replaces the text of userID's own named card while the board is
// collecting (retro.EditCard's rules).
func (s *Store) EditCard(ctx context.Context, team, boardID, cardID, userID, text string) error {
	return s.changeCard(ctx, team, boardID, cardID, "edit", func(b *retro.Board) error {
		return b.EditCard(cardID, userID, text)
	})
}

// DeleteCard removes userID's own named card while the board is collecting.
func (s *Store) DeleteCard(ctx context.Context, team, boardID, cardID, userID string) error {
	return s.changeCard(ctx, team, boardID, cardID, "delete", func(b *retro.Board) error {
		return b.DeleteCard(cardID, userID)
	})
}

// VoteResult is a voter's standing after a vote or an unvote.
type VoteResult struct {
	// Used is how many votes the voter has used on the board.
	Used int
	// Left is how many they have left.
	Left int
	// Mine is the voter's votes on this card; Total is everyone's.
	Mine, Total int
}

// voteScript: ARGV voter, card, delta, phases.
var voteScript = redis.NewScript(phaseGuard(4) + `
if redis.call('HEXISTS', KEYS[2], ARGV[2]) == 0 then return {'nocard'} end
local budget = tonumber(redis.call('HGET', KEYS[1], 'budget'))
local uf = 'u:' .. ARGV[1]
local cf = 'c:' .. ARGV[1] .. ':' .. ARGV[2]
local used = tonumber(redis.call('HGET', KEYS[4], uf) or '0')
local mine = tonumber(redis.call('HGET', KEYS[4], cf) or '0')
local delta = tonumber(ARGV[3])
if delta > 0 and used >= budget then return {'budget', used, budget} end
if delta < 0 and mine <= 0 then return {'novote', used, budget} end
used = redis.call('HINCRBY', KEYS[4], uf, delta)
mine = redis.call('HINCRBY', KEYS[4], cf, delta)
if mine == 0 then redis.call('HDEL', KEYS[4], cf) end
local total = redis.call('HINCRBY', KEYS[3], ARGV[2], delta)
return {'ok', used, budget, mine, total}
`)

// Vote puts one of userID's votes on the card, atomically checking the
// phase (vote), the card and the voter's budget: concurrent votes can never
// exceed it. Over budget gives retro.ErrVoteBudget.
func (s *Store) Vote(ctx context.Context, team, boardID, cardID, userID string) (VoteResult, error) {
	return s.vote(ctx, team, boardID, cardID, userID, 1)
}

// Unvote takes back one of userID's votes on the card (retro.ErrNoVote when
// they have none there).
func (s *Store) Unvote(ctx context.Context, team, boardID, cardID, userID string) (VoteResult, error) {
	return s.vote(ctx, team, boardID, cardID, userID, -1)
}

func (s *Store) vote(ctx context.Context, team, boardID, cardID, userID string, delta int) (VoteResult, error) {
	op := fmt.Sprintf("store: vote %+d on card %s of %s", delta, cardID, boardID)
	keys := []string{s.boardKey(team, boardID), s.boardKey(team, boardID, "cards"),
		s.boardKey(team, boardID, "votes"), s.boardKey(team, boardID, "used")}
	reply, err := voteScript.Run(ctx, s.rdb, keys, userID, cardID, delta, votePhases).Slice()
	if err != nil {
		return VoteResult{}, fmt.Errorf("%s: %w", op, err)
	}
	var r VoteResult
	if len(reply) >= 3 {
		used, budget := toInt(reply[1]), toInt(reply[2])
		r.Used, r.Left = used, max(0, budget-used)
	}
	if len(reply) >= 5 {
		r.Mine, r.Total = toInt(reply[3]), toInt(reply[4])
	}
	return r, scriptStatus(op, reply)
}

func toInt(v any) int {
	switch n := v.(type) {
	case int64:
		return int(n)
	case string:
		i, _ := strconv.Atoi(n)
		return i
	}
	return 0
}

// VotesUsed returns how many votes userID has used on the board.
func (s *Store) VotesUsed(ctx context.Context, team, boardID, userID string) (int, error) {
	n, err := s.rdb.HGet(ctx, s.boardKey(team, boardID, "used"), "u:"+userID).Int()
	if errors.Is(err, redis.Nil) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("store: votes used on %s: %w", boardID, err)
	}
	return n, nil
}

var phaseScript = redis.NewScript(`
local phase = redis.call('HGET', KEYS[1], 'phase')
if not phase then return {'nf'} end
if phase ~= ARGV[1] then return {'conflict', phase} end
redis.call('HSET', KEYS[1], 'phase', ARGV[2])
if ARGV[2] == ARGV[5] then
  redis.call('HSET', KEYS[1], 'closed', ARGV[3])
  if redis.call('GET', KEYS[2]) == ARGV[4] then redis.call('DEL', KEYS[2]) end
end
return {'ok'}
`)

// SetPhase moves the board from phase from to phase to, if it is still in
// from (ErrConflict otherwise). The caller checks the rules first
// (retro.Board.Advance). Closing frees the channel for a new board and
// starts the board's retention period.
func (s *Store) SetPhase(ctx context.Context, team, boardID string, from, to retro.Phase, now time.Time) error {
	head, err := s.boardHead(ctx, team, boardID)
	if err != nil {
		return err
	}
	op := fmt.Sprintf("store: board %s from %s to %s", boardID, from, to)
	keys := []string{s.boardKey(team, boardID), s.chanKey(team, head.ChannelID, "open")}
	reply, err := phaseScript.Run(ctx, s.rdb, keys, string(from), string(to), now.UTC().Format(time.RFC3339Nano), boardID, string(retro.PhaseClosed)).Slice()
	if err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	if err := scriptStatus(op, reply); err != nil {
		return err
	}
	if to == retro.PhaseClosed {
		_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
			for _, k := range s.boardKeys(team, boardID) {
				p.Expire(ctx, k, BoardRetention)
			}
			return nil
		})
		if err != nil {
			s.log.Warn("cannot set the retention of a closed board", "board", boardID, "err", err)
		}
	}
	return nil
}

// SetBoardMessage records the timestamp of the board's channel message.
func (s *Store) SetBoardMessage(ctx context.Context, team, boardID, ts string) error {
	if err := s.rdb.HSet(ctx, s.boardKey(team, boardID), "ts", ts).Err(); err != nil {
		return fmt.Errorf("store: board %s message: %w", boardID, err)
	}
	return nil
}

// SetFacilitator hands the board to newFac if its facilitator is still old.
func (s *Store) SetFacilitator(ctx context.Context, team, boardID, old, newFac string) error {
	op := "store: board " + boardID + " facilitator"
	meta := s.boardKey(team, boardID)
	return s.updateField(ctx, op, meta, meta, "fac", "", func(cur string, _ bool) (string, error) {
		if cur != old {
			return "", fmt.Errorf("%s: %w", op, ErrConflict)
		}
		return newFac, nil
	})
}

// addActionScript: ARGV action JSON, once, once TTL ms, id prefix, board id, phases.
var addActionScript = redis.NewScript(phaseGuard(6) + `
if ARGV[2] ~= '' then
  if not redis.call('SET', KEYS[3], '1', 'NX', 'PX', ARGV[3]) then return {'dup'} end
end
local id = ARGV[4] .. redis.call('HINCRBY', KEYS[1], 'aseq', 1)
redis.call('HSET', KEYS[2], id, ARGV[1])
redis.call('SADD', KEYS[4], ARGV[5] .. ' ' .. id)
return {'ok', id}
`)

// AddAction validates in with retro's rules (in.ID is assigned here:
// "<board>.a<n>", unique across the channel's boards) and stores the action
// while the board accepts actions. once de-duplicates like AddCard's.
func (s *Store) AddAction(ctx context.Context, team, boardID string, in retro.ActionInput, once string, now time.Time) (retro.Action, error) {
	head, err := s.boardHead(ctx, team, boardID)
	if err != nil {
		return retro.Action{}, err
	}
	b := head.Board
	if in.FromCard != "" {
		ok, err := s.rdb.HExists(ctx, s.boardKey(team, boardID, "cards"), in.FromCard).Result()
		if err != nil {
			return retro.Action{}, fmt.Errorf("store: add action to %s: %w", boardID, err)
		}
		if ok {
			b.Cards = []retro.Card{{ID: in.FromCard}}
		}
	}
	in.ID = "new"
	a, err := retro.NewAction(b, in, now)
	if err != nil {
		return retro.Action{}, fmt.Errorf("store: add action to %s: %w", boardID, err)
	}
	raw, err := json.Marshal(a)
	if err != nil {
		return retro.Action{}, fmt.Errorf("store: encode action for %s: %w", boardID, err)
	}
	onceKey := s.onceKey(team, "none")
	if once != "" {
		onceKey = s.onceKey(team, once)
	}
	keys := []string{s.boardKey(team, boardID), s.boardKey(team, boardID, "actions"), onceKey, s.ownerKey(team, a.Owner)}
	reply, err := addActionScript.Run(ctx, s.rdb, keys, raw, once, onceTTL.Milliseconds(), boardID+".a", boardID, actionPhases).Slice()
	if err != nil {
		return retro.Action{}, fmt.Errorf("store: add action to %s: %w", boardID, err)
	}
	if err := scriptStatus("store: add action to "+boardID, reply); err != nil {
		return retro.Action{}, err
	}
	a.ID, _ = reply[1].(string)
	return a, nil
}

// SetActionStatus marks an action of the board, or one it carried over,
// open or done, with retro's rules (the owner or a board manager). It
// returns the updated action.
func (s *Store) SetActionStatus(ctx context.Context, team, boardID, actionID string, status retro.ActionStatus, userID string, isAdmin bool, now time.Time) (retro.Action, error) {
	head, err := s.boardHead(ctx, team, boardID)
	if err != nil {
		return retro.Action{}, err
	}
	hash := s.boardKey(team, boardID, "actions")
	prev := false
	ok, err := s.rdb.HExists(ctx, hash, actionID).Result()
	if err != nil {
		return retro.Action{}, fmt.Errorf("store: set action %s: %w", actionID, err)
	}
	if !ok {
		hash, prev = s.boardKey(team, boardID, "prev"), true
	}
	op := "store: set action " + actionID + " of " + boardID
	var out retro.Action
	err = s.updateField(ctx, op, hash, s.boardKey(team, boardID), actionID, "", func(old string, ok bool) (string, error) {
		if !ok {
			return "", fmt.Errorf("%s: %w", op, retro.ErrActionNotFound)
		}
		var a retro.Action
		if err := json.Unmarshal([]byte(old), &a); err != nil {
			return "", fmt.Errorf("%s: decode: %w", op, err)
		}
		a.ID = actionID
		b := head.Board
		if prev {
			b.PreviousActions = []retro.Action{a}
		} else {
			b.Actions = []retro.Action{a}
		}
		if err := b.SetActionStatus(actionID, status, userID, isAdmin, now); err != nil {
			return "", fmt.Errorf("%s: %w", op, err)
		}
		if prev {
			out = b.PreviousActions[0]
		} else {
			out = b.Actions[0]
		}
		raw, err := json.Marshal(out)
		return string(raw), err
	})
	if err == nil && prev && out.BoardID != "" && out.BoardID != boardID {
		s.syncOrigin(ctx, team, out)
	}
	return out, err
}

// syncOrigin copies a carried-over action's status to the board it was
// agreed on, so the owner's list (ActionsOwnedBy) agrees. Best effort: the
// carried copy is what the next retro reads.
func (s *Store) syncOrigin(ctx context.Context, team string, a retro.Action) {
	op := "store: sync action " + a.ID + " on " + a.BoardID
	hash := s.boardKey(team, a.BoardID, "actions")
	err := s.updateField(ctx, op, hash, s.boardKey(team, a.BoardID), a.ID, "", func(old string, ok bool) (string, error) {
		if !ok {
			return "", fmt.Errorf("%s: %w", op, retro.ErrActionNotFound)
		}
		var o retro.Action
		if err := json.Unmarshal([]byte(old), &o); err != nil {
			return "", fmt.Errorf("%s: decode: %w", op, err)
		}
		o.Status, o.DoneAt = a.Status, a.DoneAt
		raw, err := json.Marshal(o)
		return string(raw), err
	})
	if err != nil && !errors.Is(err, ErrNotFound) && !errors.Is(err, retro.ErrActionNotFound) {
		s.log.Warn("cannot copy an action's status to its retro", "action", a.ID, "err", err)
	}
}

func (s *Store) ownerKey(team, user string) string { return s.Key(team, "retro", "owner", user) }

// ActionsOwnedBy returns the open actions user owns across the team's
// retros (for App Home), oldest first. References to boards that expired
// are dropped.
func (s *Store) ActionsOwnedBy(ctx context.Context, team, user string) ([]retro.Action, error) {
	key := s.ownerKey(team, user)
	refs, err := s.rdb.SMembers(ctx, key).Result()
	if err != nil {
		return nil, fmt.Errorf("store: actions of %s: %w", user, err)
	}
	cmds := make([]*redis.StringCmd, len(refs))
	_, err = s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, ref := range refs {
			board, id, _ := strings.Cut(ref, " ")
			cmds[i] = p.HGet(ctx, s.boardKey(team, board, "actions"), id)
		}
		return nil
	})
	if err != nil && !errors.Is(err, redis.Nil) {
		return nil, fmt.Errorf("store: actions of %s: %w", user, err)
	}
	var out []retro.Action
	var gone []any
	for i, c := range cmds {
		raw, err := c.Result()
		if errors.Is(err, redis.Nil) {
			gone = append(gone, refs[i])
			continue
		}
		var a retro.Action
		if err := json.Unmarshal([]byte(raw), &a); err != nil {
			return nil, fmt.Errorf("store: decode action %s: %w", refs[i], err)
		}
		_, a.ID, _ = strings.Cut(refs[i], " ")
		if a.Status != retro.ActionDone && a.Owner == user {
			out = append(out, a)
		}
	}
	if len(gone) > 0 {
		s.rdb.SRem(ctx, key, gone...)
	}
	slices.SortFunc(out, func(x, y retro.Action) int { return x.CreatedAt.Compare(y.CreatedAt) })
	return out, nil
}

var promoteScript = redis.NewScript(`
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 0 then return {'dup'} end
redis.call('HSET', KEYS[2], ARGV[3], ARGV[2])
return {'ok'}
`)

// Promote records std, promoted from source ("card:<id>" or
// "action:<id>") of the board, both on the board and in the team's book of
// standards, once per source (ErrDuplicate for a second promotion).
func (s *Store) Promote(ctx context.Context, team, boardID, source string, std retro.Standard) error {
	raw, err := json.Marshal(std)
	if err != nil {
		return fmt.Errorf("store: encode standard %s: %w", std.ID, err)
	}
	keys := []string{s.boardKey(team, boardID, "promoted"), s.standardsKey(team)}
	reply, err := promoteScript.Run(ctx, s.rdb, keys, source, raw, std.ID).Slice()
	if err != nil {
		return fmt.Errorf("store: promote %s of %s: %w", source, boardID, err)
	}
	return scriptStatus("store: promote "+source+" of "+boardID, reply)
}

// MarkBoardDirty records one more change of the board to show in Slack and
// returns the board's change count.
func (s *Store) MarkBoardDirty(ctx context.Context, team, boardID string) (int64, error) {
	v, err := s.rdb.HIncrBy(ctx, s.boardKey(team, boardID, "render"), "v", 1).Result()
	if err != nil {
		return 0, fmt.Errorf("store: mark board %s dirty: %w", boardID, err)
	}
	return v, nil
}

// BoardRender is how far a board's channel message is behind its state.
type BoardRender struct {
	// Version counts the board's changes; Rendered is the last one shown.
	Version, Rendered int64
	// At is when the message was last updated (zero if never).
	At time.Time
}

// Dirty reports whether changes are waiting to be shown.
func (r BoardRender) Dirty() bool { return r.Rendered < r.Version }

// BoardRenderState returns the board's change count, the last change count
// shown in Slack and when it was shown.
func (s *Store) BoardRenderState(ctx context.Context, team, boardID string) (BoardRender, error) {
	vals, err := s.rdb.HMGet(ctx, s.boardKey(team, boardID, "render"), "v", "r", "t").Result()
	if err != nil {
		return BoardRender{}, fmt.Errorf("store: board %s render state: %w", boardID, err)
	}
	r := BoardRender{Version: int64(toInt(vals[0])), Rendered: int64(toInt(vals[1]))}
	if ms := toInt(vals[2]); ms > 0 {
		r.At = time.UnixMilli(int64(ms))
	}
	return r, nil
}

var renderedScript = redis.NewScript(`
redis.call('HSET', KEYS[1], 't', ARGV[2])
local r = tonumber(redis.call('HGET', KEYS[1], 'r') or '0')
if tonumber(ARGV[1]) > r then redis.call('HSET', KEYS[1], 'r', ARGV[1]) end
return 0
`)

// SetBoardRendered records that change count version was shown in Slack at
// at (the mark never moves backwards). Every replica paces the board's
// updates from at.
func (s *Store) SetBoardRendered(ctx context.Context, team, boardID string, version int64, at time.Time) error {
	err := renderedScript.Run(ctx, s.rdb, []string{s.boardKey(team, boardID, "render")}, version, at.UnixMilli()).Err()
	if err != nil {
		return fmt.Errorf("store: board %s rendered %d: %w", boardID, version, err)
	}
	return nil
}

// LockBoard takes the board's update lock for owner for ttl (SET NX PX),
// reporting whether it got it.
func (s *Store) LockBoard(ctx context.Context, team, boardID, owner string, ttl time.Duration) (bool, error) {
	ok, err := s.rdb.SetNX(ctx, s.boardKey(team, boardID, "lock"), owner, ttl).Result()
	if err != nil {
		return false, fmt.Errorf("store: lock board %s: %w", boardID, err)
	}
	return ok, nil
}

var unlockScript = redis.NewScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`)

// UnlockBoard releases the board's update lock if owner still holds it.
func (s *Store) UnlockBoard(ctx context.Context, team, boardID, owner string) error {
	if err := unlockScript.Run(ctx, s.rdb, []string{s.boardKey(team, boardID, "lock")}, owner).Err(); err != nil {
		return fmt.Errorf("store: unlock board %s: %w", boardID, err)
	}
	return nil
}

var gcraScript = redis.NewScript(`
local now = tonumber(ARGV[1])
local t = tonumber(ARGV[2])
local tau = t * (tonumber(ARGV[3]) - 1)
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat < now then tat = now end
local wait = tat - tau - now
if wait > 0 then return math.ceil(wait) end
local nxt = tat + t
redis.call('SET', KEYS[1], tostring(math.floor(nxt)), 'PX', tostring(math.floor(nxt - now + 1000)))
return 0
`)

// ReserveBoardUpdate takes one slot of the workspace's board-update budget
// (perMinute with bursts of burst, shared by every replica through Redis: a
// GCRA). It returns 0 when the slot is taken, else how long to wait before
// asking again.
func (s *Store) ReserveBoardUpdate(ctx context.Context, team string, now time.Time, perMinute float64, burst int) (time.Duration, error) {
	interval := int64(60000 / perMinute)
	wait, err := gcraScript.Run(ctx, s.rdb, []string{s.Key(team, "retro", "rate", "update")},
		now.UnixMilli(), interval, max(burst, 1)).Int64()
	if err != nil {
		return 0, fmt.Errorf("store: reserve a board update: %w", err)
	}
	return time.Duration(wait) * time.Millisecond, nil
}
