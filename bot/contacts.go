package bot

import "context"

func (b *Bot) contactsCommand(ctx context.Context, r *Request) {}

func (b *Bot) registerContacts() {}
