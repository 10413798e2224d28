// Package home is App Home: when a user opens the Home tab, or a feature
// changed what it shows (bot.Router.PublishHome), it publishes a header,
// the sections the features registered (bot.Router.HomeSection), in their
// order and separated by dividers, and the features' buttons at the foot.
// When a section's data is unavailable (Redis down), the page says so and
// keeps the buttons.
package home

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"

	"ctocoach/bot"
)

func init() {
	bot.AddTexts(map[string][2]string{
		"home.header":      {"CTO coach", "Coach CTO"},
		"home.unavailable": {"My memory (Redis) is unreachable right now, so I cannot show your routines. Reopen this tab in a minute.", "Ma mémoire (Redis) est injoignable pour le moment : je ne peux pas afficher vos rituels. Rouvrez cet onglet dans une minute."},
	})
}

// Deps are what App Home needs.
type Deps struct {
	// API publishes the view (views.publish).
	API Publisher
	// Profiles resolves the user's language.
	Profiles Profiles
	Log      *slog.Logger
}

// Publisher is the Web API call App Home makes (*slack.Client).
type Publisher interface {
	PublishViewContext(ctx context.Context, req slack.PublishViewContextRequest) (*slack.ViewResponse, error)
}

// Profiles resolves users (*bot.Profiles).
type Profiles interface {
	Get(ctx context.Context, team, user string) bot.User
}

type home struct {
	Deps
	r *bot.Router
}

// Register handles app_home_opened and becomes the router's App Home
// publisher. Register it after the features whose sections it shows or
// before: sections are read at each publish.
func Register(r *bot.Router, d Deps) {
	if d.Log == nil {
		d.Log = slog.New(slog.DiscardHandler)
	}
	h := &home{Deps: d, r: r}
	r.Event("app_home_opened", h.opened)
	r.HomePublisher(h.publish)
}

// opened publishes the page when the user opens the Home tab.
func (h *home) opened(ctx context.Context, r *bot.Request) error {
	if ev, ok := r.Event.InnerEvent.Data.(*slackevents.AppHomeOpenedEvent); ok && ev.Tab != "" && ev.Tab != "home" {
		return nil
	}
	if r.UserID == "" {
		return nil
	}
	if err := h.publish(ctx, r.TeamID, r.UserID); err != nil {
		// The user opened the tab and sees a stale one: say why, in the
		// app's Messages tab (an event has no response_url or channel).
		r.Notify(ctx, bot.Reply{Text: bot.T(r.Lang, "slack.busy_home")})
	}
	return nil
}

// publish renders and publishes the user's App Home; with no section
// registered there is no App Home.
func (h *home) publish(ctx context.Context, team, user string) error {
	sections := h.r.HomeSections()
	if len(sections) == 0 {
		return nil
	}
	lang := h.Profiles.Get(ctx, team, user).Lang
	blocks, err := render(ctx, sections, team, user, lang)
	if err != nil {
		h.Log.Warn("App Home without data", "user", user, "err", err)
		blocks = []slack.Block{bot.Markdown("unavailable", bot.T(lang, "home.unavailable"))}
	}
	blocks = append(blocks, h.r.HomeFooter(lang)...)
	req := slack.PublishViewContextRequest{UserID: user, View: slack.HomeTabViewRequest{Type: slack.VTHomeTab, Blocks: slack.Blocks{BlockSet: blocks}}}
	if _, err := h.API.PublishViewContext(ctx, req); err != nil {
		h.Log.Warn("cannot publish App Home", "user", user, "err", err)
		return fmt.Errorf("home: publish: %w", err)
	}
	return nil
}

// render is the header and the non-empty sections, a divider between two.
func render(ctx context.Context, sections []bot.HomeSection, team, user, lang string) ([]slack.Block, error) {
	blocks := []slack.Block{slack.NewHeaderBlock(bot.PlainText(bot.T(lang, "home.header")))}
	shown := 0
	for _, s := range sections {
		more, err := s(ctx, team, user, lang)
		if err != nil {
			return nil, err
		}
		if len(more) == 0 {
			continue
		}
		if shown > 0 {
			blocks = append(blocks, slack.NewDividerBlock())
		}
		blocks = append(blocks, more...)
		shown++
	}
	return blocks, nil
}
