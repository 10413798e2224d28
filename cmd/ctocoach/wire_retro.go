package main

import (
	"context"

	"ctocoach/bot"
)

// retroFeature builds the retro services.
func (m *Main) retroFeature(ctx context.Context) (bot.RetroDeps, error) {
	return bot.RetroDeps{}, nil
}
