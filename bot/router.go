package bot

import (
	"context"
	"slices"
	"strings"

	"github.com/slack-go/slack"
)

// Router maps what Slack sends to handlers: slash commands by name, /cto
// subcommands by first word, block actions by action_id, view submissions by
// callback_id, shortcuts by callback_id, events by type. Features add their
// routes with their Register function before the bot runs; the App Home
// sections they provide are listed here too, for bot/home.
type Router struct {
	commands    map[string]HandlerFunc
	subcommands map[string]HandlerFunc
	actions     map[string]HandlerFunc
	views       map[string]HandlerFunc
	shortcuts   map[string]HandlerFunc
	events      map[string]HandlerFunc
	question    HandlerFunc
	sections    []homeSection
	homeActions []func(lang string) []slack.Block
	publishHome func(ctx context.Context, team, user string) error
}

// NewRouter returns an empty router.
func NewRouter() *Router {
	return &Router{
		commands: map[string]HandlerFunc{}, subcommands: map[string]HandlerFunc{},
		actions: map[string]HandlerFunc{}, views: map[string]HandlerFunc{},
		shortcuts: map[string]HandlerFunc{}, events: map[string]HandlerFunc{},
	}
}

// HomeSection renders one feature's part of a user's App Home in lang. An
// error leaves the section out (bot/home says the data is unavailable).
type HomeSection func(ctx context.Context, team, user, lang string) ([]slack.Block, error)

type homeSection struct {
	order  int
	name   string
	render HomeSection
}

// HomeSection adds a section to App Home; sections are shown by ascending
// order (ties by name).
func (rt *Router) HomeSection(order int, name string, s HomeSection) {
	rt.sections = append(rt.sections, homeSection{order, name, s})
	slices.SortStableFunc(rt.sections, func(a, b homeSection) int {
		if a.order != b.order {
			return a.order - b.order
		}
		return strings.Compare(a.name, b.name)
	})
}

// HomeSections returns the registered sections in display order.
func (rt *Router) HomeSections() []HomeSection {
	out := make([]HomeSection, len(rt.sections))
	for i, s := range rt.sections {
		out[i] = s.render
	}
	return out
}

// HomeActions adds rows of buttons at the foot of App Home, shown even when
// the sections' data is unavailable.
func (rt *Router) HomeActions(f func(lang string) []slack.Block) {
	rt.homeActions = append(rt.homeActions, f)
}

// HomeFooter returns the rows of buttons of App Home in lang.
func (rt *Router) HomeFooter(lang string) []slack.Block {
	var out []slack.Block
	for _, f := range rt.homeActions {
		out = append(out, f(lang)...)
	}
	return out
}

// HomePublisher sets how App Home is published (bot/home does); features
// call PublishHome after changing what it shows.
func (rt *Router) HomePublisher(f func(ctx context.Context, team, user string) error) {
	rt.publishHome = f
}

// PublishHome re-publishes the user's App Home, if a publisher is set.
func (rt *Router) PublishHome(ctx context.Context, team, user string) error {
	if rt.publishHome == nil {
		return nil
	}
	return rt.publishHome(ctx, team, user)
}

func register(m map[string]HandlerFunc, kind, key string, h HandlerFunc) {
	if _, dup := m[key]; dup {
		panic("bot: duplicate " + kind + " handler " + key)
	}
	m[key] = h
}

// Command routes a slash command ("/retro").
func (rt *Router) Command(name string, h HandlerFunc) { register(rt.commands, "command", name, h) }

// Subcommand routes "/cto <name> …"; the rest of the text is in Request.Args.
func (rt *Router) Subcommand(name string, h HandlerFunc) {
	register(rt.subcommands, "subcommand", name, h)
}

// Question handles "/cto <text>" when the first word is no subcommand.
func (rt *Router) Question(h HandlerFunc) { rt.question = h }

// Action routes a block action by action_id. An id of the form "prefix:rest"
// is routed by its prefix when no exact route exists.
func (rt *Router) Action(actionID string, h HandlerFunc) { register(rt.actions, "action", actionID, h) }

// View routes a view submission (and view close) by callback_id.
func (rt *Router) View(callbackID string, h HandlerFunc) { register(rt.views, "view", callbackID, h) }

// Shortcut routes a global or message shortcut by callback_id.
func (rt *Router) Shortcut(callbackID string, h HandlerFunc) {
	register(rt.shortcuts, "shortcut", callbackID, h)
}

// Event routes an Events API event by its inner type ("app_home_opened").
func (rt *Router) Event(eventType string, h HandlerFunc) { register(rt.events, "event", eventType, h) }

func (rt *Router) action(id string) HandlerFunc {
	if h, ok := rt.actions[id]; ok {
		return h
	}
	if i := strings.IndexByte(id, ':'); i > 0 {
		return rt.actions[id[:i]]
	}
	return nil
}

// splitSubcommand returns the lower-cased first word of text and the rest.
func splitSubcommand(text string) (name, rest string) {
	text = strings.TrimSpace(text)
	i := strings.IndexAny(text, " \t\n")
	if i < 0 {
		return strings.ToLower(text), ""
	}
	return strings.ToLower(text[:i]), strings.TrimSpace(text[i+1:])
}
