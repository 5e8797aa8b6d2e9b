package review

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/common"
)

// topLines are the lines above the table: the scan (or revocation)
// progress, the summary, and the active filters.
func (m Model) topLines() []string {
	st := m.Styles
	var lines []string
	switch {
	case m.bulk.run != nil:
		lines = append(lines, m.revokingLine())
	case m.state == StateLoading:
		line := st.HeaderText.Render("Scanning ") + m.barView(m.fraction()) + st.Hint.Render("  "+m.progressText())
		if stop := st.Hint.Render(" · esc stops"); ansi.StringWidth(line+stop) <= m.Width {
			line += stop
		}
		if note := m.usersAPINote(); note != "" && ansi.StringWidth(line)+3+ansi.StringWidth(note) <= m.Width {
			line += st.Hint.Render(" · " + note)
		}
		lines = append(lines, line)
	case m.state == StateStopped && m.kept:
		lines = append(lines, st.Warning.Render("Stopped before the new scan's first answer:")+
			st.Hint.Render(" the table shows the scan before · r scans again"))
	case m.state == StateStopped:
		lines = append(lines, st.Warning.Render(fmt.Sprintf("Stopped after %d of %d users:", m.prog.UsersScanned, m.prog.UsersTotal))+
			st.Hint.Render(" the table shows what arrived · r scans again"))
	case m.state == StateDone:
		text := fmt.Sprintf("Scanned %d users", m.prog.UsersScanned)
		if m.prog.UsersScanned < m.prog.UsersTotal {
			// The listing stopped early (a failed page, or paging the
			// client refused): the total is the server's claim.
			text = fmt.Sprintf("Scanned %d of %d users", m.prog.UsersScanned, m.prog.UsersTotal)
		}
		if m.prog.UsersSkipped > 0 {
			text += fmt.Sprintf(" (%d without tokens)", m.prog.UsersSkipped)
		}
		if m.prog.Elapsed > 0 {
			text += " in " + roundDuration(m.prog.Elapsed)
		}
		text += " · r scans again"
		if note := m.usersAPINote(); note != "" {
			text += " · " + note
		}
		lines = append(lines, st.Hint.Render(text))
	}
	if m.failedUsers > 0 {
		line := fmt.Sprintf("✗ %d failed: %s", m.failedUsers, m.firstErr)
		if ansi.StringWidth(line) > m.Width {
			// The message log (!) has every failure whole.
			line = ansi.Truncate(line, max(0, m.Width-ansi.StringWidth(common.CutHint)), "") + common.CutHint
		}
		lines = append(lines, common.Truncate(st.FieldError.Render(line), m.Width))
	}
	for i, l := range lines {
		lines[i] = common.Truncate(l, m.Width)
	}
	if m.state != StateIdle {
		lines = append(lines, m.summaryLines()...)
	}
	if f := m.filterLine(); f != "" {
		lines = append(lines, f)
	}
	return lines
}

// usersAPINote says that the users came from API v2, which has no
// tokensCount, so that no user could be skipped; "" otherwise.
func (m Model) usersAPINote() string {
	if m.prog.UsersAPI == client.UsersAPIV2 {
		return "users from API v2: every user is searched"
	}
	return ""
}

func (m Model) barView(pct float64) string {
	w := max(10, min(30, m.Width/4))
	full := max(0, min(w, int(math.Round(float64(w)*pct))))
	return m.Styles.Bar.Render(strings.Repeat("█", full)) + m.Styles.BarEmpty.Render(strings.Repeat("░", w-full))
}

func (m Model) fraction() float64 {
	if m.prog.UsersTotal <= 0 {
		return 0
	}
	return min(1, float64(m.prog.UsersScanned)/float64(m.prog.UsersTotal))
}

// progressText is "35/120 users · 210 tokens · about 4s left".
func (m Model) progressText() string {
	p := m.prog
	if p.UsersTotal == 0 {
		return "listing users…"
	}
	n := m.table.Len()
	if m.stale {
		n = 0 // the rows are the last scan's
	}
	text := fmt.Sprintf("%d/%d users · %d tokens", p.UsersScanned, p.UsersTotal, n)
	if left, ok := ETA(p); ok {
		text += " · about " + roundDuration(left) + " left"
	}
	return text
}

