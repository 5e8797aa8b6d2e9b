package startup

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/common"
)

// View renders the screen over the whole terminal. A dialog taller than
// the room gives up its least useful lines first; whatever still does not
// fit, or a terminal too small for the frame, is cut, never wider or
// taller than the terminal.
func (m Model) View() string {
	st := m.Styles
	w := max(0, m.Width-st.App.GetHorizontalFrameSize())
	top := []string{st.Title.Render("sonartoken")}
	for _, b := range m.banners {
		top = append(top, common.Truncate(st.HeaderBad.Render("⚠ "+model.Printable(b)), w))
	}
	h := max(1, m.Height-len(top)-2)
	var body, helpLine string
	switch m.screen {
	case ScreenConnecting:
		body = common.Truncate(m.spin.View()+" Connecting to "+st.HeaderText.Render(model.Printable(m.url))+"…", w)
		helpLine = m.help.View(errorHelp{k: m.keys})
	case ScreenError:
		body = m.errorView(w, h)
		helpLine = m.help.View(errorHelp{k: m.keys, canRetry: true, canEdit: m.welcomed})
	case ScreenWelcome:
		body = m.welcomeView(w, h)
		helpLine = m.help.View(welcomeHelp{k: m.keys, canDemo: m.wp.CanDemo})
	case ScreenTrust:
		body = m.trustView(w, h)
		helpLine = m.help.View(defaultTrustKeys())
	}
	content := common.ClipBox(lipgloss.Place(w, h, lipgloss.Center, lipgloss.Center, body), w, h)
	content = common.PadHeight(content, h)
	parts := append(top, "", content, common.Truncate(helpLine, w))
	return clip(st.App.Render(strings.Join(parts, "\n")), m.Width, m.Height)
}

// clip cuts s to h lines of at most w cells.
func clip(s string, w, h int) string {
	lines := strings.Split(s, "\n")
	lines = lines[:min(len(lines), max(h, 1))]
	for i, l := range lines {
		lines[i] = ansi.Truncate(l, max(w, 0), "")
	}
	return strings.Join(lines, "\n")
}

// dialogWidth is the text width inside a dialog for a screen w wide.
func dialogWidth(w int) int { return max(20, min(76, w-8)) }

// errorView is the failure in a dialog at most h lines tall: short of
// room it gives up its blank lines, then the hints from the last, then the
// server's address, before the title and the detail.
func (m Model) errorView(w, h int) string {
	st := m.Styles
	dw := dialogWidth(w)
	p := m.problem
	parts := []common.Part{common.Line(st.FieldError.Bold(true).Render("✗ "+p.Title), common.Keep), common.Blank()}
	if m.url != "" {
		parts = append(parts, common.Line(st.Label.Render("Server: ")+st.Value.Render(model.Printable(m.url)), common.Context), common.Blank())
	}
	parts = append(parts, common.Line(wrap(model.PrintableLines(p.Detail), dw), common.Keep))
	for i, hint := range p.Hints {
		text := indentWrap("• ", model.PrintableLines(hint), dw)
		if i == 0 {
			parts = append(parts, common.Blank())
			text = st.DialogTitle.Render("What to try") + "\n" + text
		}
		parts = append(parts, common.Line(text, common.Tail))
	}
	return common.FitDialog(st.DangerDialog.Width(dw+4), h, parts...)
}

// wrap breaks text at spaces only, so that a flag such as --ca-file or a
// path is never cut in two; a word longer than w stands on its own line.
func wrap(text string, w int) string { return common.WrapSpaces(text, w) }

// indentWrap wraps text after a bullet, indenting continuation lines.
func indentWrap(bullet, text string, w int) string {
	wrapped := wrap(text, w-len([]rune(bullet)))
	return bullet + strings.ReplaceAll(wrapped, "\n", "\n"+strings.Repeat(" ", len([]rune(bullet))))
}

// intro is the text under the welcome form's title.
func (m Model) intro() string {
	if m.wp.Intro != "" {
		return m.wp.Intro
	}
	return "No SonarQube server is configured yet. Connect with a user token (SonarQube > My Account > Security > Generate Token), or try the built-in demo server."
}

// welcomeView is the form in a dialog at most h lines tall: short of
// room it gives up its blank lines, the introduction and the fields
// without the focus before the title, the focused field, a problem and
// the buttons.
func (m Model) welcomeView(w, h int) string {
	st := m.Styles
	dw := dialogWidth(w)
	// The focus shows as "> " and [brackets] as well as in colour, so that
	// under NO_COLOR typing never goes unseen into the masked Token field.
	field := func(f int, name, input string) common.Part {
		if m.focus == f {
			return common.Line(st.FocusedLabel.Render(fmt.Sprintf("> %-10s", name))+" "+input, common.Keep)
		}
		return common.Line(st.Label.Render(fmt.Sprintf("  %-10s", name))+" "+input, common.Context)
	}
	parts := []common.Part{
		common.Line(st.DialogTitle.Render("Welcome to sonartoken"), common.Keep),
		common.Blank(),
		common.Line(wrap(m.intro(), dw), common.Hint),
		common.Blank(),
		field(focusURL, "Server", m.urlIn.View()),
		field(focusToken, "Token", m.tokenIn.View()),
	}
	if m.wp.CanSave {
		box := "[ ]"
		if m.save {
			box = "[x]"
		}
		parts = append(parts, field(focusSave, "Keychain", st.Value.Render(box+" save the token in the OS keychain (a file if none)")))
		if m.save {
			parts = append(parts, field(focusProfile, "Profile", m.profileIn.View()))
		}
	}
	parts = append(parts, common.Blank())
	if m.formErr != "" {
		parts = append(parts, common.Line(st.FieldError.Render(wrap(m.formErr, dw)), common.Keep), common.Blank())
	}
	button := func(f int, s string) string {
		if m.focus == f {
			return st.ActiveButton.Render("[" + s + "]")
		}
		return st.Button.Render(" " + s + " ")
	}
	buttons := button(focusConnect, "Connect")
	if m.wp.CanDemo {
		buttons += "  " + button(focusDemo, "Try the demo")
	}
	parts = append(parts, common.Line(buttons, common.Keep))
	return common.FitDialog(st.Dialog.Width(dw+4), h, parts...)
}
