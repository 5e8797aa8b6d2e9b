// Package statusbar is the line above the key help: a spinner with what the
// console is waiting for, the last error in words a user can act on, or a
// short note, and on the right a summary such as the token count.
package statusbar

import (
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/common"
)

// Model is the status line.
type Model struct {
	common.Common
	spinner  spinner.Model
	activity string
	err      string
	info     string
	infoID   int
	log      []Entry // every error and note of the session, oldest first
}

// Entry is one message of the session's log.
type Entry struct {
	At    time.Time
	Error bool
	Text  string
}

// String is the entry as the message log shows it.
func (e Entry) String() string {
	mark := "·"
	if e.Error {
		mark = "✗"
	}
	return e.At.Format("15:04:05") + " " + mark + " " + e.Text
}

// maxLog bounds the message log; the oldest entries go first.
const maxLog = 1000

// CutHint ends a message cut to fit the status line (common.CutHint).
const CutHint = common.CutHint

func (m *Model) record(text string, isErr bool) {
	if text == "" {
		return
	}
	if len(m.log) >= 2*maxLog {
		// Cut in one go once the log is twice its bound: thousands of
		// entries at once (a bulk revocation's) cost no copy each.
		m.log = slices.Clone(m.log[len(m.log)-maxLog+1:])
	}
	m.log = append(m.log, Entry{At: m.Now(), Error: isErr, Text: text})
}

// Record keeps a message in the log without showing it in the status
// line (what another part of the screen shows, maybe cut). Like SetError
// and SetInfo, it keeps the text through model.PrintableLines, so every
// entry of the log is safe to show whoever shows it.
func (m *Model) Record(text string, isErr bool) { m.record(model.PrintableLines(text), isErr) }

// Log returns every error and note of the session, oldest first.
func (m Model) Log() []Entry { return slices.Clone(m.log[max(0, len(m.log)-maxLog):]) }

// New returns an idle status line.
func New(c common.Common) Model {
	sp := spinner.New(spinner.WithSpinner(spinner.Dot), spinner.WithStyle(c.Styles.Spinner))
	return Model{Common: c, spinner: sp}
}

// SetActivity shows a spinner with text; "" stops showing it.
func (m *Model) SetActivity(text string) { m.activity = model.PrintableLines(text) }

// Activity is the shown activity, or "".
func (m Model) Activity() string { return m.activity }

// SetError shows an error until ClearError.
func (m *Model) SetError(text string) {
	m.err = model.PrintableLines(text)
	m.info = ""
	m.record(m.err, true)
}

// Error returns the shown error, or "".
func (m Model) Error() string { return m.err }

// ClearError hides the error.
func (m *Model) ClearError() { m.err = "" }

// SetInfo shows a note and returns its id, for ExpireInfo.
func (m *Model) SetInfo(text string) int {
	m.info = model.PrintableLines(text)
	m.record(m.info, false)
	m.infoID++
	return m.infoID
}

// Info returns the shown note, or "".
func (m Model) Info() string { return m.info }

// InfoID is the id of the latest note (SetInfo's), 0 before the first.
func (m Model) InfoID() int { return m.infoID }

// Clear hides the error and the note: the user acted since. The log
// keeps both.
func (m *Model) Clear() {
	m.err = ""
	m.info = ""
}

// ExpireInfo hides the note if it is still the one with id.
func (m *Model) ExpireInfo(id int) {
	if id == m.infoID {
		m.info = ""
	}
}

// Tick starts the spinner.
func (m Model) Tick() tea.Cmd { return m.spinner.Tick }

// UpdateSpinner advances the spinner; it stops ticking when idle is true.
func (m Model) UpdateSpinner(msg spinner.TickMsg, idle bool) (Model, tea.Cmd) {
	if idle {
		return m, nil
	}
	var cmd tea.Cmd
	m.spinner, cmd = m.spinner.Update(msg)
	return m, cmd
}

// maxErrorLines is how many lines a long error may take.
const maxErrorLines = 2

// errorLines wraps the error to the width left of the summary.
func (m Model) errorLines(rightWidth int) []string {
	w := max(10, m.Width-rightWidth-1)
	lines := strings.Split(ansi.Wordwrap("✗ "+m.err, w, ""), "\n")
	if len(lines) > maxErrorLines {
		// The last line makes room for the hint at a word's end.
		rest := strings.Join(lines[maxErrorLines-1:], " ")
		last := strings.Split(ansi.Wordwrap(rest, max(1, w-ansi.StringWidth(CutHint)), ""), "\n")[0]
		last = ansi.Truncate(last, max(0, w-ansi.StringWidth(CutHint)), "")
		lines = append(lines[:maxErrorLines-1], strings.TrimRight(last, " ")+CutHint)
	}
	return lines
}

// Height is the number of lines View takes: 1, or 2 for a long error.
func (m Model) Height(right string) int {
	if m.err == "" {
		return 1
	}
	return len(m.errorLines(lipgloss.Width(right)))
}

// View renders the line at the given width with right on the right. A long
// error takes a second line.
func (m Model) View(right string) string {
	st := m.Styles
	var left string
	switch {
	case m.err != "":
		lines := m.errorLines(lipgloss.Width(right))
		for i, l := range lines {
			lines[i] = st.StatusError.Render(l)
		}
		left = lines[0]
		rest := ""
		if len(lines) > 1 {
			rest = "\n" + strings.Join(lines[1:], "\n")
		}
		right = st.Hint.Render(right)
		gap := max(1, m.Width-lipgloss.Width(left)-lipgloss.Width(right))
		return left + strings.Repeat(" ", gap) + right + rest
	case m.activity != "":
		left = m.spinner.View() + " " + st.StatusBusy.Render(m.activity)
	case m.info != "":
		left = st.StatusInfo.Render(m.info)
	}
	right = st.Hint.Render(right)
	rw := lipgloss.Width(right)
	if room := max(0, m.Width-rw-1); m.activity == "" && m.info != "" && lipgloss.Width(left) > room {
		left = ansi.Truncate(left, max(0, room-ansi.StringWidth(CutHint)), "") + st.StatusInfo.Render(CutHint)
	}
	left = common.Truncate(left, max(0, m.Width-rw-1))
	gap := max(1, m.Width-lipgloss.Width(left)-rw)
	return left + strings.Repeat(" ", gap) + right
}
