package retro

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Errors of the milestone runner.
var (
	// ErrBadMilestone: a milestone task's payload cannot be read.
	ErrBadMilestone = errors.New("unreadable retro milestone")
	// ErrStaleMilestone: the milestone belongs to a removed schedule or to
	// an older version of it; it is dropped.
	ErrStaleMilestone = errors.New("milestone of an old schedule")
	// ErrNoSchedule: the channel has no recurring retro.
	ErrNoSchedule = errors.New("no recurring retro")
	// ErrScheduleChanged: the schedule was removed or set again since the
	// milestone was planned (or changed concurrently too often).
	ErrScheduleChanged = errors.New("the recurring retro changed meanwhile")
)

// ScheduleRepository is what the milestone runner and the schedule
// service need of the recurring retros' storage (the store, adapted in
// bot/retro).
type ScheduleRepository interface {
	// Schedule is the channel's schedule; ErrNoSchedule, wrapped, when
	// there is none.
	Schedule(ctx context.Context, team, channel string) (ScheduleState, error)
	// UpdateSchedule applies fn to the channel's schedule (found: one
	// exists) and saves the result as one compare-and-set; an error from
	// fn aborts without writing and is returned wrapped.
	UpdateSchedule(ctx context.Context, team, channel string, fn func(cur ScheduleState, found bool) (ScheduleState, error)) (ScheduleState, error)
	// DeleteSchedule removes the channel's schedule (none is not an error).
	DeleteSchedule(ctx context.Context, team, channel string) error
}

// ChannelRoster lists a channel's members.
type ChannelRoster interface {
	// People are the channel's members who are people (not bots), sorted.
	People(ctx context.Context, team, channel string) ([]string, error)
}

// MilestoneRunner decides what a due milestone of a scheduled retro does:
// the day before, the board opens with the next facilitator and format;
// an hour before, the members without a signed card are reminded; at the
// time, the facilitator is named and the schedule moves to the next retro.
// It returns its decisions as values; posting them is the caller's.
type MilestoneRunner struct {
	Schedules ScheduleRepository
	Boards    BoardRepository
	Roster    ChannelRoster
	Planner   MilestonePlanner
	Now       func() time.Time
}

// DueMilestone is a milestone that is to run, with the schedule it
// belongs to (read when it came due).
type DueMilestone struct {
	Team string
	// Kind is MilestoneOpen, MilestoneRemind or MilestoneStart.
	Kind string
	// Start is the retro's start.
	Start time.Time
	State ScheduleState
}

// Due reads the milestone task t and its schedule: ErrBadMilestone when
// the payload is unreadable, ErrStaleMilestone when the schedule was
// removed or set again since (both wrapped; the task is to be dropped).
func (r *MilestoneRunner) Due(ctx context.Context, t MilestoneTask) (DueMilestone, error) {
	m, err := ParseMilestone(t.Payload)
	if err != nil {
		return DueMilestone{}, fmt.Errorf("%w: %w", ErrBadMilestone, err)
	}
	sc, err := r.Schedules.Schedule(ctx, t.Team, m.Channel)
	if errors.Is(err, ErrNoSchedule) || (err == nil && sc.Version != m.Version) {
		return DueMilestone{}, fmt.Errorf("retro: milestone %s: %w", t.ID, ErrStaleMilestone)
	}
	if err != nil {
		return DueMilestone{}, fmt.Errorf("retro: read the schedule of %s: %w", m.Channel, err)
	}
	return DueMilestone{Team: t.Team, Kind: m.Kind, Start: time.Unix(m.Start, 0), State: sc}, nil
}

// people are those the schedule rotates over and reminds: its own list
// when it has one, else the channel's people.
func (r *MilestoneRunner) people(ctx context.Context, d DueMilestone) ([]string, error) {
	if len(d.State.Participants) > 0 {
		return d.State.Participants, nil
	}
	people, err := r.Roster.People(ctx, d.Team, d.State.ChannelID)
	if err != nil {
		return nil, fmt.Errorf("retro: members of %s: %w", d.State.ChannelID, err)
	}
	return people, nil
}

// OpenDecision is the board the open milestone opens.
type OpenDecision struct {
	// CreatedBy is who set the schedule; Facilitator the next in turn
	// (CreatedBy when nobody is in the channel).
	CreatedBy, Facilitator string
	// Format is the next of the schedule's formats.
	Format Format
	// Lang is the language of the board and of the channel's nudge.
	Lang string
}

