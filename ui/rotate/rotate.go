// Package rotate is the rotation of a token without a gap: plan the
// replacement (same type, project and lifetime, a dated name that can be
// edited), generate it, reveal its value once, and only when the user says
// the new token is in place revoke the old one. Stopping or failing at any
// step revokes nothing.
package rotate

import (
	"errors"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/internal/clipboard"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/common"
	"github.com/sonartoken/sonartoken/ui/errtext"
	"github.com/sonartoken/sonartoken/ui/keys"
	"github.com/sonartoken/sonartoken/ui/reveal"
)

// Step is where the rotation is.
type Step int

// The steps of a rotation.
const (
	StepPlan         Step = iota // the replacement's name can be edited
	StepGenerating               // generate sent
	StepReveal                   // the new value is shown once
	StepRevoking                 // revoke of the old token sent
	StepDone                     // old revoked, new in place
	StepRevokeFailed             // both tokens exist
	StepStopped                  // stopped after generating: both tokens exist
	StepLost                     // the new token was created but its value lost
)

// String names the step.
func (s Step) String() string {
	return [...]string{"plan", "generating", "reveal", "revoking", "done", "revoke-failed", "stopped", "lost"}[s]
}

// GenerateMsg asks the root to generate the replacement.
type GenerateMsg struct{ Request client.GenerateRequest }

// RevokeMsg asks the root to revoke the old token.
type RevokeMsg struct {
	Login string // "" for the signed-in user
	Name  string
}

// RetryMsg asks the root to revoke the replacement Name, created without
// its value, then to send Request again. The old token is not touched.
type RetryMsg struct {
	Login   string // "" for the signed-in user
	Name    string
	Request client.GenerateRequest
}

// ClosedMsg tells the root the dialog is closed. New is the replacement
// when one was generated; Revoked is true when the old token is gone.
type ClosedMsg struct {
	Old, New  model.Token
	Generated bool
	Revoked   bool
}

// Params is what a rotation needs.
type Params struct {
	Old      model.Token
	Login    string   // API login: "" for the signed-in user's own token
	Existing []string // the owner's token names, for the default name and the duplicate check
	Caps     model.Capabilities
	Max      model.MaxLifetime
}

// Model is the rotation dialog.
type Model struct {
	common.Common
	p   Params
	cb  clipboard.Writer
	exp model.Expiration

	step      Step
	name      textinput.Model
	genErr    string
	tried     bool
	reveal    reveal.Model
	newTok    model.Token
	revokeErr string
	askStop   bool
	// askRevoke is set when y was pressed before the value was copied:
	// a second y revokes the old token, and the value is lost.
	askRevoke bool
	askQuit   bool // ctrl+c was pressed before the value was copied
	// yAfterCopy is set when y came while the copy was under way: the
	// copy's outcome decides (revoke once copied, ask if it failed).
	yAfterCopy bool
	valueless  bool // stopped with a replacement whose value was lost
	retrying   bool // revoking the valueless replacement, then generating again
	// genUnknown is set when the generate's answer was lost and checking
	// failed too: the replacement may exist.
	genUnknown bool
	// lostErr is why revoking the valueless replacement failed.
	lostErr string
}

// New plans the rotation of p.Old.
func New(c common.Common, p Params, cb clipboard.Writer) Model {
	now := c.Now()
	in := c.NewInput("name of the new token", model.MaxNameLength*2)
	in.SetValue(model.ReplacementName(p.Old.Name, now, p.Existing))
	in.Focus()
	in.CursorEnd()
	m := Model{Common: c, p: p, cb: cb, name: in}
	m.exp = model.LifetimeOf(p.Old, p.Max)
	return m
}

// Init blinks the name's cursor.
func (m Model) Init() tea.Cmd { return textinput.Blink }

// Step returns where the rotation is.
func (m Model) Step() Step { return m.step }

// Old returns the token being replaced.
func (m Model) Old() model.Token { return m.p.Old }

// New returns the replacement's listing once generated.
func (m Model) New() model.Token { return m.newTok }

// SetAskQuit shows (or takes away) the warning that ctrl+c again quits
// and loses the new value, which was never copied.
func (m *Model) SetAskQuit(ask bool) { m.askQuit = ask }

// Uncopied reports whether the new value is shown and was never copied.
func (m Model) Uncopied() bool {
	return m.step == StepReveal && m.reveal.Copied() == clipboard.None
}

// Typing reports whether the name field takes text (step 1).
func (m Model) Typing() bool { return m.step == StepPlan }

