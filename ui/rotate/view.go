package rotate

import (
	"strings"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/common"
)

// View renders the dialog of the current step.
func (m Model) View() string {
	st := m.Styles
	w := m.innerWidth()
	var b strings.Builder
	old, repl := shown(m.p.Old), shown(m.newTok)
	switch m.step {
	case StepPlan, StepGenerating:
		return m.planView()
	case StepReveal:
		return m.revealView()
	case StepRevoking:
		b.WriteString(m.heading("step 3 of 3: revoke the old token") + "\n\n")
		b.WriteString(st.Hint.Render("Revoking \"" + old.Name + "\"…"))
	case StepDone:
		b.WriteString(st.DialogTitle.Render("Token rotated") + "\n\n")
		b.WriteString(st.Success.Render("✓ \""+repl.Name+"\" replaces \""+old.Name+"\", which is revoked.") + "\n\n")
		b.WriteString(st.Hint.Render("esc/enter close"))
	case StepRevokeFailed:
		b.WriteString(st.DialogTitle.Render("Rotation not finished") + "\n\n")
		b.WriteString(st.FieldError.Render(common.Wrap("Revoking the old token \""+old.Name+"\" failed: "+m.revokeErr, w)) + "\n\n")
		b.WriteString(st.Warning.Render(common.Wrap("Both tokens exist now: the new \""+repl.Name+"\" and the old \""+old.Name+"\".", w)) + "\n\n")
		b.WriteString(st.Hint.Render("r try again · esc/enter close (revoke the old one later with d)"))
	case StepStopped:
		b.WriteString(st.DialogTitle.Render("Rotation stopped") + "\n\n")
		if m.valueless {
			b.WriteString(st.Warning.Render(common.Wrap("The new \""+repl.Name+"\" exists without a value: revoke it with d. The old \""+old.Name+"\" was not revoked and still works.", w)) + "\n\n")
			b.WriteString(st.Hint.Render("esc/enter close"))
			break
		}
		b.WriteString(st.Warning.Render(common.Wrap("Both tokens exist: the new \""+repl.Name+"\" and the old \""+old.Name+"\", which was not revoked.", w)) + "\n\n")
		// What to do next is no hint: a short pane drops hints first.
		b.WriteString(st.Value.Render(common.Wrap("Revoke whichever you do not use with d.", w)) + "\n\n")
		b.WriteString(st.Hint.Render("esc/enter close"))
	case StepUnchecked:
		b.WriteString(st.DialogTitle.Render("Rotation stopped: the old token is kept") + "\n\n")
		b.WriteString(st.FieldError.Render(common.Wrap(m.uncheckedWhy(), w)) + "\n\n")
		b.WriteString(st.Value.Render(common.Wrap(m.uncheckedNext(), w)) + "\n\n")
		b.WriteString(st.Hint.Render("esc/enter close"))
	case StepLost:
		b.WriteString(m.heading("new token's value lost") + "\n\n")
		b.WriteString(st.Warning.Render(common.Wrap("The new token \""+repl.Name+"\" was created, but its value was lost on the way and cannot be recovered.", w)) + "\n\n")
		b.WriteString(st.Value.Render(common.Wrap("The old token \""+old.Name+"\" is untouched and still works.", w)) + "\n\n")
		if m.lostErr != "" {
			b.WriteString(st.FieldError.Render(common.Wrap("Revoking \""+repl.Name+"\" failed: "+m.lostErr, w)) + "\n\n")
		}
		b.WriteString(st.Value.Render(common.Wrap("Revoke \""+repl.Name+"\", which has no value, and generate it again?", w)) + "\n\n")
		b.WriteString(st.Hint.Render(common.Wrap("y revoke the new one and try again · n keep it (both tokens stay)", w)))
	}
	dialog := st.Dialog
	if m.step == StepRevokeFailed || m.step == StepStopped || m.step == StepLost || m.step == StepUnchecked {
		dialog = st.DangerDialog
	}
	dialog = dialog.Width(w + dialog.GetHorizontalPadding())
	if full := dialog.Render(b.String()); m.Height <= 0 || lipgloss.Height(full) <= m.Height {
		return full
	}
	// Short of room (50x15, 60x12) the paragraphs and the padding close
	// up, then an "esc/enter close" at the end, which the help line under
	// the dialog repeats, goes: what to do next stays in sight.
	dialog = dialog.PaddingTop(0).PaddingBottom(0)
	tight := strings.ReplaceAll(b.String(), "\n\n", "\n")
	if v := dialog.Render(tight); lipgloss.Height(v) <= m.Height {
		return v
	}
	return dialog.Render(strings.TrimSuffix(tight, "\n"+st.Hint.Render("esc/enter close")))
}

