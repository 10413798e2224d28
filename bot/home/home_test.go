package home

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/slack-go/slack"

	"ctocoach/bot"
)

type publisher struct {
	views []slack.PublishViewContextRequest
}

func (p *publisher) PublishViewContext(_ context.Context, req slack.PublishViewContextRequest) (*slack.ViewResponse, error) {
	p.views = append(p.views, req)
	return &slack.ViewResponse{}, nil
}

type profiles struct{}

func (profiles) Get(context.Context, string, string) bot.User { return bot.User{Lang: bot.LangEN} }

func section(text string, err error) bot.HomeSection {
	return func(context.Context, string, string, string) ([]slack.Block, error) {
		if err != nil || text == "" {
			return nil, err
		}
		return []slack.Block{bot.Markdown(text, text)}, nil
	}
}

// blockTypes lists the published blocks as "type" or "type:block_id".
func blockTypes(t *testing.T, req slack.PublishViewContextRequest) string {
	t.Helper()
	raw, err := json.Marshal(req.View.Blocks)
	if err != nil {
		t.Fatal(err)
	}
	var bs []struct {
		Type    string `json:"type"`
		BlockID string `json:"block_id"`
	}
	if err := json.Unmarshal(raw, &bs); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, b := range bs {
		if b.BlockID != "" && b.Type == "section" {
			out = append(out, b.Type+":"+b.BlockID)
		} else {
			out = append(out, b.Type)
		}
	}
	return strings.Join(out, " ")
}

func newRouter(p *publisher) *bot.Router {
	r := bot.NewRouter()
	Register(r, Deps{API: p, Profiles: profiles{}})
	r.HomeActions(func(string) []slack.Block {
		return []slack.Block{slack.NewActionBlock("buttons", slack.NewButtonBlockElement("x", "v", bot.PlainText("x")))}
	})
	return r
}

func TestSectionsInOrderBetweenDividersThenButtons(t *testing.T) {
	p := &publisher{}
	r := newRouter(p)
	r.HomeSection(30, "third", section("c", nil))
	r.HomeSection(10, "first", section("a", nil))
	r.HomeSection(20, "empty", section("", nil))
	if err := r.PublishHome(context.Background(), "T1", "U1"); err != nil {
		t.Fatal(err)
	}
	if len(p.views) != 1 {
		t.Fatalf("published %d views, want 1", len(p.views))
	}
	if got, want := blockTypes(t, p.views[0]), "header section:a divider section:c actions"; got != want {
		t.Errorf("blocks = %s, want %s", got, want)
	}
}

func TestAnUnavailableSectionSaysSoAndKeepsTheButtons(t *testing.T) {
	p := &publisher{}
	r := newRouter(p)
	r.HomeSection(10, "routines", section("", errors.New("redis down")))
	r.HomeSection(20, "more", section("b", nil))
	if err := r.PublishHome(context.Background(), "T1", "U1"); err != nil {
		t.Fatal(err)
	}
	if got, want := blockTypes(t, p.views[0]), "section:unavailable actions"; got != want {
		t.Errorf("blocks = %s, want %s", got, want)
	}
}

func TestNoSectionNoAppHome(t *testing.T) {
	p := &publisher{}
	r := newRouter(p)
	if err := r.PublishHome(context.Background(), "T1", "U1"); err != nil || len(p.views) != 0 {
		t.Errorf("PublishHome = %v with %d views, want nothing published", err, len(p.views))
	}
}
