// Package reveal is the one-time reveal of a new token's value. The value
// lives only in this model, and only until the modal is closed: the root
// drops the whole model then.
package reveal

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/sonartoken/sonartoken/internal/cells"
	"github.com/sonartoken/sonartoken/internal/clipboard"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/common"
	"github.com/sonartoken/sonartoken/ui/errtext"
)

// CopiedMsg reports how the copy went.
type CopiedMsg struct {
	Method clipboard.Method
	Err    error
	// Sum is the fingerprint of the value copied, to tell later whether
	// the clipboard still holds it; the message never holds the value.
	Sum clipboard.Fingerprint
}

// Outcome implements common.Result: a failure goes to the message log
// whole (the reveal wraps it in its room), and a copy is timed, to take
// the value off the clipboard later.
func (m CopiedMsg) Outcome() common.Outcome {
	if m.Err != nil {
		return common.Outcome{Log: []common.LogLine{{Text: "Not copied: " + errtext.Describe(m.Err), Bad: true}}}
	}
	if m.Method == clipboard.None {
		return common.Outcome{}
	}
	return common.Outcome{Copied: &common.Copied{Method: m.Method, Sum: m.Sum}}
}

// Model is the reveal modal.
type Model struct {
	common.Common
	cb    clipboard.Writer
	token model.Token
	value model.Secret

	owner    string // the owner's login when generated for another user
	copying  bool
	copied   clipboard.Method
	copyErr  string
	askClose bool
	askQuit  bool // ctrl+c was pressed before the value was copied
	closed   bool // dismissed: the value is gone
}

// New shows nt's value; cb copies it on request.
func New(c common.Common, nt model.NewToken, cb clipboard.Writer) Model {
	return Model{Common: c, cb: cb, token: nt.Token, value: nt.Value}
}

// ForOwner names login as the token's owner, for a token generated for
// another user.
func (m Model) ForOwner(login string) Model {
	m.owner = login
	return m
}

// Token returns the new token's listing (no value).
func (m Model) Token() model.Token { return m.token }

// Copied returns how the value was last copied (None if not).
func (m Model) Copied() clipboard.Method { return m.copied }

// Copying reports whether a copy is under way.
func (m Model) Copying() bool { return m.copying }

// AskingToClose reports whether the modal asks once more before closing.
func (m Model) AskingToClose() bool { return m.askClose }

// SetAskQuit shows (or takes away) the warning that ctrl+c again quits
// and loses the value, which was never copied.
func (m *Model) SetAskQuit(ask bool) { m.askQuit = ask }

// quitWarning is what a reveal whose value was never copied says when
// ctrl+c asks to quit.
const quitWarning = "Nothing was copied. Press ctrl+c again to quit anyway: this value is lost. c copies."

// copyCmd copies the value from a Cmd: clipboard I/O never runs in Update.
func (m Model) copyCmd() tea.Cmd {
	cb, value := m.cb, m.value.Reveal()
	if cb == nil {
		return func() tea.Msg {
			return CopiedMsg{Err: fmt.Errorf("no clipboard is available: select the value by hand")}
		}
	}
	return func() tea.Msg {
		method, err := cb.Copy(value)
		return CopiedMsg{Method: method, Err: err, Sum: clipboard.FingerprintOf(value)}
	}
}

// Update handles c (copy) and esc/enter (close, asking once more when
// nothing was copied).
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case CopiedMsg:
		m.copying = false
		if msg.Err != nil {
			// Nothing was copied: the value stays on screen to select.
			m.copyErr = "✗ Not copied: " + errtext.Describe(msg.Err)
			if errors.Is(msg.Err, clipboard.ErrTmuxBlocked) {
				m.copyErr += " Meanwhile, select the value by hand."
			}
			return m, nil
		}
		m.copyErr = ""
		m.copied = msg.Method
		m.askClose = false
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, m.Keys.Copy):
			if m.copying {
				return m, nil
			}
			m.copying = true
			return m, m.copyCmd()
		case key.Matches(msg, m.Keys.Close):
			if m.copied == clipboard.None && !m.askClose {
				m.askClose = true
				return m, nil
			}
			m.value, m.closed = model.Secret{}, true
			return m, nil
		}
	}
	return m, nil
}

