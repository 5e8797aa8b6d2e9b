package tokens

import (
	"fmt"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/internal/report"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/common"
	"github.com/sonartoken/sonartoken/ui/create"
	"github.com/sonartoken/sonartoken/ui/detail"
	"github.com/sonartoken/sonartoken/ui/export"
	"github.com/sonartoken/sonartoken/ui/revoke"
	"github.com/sonartoken/sonartoken/ui/rotate"
	"github.com/sonartoken/sonartoken/ui/session"
)

// actions is what the table's flows need beyond its rows: the session,
// the window in which a token is expiring (the review's own), and what the
// table hands the console (a dialog to open, a refusal to show).
type actions struct {
	s      session.Session
	within time.Duration
	out    []common.Outcome
}

// SetSession gives the table the session its flows run in.
func (m *Model) SetSession(s session.Session) { m.act.s = s }

// SetExpiringWithin sets the window in which the detail view and the
// export call a token expiring (model.DefaultExpiringWithin when unset).
func (m *Model) SetExpiringWithin(d time.Duration) { m.act.within = d }

// TakeOutcomes returns, once, what the table's keys hand the console: the
// dialogs they open, the refusals they explain.
func (m *Model) TakeOutcomes() []common.Outcome {
	out := m.act.out
	m.act.out = nil
	return out
}

func (m *Model) open(d common.Dialog) { m.act.out = append(m.act.out, common.Outcome{Open: d}) }

func (m *Model) refuse(why string) { m.act.out = append(m.act.out, common.Outcome{Error: why}) }

// Refusal says why a key that changes the server does nothing in a
// read-only session, or is "": a refused key is never silent.
func (m Model) Refusal(km tea.KeyMsg) string {
	if !m.act.s.ReadOnly {
		return ""
	}
	k := m.Keys
	changes := []key.Binding{k.New, k.Revoke, k.Rotate}
	if m.marking {
		changes = append(changes, k.Mark, k.MarkAll)
	}
	for _, b := range changes {
		if b.SetEnabled(true); key.Matches(km, b) {
			return "Read-only session (--read-only): " + b.Help().Key + " (" + b.Help().Desc + ") is off; nothing on the server changes."
		}
	}
	return ""
}

// action handles the keys that act on the selected row or the shown rows:
// n, d, o, enter and e. It reports whether the key was one of them.
func (m Model) action(km tea.KeyMsg) (Model, tea.Cmd, bool) {
	if why := m.Refusal(km); why != "" {
		m.refuse(why)
		return m, nil, true
	}
	k := m.Keys
	switch {
	case key.Matches(km, k.New) && !m.withLogin:
		return m.openForm()
	case key.Matches(km, k.Revoke):
		if t, ok := m.Selected(); ok && m.act.s.Changes() {
			m.open(m.askRevoke(t))
		}
		return m, nil, true
	case key.Matches(km, k.Rotate):
		if t, ok := m.Selected(); ok && m.act.s.Changes() {
			return m.rotate(t)
		}
		return m, nil, true
	case key.Matches(km, k.Detail):
		if t, ok := m.Selected(); ok {
			return m.openDetail(t)
		}
	case key.Matches(km, k.Export):
		return m.openExport()
	}
	return m, nil, false
}

// apiLogin is the API's login parameter for acting on t.
func (m Model) apiLogin(t model.Token) string {
	if m.withLogin {
		return m.act.s.APILogin(t.Login)
	}
	return m.act.s.APILogin(m.owner)
}

func (m Model) askRevoke(t model.Token) common.Dialog {
	return revoke.Ask(m.Common, m.act.s, t, m.apiLogin(t), m.withLogin || m.act.s.APILogin(m.owner) != "")
}

// rotation is the rotation of t, or why the session cannot rotate it.
func (m Model) rotation(t model.Token) (common.Dialog, tea.Cmd, string) {
	if t.Login == "" && !m.withLogin {
		t.Login = m.act.s.APILogin(m.owner)
	}
	if why := model.RotationRefusal(t, m.act.s.User); why != "" {
		return nil, nil, "Cannot rotate " + t.Name + ": " + why
	}
	existing := m.Names()
	if m.withLogin {
		existing = m.NamesOf(t.Login)
	}
	s := m.act.s
	login := m.apiLogin(t)
	owner := login
	if owner == "" {
		owner = s.User.Login // one's own token
	}
	r := rotate.New(m.Common, rotate.Params{Old: t, Login: login, Owner: owner, Existing: existing, Caps: s.Caps, Max: s.MaxLife, Ctx: s.Ctx, Svc: s.Svc}, s.Clipboard)
	return r, r.Init(), ""
}

