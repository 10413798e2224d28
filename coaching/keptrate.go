package coaching

import "time"

// KeptWindow is the kept-rate's window: the last 12 weeks.
const KeptWindow = 12 * 7 * 24 * time.Hour

// Kept is the kept-rate of a user's commitments.
type Kept struct {
	// Score sums the closed commitments' values: done 1, partly 0.5,
	// dropped 0, expired 0.
	Score float64
	// Closed counts the commitments that count.
	Closed int
	// Done, Partly, Dropped and Expired break Closed down.
	Done, Partly, Dropped, Expired int
	// Rate is Score / Closed, 0 when Closed is 0.
	Rate float64
}

// KeptRate is the kept-rate over the last 12 weeks, defined precisely:
// the commitments that count are those whose outcome fell in the window
// (now - KeptWindow, now], i.e. whose ClosedAt is in it; each counts done
// = 1, partly = 0.5, dropped = 0, expired = 0; open commitments (including
// those answered "not yet") do not count. Rate = Score / Closed, 0 when no
// commitment closed in the window.
func KeptRate(cs []Commitment, now time.Time) Kept {
	since := now.Add(-KeptWindow)
	var k Kept
	for _, c := range cs {
		if c.Open() || !c.ClosedAt.After(since) || c.ClosedAt.After(now) {
			continue
		}
		k.Closed++
		switch c.Status {
		case StatusDone:
			k.Done++
			k.Score++
		case StatusPartly:
			k.Partly++
			k.Score += 0.5
		case StatusDropped:
			k.Dropped++
		case StatusExpired:
			k.Expired++
		}
	}
	if k.Closed > 0 {
		k.Rate = k.Score / float64(k.Closed)
	}
	return k
}
