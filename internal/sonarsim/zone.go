package sonarsim

import "time"

// dateTimeLayout is SonarQube's yyyy-MM-dd'T'HH:mm:ssZ.
const dateTimeLayout = "2006-01-02T15:04:05-0700"

func (s *Server) zone() *time.Location {
	if s.opts.TimeZone == nil {
		return time.UTC
	}
	return s.opts.TimeZone
}

// formatDateTime formats t in the server's zone, as DateUtils.formatDateTime.
func (s *Server) formatDateTime(t time.Time) string {
	return t.In(s.zone()).Format(dateTimeLayout)
}

// expiryZone is UTC, or the server's zone with ExpiryInServerZone.
func (s *Server) expiryZone() *time.Location {
	if s.opts.ExpiryInServerZone {
		return s.zone()
	}
	return time.UTC
}

// expiryDaysAfter counts calendar days, so a DST change moves nothing.
func (s *Server) expiryDaysAfter(t time.Time, n int) time.Time {
	y, m, d := t.In(s.expiryZone()).Date()
	return startOfDay(y, m, d+n, s.expiryZone())
}

// expiryAt is the start of date in the expiry zone.
func (s *Server) expiryAt(date time.Time) time.Time {
	y, m, d := date.Date()
	return startOfDay(y, m, d, s.expiryZone())
}

// startOfDay is Java's LocalDate.atStartOfDay: where DST skips midnight,
// Go's time.Date would answer 23:00 of the day before.
func startOfDay(y int, m time.Month, d int, loc *time.Location) time.Time {
	y, m, d = time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Date() // d may overflow the month
	t := time.Date(y, m, d, 0, 0, 0, 0, loc)
	if _, _, day := t.Date(); day != d {
		_, end := t.ZoneBounds()
		if !end.IsZero() {
			t = end
		}
	}
	return t
}
