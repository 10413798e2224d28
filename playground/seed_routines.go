package playground

import (
	"context"
	"fmt"
	"strings"

	"ctocoach/slackemu"
)

// SubscribeRoutines subscribes p to p.Routines the way a user would: it runs
// `/cto routines` in p's DM, waits for the settings modal and submits it
// (weekdays, the default hour, 18:00–09:00 quiet hours, p's zone), then
// waits for the bot's confirmation DM.
func SubscribeRoutines(ctx context.Context, emu *slackemu.Server, p Person) error {
	if len(p.Routines) == 0 {
		return nil
	}
	if _, err := emu.Send(ctx, emu.SlashCommand(p.ID, "D"+p.ID, "/cto", "routines")); err != nil {
		return fmt.Errorf("playground: /cto routines for %s: %w", p.Name, err)
	}
	err := emu.Wait(ctx, func(s *slackemu.Server) bool {
		for _, v := range s.Views(p.ID) {
			if v.CallbackID == "routine.settings" {
				return true
			}
		}
		return false
	})
	if err != nil {
		return fmt.Errorf("playground: routine settings modal for %s: %w", p.Name, err)
	}
	values := map[string]map[string]slackemu.Value{
		"rt_weekly":   {"pick": slackemu.CheckboxesValue(p.Routines...)},
		"hour":        {"pick": slackemu.SelectValue("default")},
		"days":        {"pick": slackemu.CheckboxesValue("1", "2", "3", "4", "5")},
		"tz":          {"text": slackemu.TextValue(p.TZ)},
		"quiet_start": {"pick": slackemu.TimeValue("18:00")},
		"quiet_end":   {"pick": slackemu.TimeValue("09:00")},
	}
	before := len(emu.Messages(p.ID))
	ack, err := emu.Send(ctx, emu.ViewSubmission(p.ID, "routine.settings", "", values))
	if err != nil {
		return fmt.Errorf("playground: submit routine settings for %s: %w", p.Name, err)
	}
	if strings.Contains(string(ack.Payload), `"errors"`) {
		return fmt.Errorf("playground: routine settings for %s refused: %s", p.Name, ack.Payload)
	}
	// The bot saves and plans after the ack; its confirmation DM says the
	// nudges are in the queue (an advance of the clock before that would
	// jump over them).
	if err := emu.Wait(ctx, func(s *slackemu.Server) bool { return len(s.Messages(p.ID)) > before }); err != nil {
		return fmt.Errorf("playground: routine confirmation for %s: %w", p.Name, err)
	}
	return nil
}
