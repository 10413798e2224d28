package bot

import "context"

// RetroPlanner plans recurring retros (being written).
type RetroPlanner interface{}

func (b *Bot) registerRetroSchedule()                        {}
func (b *Bot) retroSchedule(ctx context.Context, r *Request) {}
