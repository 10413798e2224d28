package main

import (
	"context"

	"ctocoach/bot"
)

// adviceFeature builds the advice services.
func (m *Main) adviceFeature(ctx context.Context) (bot.AdviceDeps, error) {
	return bot.AdviceDeps{}, nil
}
