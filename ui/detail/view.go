package detail

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/common"
)

const labelWidth = 11

// instantLayout is how an exact instant shows in the user's zone.
const instantLayout = "2006-01-02 15:04:05 MST"

// boxWidth is the dialog's outer width: the content area, 100 at most.
func (m Model) boxWidth() int { return max(30, min(100, m.Width)) }

// innerWidth is the text's width inside the frame.
func (m Model) innerWidth() int {
	return m.boxWidth() - m.Styles.Dialog.GetHorizontalFrameSize()
}

// frame is the dialog's frame, without its blank padding rows on a
// short terminal.
func (m Model) frame() lipgloss.Style {
	f := m.Styles.Dialog.Width(m.boxWidth() - m.Styles.Dialog.GetHorizontalBorderSize())
	if m.Height > 0 && m.Height < 20 {
		f = f.PaddingTop(0).PaddingBottom(0)
	}
	return f
}

// layout sizes the viewport to what the frame, the title and the footer
// leave, and fills it.
func (m *Model) layout() {
	body := m.body()
	lines := strings.Count(body, "\n") + 1
	h := lines
	if m.Height > 0 {
		room := m.Height - m.frame().GetVerticalFrameSize() - 4 // title, blank, blank, footer
		h = max(1, min(lines, room))
	}
	m.vp.Width = m.innerWidth()
	m.vp.Height = h
	m.vp.SetContent(body)
}

// View renders the dialog; its height is at most the size given.
func (m Model) View() string {
	st := m.Styles
	title := "Token " + model.Quote(m.p.Token.Name)
	parts := []string{st.DialogTitle.Render(common.Truncate(title, m.innerWidth())), "", m.vp.View(), "", m.footer()}
	return m.frame().Render(strings.Join(parts, "\n"))
}

// footer is the last key's outcome, or the keys and where the scroll is.
func (m Model) footer() string {
	st := m.Styles
	w := m.innerWidth()
	if m.note != "" {
		// A note may carry a server's words (a login in a refusal, an
		// error): PrintableLines leaves the console's own escapes as
		// they are.
		note := common.Truncate(model.PrintableLines(m.note), w)
		if m.bad {
			return st.FieldError.Render(note)
		}
		return st.Success.Render(note)
	}
	keys := "d revoke · o rotate · c copy name · esc close"
	if m.p.ReadOnly {
		keys = "c copy name · esc close"
	}
	if !m.vp.AtBottom() || !m.vp.AtTop() {
		keys = fmt.Sprintf("↑/↓ scroll %d%% · %s", int(m.vp.ScrollPercent()*100+0.5), keys)
	}
	return st.Hint.Render(common.Truncate(keys, w))
}

// body is the scrolled text: one labelled row per field, values wrapped
// under themselves.
func (m Model) body() string {
	st := m.Styles
	t := m.p.Token
	now := m.Now()
	vw := max(10, m.innerWidth()-labelWidth)
	var rows []string
	row := func(label string, style lipgloss.Style, values ...string) {
		var lines []string
		for _, v := range values {
			lines = append(lines, strings.Split(ansi.Wrap(v, vw, ""), "\n")...)
		}
		for i, l := range lines {
			lab := ""
			if i == 0 {
				lab = label
			}
			lines[i] = st.Label.Render(common.Fit(lab, labelWidth)) + style.Render(l)
		}
		rows = append(rows, lines...)
	}
	val, hint := st.Value, st.Hint

	row("Name", val, model.Printable(t.Name))
	owner := model.Printable(t.Login)
	if m.p.OwnerName != "" && m.p.OwnerName != t.Login {
		owner = model.Printable(m.p.OwnerName) + " (" + owner + ")"
	}
	row("Owner", val, owner)
	if m.p.Review && t.Owner != nil { // else the listing gave no sign-in
		m.signInRows(row, t)
	}
	if t.Type != model.TypeUnknown {
		row("Type", val, t.Type.Label())
	}
	if t.ProjectKey != "" || t.ProjectName != "" {
		name := t.ProjectName
		if name == "" {
			name = t.ProjectKey
		}
		vals := []string{model.Printable(name)}
		if t.ProjectKey != "" && t.ProjectKey != name {
			vals = append(vals, "key "+model.Printable(t.ProjectKey))
		}
		row("Project", val, vals...)
	}

	status := t.StatusAt(now, m.p.ExpiringWithin)
	sst := val
	switch status {
	case model.StatusExpired:
		sst = st.ExpiredLabel
	case model.StatusExpiring:
		sst = st.ExpiringLabel
	case model.StatusActive, model.StatusNoExpiration:
	}
	row("Status", sst, t.ExpiryReason(now, m.p.ExpiringWithin))
	row("", val, t.UseReason(now))
	rows = append(rows, "")

	raw := t.RawText()
	m.dateRows(row, "Created", &t.CreatedAt, raw.CreatedAt, "")
	m.dateRows(row, "Last use", t.LastUsed, raw.LastUsed, "never")
	if exp := t.ExpiresAt; exp != nil {
		m.dateRows(row, "Expires", exp, raw.ExpiresAt, "")
		row("", hint, "the token's expiry day: "+model.ExpiryDay(*exp))
	} else {
		row("Expires", val, "never")
	}
	if m.p.Cloud {
		rows = append(rows, "")
		at, _ := t.CloudRemoval(now)
		rst := val
		if t.CloudRemovalWithin(now, model.DefaultCloudWarning) {
			rst = st.ExpiringLabel
		}
		row("Removal", rst, t.CloudRemovalReason(now))
		m.dateRows(row, "", &at, "", "")
		row("", hint, common.CloudRule)
	}
	return strings.Join(rows, "\n")
}

// signInRows shows when the token's owner last signed in, as the review's
// user listing said: an instant, "never", or why it is unknown.
func (m Model) signInRows(row func(string, lipgloss.Style, ...string), t model.Token) {
	st := m.Styles
	const label = "Signed in"
	switch {
	case t.Owner == nil:
		row(label, st.Value, "unknown")
		row("", st.Hint, "the server's user listing gave no last sign-in")
	case t.Owner.LastSignIn == nil:
		row(label, st.Value, "never")
		row("", st.Hint, t.OwnerSignInReason(m.Now()))
	default:
		row(label, st.Value, t.Owner.LastSignIn.In(m.zone()).Format(instantLayout))
		row("", st.Hint, t.OwnerSignInReason(m.Now()))
	}
}

// zone is the user's time zone.
func (m Model) zone() *time.Location {
	if m.Zone == nil {
		return time.Local
	}
	return m.Zone
}

// dateRows shows an instant in the user's zone with the server's own text
// under it; absent is what a missing date says.
func (m Model) dateRows(row func(string, lipgloss.Style, ...string), label string, t *time.Time, raw, absent string) {
	st := m.Styles
	if t == nil || t.IsZero() {
		if absent == "" {
			absent = "unknown"
		}
		row(label, st.Value, absent)
		return
	}
	row(label, st.Value, t.In(m.zone()).Format(instantLayout))
	if raw != "" || label != "" {
		row("", st.Hint, "server: "+model.Printable(model.ServerText(t, raw)))
	}
}
