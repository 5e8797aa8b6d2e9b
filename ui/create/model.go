// Package create is the generate-token form: Name, Type, Project and
// Expires in, each checked as the user types with the server's own words.
package create

import (
	"context"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/internal/clipboard"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/common"
	"github.com/sonartoken/sonartoken/ui/keys"
)

// Field is one field of the form.
type Field int

// The form's fields, in tab order.
const (
	FieldName Field = iota
	FieldType
	FieldProject
	FieldExpires
	FieldDate
)

// String names the field.
func (f Field) String() string {
	return [...]string{"Name", "Type", "Project", "Expires in", "Date"}[f]
}

// projectRows is how many projects the list shows while the form does not
// know its height; with a height, the list takes the room left.
const projectRows = 4

// Params is what the form needs to know about the server and the user.
type Params struct {
	Caps     model.Capabilities
	Login    string   // the token owner's login, for the duplicate message
	ForUser  string   // set when generating for another user: shown in the title
	Existing []string // names of the owner's tokens
	Types    []model.TokenType
	Projects []model.Project
	// Preselected is the key of the project at hand, read from
	// sonar-project.properties: it is highlighted, said to come from
	// there, and counts as chosen.
	Preselected string
	Max         model.MaxLifetime
	// Ctx, Svc and Clipboard send the generate and copy its value.
	Ctx       context.Context
	Svc       Service
	Clipboard clipboard.Writer
}

// Model is the generate form.
type Model struct {
	common.Common
	p Params

	name       textinput.Model
	typeIdx    int
	projFilter textinput.Model
	matches    []int // indices into p.Projects
	projIdx    int   // the list's cursor: an index into matches
	choices    []model.Expiration
	expIdx     int // len(choices) means a custom date
	date       textinput.Model

	focus Field
	// chosen is the chosen project, an index into p.Projects (-1 for
	// none): chosen with enter on the list, preselected from
	// sonar-project.properties, or the only one. Moving the cursor or
	// filtering chooses nothing; until a project is chosen a Project
	// Analysis token is refused (askProject).
	chosen     int
	askProject bool
	nameDirty  bool
	tried      bool
	busy       bool
	serverErr  string
}

// New returns the form, its Name field focused.
func New(c common.Common, p Params) Model {
	m := Model{Common: c, p: p}
	m.name = c.NewInput("Enter Token Name", model.MaxNameLength*2)
	m.projFilter = c.NewInput("type to filter projects", 200)
	m.date = c.NewInput("YYYY-MM-DD", 10)
	// The web page offers Project, Global, User and preselects only a lone
	// choice; the console starts on the least powerful, User.
	for i, t := range p.Types {
		if t == model.TypeUser {
			m.typeIdx = i
		}
	}
	m.choices = model.ExpirationChoices(p.Max, c.Now())
	for i, e := range m.choices {
		if e == model.Expire30Days {
			m.expIdx = i
		}
	}
	m.refilterProjects()
	m.chosen = -1
	if len(p.Projects) == 1 {
		m.chosen = 0
	}
	if i := m.preselectedIndex(); i >= 0 {
		m.projIdx, m.chosen = i, m.matches[i]
	}
	m.name.Focus()
	return m
}

// preselectedIndex is the index in matches of the project read from
// sonar-project.properties, or -1.
func (m Model) preselectedIndex() int {
	if m.p.Preselected == "" {
		return -1
	}
	for i, pi := range m.matches {
		if m.p.Projects[pi].Key == m.p.Preselected {
			return i
		}
	}
	return -1
}

// Init focuses the name field (its cursor blink).
func (m Model) Init() tea.Cmd { return textinput.Blink }

// Busy reports whether a generate request is in flight.
func (m Model) Busy() bool { return m.busy }

// Pending implements common.Pending: the form's generate is in flight.
func (m Model) Pending() bool { return m.busy }

// SetError shows the server's refusal and lets the user edit again.
func (m *Model) SetError(msg string) {
	m.busy = false
	m.serverErr = msg
}

// Typing reports whether the focused field takes text (the name, the
// project filter, the date) rather than keys.
func (m Model) Typing() bool {
	return m.focus == FieldName || m.focus == FieldProject || m.focus == FieldDate
}

// Focused returns the focused field.
func (m Model) Focused() Field { return m.focus }

// SetSize implements common.Dialog: it sets the form's size.
func (m Model) SetSize(w, h int) common.Dialog {
	m.Common.SetSize(w, h)
	iw := max(10, min(50, w-labelWidth-12))
	m.name.Width = iw
	m.projFilter.Width = iw
	return m
}

