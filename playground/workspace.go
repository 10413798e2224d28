package playground

import (
	"ctocoach/slackemu"
)

// Person is a seeded member of the playground workspace.
type Person struct {
	slackemu.User
	// Role is shown in the person picker.
	Role string
	// Routines are the weekly routines the playground subscribes this
	// person to at start (through the real /cto routines modal), so that
	// "advance time" shows nudges arriving; none leaves them to the user.
	Routines []string
}

// People are the workspace's members: the audiences the README names (a
// CTO, a VP of Engineering, a tech lead, an engineer), in French and
// English locales and four time zones.
var People = []Person{
	{User: slackemu.User{ID: "UCAMILLE", Name: "camille", RealName: "Camille Durand", Locale: "fr-FR", TZ: "Europe/Paris", TZLabel: "Central European Time", TZOffset: 3600, IsAdmin: true},
		Role: "CTO", Routines: []string{"weekly-coffee", "weekly-review"}},
	{User: slackemu.User{ID: "UALEX", Name: "alex", RealName: "Alex Morgan", Locale: "en-US", TZ: "America/New_York", TZLabel: "Eastern Standard Time", TZOffset: -5 * 3600},
		Role: "VP Engineering", Routines: []string{"weekly-coffee", "weekly-leadership-checkin"}},
	{User: slackemu.User{ID: "ULEA", Name: "lea", RealName: "Léa Tremblay", Locale: "fr-CA", TZ: "America/Montreal", TZLabel: "Eastern Standard Time", TZOffset: -5 * 3600},
		Role: "Tech lead"},
	{User: slackemu.User{ID: "USAM", Name: "sam", RealName: "Sam Okafor", Locale: "en-GB", TZ: "Europe/London", TZLabel: "Greenwich Mean Time", TZOffset: 0},
		Role: "Engineer"},
}

// Channels are the workspace's public channels; everyone is a member.
var Channels = []slackemu.Channel{
	{ID: "CGENERAL", Name: "general"},
	{ID: "CTEAM", Name: "team"},
	{ID: "CRETRO", Name: "retro"},
}

// Seed adds People and Channels to emu.
func Seed(emu *slackemu.Server) {
	var ids []string
	for _, p := range People {
		emu.AddUser(p.User)
		ids = append(ids, p.ID)
	}
	for _, c := range Channels {
		c.Members = append([]string{emu.BotUserID()}, ids...)
		emu.AddChannel(c)
	}
}

// person returns the seeded person with id.
func person(id string) (Person, bool) {
	for _, p := range People {
		if p.ID == id {
			return p, true
		}
	}
	return Person{}, false
}