// View renders the modal.
func (m Model) View() string {
	st := m.Styles
	var b strings.Builder
	b.WriteString(st.DialogTitle.Render("New token generated") + "\n\n")
	b.WriteString(m.Details())
	b.WriteString("\n\n")
	switch {
	case m.askQuit:
		b.WriteString(st.Warning.Render(common.Wrap(quitWarning, max(20, min(60, m.Width-st.Dialog.GetHorizontalFrameSize())))))
	case m.askClose:
		b.WriteString(st.Warning.Render("Nothing was copied. Press esc or enter again to close anyway,\nor c to copy."))
	default:
		b.WriteString(st.Hint.Render("c copy · esc/enter close"))
	}
	full := m.framed(b.String())
	if m.Height > 0 && lipgloss.Height(full) > m.Height {
		return m.compactView()
	}
	return full
}

// compactView is the reveal in a short terminal: the value first, then
// what to do, framed only if the frame fits; whatever does not fit is cut
// from the bottom by the root, never the value.
func (m Model) compactView() string {
	st := m.Styles
	lines := []string{m.ValueLine()}
	switch {
	case m.askQuit:
		lines = append(lines, st.Warning.Render("Nothing copied: ctrl+c again quits, c copies."))
	case m.askClose:
		lines = append(lines, st.Warning.Render("Nothing copied: esc/enter again closes, c copies."))
	default:
		lines = append(lines, m.StatusLine("Shown once: c copy · esc/enter close"))
	}
	name := model.Printable(m.token.Name)
	if m.owner != "" {
		name += " of " + model.Printable(m.owner)
	}
	lines = append(lines, st.Hint.Render(ansi.Wrap(name, m.nameWidth()+10, "")))
	body := strings.Join(lines, "\n")
	if framed := m.framed(body); lipgloss.Height(framed) <= m.Height {
		return framed
	}
	return common.Wrap(body, m.Width)
}

// framed renders body in Frame, its lines wrapped to the room inside it
// when they are wider (the value is already: valueText).
func (m Model) framed(body string) string {
	f := m.Frame()
	if room := m.Width - f.GetHorizontalFrameSize(); m.Width > 0 && lipgloss.Width(body) > room {
		f = f.Width(max(1, room) + f.GetHorizontalPadding())
	}
	return f.Render(body)
}

// Frame is the dialog's frame in a content area as wide as the model: the
// usual one, or with one cell of padding each side instead of two when
// the value would not fit beside the usual padding (a 50-column pane has
// 44 cells inside, a SonarQube token's length).
func (m Model) Frame() lipgloss.Style {
	f := m.Styles.Dialog
	if m.Width > 0 && m.Width-f.GetHorizontalFrameSize() < cells.Width(model.Printable(m.value.Reveal())) {
		f = f.PaddingLeft(1).PaddingRight(1)
	}
	return f
}

// valueText is the value as the screen shows it: printable (a value the
// server sent with control characters shows escaped), and whole, on
// several lines when the dialog is narrower than it, never cut.
func (m Model) valueText() string {
	v := model.Printable(m.value.Reveal())
	if room := m.Width - m.Frame().GetHorizontalFrameSize(); m.Width > 0 && cells.Width(v) > room {
		v = ansi.Hardwrap(v, max(1, room), false)
	}
	return v
}

// nameWidth is the width the Name row wraps the name to: the dialog's
// room beside the labels, 60 at most.
func (m Model) nameWidth() int {
	return max(20, min(60, m.Width-m.Styles.Dialog.GetHorizontalFrameSize()-10))
}

// textWidth is the width the copy's outcome wraps to: the name's row.
func (m Model) textWidth() int { return m.nameWidth() + 10 }

// ValueLine is the value alone, styled, for compact views (valueText).
func (m Model) ValueLine() string { return m.Styles.Secret.Render(m.valueText()) }

