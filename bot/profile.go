package bot

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"time"

	"ctocoach/store"
)

// User is what the bot knows of a user when handling a request.
type User struct {
	Profile store.Profile
	Prefs   store.Prefs
	// Lang is the answer language: the /cto lang override, else French for
	// fr-* Slack locales, else the configured default.
	Lang string
	// TZ is the profile's zone or the configured default.
	TZ string
}

// Profiles resolves users: an in-process cache (short TTL, so a change made on
// another replica shows within a minute), then Redis (a day), then users.info.
type Profiles struct {
	api         SlackAPI
	store       *store.Store
	now         func() time.Time
	log         *slog.Logger
	defaultLang string
	defaultTZ   string
	ttl         time.Duration

	mu    sync.Mutex
	cache map[string]cachedUser
}

type cachedUser struct {
	info    User
	expires time.Time
}

const maxCachedUsers = 20000

// profileFetchTimeout bounds a users.info call made while a user waits.
const profileFetchTimeout = 2 * time.Second

func (p *Profiles) key(team, user string) string { return team + "/" + user }

// cached returns the user from the in-process cache only (no I/O).
func (p *Profiles) cached(team, user string) (User, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	c, ok := p.cache[p.key(team, user)]
	if !ok || p.now().After(c.expires) {
		return User{}, false
	}
	return c.info, true
}

// forget drops the cached entry, after the user changed a preference.
func (p *Profiles) forget(team, user string) {
	p.mu.Lock()
	delete(p.cache, p.key(team, user))
	p.mu.Unlock()
}

// get resolves the user, going to Redis and Slack as needed. It never fails:
// when Redis and Slack are both unreachable it answers with the defaults.
func (p *Profiles) get(ctx context.Context, team, user string) User {
	if u, ok := p.cached(team, user); ok {
		return u
	}
	prof, err := p.store.Profile(ctx, team, user)
	if err != nil {
		if !errors.Is(err, store.ErrNotFound) {
			p.log.Warn("profile cache unavailable; asking Slack", "user", user, "err", err)
		}
		prof = p.fetch(ctx, team, user)
	}
	prefs, err := p.store.Prefs(ctx, team, user)
	if err != nil {
		p.log.Warn("preferences unavailable; using defaults", "user", user, "err", err)
	}
	u := p.resolve(prof, prefs)
	p.mu.Lock()
	if len(p.cache) >= maxCachedUsers {
		now := p.now()
		for k, c := range p.cache {
			if now.After(c.expires) {
				delete(p.cache, k)
			}
		}
		if len(p.cache) >= maxCachedUsers {
			clear(p.cache)
		}
	}
	p.cache[p.key(team, user)] = cachedUser{info: u, expires: p.now().Add(p.ttl)}
	p.mu.Unlock()
	return u
}

// fetch asks users.info and caches the answer in Redis.
func (p *Profiles) fetch(ctx context.Context, team, user string) store.Profile {
	prof := store.Profile{UserID: user, FetchedAt: p.now()}
	// A user waits for this answer: when users.info is paced out (a burst of
	// new users), answer now with the defaults rather than queue.
	fctx, cancel := context.WithTimeout(ctx, profileFetchTimeout)
	defer cancel()
	su, err := p.api.GetUserInfoContext(fctx, user)
	if err != nil {
		p.log.Warn("users.info failed; using default language and time zone", "user", user, "err", err)
		return prof
	}
	prof.Name = su.Name
	prof.RealName = su.RealName
	prof.Locale = su.Locale
	prof.TZ = su.TZ
	prof.IsAdmin = su.IsAdmin || su.IsOwner
	prof.IsBot = su.IsBot
	if err := p.store.SaveProfile(ctx, team, prof); err != nil {
		p.log.Warn("cannot cache profile", "user", user, "err", err)
	}
	return prof
}

func (p *Profiles) resolve(prof store.Profile, prefs store.Prefs) User {
	u := User{Profile: prof, Prefs: prefs, Lang: p.defaultLang, TZ: p.defaultTZ}
	switch {
	case prefs.Lang == LangEN || prefs.Lang == LangFR:
		u.Lang = prefs.Lang
	case strings.HasPrefix(strings.ToLower(prof.Locale), "fr"):
		u.Lang = LangFR
	case strings.HasPrefix(strings.ToLower(prof.Locale), "en"):
		u.Lang = LangEN
	}
	if prof.TZ != "" {
		if _, err := time.LoadLocation(prof.TZ); err == nil {
			u.TZ = prof.TZ
		}
	}
	return u
}

// Cached returns the user from the in-process cache only (no I/O), for
// handlers that must answer at once (view submissions).
func (p *Profiles) Cached(team, user string) (User, bool) { return p.cached(team, user) }

// Forget drops the cached entry, after the user changed a preference.
func (p *Profiles) Forget(team, user string) { p.forget(team, user) }

// Get resolves the user (cache, Redis, users.info); it never fails.
func (p *Profiles) Get(ctx context.Context, team, user string) User { return p.get(ctx, team, user) }

// Lang returns the user's cached language, else the default one (no I/O:
// for view submissions, which must ack at once).
func (p *Profiles) Lang(team, user string) string {
	if u, ok := p.cached(team, user); ok {
		return u.Lang
	}
	return p.defaultLang
}

// DefaultLang is the language of users whose profile says nothing.
func (p *Profiles) DefaultLang() string { return p.defaultLang }