// Busy reports whether a request is in flight.
func (m Model) Busy() bool { return m.step == StepGenerating || m.step == StepRevoking }

// SetSize implements common.Dialog: it sets the dialog's size.
func (m Model) SetSize(w, h int) common.Dialog {
	m.Common.SetSize(w, h)
	m.name.Width = max(10, min(50, m.innerWidth()-14))
	m.reveal.SetSize(w, h)
	return m
}

// Lasts implements common.Lasting: a value, or the step that follows it,
// stays until the rotation closes.
func (m Model) Lasts() bool { return true }

// Help implements common.Dialog: the keys of the current step.
func (m Model) Help() help.KeyMap {
	k := *m.Keys
	switch m.step {
	case StepPlan:
		return keys.List{k.Submit, k.Cancel}
	case StepReveal:
		return keys.List{k.Copy, keys.Relabel(k.Yes, "y", "in place: revoke the old"), keys.Relabel(k.Cancel, "esc", "stop, keep both")}
	case StepLost:
		return keys.List{keys.Relabel(k.Yes, "y", "revoke the new one, try again"), keys.Relabel(k.No, "n", "keep it")}
	case StepRevokeFailed:
		return keys.List{keys.Relabel(k.Refresh, "r", "try again"), k.Close}
	case StepDone, StepStopped:
		return keys.List{k.Close}
	case StepGenerating, StepRevoking:
	}
	return keys.List{k.ForceQuit}
}

func (m Model) innerWidth() int { return max(30, min(76, m.Width-6)) }

// Request is the generate request of the replacement: the old token's
// type and project, and its lifetime from today.
func (m Model) Request() client.GenerateRequest {
	r := client.GenerateRequest{Login: m.p.Login, Name: model.TrimName(m.name.Value()), Type: m.p.Old.Type, ProjectKey: m.p.Old.ProjectKey}
	if m.p.Caps.Expiration {
		if d, ok := m.exp.Resolve(m.Now()); ok {
			r.ExpiresOn = d
		}
	}
	return r
}

func (m Model) nameError() string {
	if err := model.ValidateName(m.name.Value(), m.p.Old.Login, m.p.Existing); err != nil {
		return err.Error()
	}
	return ""
}

// SetGenerated shows the new token's value once.
func (m *Model) SetGenerated(nt model.NewToken) {
	m.retrying = false
	m.newTok = nt.Token
	m.reveal = reveal.New(m.Common, nt, m.cb)
	if m.p.Login != "" {
		m.reveal = m.reveal.ForOwner(m.p.Old.Login)
	}
	m.reveal.SetSize(m.Width, m.Height)
	m.step = StepReveal
	m.name.Blur()
}

// SetGenerateError shows the server's refusal; nothing was created. A lost
// answer whose check failed too (client.LostResponseError Unconfirmed)
// says that the replacement may exist.
func (m *Model) SetGenerateError(err error) {
	m.retrying = false
	m.genErr = model.PrintableLines(errtext.Describe(err))
	var lost *client.LostResponseError
	m.genUnknown = errors.As(err, &lost) && lost.Unconfirmed
	if m.genUnknown {
		// The dialog says what it means; these are the causes.
		m.genErr = model.PrintableLines("Generating: " + errtext.Describe(lost.Err) + " Checking: " + errtext.Describe(lost.SearchErr))
	}
	m.step = StepPlan
}

// SetLost records a replacement created without its value (its answer
// was lost): the old token is untouched; y revokes the valueless one and
// generates again, n keeps it.
func (m *Model) SetLost(t model.Token) {
	m.retrying = false
	m.newTok = t
	m.lostErr = ""
	m.step = StepLost
	m.name.Blur()
}

// SetLostRevokeError records that the valueless replacement could not be
// revoked: it still exists, and y tries again.
func (m *Model) SetLostRevokeError(err error) {
	m.retrying = false
	m.lostErr = model.PrintableLines(errtext.Describe(err))
	m.step = StepLost
}

// Valueless reports whether the replacement exists without a value.
func (m Model) Valueless() bool { return m.valueless }

// SetRevoked records the revocation of the old token.
func (m *Model) SetRevoked(err error) {
	if err != nil {
		m.revokeErr = model.PrintableLines(errtext.Describe(err))
		m.step = StepRevokeFailed
		return
	}
	m.step = StepDone
}

// revokeOld ends the reveal and asks the root to revoke the old token.
func (m *Model) revokeOld() tea.Cmd {
	m.dropSecret()
	m.yAfterCopy = false
	m.step = StepRevoking
	login, name := m.p.Login, m.p.Old.Name
	return func() tea.Msg { return RevokeMsg{Login: login, Name: name} }
}

