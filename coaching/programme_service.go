package coaching

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// Enroll starts a programme for the user and plans its first step (at
// once when its slot today has passed). Enrolling again in an active
// programme returns it unchanged (and re-plans its pending step,
// idempotently); a stopped or completed one starts a new run.
func (s *Service) Enroll(ctx context.Context, team, user, programme, lang string) (Enrolment, error) {
	p, ok := s.Catalogue.Programme(programme)
	if !ok || p.Start != StartEnrol {
		return Enrolment{}, fmt.Errorf("coaching: enrol in %q: %w", programme, ErrInvalid)
	}
	return s.start(ctx, team, user, p, s.now(), lang)
}

// RoutineDone starts the programmes triggered by routine `routine` being
// marked done at doneAt (the follow-up 48 hours after a networking event).
// Marking the same occurrence done twice starts one run (same doneAt: the
// same run).
func (s *Service) RoutineDone(ctx context.Context, team, user, routine string, doneAt time.Time, lang string) ([]Enrolment, error) {
	var out []Enrolment
	for _, p := range s.Catalogue.Triggered(routine) {
		e, err := s.start(ctx, team, user, p, doneAt, lang)
		if err != nil {
			return out, err
		}
		out = append(out, e)
	}
	return out, nil
}

func (s *Service) start(ctx context.Context, team, user string, p Programme, start time.Time, lang string) (Enrolment, error) {
	e, err := s.Repo.UpdateEnrolment(ctx, team, user, p.ID, func(cur Enrolment, found bool) (Enrolment, error) {
		if found && cur.Status == EnrolActive && (p.Start == StartEnrol || cur.Run() == start.Unix()) {
			return cur, nil
		}
		if found && p.Start == StartRoutineDone && cur.Run() == start.Unix() {
			return cur, nil // that run is over already
		}
		return NewEnrolment(p, start, lang), nil
	})
	if err != nil {
		return e, fmt.Errorf("coaching: start %s for %s: %w", p.ID, user, err)
	}
	if err := s.planStep(ctx, team, user, p, e); err != nil {
		return e, err
	}
	return e, nil
}

// planStep plans the enrolment's pending occurrence (none when none is pending).
func (s *Service) planStep(ctx context.Context, team, user string, p Programme, e Enrolment) error {
	if e.Status != EnrolActive || e.Pending == 0 {
		return nil
	}
	o, ok := p.Occurrence(e.Pending)
	if !ok {
		return nil
	}
	set, err := s.Settings.Settings(ctx, team, user)
	if err != nil {
		return fmt.Errorf("coaching: plan %s step %d: %w", p.ID, o.Seq, err)
	}
	due, ok := StepDue(o.Offset, e.Start, set)
	if !ok {
		return fmt.Errorf("coaching: plan %s step %d: no allowed moment: %w", p.ID, o.Seq, ErrInvalid)
	}
	if err := s.Queue.Schedule(ctx, stepTask(team, user, p.ID, e.Run(), o.Seq, maxAt(due, s.now()))); err != nil {
		return fmt.Errorf("coaching: plan %s step %d: %w", p.ID, o.Seq, err)
	}
	return nil
}

// StepMessage is what to send for a step task.
type StepMessage struct {
	// Send is false when nothing is to be sent (stale, stopped, forgotten).
	Send       bool
	User       string
	Lang       string
	Programme  Programme
	Step       Step
	Occurrence Occurrence
	// Shown are the earlier answers the step shows back.
	Shown []Shown
	// Done is true when the user already completed this occurrence.
	Done bool
}

// StepDue decides what a due step task (KindStep or KindStepLater) sends,
// records it and plans the next occurrence. As for follow-ups, a retried
// task is sent again without planning twice.
func (s *Service) StepDue(ctx context.Context, t Task) (StepMessage, error) {
	pl, err := DecodePayload(t)
	if err != nil || (t.Kind != KindStep && t.Kind != KindStepLater) {
		return StepMessage{}, fmt.Errorf("coaching: step %s: %w", t.ID, errors.Join(err, ErrInvalid))
	}
	p, ok := s.Catalogue.Programme(pl.Programme)
	if !ok {
		s.log().Warn("dropping a step of an unknown programme", "task", t.ID)
		return StepMessage{}, nil
	}
	o, ok := p.Occurrence(pl.Seq)
	if !ok {
		s.log().Warn("dropping a step past the programme's end", "task", t.ID)
		return StepMessage{}, nil
	}
	var e Enrolment
	decision := FollowUpStale
	if t.Kind == KindStepLater {
		e, err = s.Repo.Enrolment(ctx, t.Team, pl.User, p.ID)
		if err == nil && e.Status != EnrolStopped && e.Run() == pl.Run && e.Record(pl.Seq).Done.IsZero() {
			decision = FollowUpResend
		}
	} else {
		now := s.now()
		e, err = s.Repo.UpdateEnrolment(ctx, t.Team, pl.User, p.ID, func(cur Enrolment, found bool) (Enrolment, error) {
			if !found {
				return cur, ErrNotEnrolled
			}
			cur, decision = cur.Arrive(p, pl.Run, pl.Seq, now)
			return cur, nil
		})
	}
	if errors.Is(err, ErrNotFound) || errors.Is(err, ErrNotEnrolled) {
		return StepMessage{}, nil
	}
	if err != nil {
		return StepMessage{}, fmt.Errorf("coaching: step %s: %w", t.ID, err)
	}
	if decision == FollowUpStale {
		return StepMessage{}, nil
	}
	if t.Kind == KindStep {
		if err := s.planStep(ctx, t.Team, pl.User, p, e); err != nil {
			return StepMessage{}, err
		}
	}
	step, _ := p.Step(o.Step)
	return StepMessage{
		Send: true, User: pl.User, Lang: e.Lang, Programme: p, Step: step, Occurrence: o,
		Shown: ShowBack(p, step, e.Answers), Done: !e.Record(o.Seq).Done.IsZero(),
	}, nil
}

