package slackemu

// withMetadata reports whether a conversations.history call asked for
// message metadata (include_all_metadata=true or 1), as Slack requires.
func withMetadata(r *apiRequest) bool {
	v := r.str("include_all_metadata")
	return v == "1" || v == "true"
}
