package coaching

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"ctocoach/coaching"
)

// Mastermind defaults: a group set up with /cto mastermind #channel meets
// on the 2nd Thursday of the month at 18:30 in its creator's zone.
const (
	mastermindWeek    = 2
	mastermindWeekday = time.Thursday
	mastermindHour    = 18
	mastermindMinute  = 30
)

// channelMention finds a channel mention in a command's raw text (Slack's
// markup, real only in the raw text).
var channelMention = regexp.MustCompile(`<#([A-Z0-9]+)(?:\|[^>]*)?>`)

// ParseChannel returns the channel a command's raw text mentions.
func ParseChannel(raw string) (string, bool) {
	m := channelMention.FindStringSubmatch(raw)
	if m == nil {
		return "", false
	}
	return m[1], true
}

// ActionMastermindAction is the "Add my action" button of a session post;
// its value is the channel.
const (
	ActionMastermindAction = "coaching.mm_action"
	ViewMastermindAction   = "coaching.mm_action"
)

// MastermindCreated is the post in the group's channel when it is set up:
// members, the monthly slot, the format and the confidentiality rules.
func MastermindCreated(m coaching.Mastermind, r coaching.MastermindRules, next time.Time) Message {
	lang := m.Lang
	loc, err := time.LoadLocation(m.TZ)
	if err != nil {
		loc = time.UTC
	}
	var who []string
	for _, u := range m.Members {
		who = append(who, "<@"+u+">")
	}
	rules := tr(lang, "mm.rules")
	for _, x := range r.Rules {
		rules += "\n• " + escaped(x.In(lang))
	}
	text := tr(lang, "mm.created", strings.Join(who, " "), r.Minutes.Presenter, r.Minutes.Discussion, when(lang, next, loc))
	return Message{Text: text, Blocks: []slack.Block{md("mm-created", text), md("mm-rules", rules)}}
}

// MastermindSession is the session post: who presents (20 minutes) and
// the discussion (40), last month's actions to follow up first, and
// "Add my action".
func MastermindSession(m coaching.Mastermind, s coaching.Session) Message {
	lang := m.Lang
	text := tr(lang, "mm.session", "<@"+s.Presenter+">", s.PresenterMinutes, s.DiscussionMinutes)
	if s.Presenter == "" {
		text = tr(lang, "mm.session_nobody", s.PresenterMinutes, s.DiscussionMinutes)
	}
	blocks := []slack.Block{md("mm-session", text)}
	follow := tr(lang, "mm.follow_up")
	if len(s.FollowUp) == 0 {
		follow += "\n" + tr(lang, "review.none_due")
	}
	for i, a := range s.FollowUp {
		if i == 20 {
			follow += "\n" + tr(lang, "list.more", len(s.FollowUp)-i)
			break
		}
		follow += fmt.Sprintf("\n• <@%s> — %s", a.Owner, escaped(cut(a.Text, 300)))
	}
	blocks = append(blocks, md("mm-follow", follow),
		slack.NewActionBlock("mm-actions", button(ActionMastermindAction, m.Channel, tr(lang, "mm.add_action"))))
	return Message{Text: text, Blocks: blocks}
}

// MastermindActionModal asks a member for the action they take.
func MastermindActionModal(meta Meta) slack.ModalViewRequest {
	in := slack.NewPlainTextInputBlockElement(nil, inputText)
	in.MaxLength = coaching.MaxActionTextLen
	return slack.ModalViewRequest{
		Type: slack.VTModal, CallbackID: ViewMastermindAction,
		Title:           plain(tr(meta.Lang, "mm.action_title"), maxModalTitle),
		Submit:          plain(tr(meta.Lang, "note.save"), maxModalTitle),
		Close:           plain(tr(meta.Lang, "note.cancel"), maxModalTitle),
		PrivateMetadata: meta.String(),
		Blocks:          slack.Blocks{BlockSet: []slack.Block{slack.NewInputBlock(inputNote, plain(tr(meta.Lang, "mm.action_label"), 2000), nil, in)}},
	}
}
