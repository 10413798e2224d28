package main

import (
	"context"

	"ctocoach/bot"
)

// features builds every feature's services; each feature wires itself in its
// own wire_*.go file.
func (m *Main) features(ctx context.Context) (bot.Features, error) {
	var f bot.Features
	var err error
	if f.Advice, err = m.adviceFeature(ctx); err != nil {
		return f, err
	}
	if f.Routines, err = m.routineFeature(ctx); err != nil {
		return f, err
	}
	if f.Retro, err = m.retroFeature(ctx); err != nil {
		return f, err
	}
	return f, nil
}

// background are long-running components (the scheduler, the board
// updater) that Run starts and Close stops in parallel with the bot, under
// one deadline; features append to Main.background or Main.late.
type background interface {
	// Start runs the component until Stop.
	Start(ctx context.Context) error
	// Stop stops it and waits for in-flight work.
	Stop()
}
