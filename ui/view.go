package ui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/common"
	"github.com/sonartoken/sonartoken/ui/helpscreen"
	"github.com/sonartoken/sonartoken/ui/keys"
)

// innerWidth is the width inside the app's side padding.
func (m Model) innerWidth() int { return max(0, m.width-m.common.Styles.App.GetHorizontalFrameSize()) }

// headerLines returns the header, one string per line.
func (m Model) headerLines() []string {
	st := m.common.Styles
	w := m.innerWidth()
	var lines []string

	server := "connecting…"
	if m.svc != nil {
		server = model.Printable(m.svc.BaseURL())
		switch v := m.svc.Version(); {
		case m.caps.Cloud:
			// Cloud answers api/server/version with a number of its own
			// that says nothing of what it allows.
			server += " · SonarQube Cloud"
		case v.Major > 0:
			server += " · SonarQube " + model.Printable(v.String())
		}
	}
	if len(m.opts.Profiles) >= 2 && m.opts.Profile != "" {
		server = "profile " + model.Printable(m.opts.Profile) + " · " + server
	}
	lines = append(lines, common.Truncate(st.Title.Render("sonartoken")+"  "+st.HeaderText.Render(server), w))
	if f := m.opts.ServerFile; f != "" {
		lines = append(lines, common.Truncate(st.HeaderDim.Render("server named by sonar.host.url in "+model.Printable(f)), w))
	}

	var who string
	switch {
	case m.userLoaded && m.user.Name != "":
		who = st.HeaderText.Render(model.Printable(m.user.Name)) + st.HeaderDim.Render(" ("+model.Printable(m.user.Login)+")")
	case m.userLoaded:
		who = st.HeaderText.Render(model.Printable(m.user.Login))
	case m.pending > 0:
		who = st.HeaderDim.Render("signing in…")
	default:
		who = st.HeaderBad.Render("not signed in")
	}
	switch {
	case m.page == PageReview:
		who += st.HeaderDim.Render(" · ") + st.HeaderText.Render("review of every user's tokens")
	case m.login != "" && m.login != m.user.Login:
		who += st.HeaderDim.Render(" · tokens of ") + st.HeaderText.Render(model.Printable(m.login))
	}
	if m.opts.ReadOnly {
		who += st.HeaderDim.Render(" · read-only")
	}
	var rotate string
	if m.hasOwnExpiry {
		now := m.common.Now()
		left := m.ownExpiry.Sub(now)
		text := "console token expires " + model.ExpiryDay(m.ownExpiry)
		switch {
		case left <= 0:
			who += st.HeaderDim.Render(" · ") + st.HeaderBad.Render("console token expired "+model.ExpiryDay(m.ownExpiry))
		case left <= model.DefaultExpiringWithin:
			days := int((left + 24*time.Hour - 1) / (24 * time.Hour))
			who += st.HeaderDim.Render(" · ") + st.HeaderWarn.Render(fmt.Sprintf("%s (in %d days)", text, days))
			rotate = fmt.Sprintf("⚠ The console's token expires in %d days: rotate it (sonartoken rotate NAME), then sonartoken auth login.", days)
		default:
			who += st.HeaderDim.Render(" · " + text)
		}
	}
	lines = append(lines, common.Truncate(who, w))
	for _, b := range m.opts.Banners {
		lines = append(lines, common.Truncate(st.HeaderBad.Render("⚠ "+model.Printable(b)), w))
	}
	if rotate != "" {
		lines = append(lines, common.Truncate(st.HeaderWarn.Render(rotate), w))
	}

	if t := m.opts.OwnTokenType; t == model.TypeGlobal || t == model.TypeProject {
		lines = append(lines, common.Truncate(st.HeaderWarn.Render(
			"⚠ This "+t.Label()+" cannot manage other users' tokens: use a user token."), w))
	}
	return lines
}

// chromeHeight is the height of all but the content area.
func (m Model) chromeHeight() int {
	return len(m.headerLines()) + 2 + m.status.Height(m.summary())
}

// layout hands the components their sizes.
func (m *Model) layout() {
	w := m.innerWidth()
	h := max(1, m.height-m.chromeHeight())
	m.table.SetSize(w, h)
	m.review.SetSize(w, h)
	m.status.SetSize(w, 1)
	m.help.Width = w
	if m.dialog != nil {
		m.dialog = m.dialog.SetSize(w, h)
	}
	if m.over != nil {
		m.over = m.over.SetSize(w, h)
	}
}

// View implements tea.Model.
func (m Model) View() string {
	if !m.ready {
		return "Starting sonartoken…"
	}
	if TooSmall(m.width, m.height) {
		return tooSmallView(m.width, m.height)
	}
	w := m.innerWidth()
	h := max(1, m.height-m.chromeHeight())
	var content string
	switch dialog := m.dialogView(); {
	case dialog != "":
		content = m.place(w, h, dialog)
	case m.page == PageReview:
		content = common.PadHeight(m.review.View(), h)
	default:
		content = common.PadHeight(m.table.View(), h)
	}
	parts := append(m.headerLines(), "", content, m.status.View(m.summary()), m.footer(w))
	return m.margin(strings.Join(parts, "\n"))
}

