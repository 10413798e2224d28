package bot

import (
	"strings"
)

// Router maps what Slack sends to handlers: slash commands by name, /cto
// subcommands by first word, block actions by action_id, view submissions by
// callback_id, shortcuts by callback_id, events by type.
type Router struct {
	commands    map[string]HandlerFunc
	subcommands map[string]HandlerFunc
	actions     map[string]HandlerFunc
	views       map[string]HandlerFunc
	shortcuts   map[string]HandlerFunc
	events      map[string]HandlerFunc
	question    HandlerFunc
}

// NewRouter returns an empty router.
func NewRouter() *Router {
	return &Router{
		commands: map[string]HandlerFunc{}, subcommands: map[string]HandlerFunc{},
		actions: map[string]HandlerFunc{}, views: map[string]HandlerFunc{},
		shortcuts: map[string]HandlerFunc{}, events: map[string]HandlerFunc{},
	}
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
