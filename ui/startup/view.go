package startup

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/sonartoken/sonartoken/ui/common"
)

// View renders the screen over the whole terminal.
func (m Model) View() string {
	st := m.Styles
	w := max(0, m.Width-st.App.GetHorizontalFrameSize())
	top := []string{st.Title.Render("sonartoken")}
	for _, b := range m.banners {
		top = append(top, common.Truncate(st.HeaderBad.Render("⚠ "+b), w))
	}
	var body, helpLine string
	switch m.screen {
	case ScreenConnecting:
		body = m.spin.View() + " Connecting to " + st.HeaderText.Render(m.url) + "…"
		helpLine = m.help.View(errorHelp{k: m.keys})
	case ScreenError:
		body = m.errorView(w)
		helpLine = m.help.View(errorHelp{k: m.keys, canRetry: true, canEdit: m.welcomed})
	case ScreenWelcome:
		body = m.welcomeView(w)
		helpLine = m.help.View(welcomeHelp{k: m.keys, canDemo: m.wp.CanDemo})
	}
	h := max(1, m.Height-len(top)-2)
	content := lipgloss.Place(w, h, lipgloss.Center, lipgloss.Center, body)
	content = common.PadHeight(content, h)
	parts := append(top, "", content, common.Truncate(helpLine, w))
	return st.App.Render(strings.Join(parts, "\n"))
}

// dialogWidth is the text width inside a dialog for a screen w wide.
func dialogWidth(w int) int { return max(20, min(76, w-8)) }

func (m Model) errorView(w int) string {
	st := m.Styles
	dw := dialogWidth(w)
	p := m.problem
	lines := []string{st.FieldError.Bold(true).Render("✗ " + p.Title), ""}
	if m.url != "" {
		lines = append(lines, st.Label.Render("Server: ")+st.Value.Render(m.url), "")
	}
	lines = append(lines, wrap(p.Detail, dw))
	if len(p.Hints) > 0 {
		lines = append(lines, "", st.DialogTitle.Render("What to try"))
		for _, h := range p.Hints {
			lines = append(lines, indentWrap("• ", h, dw))
		}
	}
	return st.DangerDialog.Width(dw + 4).Render(strings.Join(lines, "\n"))
}

// wrap breaks text at spaces only, so that a flag such as --ca-file or a
// path is never cut in two; a word longer than w stands on its own line.
func wrap(text string, w int) string {
	var lines []string
	for _, para := range strings.Split(text, "\n") {
		line := ""
		for _, word := range strings.Fields(para) {
			switch {
			case line == "":
				line = word
			case ansi.StringWidth(line)+1+ansi.StringWidth(word) <= w:
				line += " " + word
			default:
				lines = append(lines, line)
				line = word
			}
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}

// indentWrap wraps text after a bullet, indenting continuation lines.
func indentWrap(bullet, text string, w int) string {
	wrapped := wrap(text, w-len([]rune(bullet)))
	return bullet + strings.ReplaceAll(wrapped, "\n", "\n"+strings.Repeat(" ", len([]rune(bullet))))
}

func (m Model) welcomeView(w int) string {
	st := m.Styles
	dw := dialogWidth(w)
	label := func(f int, s string) string {
		s = fmt.Sprintf("%-10s", s)
		if m.focus == f {
			return st.FocusedLabel.Render(s)
		}
		return st.Label.Render(s)
	}
	lines := []string{
		st.DialogTitle.Render("Welcome to sonartoken"),
		"",
		wrap("No SonarQube server is configured yet. Connect with a user token (SonarQube > My Account > Security > Generate Token), or try the built-in demo server.", dw),
		"",
		label(focusURL, "Server") + " " + m.urlIn.View(),
		label(focusToken, "Token") + " " + m.tokenIn.View(),
	}
	if m.wp.CanSave {
		box := "[ ]"
		if m.save {
			box = "[x]"
		}
		lines = append(lines, label(focusSave, "Keychain")+" "+st.Value.Render(box+" save the token in the OS keychain"))
		if m.save {
			lines = append(lines, label(focusProfile, "Profile")+" "+m.profileIn.View())
		}
	}
	lines = append(lines, "")
	if m.formErr != "" {
		lines = append(lines, st.FieldError.Render(wrap(m.formErr, dw)), "")
	}
	button := func(f int, s string) string {
		if m.focus == f {
			return st.ActiveButton.Render(s)
		}
		return st.Button.Render(s)
	}
	buttons := button(focusConnect, "Connect")
	if m.wp.CanDemo {
		buttons += "  " + button(focusDemo, "Try the demo")
	}
	lines = append(lines, buttons)
	return st.Dialog.Width(dw + 4).Render(strings.Join(lines, "\n"))
}
