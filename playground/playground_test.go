package playground

import (
	"testing"
	"time"

	"ctocoach/slackemu"
)

func TestSlackTextEscapesOnceAndLinksMentions(t *testing.T) {
	s := &Server{}
	tests := []struct{ in, want string }{
		{"a & b <c>", "a &amp; b &lt;c&gt;"},
		{"team #team with @alex", "team <#CTEAM|team> with <@UALEX|alex>"},
		{"@nobody #nowhere", "@nobody #nowhere"},
		{"mail@alex.com", "mail@alex.com"},
		{"&lt;", "&amp;lt;"},
	}
	for _, tt := range tests {
		if got := s.slackText(tt.in); got != tt.want {
			t.Errorf("slackText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCompareTS(t *testing.T) {
	if compareTS("999.000001", "1000.000000") >= 0 || compareTS("1000.000002", "1000.000001") <= 0 || compareTS("5.1", "5.1") != 0 {
		t.Error("compareTS does not order Slack timestamps numerically")
	}
}

func TestClockOnlyMovesForward(t *testing.T) {
	wall := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	c := &Clock{wall: func() time.Time { return wall }}
	if got := c.AdvanceTo(wall.Add(time.Hour)); !got.Equal(wall.Add(time.Hour)) {
		t.Errorf("AdvanceTo = %v", got)
	}
	if got := c.AdvanceTo(wall); !got.Equal(wall.Add(time.Hour)) {
		t.Errorf("AdvanceTo the past moved the clock back to %v", got)
	}
	wall = wall.Add(time.Minute) // the wall clock goes on under the offset
	if got := c.Now(); !got.Equal(wall.Add(time.Hour)) {
		t.Errorf("Now = %v, want wall + 1h", got)
	}
}

func TestSeededWorkspace(t *testing.T) {
	emu := slackemu.New()
	defer emu.Close()
	Seed(emu)
	if len(emu.Users()) != len(People)+1 {
		t.Errorf("%d users, want %d people and the bot", len(emu.Users()), len(People))
	}
	langs, zones := map[string]bool{}, map[string]bool{}
	for _, p := range People {
		langs[p.Locale[:2]] = true
		zones[p.TZ] = true
	}
	if !langs["fr"] || !langs["en"] || len(zones) < 3 {
		t.Errorf("people cover languages %v and zones %v, want French, English and several zones", langs, zones)
	}
	s := &Server{}
	for conv, ok := range map[string]bool{"CTEAM": true, "DUALEX": true, "home": true, "DUCAMILLE": false, "CNOPE": false} {
		if s.canSee("UALEX", conv) != ok {
			t.Errorf("canSee(UALEX, %s) = %v", conv, !ok)
		}
	}
}
