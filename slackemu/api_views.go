package slackemu

import "encoding/json"

// maxModalStack is how many modals Slack lets a user stack.
const maxModalStack = 3

// viewsOpen serves views.open: it needs a trigger_id the emulator issued,
// unexpired and unused, and starts a new modal stack for its user.
func (s *Server) viewsOpen(r *apiRequest) (reply, *apiError) {
	vr, e := readView(r.raw("view"), "modal")
	if e != nil {
		return nil, e
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	user, e := s.useTriggerLocked(r.str("trigger_id"))
	if e != nil {
		return nil, e
	}
	if e := s.checkExternalLocked(vr.externalID, ""); e != nil {
		return nil, e
	}
	v := s.storeViewLocked(vr, user, "", "")
	s.views.stacks[user] = []string{v.ID}
	s.notifyLocked()
	return reply{"view": s.viewJSON(v)}, nil
}

// viewsPush serves views.push: a trigger_id and an open modal are needed;
// at most three modals may be stacked.
func (s *Server) viewsPush(r *apiRequest) (reply, *apiError) {
	vr, e := readView(r.raw("view"), "modal")
	if e != nil {
		return nil, e
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	user, e := s.useTriggerLocked(r.str("trigger_id"))
	if e != nil {
		return nil, e
	}
	stack := s.views.stacks[user]
	if len(stack) == 0 {
		return nil, fail("not_found")
	}
	if len(stack) >= maxModalStack {
		return nil, fail("push_limit_reached")
	}
	if e := s.checkExternalLocked(vr.externalID, ""); e != nil {
		return nil, e
	}
	v := s.storeViewLocked(vr, user, stack[0], stack[len(stack)-1])
	s.views.stacks[user] = append(stack, v.ID)
	s.notifyLocked()
	return reply{"view": s.viewJSON(v)}, nil
}

// viewsUpdate serves views.update by view_id or external_id, answering
// hash_conflict when a stale hash is sent.
func (s *Server) viewsUpdate(r *apiRequest) (reply, *apiError) {
	vr, e := readView(r.raw("view"), "modal")
	if e != nil {
		return nil, e
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	id := r.str("view_id")
	if id == "" {
		id = s.views.external[r.str("external_id")]
	}
	old, ok := s.views.byID[id]
	if !ok || old.Type != "modal" {
		return nil, fail("not_found")
	}
	if h := r.str("hash"); h != "" && h != old.Hash {
		return nil, fail("hash_conflict")
	}
	if e := s.checkExternalLocked(vr.externalID, id); e != nil {
		return nil, e
	}
	v := s.replaceViewLocked(old, vr)
	s.notifyLocked()
	return reply{"view": s.viewJSON(v)}, nil
}

// viewsPublish serves views.publish: one home view per user, kept under a
// stable id, with hash_conflict on a stale hash.
func (s *Server) viewsPublish(r *apiRequest) (reply, *apiError) {
	vr, e := readView(r.raw("view"), "home")
	if e != nil {
		return nil, e
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	user := r.str("user_id")
	if _, ok := s.dir.users[user]; !ok {
		return nil, fail("user_not_found")
	}
	var v View
	if id, ok := s.views.home[user]; ok {
		old := s.views.byID[id]
		if h := r.str("hash"); h != "" && h != old.Hash {
			return nil, fail("hash_conflict")
		}
		v = s.replaceViewLocked(old, vr)
	} else {
		v = s.storeViewLocked(vr, user, "", "")
		s.views.home[user] = v.ID
	}
	s.notifyLocked()
	return reply{"view": s.viewJSON(v)}, nil
}

// checkExternalLocked answers duplicate_external_id when ext names another view.
func (s *Server) checkExternalLocked(ext, self string) *apiError {
	if id, ok := s.views.external[ext]; ext != "" && ok && id != self {
		return fail("duplicate_external_id")
	}
	return nil
}

// storeViewLocked keeps a new view; root "" makes it its own root.
func (s *Server) storeViewLocked(vr viewRequest, user, root, prev string) View {
	v := &View{ID: s.newIDLocked("V"), User: user, PreviousViewID: prev}
	v.RootViewID = root
	if root == "" {
		v.RootViewID = v.ID
	}
	s.fillViewLocked(v, vr)
	s.views.byID[v.ID] = v
	return cloneView(v)
}

// replaceViewLocked gives an existing view new content and a new hash.
func (s *Server) replaceViewLocked(old *View, vr viewRequest) View {
	if old.ExternalID != "" {
		delete(s.views.external, old.ExternalID)
	}
	s.fillViewLocked(old, vr)
	return cloneView(old)
}

func (s *Server) fillViewLocked(v *View, vr viewRequest) {
	v.Type, v.Title, v.CallbackID = vr.typ, vr.title, vr.callbackID
	v.PrivateMetadata, v.ExternalID = vr.privateMetadata, vr.externalID
	v.Blocks, v.JSON = vr.blocks, vr.raw
	v.Hash = s.newHashLocked()
	if v.ExternalID != "" {
		s.views.external[v.ExternalID] = v.ID
	}
}

// viewJSON renders v as Slack's view object: the view the bot sent plus the
// fields Slack adds.
func (s *Server) viewJSON(v View) map[string]any {
	j := map[string]any{}
	var sent map[string]json.RawMessage
	_ = json.Unmarshal(v.JSON, &sent)
	for k, val := range sent {
		j[k] = val
	}
	j["id"] = v.ID
	j["team_id"] = s.cfg.teamID
	j["type"] = v.Type
	j["blocks"] = v.Blocks
	j["private_metadata"] = v.PrivateMetadata
	j["callback_id"] = v.CallbackID
	j["external_id"] = v.ExternalID
	j["state"] = map[string]any{"values": map[string]any{}}
	j["hash"] = v.Hash
	j["root_view_id"] = v.RootViewID
	j["previous_view_id"] = nil
	if v.PreviousViewID != "" {
		j["previous_view_id"] = v.PreviousViewID
	}
	j["app_id"] = s.cfg.appID
	j["bot_id"] = s.cfg.botID
	j["app_installed_team_id"] = s.cfg.teamID
	if v.Blocks == nil {
		j["blocks"] = []any{}
	}
	return j
}
