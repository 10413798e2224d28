package routines

// A nudge is sent at most once even when the replica sending it is killed.
// Every nudge carries Slack message metadata naming its task
// (bot.OnceMetadata), so that a task whose earlier claim died (scheduler
// Task.Reclaimed) or whose earlier attempt failed is first looked for in the
// user's DM (bot.AlreadySent: conversations.history with
// include_all_metadata, scope im:history) and not posted again when it is
// there. Coaching DMs use the same helpers with their own event type.

// nudgeEventType is the metadata event_type of a nudge message.
const nudgeEventType = "ctocoach_nudge"
