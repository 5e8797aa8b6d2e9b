package sonarsim

import "time"

// dateTimeLayout is SonarQube's yyyy-MM-dd'T'HH:mm:ssZ.
const dateTimeLayout = "2006-01-02T15:04:05-0700"

// zone returns the server JVM's time zone (Options.TimeZone, or UTC).
func (s *Server) zone() *time.Location {
	if s.opts.TimeZone == nil {
		return time.UTC
	}
	return s.opts.TimeZone
}

// formatDateTime formats t as SonarQube's DateUtils.formatDateTime does:
// in the server's time zone, with that zone's offset at that instant.
func (s *Server) formatDateTime(t time.Time) string {
	return t.In(s.zone()).Format(dateTimeLayout)
}

// expiryZone is the zone whose midnight an expiration date is stored at:
// UTC (late 9.9 patches, 10.x, 2025.x) or, with
// Options.ExpiryInServerZone, the server's own zone (9.6-era code).
func (s *Server) expiryZone() *time.Location {
	if s.opts.ExpiryInServerZone {
		return s.zone()
	}
	return time.UTC
}

// expiryDaysAfter returns the start, in the expiry zone, of the date n days
// after the date t falls on there. The days are counted on the calendar,
// not in hours: a daylight saving change in between moves nothing.
func (s *Server) expiryDaysAfter(t time.Time, n int) time.Time {
	y, m, d := t.In(s.expiryZone()).Date()
	return startOfDay(y, m, d+n, s.expiryZone())
}

// expiryAt returns the stored instant of an expiration date: the start of
// that date in the expiry zone.
func (s *Server) expiryAt(date time.Time) time.Time {
	y, m, d := date.Date()
	return startOfDay(y, m, d, s.expiryZone())
}

// startOfDay is Java's LocalDate.atStartOfDay(zone): 00:00 of the date in
// loc or, where a daylight saving change skips midnight (America/Santiago
// in September), the first instant of that date, the end of the gap. Go's
// time.Date would answer 23:00 of the day before there.
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