// ETA estimates the time left from the pace so far.
func ETA(p client.ScanProgress) (time.Duration, bool) {
	searched := p.UsersScanned - p.UsersSkipped
	if searched <= 0 || p.Elapsed <= 0 || p.UsersScanned >= p.UsersTotal {
		return 0, false
	}
	per := p.Elapsed / time.Duration(searched)
	return per * time.Duration(p.UsersTotal-p.UsersScanned), true
}

func roundDuration(d time.Duration) string {
	switch {
	case d < time.Second:
		return "<1s"
	case d < time.Minute:
		return fmt.Sprintf("%ds", int(d.Round(time.Second)/time.Second))
	}
	return fmt.Sprintf("%dm%02ds", int(d/time.Minute), int(d%time.Minute/time.Second))
}

// summaryLines packs the summary's parts into as few lines as fit.
func (m Model) summaryLines() []string {
	st := m.Styles
	s := m.summary
	parts := []string{st.HeaderText.Render(fmt.Sprintf("%d tokens of %d users", s.Total, m.users))}
	if m.caps.Expiration { // before 9.6 no token expires: no counts of it
		parts = append(parts,
			count(st.ExpiredLabel.Render, s.Expired, "expired"),
			count(st.ExpiringLabel.Render, s.Expiring, fmt.Sprintf("expiring ≤%dd", m.expDays)),
			count(st.Hint.Render, s.NoExpiration, "no expiration"))
	}
	parts = append(parts,
		count(st.Hint.Render, s.NeverUsed, "never used"),
		count(st.Hint.Render, s.Unused, fmt.Sprintf("unused >%dd", m.unDays)))
	if m.prog.SignInsReported { // else filter 6 says why it counts no one
		parts = append(parts, count(st.Hint.Render, m.ownerAway, fmt.Sprintf("owner away >%dd", m.ownDays)))
	}
	if n := m.table.MarkedCount(); n > 0 {
		parts = append(parts, st.Warning.Render(fmt.Sprintf("%d marked", n)))
	}
	return common.Pack(parts, " · ", m.Width)
}

func count(render func(...string) string, n int, what string) string {
	return render(fmt.Sprintf("%d %s", n, what))
}

// filterLine names the active quick filters, or is "".
func (m Model) filterLine() string {
	var on []string
	switch m.quick {
	case QuickExpiring:
		on = append(on, fmt.Sprintf("expiring within %d days", m.expDays))
	case QuickUnused:
		on = append(on, fmt.Sprintf("unused for more than %d days", m.unDays))
	case QuickOwnerAway:
		what := fmt.Sprintf("owner not signed in for more than %d days", m.ownDays)
		if !m.prog.SignInsReported {
			what += " (no sign-in reported by the server: none can match)"
		}
		on = append(on, what)
	case QuickExpired, QuickNoExpiry, QuickNeverUsed:
		on = append(on, m.quick.String())
	case QuickNone:
	}
	if m.typ != model.TypeUnknown {
		on = append(on, "type "+m.typ.ShortLabel())
	}
	if m.login != "" {
		on = append(on, "login "+model.Printable(m.login))
	}
	if m.bucket != model.BucketNone {
		on = append(on, m.bucket.Describe(m.Now()))
	}
	if len(on) == 0 {
		return ""
	}
	st := m.Styles
	return common.Truncate(st.FilterPrompt.Render("Only: ")+st.HeaderText.Render(strings.Join(on, " · "))+
		st.Hint.Render(fmt.Sprintf("  (%d shown · 0 shows all)", m.table.Shown())), m.Width)
}

// View renders the lines above the table and the table.
func (m Model) View() string {
	lines := m.topLines()
	if m.chartShown() {
		lines = append(lines, m.chart.View())
	}
	return strings.Join(append(lines, m.table.View()), "\n")
}
