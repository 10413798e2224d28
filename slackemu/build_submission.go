package slackemu

// ViewSubmission builds the view_submission envelope of user submitting the
// modal with callbackID. values maps block_id -> action_id -> Value and
// becomes view.state.values. When that modal is open for user (the topmost
// one with callbackID), the payload carries its id, hash, blocks and, if
// privateMetadata is "", its private_metadata; otherwise a view with a new
// id is made up. Acking it with no payload closes the modal (see Send).
func (s *Server) ViewSubmission(user, callbackID, privateMetadata string, values map[string]map[string]Value) Envelope {
	s.mu.Lock()
	defer s.mu.Unlock()
	var view map[string]any
	var open *View
	stack := s.views.stacks[user]
	for i := len(stack) - 1; i >= 0; i-- {
		if v := s.views.byID[stack[i]]; v.CallbackID == callbackID {
			open = v
			break
		}
	}
	if open != nil {
		view = s.viewJSON(cloneView(open))
		if privateMetadata == "" {
			privateMetadata = open.PrivateMetadata
		}
	} else {
		id := s.newIDLocked("V")
		view = s.viewJSON(View{ID: id, Type: "modal", User: user, CallbackID: callbackID, RootViewID: id, Hash: s.newHashLocked()})
	}
	view["private_metadata"] = privateMetadata
	state := map[string]any{}
	for blockID, actions := range values {
		b := map[string]any{}
		for actionID, v := range actions {
			el := element{typ: v.Type}
			if open != nil {
				if found, ok := findElement(open.Blocks, actionID); ok {
					el = found
				}
			}
			entry := map[string]any{"type": v.Type}
			for k, val := range selectionJSON(el, v) {
				entry[k] = val
			}
			b[actionID] = entry
		}
		state[blockID] = b
	}
	view["state"] = map[string]any{"values": state}
	trigger := s.issueTriggerLocked(user)
	p := s.interactionBaseLocked("view_submission", user, trigger)
	delete(p, "action_ts")
	p["view"] = view
	p["response_urls"] = []any{}
	return newEnvelope(typeInteractive, p, "", trigger)
}