// revealView is step 2: the new token and what to do with it, in the
// longest form that fits: whole; without the line of keys that the help
// line repeats (or, once esc asked to stop, with the warning in place of
// the instructions); compact.
func (m Model) revealView() string {
	st := m.Styles
	frame := m.reveal.Frame() // narrower padding when the value needs it
	w := max(30, min(76, m.Width-frame.GetHorizontalFrameSize()))
	old := shown(m.p.Old)
	title := m.heading("step 2 of 3: put the new token in place")
	put := st.Value.Render(common.Wrap(m.signsIn()+"Put the new value where \""+old.Name+"\" is used (CI secret, scanner settings). The old token still works.", w))
	full := []string{title, m.reveal.Details(), put, st.Hint.Render(common.Wrap("c copy · y it is in place: revoke the old token · esc stop, keep both", w))}
	short := []string{title, m.reveal.Details(), put}
	if warning, _ := m.warning(); warning != "" {
		warn := st.Warning.Render(common.Wrap(warning, w))
		full = []string{title, m.reveal.Details(), put, warn}
		short = []string{title, m.reveal.Details(), warn}
	}
	dialog := frame.Width(w + frame.GetHorizontalPadding())
	for _, parts := range [][]string{full, short} {
		if v := dialog.Render(strings.Join(parts, "\n\n")); m.Height <= 0 || lipgloss.Height(v) <= m.Height {
			return v
		}
	}
	return m.compactReveal()
}

// signsIn says, before the value is put in place, that the server signs
// the replacement in as its owner (checked before it was shown).
func (m Model) signsIn() string {
	if m.p.Owner == "" {
		return ""
	}
	return "Checked: it signs in as " + model.Printable(m.p.Owner) + ". "
}

// uncheckedWhy says why the replacement is not in place.
func (m Model) uncheckedWhy() string {
	name := shown(m.unchecked).Name
	if m.checkRefused {
		return "The new token \"" + name + "\" does not sign in: " + m.checkErr + "."
	}
	return "The new token \"" + name + "\" could not be checked: " + m.checkErr + "."
}

// uncheckedNext says what became of both tokens and how to finish.
func (m Model) uncheckedNext() string {
	old, name := shown(m.p.Old).Name, shown(m.unchecked).Name
	if m.undoErr != "" {
		return "The old token \"" + old + "\" is kept and still works, but revoking \"" + name + "\" failed: " + m.undoErr +
			" Both tokens exist: once you have found why the new one does not sign in, revoke \"" + name + "\" with d, then rotate again with o."
	}
	return "It was revoked before its value was shown, and the old token \"" + old + "\" is kept unchanged. Once the server accepts new tokens, rotate again with o."
}

// warning is what step 2 says, long and short, once a key that would
// lose the uncopied value asked to be pressed again; "" otherwise.
func (m Model) warning() (string, string) {
	switch {
	case m.askQuit:
		return "Nothing was copied. Press ctrl+c again to quit anyway: both tokens stay, and this value is lost. c copies.",
			"Nothing was copied: ctrl+c again quits, keeping both tokens; c copies."
	case m.askRevoke:
		return "Nothing was copied. Press y again to revoke \"" + model.Printable(m.p.Old.Name) + "\" anyway, if you put the value in place by hand: it is not shown again. c copies · esc stops, keeping both.",
			"Nothing was copied: y again revokes the old token; c copies."
	case m.askStop:
		return "Nothing was copied. Press esc again to stop here: both tokens stay, and this value is lost.",
			"Nothing was copied: esc again stops, keeping both tokens; c copies."
	}
	return "", ""
}

// compactReveal is step 2 in a short terminal: the value first, then what
// to do, framed only if the frame fits; the root cuts what does not fit
// from the bottom, never the value.
func (m Model) compactReveal() string {
	st := m.Styles
	w := m.innerWidth()
	lines := []string{m.reveal.ValueLine()}
	if _, short := m.warning(); short != "" {
		lines = append(lines, st.Warning.Render(common.Truncate(short, w)))
	} else {
		lines = append(lines, common.Truncate(m.reveal.StatusLine("Shown once: c copy"), w))
	}
	lines = append(lines, st.Hint.Render(common.Truncate("y in place: revoke the old token · esc stop, keep both", w)))
	lines = append(lines, st.Hint.Render(ansi.Wrap("Rotate "+model.Printable(m.p.Old.Name)+m.ofOwner()+" · step 2 of 3", w, "")))
	body := strings.Join(lines, "\n")
	frame := m.reveal.Frame()
	if room := m.Width - frame.GetHorizontalFrameSize(); lipgloss.Width(body) > room {
		frame = frame.Width(max(1, room) + frame.GetHorizontalPadding())
	}
	if framed := frame.Render(body); lipgloss.Height(framed) <= m.Height {
		return framed
	}
	return body
}