// DecideOpen picks the facilitator and the format of the board the open
// milestone opens (see Rotation).
func (r *MilestoneRunner) DecideOpen(ctx context.Context, d DueMilestone) (OpenDecision, error) {
	people, err := r.people(ctx, d)
	if err != nil {
		return OpenDecision{}, err
	}
	sc := d.State
	fac, f := Rotation(people, sc.Facilitators, sc.SetBy, sc.Formats, sc.LastFormat)
	return OpenDecision{CreatedBy: sc.SetBy, Facilitator: fac, Format: f, Lang: sc.Lang}, nil
}

// Opened records the rotation once the board o was opened as boardID:
// its format, its facilitator, the board of the next retro.
// ErrScheduleChanged when the schedule was removed or set again.
func (r *MilestoneRunner) Opened(ctx context.Context, d DueMilestone, o OpenDecision, boardID string) error {
	_, err := r.Schedules.UpdateSchedule(ctx, d.Team, d.State.ChannelID, func(cur ScheduleState, found bool) (ScheduleState, error) {
		if !found || cur.Version != d.State.Version {
			return cur, ErrScheduleChanged
		}
		cur.LastFormat, cur.BoardID = o.Format.ID, boardID
		cur.Facilitators = append(cur.Facilitators, o.Facilitator)
		return cur, nil
	})
	if err != nil {
		return fmt.Errorf("retro: record the rotation of %s: %w", d.State.ChannelID, err)
	}
	return nil
}

// Reminder is whom the reminder milestone reminds, about which board.
type Reminder struct {
	Board ChannelBoard
	// Whom are the people without a signed card on Board, in order
	// (anonymous cards cannot be attributed, so their authors are in).
	Whom []string
}

// DecideRemind picks whom to remind: nobody when no board is open.
func (r *MilestoneRunner) DecideRemind(ctx context.Context, d DueMilestone) (Reminder, error) {
	b, err := r.Boards.OpenBoard(ctx, d.Team, d.State.ChannelID)
	if errors.Is(err, ErrNoBoard) {
		return Reminder{}, nil
	}
	if err != nil {
		return Reminder{}, fmt.Errorf("retro: read the open board of %s: %w", d.State.ChannelID, err)
	}
	people, err := r.people(ctx, d)
	if err != nil {
		return Reminder{}, err
	}
	signed := map[string]bool{}
	for _, c := range b.Cards {
		if !c.Anonymous() {
			signed[c.Author] = true
		}
	}
	rem := Reminder{Board: b}
	for _, p := range people {
		if !signed[p] {
			rem.Whom = append(rem.Whom, p)
		}
	}
	return rem, nil
}

// StartDecision is whom the start milestone names, and the format.
type StartDecision struct {
	Facilitator string
	// Format is the format's title in the schedule's language.
	Format string
}

// DecideStart names the open board's facilitator and format; without a
// readable open board, the last facilitator of the rotation (else who set
// the schedule) and the last format (else the default format's id).
func (r *MilestoneRunner) DecideStart(ctx context.Context, d DueMilestone) StartDecision {
	sc := d.State
	out := StartDecision{Facilitator: sc.SetBy, Format: DefaultFormatID}
	if n := len(sc.Facilitators); n > 0 {
		out.Facilitator = sc.Facilitators[n-1]
	}
	if f, ok := FormatByID(sc.LastFormat); ok {
		out.Format = f.Title(sc.Lang)
	}
	if b, err := r.Boards.OpenBoard(ctx, d.Team, sc.ChannelID); err == nil {
		out.Facilitator, out.Format = b.Facilitator, b.Format.Title(sc.Lang)
	}
	return out
}

// Advance moves the schedule past the retro that started and plans the
// next one's milestones; it returns that retro. ErrScheduleChanged when
// the schedule was removed or set again (nothing is planned). A start
// delivered twice plans the same milestones again, which the queue ignores.
func (r *MilestoneRunner) Advance(ctx context.Context, d DueMilestone) (ScheduledRetro, error) {
	next, err := r.Schedules.UpdateSchedule(ctx, d.Team, d.State.ChannelID, func(cur ScheduleState, found bool) (ScheduleState, error) {
		if !found || cur.Version != d.State.Version {
			return cur, ErrScheduleChanged
		}
		cur.Next, cur.BoardID = cur.Schedule.Next(d.Start), ""
		return cur, nil
	})
	if err != nil {
		return ScheduledRetro{}, fmt.Errorf("retro: move the schedule of %s on: %w", d.State.ChannelID, err)
	}
	nr := next.NextRetro()
	if err := r.Planner.Plan(ctx, d.Team, nr, r.Now()); err != nil {
		return nr, err
	}
	return nr, nil
}