// CompleteStep records Done on occurrence seq with the form's answers.
func (s *Service) CompleteStep(ctx context.Context, team, user, programme string, seq int, answers map[string][]string) (Enrolment, error) {
	p, ok := s.Catalogue.Programme(programme)
	if !ok {
		return Enrolment{}, fmt.Errorf("coaching: complete %q: %w", programme, ErrInvalid)
	}
	now := s.now()
	e, err := s.Repo.UpdateEnrolment(ctx, team, user, programme, func(cur Enrolment, found bool) (Enrolment, error) {
		if !found {
			return cur, ErrNotEnrolled
		}
		return cur.Complete(p, seq, answers, now)
	})
	if err != nil {
		return e, fmt.Errorf("coaching: complete %s step %d: %w", programme, seq, err)
	}
	return e, nil
}

// LaterStep puts occurrence seq off to the user's slot on the next allowed
// day; ok is false once it was put off MaxLaterTimes times (it stays on App
// Home).
func (s *Service) LaterStep(ctx context.Context, team, user, programme string, seq int) (time.Time, bool, error) {
	set, err := s.Settings.Settings(ctx, team, user)
	if err != nil {
		return time.Time{}, false, fmt.Errorf("coaching: later %s: %w", programme, err)
	}
	now := s.now()
	var at time.Time
	var ok bool
	e, err := s.Repo.UpdateEnrolment(ctx, team, user, programme, func(cur Enrolment, found bool) (Enrolment, error) {
		if !found || cur.Status == EnrolStopped {
			return cur, ErrNotEnrolled
		}
		cur, at, ok = cur.Later(seq, now, set)
		return cur, nil
	})
	if err != nil {
		return at, false, fmt.Errorf("coaching: later %s step %d: %w", programme, seq, err)
	}
	if !ok {
		return at, false, nil
	}
	n := e.Record(seq).Later
	payload, _ := json.Marshal(Payload{User: user, Programme: programme, Run: e.Run(), Seq: seq, Later: n})
	t := Task{ID: StepLaterTaskID(team, user, programme, e.Run(), seq, n), Kind: KindStepLater, Team: team, Due: at, Payload: payload}
	if err := s.Queue.Schedule(ctx, t); err != nil {
		return at, false, fmt.Errorf("coaching: later %s step %d: %w", programme, seq, err)
	}
	return at, true, nil
}

// StopProgramme stops the user's run: its pending step is cancelled.
func (s *Service) StopProgramme(ctx context.Context, team, user, programme string) (Enrolment, error) {
	now := s.now()
	var pending int
	e, err := s.Repo.UpdateEnrolment(ctx, team, user, programme, func(cur Enrolment, found bool) (Enrolment, error) {
		if !found {
			return cur, ErrNotEnrolled
		}
		pending = cur.Pending
		return cur.Stop(now), nil
	})
	if err != nil {
		return e, fmt.Errorf("coaching: stop %s: %w", programme, err)
	}
	if pending > 0 {
		if err := s.Queue.Cancel(ctx, StepTaskID(team, user, programme, e.Run(), pending)); err != nil {
			s.log().Warn("cannot cancel a stopped programme's step; it will be dropped when due", "programme", programme, "err", err)
		}
	}
	return e, nil
}

// Programmes returns the user's runs (one per programme).
func (s *Service) Programmes(ctx context.Context, team, user string) ([]Enrolment, error) {
	es, err := s.Repo.Enrolments(ctx, team, user)
	if err != nil {
		return nil, fmt.Errorf("coaching: programmes of %s: %w", user, err)
	}
	return es, nil
}
