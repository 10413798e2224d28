// Package playground serves a small Slack-like web client on top of the
// in-process Slack emulator (ctocoach/slackemu), so that the real bot can be
// tried in a browser without a Slack workspace: `ctocoach playground`
// (cmd/ctocoach/playground.go wires it to Main).
//
// The page is one HTML file, one stylesheet and one plain ES module, embedded
// with go:embed (no build step). A JSON API renders conversations, modals
// and the App Home to HTML with package blockkit; the script long-polls
// /api/state and turns clicks and form inputs into the envelopes Slack would
// send (slash commands, block actions, view submissions, shortcuts,
// app_home_opened), posted through /api/send, /api/action, /api/submit,
// /api/shortcut and /api/home. /api/advance moves the shared clock.
//
// It is a demo and a development tool, never a production surface: it has
// no authentication and listens on loopback unless told otherwise.
//
// Its screenshots (docs/img) and the bot payloads the blockkit tests read
// (blockkit/testdata) are refreshed by the end-to-end tests:
//
//	PLAYGROUND_SCREENSHOTS=docs/img go test ./cmd/ctocoach -run TestPlaygroundInABrowser
//	PLAYGROUND_CAPTURE=playground/blockkit/testdata go test ./cmd/ctocoach -run TestPlaygroundRendersEveryBotPayload
package playground
