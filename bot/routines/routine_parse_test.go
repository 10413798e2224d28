package routines

import (
	"ctocoach/bot"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"ctocoach/routine"
)

func TestParseChannelArg(t *testing.T) {
	for _, tt := range []struct {
		in       string
		id, name string
		ok       bool
	}{
		{"<#C0123ABC|team>", "C0123ABC", "team", true},
		{"<#C0123ABC>", "C0123ABC", "", true},
		{" <#G0PRIV|Leads> ", "G0PRIV", "leads", true},
		{"C0123ABC", "C0123ABC", "", true},
		{"#team", "", "team", true},
		{"Team-Eng", "", "team-eng", true},
		{"<#C0123ABC|team", "", "", false},
		{"<#nope|team>", "", "", false},
		{"<@U123>", "", "", false},
		{"two words", "", "", false},
		{"#", "", "", false},
		{"<!channel>", "", "", false},
	} {
		id, name, ok := parseChannelArg(tt.in)
		if id != tt.id || name != tt.name || ok != tt.ok {
			t.Errorf("parseChannelArg(%q) = %q, %q, %v; want %q, %q, %v", tt.in, id, name, ok, tt.id, tt.name, tt.ok)
		}
	}
}

func TestNudgeRefRoundTrip(t *testing.T) {
	for _, ref := range []nudgeRef{
		{Routine: "weekly-coffee", At: 1767601800, Users: []string{"U1"}},
		{Routine: "monthly-skip-level", At: 1767601800, Users: []string{"U1", "U2", "U3"}},
		{Routine: "weekly-peer-lunch", At: 1767601800, Contact: "a1b2c3"},
		{Routine: "weekly-review", At: 1767601800},
	} {
		got, err := parseNudgeRef(ref.String())
		if err != nil || got.Routine != ref.Routine || got.At != ref.At || !slices.Equal(got.Users, ref.Users) || got.Contact != ref.Contact {
			t.Errorf("parseNudgeRef(%q) = %+v, %v; want %+v", ref.String(), got, err, ref)
		}
	}
	for _, bad := range []string{"", "weekly-coffee", "weekly-coffee|x||", "|1767601800||", "a|b|c|d|e"} {
		if _, err := parseNudgeRef(bad); err == nil {
			t.Errorf("parseNudgeRef(%q) accepted", bad)
		}
	}
}

// settingsValues builds a modal state like Slack sends it.
func settingsValues(weekly []string, hour string, days []string, tz, qs, qe string) map[string]map[string]slack.BlockAction {
	opts := func(vs []string) []slack.OptionBlockObject {
		var o []slack.OptionBlockObject
		for _, v := range vs {
			o = append(o, slack.OptionBlockObject{Value: v})
		}
		return o
	}
	return map[string]map[string]slack.BlockAction{
		rsBlockRoutines + "weekly": {rsPick: {SelectedOptions: opts(weekly)}},
		rsBlockHour:                {rsPick: {SelectedOption: slack.OptionBlockObject{Value: hour}}},
		rsBlockDays:                {rsPick: {SelectedOptions: opts(days)}},
		rsBlockTZ:                  {rsText: {Value: tz}},
		rsBlockQuietStart:          {rsPick: {SelectedTime: qs}},
		rsBlockQuietEnd:            {rsPick: {SelectedTime: qe}},
	}
}

func TestReadSettingsForm(t *testing.T) {
	cat, err := routine.LoadCatalogue()
	if err != nil {
		t.Fatal(err)
	}
	values := settingsValues([]string{"weekly-coffee", "monthly-skip-level", "nope"}, "08:30", []string{"1", "x", "6"}, " Europe/Paris ", "19:00", "08:00")
	values[rsBlockTime+"weekly-coffee"] = map[string]slack.BlockAction{rsPick: {SelectedOption: slack.OptionBlockObject{Value: "10:00"}}}
	values[rsBlockTime+"weekly-review"] = map[string]slack.BlockAction{rsPick: {SelectedOption: slack.OptionBlockObject{Value: rsHourDefault}}}
	got := readSettingsForm(bot.LangEN, values, cat)
	want := routine.SettingsForm{
		Subscribed: []string{"weekly-coffee"}, // not a monthly routine ticked in the weekly block, not an unknown id
		Time:       "08:30", Times: map[string]string{"weekly-coffee": "10:00", "weekly-review": ""},
		WorkingDays: []time.Weekday{time.Monday, -1, time.Saturday}, // "x" is no day: the use case refuses it
		TZ:          " Europe/Paris ", QuietStart: "19:00", QuietEnd: "08:00", Lang: bot.LangEN,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("form = %+v\nwant   %+v", got, want)
	}
	if def := readSettingsForm(bot.LangFR, settingsValues(nil, rsHourDefault, nil, "", "", ""), cat); def.Time != "" || def.Times != nil || def.Lang != bot.LangFR {
		t.Errorf("default hour, no routine time shown = %+v", def)
	}
}

