package retrobot

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/slack-go/slack"

	"ctocoach/retro"
	"ctocoach/store"
)

// scheduleRepo adapts the store to retro.ScheduleRepository: a channel
// with no schedule is retro.ErrNoSchedule, a compare-and-set that kept
// failing is retro.ErrScheduleChanged (both still the store's errors too).
type scheduleRepo struct{ st Schedules }

var _ retro.ScheduleRepository = scheduleRepo{}

func (a scheduleRepo) Schedule(ctx context.Context, team, channel string) (retro.ScheduleState, error) {
	sc, err := a.st.RetroSchedule(ctx, team, channel)
	if errors.Is(err, store.ErrNotFound) {
		err = fmt.Errorf("%w: %w", retro.ErrNoSchedule, err)
	}
	return sc, err
}

func (a scheduleRepo) UpdateSchedule(ctx context.Context, team, channel string, fn func(retro.ScheduleState, bool) (retro.ScheduleState, error)) (retro.ScheduleState, error) {
	sc, err := a.st.UpdateRetroSchedule(ctx, team, channel, fn)
	if errors.Is(err, store.ErrConflict) {
		err = fmt.Errorf("%w: %w", retro.ErrScheduleChanged, err)
	}
	return sc, err
}

func (a scheduleRepo) DeleteSchedule(ctx context.Context, team, channel string) error {
	return a.st.DeleteRetroSchedule(ctx, team, channel)
}

// channelRoster is retro.ChannelRoster on Slack: the channel's members
// (at most maxParticipants) who are not bots.
type channelRoster struct {
	api interface {
		GetUsersInConversationContext(ctx context.Context, params *slack.GetUsersInConversationParameters) ([]string, string, error)
	}
	profiles Profiles
}

var _ retro.ChannelRoster = channelRoster{}

func (c channelRoster) People(ctx context.Context, team, channel string) ([]string, error) {
	members, _, err := c.api.GetUsersInConversationContext(ctx, &slack.GetUsersInConversationParameters{ChannelID: channel, Limit: maxParticipants})
	if err != nil {
		return nil, err
	}
	var people []string
	for _, id := range members {
		if u := c.profiles.Get(ctx, team, id); !u.Profile.IsBot {
			people = append(people, id)
		}
	}
	slices.Sort(people)
	return people, nil
}