// margin puts Styles.App's left padding before every line of the screen.
// Styles.App.Render did, and also padded every line to the widest and
// added the right padding, which Boot.View's trimPadding took off again:
// measuring and padding the whole screen on each frame made a third of
// the bytes a review's keys allocated (13.6 of 40 MB of 114 at 50,000
// rows), and the collector's work.
func (m Model) margin(screen string) string {
	if strings.Contains(screen, "\t") {
		screen = strings.ReplaceAll(screen, "\t", "    ") // as Render does
	}
	left := strings.Repeat(" ", m.common.Styles.App.GetPaddingLeft())
	var b strings.Builder
	b.Grow(len(screen) + (strings.Count(screen, "\n")+1)*len(left))
	for {
		line, rest, more := strings.Cut(screen, "\n")
		b.WriteString(left)
		b.WriteString(line)
		if !more {
			return b.String()
		}
		b.WriteByte('\n')
		screen = rest
	}
}

// dialogView is the open dialog, or "" on the table.
func (m Model) dialogView() string {
	if m.over != nil {
		return m.over.View()
	}
	if m.dialog != nil {
		return m.dialog.View()
	}
	return ""
}

// place centres a dialog in the content area, cutting it if it is taller.
func (m Model) place(w, h int, s string) string {
	return common.ClipBox(lipgloss.Place(w, h, lipgloss.Center, lipgloss.Center, s), w, h)
}

func (m Model) summary() string {
	t := m.table
	if m.page == PageReview {
		t = m.review.Table()
	}
	if !t.Loaded() {
		return ""
	}
	n, shown := t.Len(), t.Shown()
	word := "tokens"
	if n == 1 {
		word = "token"
	}
	// One counter format everywhere: the row's place "3/9", then what the
	// filter hides.
	switch {
	case n == 0:
		return "no tokens"
	case shown == 0:
		return fmt.Sprintf("none shown · %d %s", n, word)
	case shown != n:
		return fmt.Sprintf("%d/%d shown · %d %s", t.Cursor()+1, shown, n, word)
	}
	return fmt.Sprintf("%d/%d %s", t.Cursor()+1, n, word)
}

// footer is the short help in w cells: a page's keys give way from the
// right, a dialog's from the left (moving before acting); "? help" stays.
func (m Model) footer(w int) string {
	h := m.help
	h.Width = 0
	var bs []key.Binding
	for _, b := range m.helpKeys().ShortHelp() {
		if b.Enabled() {
			bs = append(bs, b)
		}
	}
	k := m.common.Keys
	keep := func(b key.Binding) bool {
		return b.Help() == k.Help.Help() || b.Help() == k.HelpAnywhere.Help() || b.Help() == k.Quit.Help() || b.Help() == k.CloseHelp.Help()
	}
	page := m.over == nil && m.dialog == nil
	for lipgloss.Width(h.ShortHelpView(bs)) > w {
		drop := -1
		for i, b := range bs {
			if !keep(b) {
				drop = i
				if !page {
					break
				}
			}
		}
		if drop < 0 {
			break
		}
		bs = append(bs[:drop], bs[drop+1:]...)
	}
	return common.Truncate(h.ShortHelpView(bs), w)
}

func (m Model) helpKeys() help.KeyMap {
	if m.over != nil {
		return m.over.Help()
	}
	if m.dialog != nil {
		return withHelpKey{m.dialog.Help(), m.helpBinding()}
	}
	k := *m.common.Keys
	if m.page == PageReview {
		if m.review.Filtering() {
			return keys.FilterHelp{KeyMap: k}
		}
		return keys.ReviewHelp{KeyMap: k}
	}
	if m.table.Filtering() {
		return keys.FilterHelp{KeyMap: k}
	}
	return keys.TableHelp{KeyMap: k, Other: m.canGoBack()}
}

// canGoBack reports whether esc on the tokens page goes somewhere.
func (m Model) canGoBack() bool { return m.login != "" || m.backToReview }

// newHelp is the full help of the page: its keys, then its hints.
func (m Model) newHelp() helpscreen.Model {
	closing := "Press " + m.common.Keys.CloseHelp.Help().Key + " to " + m.common.Keys.CloseHelp.Help().Desc + "."
	if m.page == PageReview {
		return helpscreen.New(m.common, keys.ReviewHelp{KeyMap: *m.common.Keys}, m.review.Hints(closing), m.help)
	}
	return helpscreen.New(m.common, keys.TableHelp{KeyMap: *m.common.Keys, Other: m.canGoBack()}, m.table.Hints(closing), m.help)
}
