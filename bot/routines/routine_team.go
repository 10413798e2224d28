package routines

import (
	"context"
	"ctocoach/bot"
	"errors"
	"regexp"
	"strconv"
	"strings"

	"github.com/slack-go/slack"

	"ctocoach/routine"
	"ctocoach/store"
)

// maxRoster bounds the roster read from a channel (each member costs a
// users.info call the first time).
const maxRoster = 200

// teamSlowAbove is the channel size above which "/cto team" first says it
// is reading the members.
const teamSlowAbove = 20

// channelIDPattern matches Slack channel ids (public C…, private G…).
var channelIDPattern = regexp.MustCompile(`^[CG][A-Z0-9]{2,}$`)

// parseChannelArg reads the channel argument of "/cto team": an escaped
// mention "<#C123|name>" or "<#C123>", a bare id "C123", or a name
// "#name" / "name" (Slack sends names when the command does not escape
// channels). It returns the id when known, else the lower-cased name.
func parseChannelArg(arg string) (id, name string, ok bool) {
	arg = strings.TrimSpace(arg)
	if rest, found := strings.CutPrefix(arg, "<#"); found {
		body, closed := strings.CutSuffix(rest, ">")
		if !closed {
			return "", "", false
		}
		id, name, _ = strings.Cut(body, "|")
		if !channelIDPattern.MatchString(id) {
			return "", "", false
		}
		return id, strings.ToLower(name), true
	}
	if channelIDPattern.MatchString(arg) {
		return arg, "", true
	}
	name = strings.ToLower(strings.TrimPrefix(arg, "#"))
	if name == "" || len(name) > 80 || strings.ContainsAny(name, " <>|@#") {
		return "", "", false
	}
	return "", name, true
}

// team answers "/cto team #channel": the roster becomes the channel's
// members minus bots and the user; "/cto team" alone shows it.
func (b *Feature) team(ctx context.Context, r *bot.Request) error {
	r.Ack(nil)
	arg := strings.TrimSpace(r.Args)
	if arg == "" {
		if err := b.showRoster(ctx, r); err != nil {
			return err
		}
		return nil
	}
	// The channel mention is Slack's markup: read it from the text as Slack
	// sent it, where a typed "<#C123>" is still escaped.
	_, raw := bot.SplitSubcommand(r.Raw)
	id, name, ok := parseChannelArg(raw)
	if !ok {
		r.Answer(ctx, bot.Reply{Text: bot.T(r.Lang, "team.usage")})
		return nil
	}
	if id == "" {
		// Only the channel the command was typed in can be matched by name
		// without listing every channel of the workspace.
		ch, err := b.api.GetConversationInfoContext(ctx, &slack.GetConversationInfoInput{ChannelID: r.ChannelID})
		if err != nil && bot.SlackBusy(err) {
			b.log.Warn("cannot read the channel for a roster", "user", r.UserID, "channel", r.ChannelID, "err", err)
			r.Answer(ctx, bot.Reply{Text: bot.T(r.Lang, "team.slack_busy")})
			return nil
		}
		if err != nil || !strings.EqualFold(ch.Name, name) {
			r.Answer(ctx, bot.Reply{Text: bot.T(r.Lang, "team.by_name", bot.Escape(name))})
			return nil
		}
		id = ch.ID
	}
	members, err := b.channelMembers(ctx, id)
	if err != nil && bot.SlackBusy(err) {
		b.log.Warn("cannot read channel members for a roster", "user", r.UserID, "channel", id, "err", err)
		r.Answer(ctx, bot.Reply{Text: bot.T(r.Lang, "team.slack_busy")})
		return nil
	}
	if err != nil {
		b.log.Info("cannot read channel members for a roster", "user", r.UserID, "channel", id, "err", err)
		r.Answer(ctx, bot.Reply{Text: bot.T(r.Lang, "team.no_access", id)})
		return nil
	}
	if len(members) > teamSlowAbove {
		// Each unknown member costs a paced users.info call: say so.
		r.Answer(ctx, bot.Reply{Text: bot.T(r.Lang, "team.reading", len(members), id)})
	}
	isBot := func(m string) bool { return b.Profiles.Get(ctx, r.TeamID, m).Profile.IsBot }
	roster := store.Roster{Channel: id, Members: routine.RosterOf(members, r.UserID, isBot), UpdatedAt: b.now()}
	if err := b.store.SaveRoster(ctx, r.TeamID, r.UserID, roster); err != nil {
		return bot.Unavailable("verb.save_roster", err)
	}
	if len(roster.Members) == 0 {
		r.Answer(ctx, bot.Reply{Text: bot.T(r.Lang, "team.empty", id)})
		return nil
	}
	r.Answer(ctx, bot.Reply{Text: bot.T(r.Lang, "team.set", len(roster.Members), id, mentionList(roster.Members, 10))})
	return nil
}

// showRoster answers "/cto team" with the current roster.
func (b *Feature) showRoster(ctx context.Context, r *bot.Request) error {
	roster, err := b.store.Roster(ctx, r.TeamID, r.UserID)
	switch {
	case errors.Is(err, store.ErrNotFound):
		r.Answer(ctx, bot.Reply{Text: bot.T(r.Lang, "team.usage")})
	case err != nil:
		return bot.Unavailable("verb.load_roster", err)
	default:
		r.Answer(ctx, bot.Reply{Text: bot.T(r.Lang, "team.show", len(roster.Members), roster.Channel, mentionList(roster.Members, 10)) + "\n" + bot.T(r.Lang, "team.usage")})
	}
	return nil
}

// channelMembers reads conversations.members page by page, up to maxRoster.
func (b *Feature) channelMembers(ctx context.Context, channel string) ([]string, error) {
	var all []string
	cursor := ""
	for {
		page, next, err := b.api.GetUsersInConversationContext(ctx, &slack.GetUsersInConversationParameters{ChannelID: channel, Cursor: cursor, Limit: 100})
		if err != nil {
			return nil, err
		}
		all = append(all, page...)
		if next == "" || len(all) >= maxRoster {
			break
		}
		cursor = next
	}
	if len(all) > maxRoster {
		all = all[:maxRoster]
	}
	return all, nil
}

// mentionList renders up to n user mentions, then "+k".
func mentionList(users []string, n int) string {
	var parts []string
	for i, u := range users {
		if i == n {
			parts = append(parts, "+"+strconv.Itoa(len(users)-n))
			break
		}
		parts = append(parts, "<@"+u+">")
	}
	return strings.Join(parts, ", ")
}
