// Package playground serves a small Slack-like web client on top of the
// in-process Slack emulator (ctocoach/slackemu), so that the real bot can be
// tried in a browser without a Slack workspace: `ctocoach playground`.
//
// The page is server-side data plus one plain ES module (no build step): a
// JSON API renders conversations, modals and the App Home to HTML with
// package blockkit, and the script long-polls it and turns clicks and form
// inputs into the envelopes Slack would send (slash commands, block
// actions, view submissions, shortcuts, app_home_opened). It is a demo and
// a development tool, never a production surface: it has no
// authentication and listens on loopback unless told otherwise.
package playground
