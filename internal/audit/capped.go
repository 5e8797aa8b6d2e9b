package audit

import (
	"fmt"
	"unicode/utf8"
)

// MaxField bounds each text field of an entry as written: about 1 KB, far
// above any real server's message, token name or URL. A longer field is
// cut, at a character boundary, and ends with a marker that says how long
// it was. With every field bounded, a line always fits the reader's limit
// (MaxLine), even when JSON escapes each byte as six.
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

// Cut returns s when it is at most limit bytes, and otherwise its start,
// cut at a character boundary, then " … [cut: N bytes in all]", within
// limit bytes in all.
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