// StatusLine is the copy's status in one line, or idle when nothing was
// copied yet.
func (m Model) StatusLine(idle string) string {
	st := m.Styles
	switch {
	case m.copying:
		return st.Hint.Render("Copying…")
	case m.copyErr != "":
		return st.FieldError.Render(common.WrapSpaces(m.copyErr, m.textWidth()))
	case m.copied != clipboard.None:
		return st.Success.Render(common.WrapSpaces("✓ "+m.copied.Describe(), m.textWidth()))
	}
	return st.Warning.Render(idle)
}

// Details renders the token, its value and the copy status, without the
// title and the closing hint, for dialogs that embed the reveal (rotation).
func (m Model) Details() string {
	st := m.Styles
	now := m.Now()
	var b strings.Builder
	row := func(label, value string) {
		b.WriteString(st.Label.Render(common.Fit(label, 10)) + st.Value.Render(value) + "\n")
	}
	if m.owner != "" {
		row("Owner", model.Printable(m.owner))
	}
	// The full name, wrapped under itself: a name may have 100 characters.
	row("Name", strings.ReplaceAll(ansi.Wrap(model.Printable(m.token.Name), m.nameWidth(), ""), "\n", "\n"+strings.Repeat(" ", 10)))
	if m.token.Type != model.TypeUnknown {
		row("Type", m.token.Type.Label())
	}
	if m.token.Type == model.TypeProject {
		p := m.token.ProjectName
		if p == "" {
			p = m.token.ProjectKey
		}
		row("Project", common.Truncate(model.Printable(p), 60))
	}
	row("Expires", m.expires(now))
	b.WriteString("\n" + st.Secret.Render(m.valueText()) + "\n\n")
	b.WriteString(st.Warning.Render("Copy it now: it will not be shown again.") + "\n")
	switch {
	case m.copying:
		b.WriteString(st.Hint.Render("Copying…"))
	case m.copyErr != "":
		b.WriteString(st.FieldError.Render(common.WrapSpaces(m.copyErr, m.textWidth())))
	case m.copied != clipboard.None:
		b.WriteString(st.Success.Render(common.WrapSpaces("✓ "+m.copied.Describe(), m.textWidth())))
		if note := m.clearNote(); note != "" {
			b.WriteString("\n" + st.Hint.Render(common.WrapSpaces(note, m.textWidth())))
		}
	default:
		b.WriteString(st.Hint.Render("Press c to copy, or select the value with the mouse."))
	}
	return b.String()
}

func (m Model) expires(now time.Time) string {
	if m.token.ExpiresAt == nil {
		return "never"
	}
	text, status := common.Expires(m.token, now)
	date := common.ExpiryDay(m.token)
	if status == model.StatusExpired {
		return date + " (expired)"
	}
	if text == date {
		if days, ok := m.token.DaysLeft(now); ok {
			return fmt.Sprintf("%s (in %d days)", date, days)
		}
	}
	return date + " (" + text + ")"
}

// clearNote says when the clipboard is cleared (Common.ClipboardClear), or
// is "" when it is not.
func (m Model) clearNote() string {
	if _, ok := m.cb.(clipboard.Clearer); !ok || m.ClipboardClear <= 0 {
		return ""
	}
	return ClearNote(m.ClipboardClear, m.copied)
}

// ClearNote words the clearing of a copy by method after d.
func ClearNote(d time.Duration, method clipboard.Method) string {
	when := fmt.Sprintf("%d s", int(d.Round(time.Second)/time.Second))
	if d >= time.Minute && d%time.Minute == 0 {
		when = fmt.Sprintf("%d min", int(d/time.Minute))
	}
	switch method {
	case clipboard.OSC52:
		// It cannot be read back, nor can a clearing be confirmed: the
		// terminal may ignore it (tmux does).
		return "In " + when + " sonartoken asks the terminal to clear it (it cannot confirm)."
	case clipboard.TmuxBuffer:
		// tmux passes no clearing on: only its own copy can go.
		return "In " + when + " sonartoken deletes it from tmux's paste buffer; your terminal's clipboard keeps it."
	}
	return "The clipboard is cleared in " + when + " if it still holds the token (while sonartoken runs)."
}