// Help implements common.Dialog: the keys of the focused field.
func (m Model) Help() help.KeyMap {
	return keys.FormHelp{KeyMap: *m.Keys, Fields: m.Fields(), Choices: m.Choices(),
		Projects: m.Projects(), OnProjects: m.Focused() == FieldProject && m.Projects(), Choosing: m.Choosing()}
}

// Type is the chosen token type (TypeUnknown without types).
func (m Model) Type() model.TokenType {
	if len(m.p.Types) == 0 {
		return model.TypeUnknown
	}
	return m.p.Types[m.typeIdx]
}

func (m Model) custom() bool { return m.expIdx >= len(m.choices) }

// Fields is how many fields tab moves between.
func (m Model) Fields() int { return len(m.fields()) }

// Choices reports whether a field offers choices (←/→): the type, when
// there are several, or the expiry.
func (m Model) Choices() bool { return len(m.p.Types) > 1 || m.p.Caps.Expiration }

// Projects reports whether the project list (↑/↓) is shown.
func (m Model) Projects() bool { return m.Type() == model.TypeProject && len(m.matches) > 0 }

// fields returns the focusable fields in tab order.
func (m Model) fields() []Field {
	fs := []Field{FieldName}
	if len(m.p.Types) > 1 {
		fs = append(fs, FieldType)
	}
	if m.Type() == model.TypeProject {
		fs = append(fs, FieldProject)
	}
	if m.p.Caps.Expiration {
		fs = append(fs, FieldExpires)
		if m.custom() {
			fs = append(fs, FieldDate)
		}
	}
	return fs
}

func (m *Model) setFocus(f Field) tea.Cmd {
	m.focus = f
	m.name.Blur()
	m.projFilter.Blur()
	m.date.Blur()
	switch f {
	case FieldName:
		return m.name.Focus()
	case FieldProject:
		return m.projFilter.Focus()
	case FieldDate:
		return m.date.Focus()
	case FieldType, FieldExpires:
	}
	return nil
}

func (m *Model) moveFocus(d int) tea.Cmd {
	fs := m.fields()
	i := 0
	for j, f := range fs {
		if f == m.focus {
			i = j
		}
	}
	return m.setFocus(fs[(i+d+len(fs))%len(fs)])
}

// Answers implements common.Answerer: the form shows its generate's
// refusal itself, and the user edits again.
func (m Model) Answers(r common.Result) bool {
	g, ok := r.(GeneratedMsg)
	return ok && m.busy && g.problem() != ""
}

// Sender is what sends the form's generate and shows its answer.
func (m Model) Sender() Sender {
	return Sender{Common: m.Common, Ctx: m.p.Ctx, Svc: m.p.Svc, Clipboard: m.p.Clipboard, Login: m.p.ForUser, Owner: m.p.Login}
}

// Update handles the form's keys, and its generate's refusal.
func (m Model) Update(msg tea.Msg) (common.Dialog, tea.Cmd) {
	if g, ok := msg.(GeneratedMsg); ok {
		if m.Answers(g) {
			m.SetError(g.problem())
		}
		return m, nil
	}
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return m.updateInput(msg)
	}
	k := m.Keys
	switch {
	case key.Matches(km, k.Cancel):
		return nil, nil
	case key.Matches(km, k.NextField):
		return m, m.moveFocus(1)
	case key.Matches(km, k.PrevField):
		return m, m.moveFocus(-1)
	case key.Matches(km, k.Submit):
		return m.submit()
	}
	switch m.focus {
	case FieldType:
		switch {
		case key.Matches(km, k.PrevChoice):
			m.typeIdx = (m.typeIdx - 1 + len(m.p.Types)) % len(m.p.Types)
		case key.Matches(km, k.NextChoice):
			m.typeIdx = (m.typeIdx + 1) % len(m.p.Types)
		}
		m.serverErr = ""
		return m, nil
	case FieldExpires:
		n := len(m.choices) + 1
		switch {
		case key.Matches(km, k.PrevChoice):
			m.expIdx = (m.expIdx - 1 + n) % n
		case key.Matches(km, k.NextChoice):
			m.expIdx = (m.expIdx + 1) % n
		}
		m.serverErr = ""
		return m, nil
	case FieldProject:
		switch {
		case key.Matches(km, k.ListUp):
			m.projIdx = max(0, m.projIdx-1)
			return m, nil
		case key.Matches(km, k.ListDown):
			m.projIdx = max(0, min(len(m.matches)-1, m.projIdx+1))
			return m, nil
		}
	case FieldName, FieldDate:
	}
	return m.updateInput(msg)
}