// dropSecret forgets the value: the reveal is over.
func (m *Model) dropSecret() { m.reveal = reveal.Model{} }

func (m Model) closed() tea.Cmd {
	msg := ClosedMsg{Old: m.p.Old, New: m.newTok, Generated: m.newTok.Name != "", Revoked: m.step == StepDone}
	return func() tea.Msg { return msg }
}

// Update handles the keys of each step.
func (m Model) Update(msg tea.Msg) (common.Dialog, tea.Cmd) {
	if cm, ok := msg.(reveal.CopiedMsg); ok {
		if m.step == StepReveal {
			var cmd tea.Cmd
			m.reveal, cmd = m.reveal.Update(cm)
			m.askStop, m.askRevoke = false, false
			if m.yAfterCopy {
				m.yAfterCopy = false
				if m.reveal.Copied() != clipboard.None {
					return m, m.revokeOld()
				}
				m.askRevoke = true
			}
			return m, cmd
		}
		return m, nil
	}
	km, ok := msg.(tea.KeyMsg)
	k := m.Keys
	switch m.step {
	case StepPlan:
		if ok {
			switch {
			case key.Matches(km, k.Cancel):
				return m, m.closed()
			case key.Matches(km, k.Submit):
				m.tried = true
				if m.nameError() != "" {
					return m, nil
				}
				m.step = StepGenerating
				m.genErr = ""
				req := m.Request()
				return m, func() tea.Msg { return GenerateMsg{Request: req} }
			}
		}
		before := m.name.Value()
		var cmd tea.Cmd
		m.name, cmd = m.name.Update(msg)
		if m.name.Value() != before {
			m.genErr = ""
		}
		return m, cmd
	case StepReveal:
		if !ok {
			return m, nil
		}
		switch {
		case key.Matches(km, k.Yes): // before Copy, whose keys include y (yank)
			if m.reveal.Copying() && !m.askRevoke {
				m.yAfterCopy = true // c y typed fast: wait for the copy
				return m, nil
			}
			if m.reveal.Copied() == clipboard.None && !m.askRevoke {
				// The value was never copied: revoking now may leave
				// nothing working. Ask, as esc does.
				m.askRevoke, m.askStop = true, false
				return m, nil
			}
			return m, m.revokeOld()
		case key.Matches(km, k.Copy):
			var cmd tea.Cmd
			m.reveal, cmd = m.reveal.Update(msg)
			return m, cmd
		case key.Matches(km, k.Cancel):
			if m.reveal.Copied() == clipboard.None && !m.askStop {
				m.askStop, m.askRevoke = true, false
				return m, nil
			}
			m.dropSecret()
			m.step = StepStopped
		}
		return m, nil
	case StepRevokeFailed:
		if ok && key.Matches(km, k.Refresh) {
			m.step = StepRevoking
			login, name := m.p.Login, m.p.Old.Name
			return m, func() tea.Msg { return RevokeMsg{Login: login, Name: name} }
		}
		if ok && key.Matches(km, k.Close) {
			return m, m.closed()
		}
	case StepLost:
		if !ok {
			return m, nil
		}
		switch {
		case key.Matches(km, k.Yes):
			m.step = StepGenerating
			m.lostErr = ""
			m.retrying = true
			retry := RetryMsg{Login: m.p.Login, Name: m.newTok.Name, Request: m.Request()}
			return m, func() tea.Msg { return retry }
		case key.Matches(km, k.No):
			m.valueless = true
			m.step = StepStopped
		}
	case StepDone, StepStopped:
		if ok && key.Matches(km, k.Close) {
			return m, m.closed()
		}
	case StepGenerating, StepRevoking:
	}
	return m, nil
}