// planView is step 1: the old token, its replacement's name and what
// enter does. Short of room it gives up its blank lines, its hints and
// the old token's details before the title, the name field and what went
// wrong.
func (m Model) planView() string {
	st := m.Styles
	w := m.innerWidth()
	old := shown(m.p.Old)
	now := m.Now()
	const lw = 12
	indent := strings.Repeat(" ", lw)
	parts := []common.Part{
		common.Line(m.heading("step 1 of 3: the replacement"), common.Keep),
		common.Blank(),
	}
	row := func(label, value string) {
		// A long value wraps under itself, not under the label.
		wrapped := strings.ReplaceAll(common.Wrap(value, w-lw), "\n", "\n"+indent)
		parts = append(parts, common.Line(st.Label.Render(common.Fit(label, lw))+st.Value.Render(wrapped), common.Context))
	}
	if m.p.Login != "" {
		row("Owner", old.Login)
	}
	if old.Type != model.TypeUnknown {
		row("Type", old.Type.Label())
	}
	if old.Type == model.TypeProject {
		p := old.ProjectName
		if p == "" {
			p = old.ProjectKey
		}
		row("Project", p)
	}
	if m.p.Caps.Expiration {
		row("Expires", m.lifetime(now))
	}
	parts = append(parts, common.Blank(),
		common.Line(st.FocusedLabel.Render(common.Fit("> New name", lw))+m.name.View(), common.Keep))
	if msg := m.nameError(); msg != "" && m.tried {
		parts = append(parts, common.Line(indent+st.FieldError.Render(common.Truncate(msg, w-lw)), common.Keep))
	} else {
		parts = append(parts, common.Line(indent+st.Hint.Render(common.Truncate("the old name with today's date; edit it if you like", w-lw)), common.Hint))
	}
	parts = append(parts, common.Blank())
	switch {
	case m.step == StepGenerating && m.retrying:
		parts = append(parts, common.Line(st.Hint.Render(common.Wrap("Revoking \""+model.Printable(m.newTok.Name)+"\", which has no value, then generating it again…", w)), common.Keep))
	case m.step == StepGenerating:
		parts = append(parts, common.Line(st.Hint.Render("Generating…"), common.Keep))
	case m.genErr != "" && m.genUnknown:
		// What it means first; the causes after, when they fit.
		parts = append(parts,
			common.Line(st.FieldError.Render(common.Wrap("The answer was lost and checking failed too: \""+model.Printable(m.Request().Name)+
				"\" may have been created. The old token is untouched. esc, then r, shows whether the new one exists; enter tries again.", w)), common.Keep),
			common.Line(st.Hint.Render(common.Wrap(m.genErr, w)), common.Hint))
	case m.genErr != "":
		parts = append(parts,
			common.Line(st.FieldError.Render(common.Wrap(m.genErr, w)), common.Keep),
			common.Line(st.Hint.Render(common.Wrap("Nothing was generated or revoked. enter try again · esc cancel", w)), common.Hint))
	default:
		parts = append(parts, common.Line(st.Hint.Render(common.Wrap("Nothing changes until you press enter. enter generate · esc cancel", w)), common.Hint))
	}
	return common.FitDialog(st.Dialog.Width(w+st.Dialog.GetHorizontalPadding()), m.Height, parts...)
}

// lifetime describes the replacement's expiry next to the old one's.
func (m Model) lifetime(now time.Time) string {
	old := m.p.Old
	was := "never"
	if old.ExpiresAt != nil {
		was = model.ExpiryDay(*old.ExpiresAt)
	}
	d, ok := m.exp.Resolve(now)
	if !ok {
		return "never, as the old one"
	}
	text := m.exp.Label() + ", on " + d.Format(time.DateOnly)
	// A lifetime cut to the server's maximum says so, never silently.
	if max := m.p.Max.Days; max > 0 {
		if same := model.LifetimeOf(old, model.MaxLifetime{}); same.Kind == model.ExpiresNever || same.Days > max {
			return text + " (server maximum: " + model.Expiration{Kind: model.ExpiresInDays, Days: max}.Label() + "; the old one: " + was + ")"
		}
	}
	return text + " (the old one: " + was + ")"
}
