package sonarsim

import (
	"time"
)

// cloudInactivity is Cloud's 60-day rule, written apart from the model on
// purpose: the simulator is the oracle the client is checked against.
const cloudInactivity = 60 * 24 * time.Hour

// cloudRemovalAt is when Cloud removes t if nobody uses it.
func cloudRemovalAt(t *token) time.Time {
	last := t.createdAt
	if t.lastUsed.After(last) {
		last = t.lastUsed
	}
	return last.Add(cloudInactivity)
}

// purgeInactive walks the tokens only when a removal is due or a token was added.
func (s *Server) purgeInactive(now time.Time) {
	if !s.opts.Cloud {
		return
	}
	s.mu.RLock()
	due := s.st.added || !now.Before(s.purgeAt)
	s.mu.RUnlock()
	if !due {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.added = false
	var next time.Time
	for _, u := range s.st.sorted {
		for i := 0; i < len(u.tokens); {
			at := cloudRemovalAt(u.tokens[i])
			if !at.After(now) {
				s.st.removeToken(u, i)
				continue
			}
			if next.IsZero() || at.Before(next) {
				next = at
			}
			i++
		}
	}
	if next.IsZero() {
		next = now.Add(cloudInactivity)
	}
	s.purgeAt = next
}

// cloudDateTime reads Cloud's full date-time expirationDate, or RFC 3339.
func cloudDateTime(v string) (time.Time, bool) {
	for _, layout := range []string{dateTimeLayout, time.RFC3339} {
		if t, err := time.Parse(layout, v); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}