// View renders the dialog of the current step.
func (m Model) View() string {
	st := m.Styles
	w := m.innerWidth()
	var b strings.Builder
	spare := "" // the dialog's end, left out when it does not fit
	old := shown(m.p.Old)
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
		b.WriteString(st.Success.Render("✓ \""+model.Printable(m.newTok.Name)+"\" replaces \""+old.Name+"\", which is revoked.") + "\n\n")
		b.WriteString(st.Hint.Render("esc/enter close"))
	case StepRevokeFailed:
		b.WriteString(st.DialogTitle.Render("Rotation not finished") + "\n\n")
		b.WriteString(st.FieldError.Render(common.Wrap("Revoking the old token \""+old.Name+"\" failed: "+m.revokeErr, w)) + "\n\n")
		b.WriteString(st.Warning.Render(common.Wrap("Both tokens exist now: the new \""+model.Printable(m.newTok.Name)+"\" and the old \""+old.Name+"\".", w)) + "\n\n")
		b.WriteString(st.Hint.Render("r try again · esc/enter close (revoke the old one later with d)"))
	case StepStopped:
		b.WriteString(st.DialogTitle.Render("Rotation stopped") + "\n\n")
		if m.valueless {
			b.WriteString(st.Warning.Render(common.Wrap("The new \""+model.Printable(m.newTok.Name)+"\" exists without a value: revoke it with d. The old \""+old.Name+"\" was not revoked and still works.", w)) + "\n\n")
			b.WriteString(st.Hint.Render("esc/enter close"))
			break
		}
		b.WriteString(st.Warning.Render(common.Wrap("Both tokens exist: the new \""+model.Printable(m.newTok.Name)+"\" and the old \""+old.Name+"\", which was not revoked.", w)) + "\n\n")
		b.WriteString(st.Hint.Render(common.Wrap("Revoke whichever you do not use with d. esc/enter close", w)))
	case StepLost:
		b.WriteString(m.heading("new token's value lost") + "\n\n")
		b.WriteString(st.Warning.Render(common.Wrap("The new token \""+model.Printable(m.newTok.Name)+"\" was created, but its value was lost on the way and cannot be recovered.", w)) + "\n\n")
		b.WriteString(st.Value.Render(common.Wrap("The old token \""+old.Name+"\" is untouched and still works.", w)) + "\n\n")
		if m.lostErr != "" {
			b.WriteString(st.FieldError.Render(common.Wrap("Revoking \""+model.Printable(m.newTok.Name)+"\" failed: "+m.lostErr, w)) + "\n\n")
		}
		b.WriteString(st.Value.Render(common.Wrap("Revoke \""+model.Printable(m.newTok.Name)+"\", which has no value, and generate it again?", w)) + "\n\n")
		b.WriteString(st.Hint.Render(common.Wrap("y revoke the new one and try again · n keep it (both tokens stay)", w)))
	}
	dialog := st.Dialog
	if m.step == StepRevokeFailed || m.step == StepStopped || m.step == StepLost {
		dialog = st.DangerDialog
	}
	dialog = dialog.Width(w + dialog.GetHorizontalPadding())
	if full := dialog.Render(b.String() + spare); spare == "" || m.Height <= 0 || lipgloss.Height(full) <= m.Height {
		return full
	}
	return dialog.Render(b.String())
}

// revealView is step 2: the new token and what to do with it, in the
// longest form that fits: whole; without the line of keys that the help
// line repeats (or, once esc asked to stop, with the warning in place of
// the instructions); compact.
func (m Model) revealView() string {
	st := m.Styles
	w := m.innerWidth()
	old := shown(m.p.Old)
	title := m.heading("step 2 of 3: put the new token in place")
	put := st.Value.Render(common.Wrap("Put the new value where \""+old.Name+"\" is used (CI secret, scanner settings). The old token still works.", w))
	full := []string{title, m.reveal.Details(), put, st.Hint.Render(common.Wrap("c copy · y it is in place: revoke the old token · esc stop, keep both", w))}
	short := []string{title, m.reveal.Details(), put}
	if warning, _ := m.warning(); warning != "" {
		warn := st.Warning.Render(common.Wrap(warning, w))
		full = []string{title, m.reveal.Details(), put, warn}
		short = []string{title, m.reveal.Details(), warn}
	}
	dialog := st.Dialog.Width(w + st.Dialog.GetHorizontalPadding())
	for _, parts := range [][]string{full, short} {
		if v := dialog.Render(strings.Join(parts, "\n\n")); m.Height <= 0 || lipgloss.Height(v) <= m.Height {
			return v
		}
	}
	return m.compactReveal()
}

// warning is what step 2 says, long and short, once a key that would
// lose the uncopied value asked to be pressed again; "" otherwise.
func (m Model) warning() (string, string) {
	switch {
	case m.askQuit:
		return "Nothing was copied. Press ctrl+c again to quit anyway: both tokens stay, and this value is lost. c copies.",
			"Nothing was copied: ctrl+c again quits, keeping both tokens; c copies."
	case m.askRevoke:
		return "Nothing was copied. Press y again to revoke \"" + m.p.Old.Name + "\" anyway, if you put the value in place by hand: it is not shown again. c copies · esc stops, keeping both.",
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
	if framed := st.Dialog.Render(body); lipgloss.Height(framed) <= m.Height {
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
