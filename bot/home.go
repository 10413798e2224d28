package bot

import "context"

// publishHome refreshes the user's App Home (being written).
func (b *Bot) publishHome(ctx context.Context, team, user string) {}

func (b *Bot) homeOpened(ctx context.Context, r *Request) {}
