package main

import (
	"context"

	"ctocoach/bot"
)

// routineFeature builds the routine services.
func (m *Main) routineFeature(ctx context.Context) (bot.RoutineDeps, error) {
	return bot.RoutineDeps{}, nil
}
