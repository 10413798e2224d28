package scheduler

// Wake makes the loop poll now rather than at its next planned poll: for a
// caller that moved the injected clock (the playground's "advance time").
func (s *Scheduler) Wake() { s.kick() }
