package main

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
)

// A component is one long-running part of the process (the bot loop, the
// delivery engine, the board updater, the HTTP port). Main runs every
// component under one errgroup: run serves until ctx ends, then drains
// within its share of SHUTDOWN_GRACE and returns. A component that returns
// an error, or returns before ctx ends, stops the others and Main reports
// it (Done, Err).
type component struct {
	name string
	run  func(ctx context.Context) error
	// drainsLast: ctx ends only once every other component has returned
	// (the board updater, so that changes made by draining handlers and
	// tasks are still shown), within the same deadline.
	drainsLast bool
}

// errClosing is the cause with which Close ends the components' context;
// any other cause is a component's failure.
var errClosing = errors.New("main: closing")

// lifecycle is Main's running state: the components' group and what Close
// and Done read of it.
type lifecycle struct {
	// stop ends the group's context (Close); nil when not running.
	stop context.CancelCauseFunc
	// done is closed when the group's context ends: a component failed
	// (runErr says which) or Close began.
	done   chan struct{}
	runErr error // set before done is closed
	// stopped is closed when every component has returned.
	stopped chan struct{}

	mu      sync.Mutex
	running map[string]bool // components not returned yet
	errs    []error         // components' errors, the first failure first
}

// start runs every component of m under one errgroup and returns. It is
// called once everything is built (Run), so no component can see a nil
// dependency.
func (m *Main) start(parent context.Context) {
	base, stop := context.WithCancelCause(context.WithoutCancel(parent))
	g, ctx := errgroup.WithContext(base)
	m.stop, m.stopped, m.running = stop, make(chan struct{}), map[string]bool{}
	lastCtx, endLast := context.WithCancel(context.WithoutCancel(ctx))
	names := make([]string, len(m.components))
	for i, c := range m.components {
		names[i] = c.name
		if m.running[c.name] {
			names[i] = fmt.Sprintf("%s#%d", c.name, i)
		}
		m.running[names[i]] = true
	}
	var others sync.WaitGroup // the components that do not drain last
	for i, c := range m.components {
		name := names[i]
		cctx := ctx
		if c.drainsLast {
			cctx = lastCtx
		} else {
			others.Add(1)
		}
		g.Go(func() error {
			if !c.drainsLast {
				defer others.Done()
			}
			err := c.run(cctx)
			if err == nil && cctx.Err() == nil {
				err = fmt.Errorf("%s stopped on its own", name)
			}
			m.finished(name, err)
			return err
		})
	}
	go func() { <-ctx.Done(); others.Wait(); endLast() }()
	go func() {
		<-ctx.Done()
		if cause := context.Cause(ctx); !errors.Is(cause, errClosing) {
			m.runErr = cause
		}
		close(m.done)
	}()
	go func() { _ = g.Wait(); endLast(); close(m.stopped) }()
}

// finished records that the component name returned err.
func (m *Main) finished(name string, err error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.running, name)
	if err != nil {
		m.errs = append(m.errs, err)
	}
}

// stillRunning names the components that have not returned, sorted.
func (m *Main) stillRunning() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	var names []string
	for n := range m.running {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// componentErrs are the errors the components returned so far.
func (m *Main) componentErrs() []error {
	m.mu.Lock()
	defer m.mu.Unlock()
	return slices.Clone(m.errs)
}

// Done is closed when Main stops on its own (a component failed: Err says
// why, and the others are draining; Close waits for them) or when Close
// begins.
func (m *Main) Done() <-chan struct{} { return m.done }

// Err is the first component's failure once Done is closed (nil when Close
// stopped Main, or before Done).
func (m *Main) Err() error {
	select {
	case <-m.done:
		return m.runErr
	default:
		return nil
	}
}

// Close shuts down within one deadline, Config.ShutdownGrace, for the whole
// process: it ends the components' context and waits for them. The bot
// (stops taking envelopes, lets in-flight handlers finish), the delivery
// engine and the HTTP port drain in parallel; the board updater, whose
// workers have been showing changes all along, stops once those have
// returned, so that changes made by draining handlers are still shown. The
// bot and the engine cancel their in-flight work at drainBudget, leaving the
// rest of the deadline for the cancelled work to return; whatever still
// runs at the deadline is abandoned (logged), and Redis is closed. Close
// returns every component's error, the first failure first.
func (m *Main) Close() error {
	stop := m.stop
	if stop == nil {
		return nil // not running, or already closed
	}
	m.stop = nil
	grace := m.shutdownGrace()
	start := time.Now() // the real clock: the deadline is about real time
	deadline := time.NewTimer(grace)
	defer deadline.Stop()
	stop(errClosing)
	select {
	case <-m.stopped:
	case <-deadline.C:
		m.Log.Warn("shutdown deadline reached; abandoning what still runs",
			"grace", grace, "still_running", m.stillRunning())
	}
	errs := m.componentErrs()
	if m.ownStore {
		errs = append(errs, m.Store.Close())
	}
	m.Log.Info("shut down", "took", time.Since(start).Round(time.Millisecond), "grace", grace)
	return errors.Join(errs...)
}

// shutdownGrace is Config.ShutdownGrace (8 s when unset, as in tests that
// build a Config by hand).
func (m *Main) shutdownGrace() time.Duration {
	if g := m.Config.ShutdownGrace; g > 0 {
		return g
	}
	return 8 * time.Second
}

// drainBudget is how long the bot and the delivery engine let in-flight
// work run after shutdown starts before cancelling it: the grace minus a
// quarter (at most 1.5 s), which the cancelled work has to return and the
// socket to close. The engine waits up to 1 s more after cancelling.
func (m *Main) drainBudget() time.Duration {
	g := m.shutdownGrace()
	return g - min(g/4, 1500*time.Millisecond)
}
