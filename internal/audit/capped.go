package audit

import (
	"fmt"
	"unicode/utf8"
)

// MaxField bounds each text field (cut with a marker), so a line always fits
// MaxLine even when JSON escapes each byte as six.
const MaxField = 1 << 10

// Capped returns e with each text field cut to MaxField bytes (Cut).
func (e Entry) Capped() Entry {
	for _, f := range []*string{&e.Server, &e.Profile, &e.Actor, &e.Login, &e.Name, &e.NewName, &e.Type, &e.Project, &e.Error} {
		*f = Cut(*f, MaxField)
	}
	e.Action = Action(Cut(string(e.Action), MaxField))
	e.Outcome = Outcome(Cut(string(e.Outcome), MaxField))
	return e
}

// Cut returns s cut at a character boundary to limit bytes, marker included.
func Cut(s string, limit int) string {
	if len(s) <= limit {
		return s
	}
	marker := fmt.Sprintf(" … [cut: %d bytes in all]", len(s))
	end := limit - len(marker)
	for end > 0 && !utf8.RuneStart(s[end]) {
		end--
	}
	return s[:max(end, 0)] + marker
}