func (m Model) updateInput(msg tea.Msg) (Model, tea.Cmd) {
	var cmd tea.Cmd
	switch m.focus {
	case FieldName:
		before := m.name.Value()
		m.name, cmd = m.name.Update(msg)
		if m.name.Value() != before {
			m.nameDirty = true
			m.serverErr = ""
		}
	case FieldProject:
		before := m.projFilter.Value()
		m.projFilter, cmd = m.projFilter.Update(msg)
		if m.projFilter.Value() != before {
			m.refilterProjects()
		}
	case FieldDate:
		m.date, cmd = m.date.Update(msg)
		m.serverErr = ""
	case FieldType, FieldExpires:
	}
	return m, cmd
}

func (m *Model) refilterProjects() {
	q := strings.ToLower(strings.TrimSpace(m.projFilter.Value()))
	m.matches = m.matches[:0]
	for i, p := range m.p.Projects {
		if q == "" || strings.Contains(strings.ToLower(p.Name), q) || strings.Contains(strings.ToLower(p.Key), q) {
			m.matches = append(m.matches, i)
		}
	}
	m.projIdx = 0
}

// underCursor returns the index in p.Projects of the project under the
// list's cursor.
func (m Model) underCursor() (int, bool) {
	if m.projIdx < 0 || m.projIdx >= len(m.matches) {
		return 0, false
	}
	return m.matches[m.projIdx], true
}

// Choosing reports whether enter chooses the project under the cursor
// rather than generating: the list has the focus and another project (or
// none) is chosen.
func (m Model) Choosing() bool {
	i, ok := m.underCursor()
	return ok && m.focus == FieldProject && m.Type() == model.TypeProject && i != m.chosen
}

// project returns the chosen project.
func (m Model) project() (model.Project, bool) {
	if m.chosen < 0 || m.chosen >= len(m.p.Projects) {
		return model.Project{}, false
	}
	return m.p.Projects[m.chosen], true
}

// NameError is the Name field's problem, or "".
func (m Model) NameError() string {
	if err := model.ValidateName(m.name.Value(), m.p.Login, m.p.Existing); err != nil {
		return err.Error()
	}
	return ""
}

func (m Model) projectError() string {
	if m.Type() != model.TypeProject {
		return ""
	}
	if len(m.p.Projects) == 0 {
		return "You have no project to scan."
	}
	if _, ok := m.project(); !ok && len(m.matches) == 0 {
		return "No project matches: change the filter."
	}
	return ""
}

// expiration returns the chosen expiry or the reason it is refused.
func (m Model) expiration(now time.Time) (model.Expiration, string) {
	var e model.Expiration
	if m.custom() {
		v := strings.TrimSpace(m.date.Value())
		d, err := time.Parse(time.DateOnly, v)
		if err != nil {
			return e, "Enter a date as YYYY-MM-DD."
		}
		e = model.ExpireOn(d)
	} else {
		e = m.choices[m.expIdx]
	}
	if err := e.Validate(now, m.p.Max); err != nil {
		return e, err.Error()
	}
	return e, ""
}

func (m Model) submit() (Model, tea.Cmd) {
	if m.busy {
		return m, nil
	}
	if m.Choosing() {
		// enter on the list chooses; the next enter generates.
		m.chosen, _ = m.underCursor()
		m.askProject = false
		return m, nil
	}
	m.tried = true
	now := m.Now()
	if m.NameError() != "" {
		return m, m.setFocus(FieldName)
	}
	if m.projectError() != "" {
		return m, m.setFocus(FieldProject)
	}
	if _, ok := m.project(); m.Type() == model.TypeProject && !ok {
		// Never the first project of the list by default: the token
		// would scan a project nobody chose.
		m.askProject = true
		return m, m.setFocus(FieldProject)
	}
	req := Request{Name: strings.TrimSpace(m.name.Value()), Type: m.Type()}
	if req.Type == model.TypeProject {
		req.Project, _ = m.project()
	}
	if m.p.Caps.Expiration {
		e, problem := m.expiration(now)
		if problem != "" {
			if m.custom() {
				return m, m.setFocus(FieldDate)
			}
			return m, m.setFocus(FieldExpires)
		}
		req.Expiration, req.HasExpiration = e, true
	}
	m.serverErr = ""
	m.busy = true
	return m, m.Sender().GenerateCmd(req)
}
