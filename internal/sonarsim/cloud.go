package sonarsim

import (
	"time"
)

// cloudInactivity is how long SonarQube Cloud keeps a token nobody uses:
// "tokens that have been inactive for 60 days will be automatically
// removed", counted from the last use, or from the creation of a token
// never used. Written here again on purpose, apart from the client's
// model: the simulator is the oracle the client is checked against.
const cloudInactivity = 60 * 24 * time.Hour

// cloudRemovalAt is when Cloud removes t if nobody uses it.
func cloudRemovalAt(t *token) time.Time {
	last := t.createdAt
	if t.lastUsed.After(last) {
		last = t.lastUsed
	}
	return last.Add(cloudInactivity)
}

// purgeInactive removes, on Cloud, every token unused for 60 days at now.
// It walks the tokens only once the earliest removal is due (purgeAt),
// or after a token was added (state.added).
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

// cloudDateTime reads the full date-time form of expirationDate that
// Cloud's catalogue shows (2026-01-01T00:00:00+0000), or RFC 3339.
func cloudDateTime(v string) (time.Time, bool) {
	for _, layout := range []string{dateTimeLayout, time.RFC3339} {
		if t, err := time.Parse(layout, v); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}
