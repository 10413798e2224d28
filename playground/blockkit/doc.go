// Package blockkit renders Slack Block Kit JSON (message blocks, modal and
// App Home views) and mrkdwn text as HTML for the playground's web client.
//
// It is hand-written because no maintained Go library renders Block Kit:
// slack-go/slack only builds and parses it, and Slack's own Block Kit
// Builder is a hosted web app. The output is plain HTML with data-*
// attributes naming each interactive element (action_id, block_id, type,
// value) so that one small script can turn clicks and inputs into the
// block_actions and view_submission payloads Slack would send. A block or
// element the renderer does not know is shown as a visible "unsupported"
// placeholder and reported in Result.Unsupported, so a test can insist
// that every payload the bot sends renders in full.
package blockkit
