// Package rotate is the rotation of a token without a gap: plan the
// replacement (same type, project and lifetime, a dated name that can be
// edited), generate it, reveal its value once, and only when the user says
// the new token is in place revoke the old one. Stopping or failing at any
// step revokes nothing.
package rotate

import (
	"context"
	"errors"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
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
	StepUnchecked                // the new token did not sign in: revoked, the old kept
)

// String names the step.
func (s Step) String() string {
	return [...]string{"plan", "generating", "reveal", "revoking", "done", "revoke-failed", "stopped", "lost", "unchecked"}[s]
}

// Params is what a rotation needs.
type Params struct {
	Old      model.Token
	Login    string   // API login: "" for the signed-in user's own token
	Existing []string // the owner's token names, for the default name and the duplicate check
	Caps     model.Capabilities
	Max      model.MaxLifetime
	// Owner is the login of the user the token is for (the signed-in
	// user's for one's own): the replacement must sign in as Owner before
	// its value is shown and the old token may go.
	Owner string
	// Ctx and Svc send the rotation's requests.
	Ctx context.Context
	Svc Service
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
	// unchecked is the replacement that did not sign in, checkErr why,
	// checkRefused whether the server refused it (else the check could
	// not conclude), undoErr why revoking it failed ("": it is gone).
	unchecked    model.Token
	checkErr     string
	checkRefused bool
	undoErr      string
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

// WarnQuit implements common.Valued: it shows (or takes away) the
// warning that ctrl+c again quits and loses the new value.
func (m Model) WarnQuit(on bool) common.Dialog {
	m.askQuit = on
	return m
}

// Uncopied implements common.Valued: the new value is shown and was never
// copied.
func (m Model) Uncopied() bool {
	return m.step == StepReveal && m.reveal.Copied() == clipboard.None
}

// Typing reports whether the name field takes text (step 1).
func (m Model) Typing() bool { return m.step == StepPlan }

// Pending implements common.Pending: the replacement's generate is in
// flight.
func (m Model) Pending() bool { return m.step == StepGenerating }

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
	case StepDone, StepStopped, StepUnchecked:
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

// setGenerateError shows the server's refusal; nothing was created. A lost
// answer whose check failed too (client.LostResponseError Unconfirmed)
// says that the replacement may exist.
func (m *Model) setGenerateError(err error) {
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

// setLost records a replacement created without its value (its answer
// was lost): the old token is untouched; y revokes the valueless one and
// generates again, n keeps it.
func (m *Model) setLost(t model.Token) {
	m.retrying = false
	m.newTok = t
	m.lostErr = ""
	m.step = StepLost
	m.name.Blur()
}

// setLostRevokeError records that the valueless replacement could not be
// revoked: it still exists, and y tries again.
func (m *Model) setLostRevokeError(err error) {
	m.retrying = false
	m.lostErr = model.PrintableLines(errtext.Describe(err))
	m.step = StepLost
}

// Valueless reports whether the replacement exists without a value.
func (m Model) Valueless() bool { return m.valueless }

// setRevoked records the revocation of the old token.
func (m *Model) setRevoked(err error) {
	if err != nil {
		m.revokeErr = model.PrintableLines(errtext.Describe(err))
		m.step = StepRevokeFailed
		return
	}
	m.step = StepDone
}

// revokeOld ends the reveal and revokes the old token.
func (m *Model) revokeOld() tea.Cmd {
	m.dropSecret()
	m.yAfterCopy = false
	m.step = StepRevoking
	return common.Work("Revoking \""+m.p.Old.Name+"\"…", RevokeCmd(m.p.Ctx, m.p.Svc, m.p.Login, m.p.Old, m.newTok.Name))
}

// answered moves a generate's answer into the dialog: the value, the
// refusal, or the replacement created without its value.
func (m *Model) answered(msg GeneratedMsg) {
	if lost, ok := asLost(msg.Err); ok && lost.Created {
		m.setLost(lost.Token) // the old token is untouched
		return
	}
	if msg.Err != nil {
		m.setGenerateError(msg.Err)
		return
	}
	if msg.Check != nil {
		m.setUnchecked(msg)
		return
	}
	m.SetGenerated(msg.Token)
}

// setUnchecked records a replacement that did not sign in: it was
// revoked (or revoking it failed, and it is listed), its value never
// shown, and the old token is kept.
func (m *Model) setUnchecked(msg GeneratedMsg) {
	m.retrying = false
	m.unchecked = msg.Token.Token
	var ce *client.TokenCheckError
	m.checkRefused = errors.As(msg.Check, &ce) && ce.Refused
	m.checkErr = model.PrintableLines(msg.Check.Error())
	m.undoErr = ""
	if msg.Undo != nil {
		m.undoErr = model.PrintableLines(errtext.Describe(msg.Undo))
		m.newTok = msg.Token.Token // it exists: the table lists and selects it
	}
	m.step = StepUnchecked
	m.name.Blur()
}

// asLost returns the lost answer of a generate within err.
func asLost(err error) (*client.LostResponseError, bool) {
	var lost *client.LostResponseError
	if errors.As(err, &lost) && lost.Op == "generate" {
		return lost, true
	}
	return nil, false
}

// dropSecret forgets the value: the reveal is over.
func (m *Model) dropSecret() { m.reveal = reveal.Model{} }

// closed closes the dialog, saying what the rotation did.
func (m Model) closed() (common.Dialog, tea.Cmd) {
	msg := ClosedMsg{Old: m.p.Old, New: m.newTok, Generated: m.newTok.Name != "", Revoked: m.step == StepDone}
	return nil, func() tea.Msg { return msg }
}

// Update handles the keys of each step and the answers of its requests.
func (m Model) Update(msg tea.Msg) (common.Dialog, tea.Cmd) {
	switch msg := msg.(type) {
	case GeneratedMsg:
		if m.step == StepGenerating {
			m.answered(msg)
		}
		return m, nil
	case RetriedMsg:
		switch {
		case m.step != StepGenerating:
		case msg.RevokeErr != nil:
			m.setLostRevokeError(msg.RevokeErr)
		default:
			m.answered(msg.Gen)
		}
		return m, nil
	case RevokedMsg:
		if m.step == StepRevoking {
			m.setRevoked(msg.Err)
		}
		return m, nil
	}
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
				return m.closed()
			case key.Matches(km, k.Submit):
				m.tried = true
				if m.nameError() != "" {
					return m, nil
				}
				m.step = StepGenerating
				m.genErr = ""
				req := m.Request()
				return m, common.Generate("Generating \""+req.Name+"\"…", common.Generating{Name: req.Name, Login: req.Login},
					GenerateCmd(m.p.Ctx, m.p.Svc, req, m.p.Old, m.p.Owner))
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
			return m, m.revokeOld()
		}
		if ok && key.Matches(km, k.Close) {
			return m.closed()
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
			lost, req := m.newTok, m.Request()
			if lost.Login == "" {
				lost.Login = m.p.Old.Login
			}
			return m, common.Generate("Revoking \""+lost.Name+"\" and generating it again…", common.Generating{Name: req.Name, Login: req.Login},
				RetryCmd(m.p.Ctx, m.p.Svc, m.p.Login, lost, req, m.p.Old, m.p.Owner))
		case key.Matches(km, k.No):
			m.valueless = true
			m.step = StepStopped
		}
	case StepDone, StepStopped, StepUnchecked:
		if ok && key.Matches(km, k.Close) {
			return m.closed()
		}
	case StepGenerating, StepRevoking:
	}
	return m, nil
}