func TestSettingsViewShowsCurrentValues(t *testing.T) {
	cat, err := routine.LoadCatalogue()
	if err != nil {
		t.Fatal(err)
	}
	h, m := 8, 30
	s := routine.Settings{Subscribed: []string{"weekly-coffee", "quarterly-360"}, Hour: &h, Minute: &m,
		WorkingDays: []time.Weekday{time.Sunday}, TZ: "Asia/Tokyo", QuietStart: "20:00", QuietEnd: "07:00"}
	v := settingsView(bot.LangFR, cat, s, time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC))
	if len([]rune(v.Title.Text)) > 24 || v.CallbackID != viewRoutineSettings || v.PrivateMetadata != bot.LangFR {
		t.Errorf("view title/callback/metadata = %q/%q/%q", v.Title.Text, v.CallbackID, v.PrivateMetadata)
	}
	initial := map[string][]string{}
	for _, blk := range v.Blocks.BlockSet {
		in, ok := blk.(*slack.InputBlock)
		if !ok {
			continue
		}
		switch el := in.Element.(type) {
		case *slack.CheckboxGroupsBlockElement:
			if len(el.Options) > 10 {
				t.Errorf("%s has %d checkboxes, Slack allows 10", in.BlockID, len(el.Options))
			}
			for _, o := range el.InitialOptions {
				initial[in.BlockID] = append(initial[in.BlockID], o.Value)
			}
		case *slack.SelectBlockElement:
			initial[in.BlockID] = []string{el.InitialOption.Value}
		case *slack.PlainTextInputBlockElement:
			initial[in.BlockID] = []string{el.InitialValue}
		case *slack.TimePickerBlockElement:
			initial[in.BlockID] = []string{el.InitialTime}
		}
	}
	want := map[string][]string{
		rsBlockRoutines + "weekly":    {"weekly-coffee"},
		rsBlockRoutines + "quarterly": {"quarterly-360"},
		rsBlockHour:                   {"08:30"},
		rsBlockDays:                   {"0"},
		rsBlockTZ:                     {"Asia/Tokyo"},
		rsBlockQuietStart:             {"20:00"},
		rsBlockQuietEnd:               {"07:00"},
	}
	for block, w := range want {
		if !slices.Equal(initial[block], w) {
			t.Errorf("initial %s = %v, want %v", block, initial[block], w)
		}
	}
	if len(initial[rsBlockRoutines+"monthly"]) != 0 {
		t.Errorf("monthly routines pre-ticked: %v", initial[rsBlockRoutines+"monthly"])
	}
}

func TestParseContact(t *testing.T) {
	now := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	values := func(user, name, tier, note, date string) map[string]map[string]slack.BlockAction {
		return map[string]map[string]slack.BlockAction{
			blockContactWho: {rsPick: {SelectedUser: user}},
			blockContactNm:  {rsText: {Value: name}},
			blockContactTr:  {rsPick: {SelectedOption: slack.OptionBlockObject{Value: tier}}},
			blockContactNt:  {rsText: {Value: note}},
			blockContactLst: {rsPick: {SelectedDate: date}},
		}
	}
	c, errs := parseContact(bot.LangEN, values("", " Camille ", "1", "met at a meetup", "2025-12-01"), now)
	if len(errs) != 0 || c.Name != "Camille" || c.Tier != routine.Tier1 || c.LastContact.Format(time.DateOnly) != "2025-12-01" {
		t.Errorf("parseContact = %+v, %v", c, errs)
	}
	if c, errs := parseContact(bot.LangEN, values("UBEN", "", "3", "", ""), now); len(errs) != 0 || c.SlackUser != "UBEN" {
		t.Errorf("Slack user only = %+v, %v; want accepted", c, errs)
	}
	for _, tt := range []struct {
		name  string
		v     map[string]map[string]slack.BlockAction
		block string
	}{
		{"nobody", values("", " ", "2", "", ""), blockContactNm},
		{"long name", values("", strings.Repeat("x", 81), "2", "", ""), blockContactNm},
		{"bad tier", values("", "Ana", "4", "", ""), blockContactTr},
		{"future date", values("", "Ana", "2", "", "2026-03-01"), blockContactLst},
		{"long note", values("", "Ana", "2", strings.Repeat("n", 301), ""), blockContactNt},
	} {
		if _, errs := parseContact(bot.LangEN, tt.v, now); errs[tt.block] == "" {
			t.Errorf("%s: errors = %v, want one on %s", tt.name, errs, tt.block)
		}
	}
}