func (m Model) rotate(t model.Token) (Model, tea.Cmd, bool) {
	d, cmd, why := m.rotation(t)
	if why != "" {
		m.refuse(why)
		return m, nil, true
	}
	m.open(d)
	return m, cmd, true
}

// openForm opens the generate form with what the server allows the user.
func (m Model) openForm() (Model, tea.Cmd, bool) {
	s := m.act.s
	if !s.Changes() {
		return m, nil, true
	}
	forUser := s.APILogin(m.owner)
	f := create.New(m.Common, create.Params{
		Caps:        s.Caps,
		Login:       m.owner,
		ForUser:     forUser,
		Existing:    m.Names(),
		Types:       model.CreatableTypes(s.Caps, s.User, len(s.Projects), forUser != ""),
		Projects:    s.Projects,
		Max:         s.MaxLife,
		Preselected: s.Project,
		Ctx:         s.Ctx, Svc: s.Svc, Clipboard: s.Clipboard,
	})
	m.open(f)
	return m, f.Init(), true
}

// expiringWithin is the window in which the table calls a token expiring.
func (m Model) expiringWithin() time.Duration {
	if m.act.within > 0 {
		return m.act.within
	}
	return model.DefaultExpiringWithin
}

// openDetail shows t in full; another user's display name is looked up.
func (m Model) openDetail(t model.Token) (Model, tea.Cmd, bool) {
	s := m.act.s
	if t.Login == "" && !m.withLogin {
		t.Login = m.owner
	}
	owner := ""
	if t.Login == s.User.Login {
		owner = s.User.Name
	}
	why := model.RotationRefusal(t, s.User)
	if why != "" {
		why = "Cannot rotate " + model.Quote(t.Name) + ": " + why
	}
	p := detail.Params{
		Token: t, OwnerName: owner, ExpiringWithin: m.expiringWithin(), ReadOnly: s.ReadOnly,
		CanRotate: why == "", WhyNot: why, Cloud: s.Caps.Cloud, Review: m.withLogin,
	}
	if s.Changes() {
		p.Revoke = func() common.Dialog { return m.askRevoke(t) }
		p.Rotate = func() (common.Dialog, tea.Cmd) {
			d, cmd, _ := m.rotation(t)
			return d, cmd
		}
	}
	m.open(detail.Dialog{Model: detail.New(m.Common, p, s.Clipboard)})
	var cmd tea.Cmd
	if owner == "" && len(t.Login) >= 2 && s.Admin && s.Svc != nil {
		cmd = detail.OwnerCmd(s.Ctx, s.Svc, t.Login)
	}
	return m, cmd, true
}

// openExport asks where to write the shown rows.
func (m Model) openExport() (Model, tea.Cmd, bool) {
	rows := m.ShownTokens()
	if len(rows) == 0 {
		m.refuse("Nothing to export: no row is shown.")
		return m, nil, true
	}
	what := "tokens"
	if m.withLogin {
		what = "review"
	}
	now := m.Now()
	name := fmt.Sprintf("sonartoken-%s-%s.csv", what, now.Format("2006-01-02"))
	// As the command line's: Cloud's removal on Cloud, the owners'
	// sign-ins in a review whose listing gave them.
	rep := report.Report{Tokens: rows, Now: now, Within: m.expiringWithin(), Cloud: m.act.s.Caps.Cloud, Owners: m.SignIns()}
	d := export.New(m.Common, rep, name)
	m.open(d)
	return m, d.Init(), true
}

// Hints are the lines under the table's keys in the full help, closing
// last: how its flows go.
func (m Model) Hints(closing string) []string {
	form := "In the generate form: tab/shift+tab move, ←/→ choose, enter generates, esc cancels."
	if !m.caps.TokenTypes && !m.caps.Expiration { // 8.9: a name is all the form asks
		form = "In the generate form: type a name; enter generates, esc cancels."
	}
	var cloud []string
	if m.caps.Cloud {
		cloud = []string{
			common.CloudRule + " The Removal column says when, if nobody uses the token until then.",
			"u (users) and R (review) are closed: " + model.CloudOwnTokensOnly + ". Cloud's tokens have no type or project.",
		}
	}
	return m.WithOddHint(append(cloud,
		form,
		"A new token's value is shown once: press c to copy it.",
		"ctrl+c asks first while a new value is not copied or a token is generated.",
		closing,
	))
}

// WithOddHint puts first, before hints, what the marker of a row with
// control characters means, when the table has such a row: a dialog
// short of room gives up its last lines.
func (m Model) WithOddHint(hints []string) []string {
	if m.HasOdd() {
		return append([]string{common.OddMarkerHelp}, hints...)
	}
	return hints
}