func TestContactsBlocksSortedOverdueMarkedAndCapped(t *testing.T) {
	now := time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)
	contacts := []routine.Contact{
		{ID: "a", Name: "Recent T3", Tier: 3, LastContact: now.AddDate(0, -1, 0)},
		{ID: "b", Name: "Late T1 <b>", Tier: 1, LastContact: now.AddDate(0, -3, 0)},
		{ID: "c", Name: "Slack T2", SlackUser: "UBEN", Tier: 2, LastContact: now.AddDate(0, -4, 0)},
	}
	blocks := contactsBlocks(bot.LangEN, contacts, now, 0)
	var order []string
	text := ""
	for _, blk := range blocks {
		if s, ok := blk.(*slack.SectionBlock); ok && strings.HasPrefix(s.BlockID, "contact:") {
			order = append(order, strings.TrimPrefix(s.BlockID, "contact:"))
			text += s.Text.Text + "\n"
		}
	}
	if !slices.Equal(order, []string{"b", "c", "a"}) {
		t.Errorf("order = %v, want most overdue first (b, c, a)", order)
	}
	if strings.Count(text, "overdue since") != 2 || !strings.Contains(text, "&lt;b&gt;") || !strings.Contains(text, "<@UBEN>") {
		t.Errorf("contact lines = %s; want two overdue, the name escaped, the Slack user mentioned", text)
	}
	var many []routine.Contact
	for i := range routine.MaxContacts + 1 {
		many = append(many, routine.Contact{ID: string(rune('A' + i%26)), Name: "p", Tier: 3, CreatedAt: now})
	}
	blocks = contactsBlocks(bot.LangFR, many, now, 1)
	all := ""
	sections := 0
	for _, blk := range blocks {
		if s, ok := blk.(*slack.SectionBlock); ok {
			all += s.Text.Text
			if strings.HasPrefix(s.BlockID, "contact:") {
				sections++
			}
		}
	}
	if !strings.Contains(all, "règle des 150") {
		t.Errorf("151 contacts: no 150-rule warning in %s", all)
	}
	if sections != contactsPerPage || len(blocks) > 50 {
		t.Errorf("page 2 has %d contacts and %d blocks, want %d contacts and at most 50 blocks", sections, len(blocks), contactsPerPage)
	}
}

func TestFormatWhenInUsersZoneAndLanguage(t *testing.T) {
	paris, _ := time.LoadLocation("Europe/Paris")
	at := time.Date(2026, 1, 5, 8, 30, 0, 0, time.UTC)
	now := at.Add(-time.Hour)
	if got, want := formatWhen(bot.LangFR, at, now, paris), "lun. 5 janv. 09:30"; got != want {
		t.Errorf("formatWhen(fr, Paris) = %q, want %q", got, want)
	}
	if got, want := formatWhen(bot.LangEN, at, now.AddDate(-1, 0, 0), time.UTC), "Mon 5 Jan 2026 08:30"; got != want {
		t.Errorf("formatWhen(en, UTC, another year) = %q, want %q", got, want)
	}
}

// BenchmarkSettingsSubmitAckPath measures what runs before the ack of a
// settings submission: reading the modal and checking it
// (routine.SettingsService.Check, zone lookup included), with no I/O.
func BenchmarkSettingsSubmitAckPath(b *testing.B) {
	cat, err := routine.LoadCatalogue()
	if err != nil {
		b.Fatal(err)
	}
	values := settingsValues([]string{"weekly-coffee", "weekly-review"}, "09:30", []string{"1", "2", "3", "4", "5"}, "Europe/Paris", "18:00", "09:00")
	svc := &routine.SettingsService{Catalogue: cat} // Check reads and writes nothing
	b.ReportAllocs()
	for b.Loop() {
		if err := svc.Check(readSettingsForm(bot.LangEN, values, cat)); err != nil {
			b.Fatal(err)
		}
	}
}
