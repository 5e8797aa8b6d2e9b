// Package picker is the administrators' user picker: a filterable list of
// the server's users (client.SearchUsers: api/users/search, or API v2's
// users-management/users where the server dropped it) to open another
// user's tokens, shown as a common.Dialog. Users from API v2 show no token
// count.
package picker

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/common"
	"github.com/sonartoken/sonartoken/ui/errtext"
	"github.com/sonartoken/sonartoken/ui/keys"
)

// PageSize is how many users one search asks for.
const PageSize = client.MaxPageSize

// debounce is how long typing must pause before the server is asked.
var debounce = 250 * time.Millisecond

// SearchFunc returns a Cmd asking the server for the users matching q
// ("" for the first page); its message must be a UsersMsg.
type SearchFunc func(q string) tea.Cmd

// UsersMsg carries a page of users for a query.
type UsersMsg struct {
	Query string
	Page  client.UsersPage
	Err   error
}

// Outcome implements common.Result: the open picker shows the page, and
// a closed one drops it.
func (m UsersMsg) Outcome() common.Outcome { return common.Outcome{Err: m.Err} }

// Service is what the picker asks the server.
type Service interface {
	SearchUsers(ctx context.Context, q client.UsersQuery) (client.UsersPage, error)
}

// Search is the SearchFunc asking svc for one page of users.
func Search(ctx context.Context, svc Service) SearchFunc {
	return func(q string) tea.Cmd {
		return func() tea.Msg {
			page, err := svc.SearchUsers(ctx, client.UsersQuery{Query: q, PageSize: PageSize})
			return UsersMsg{Query: q, Page: page, Err: err}
		}
	}
}

type debounceMsg struct {
	seq   int
	query string
}

// partMsg answers the search of a part of query (closeSearch).
type partMsg struct {
	query string
	users UsersMsg
}

// Model is the picker.
type Model struct {
	common.Common
	search SearchFunc
	me     string

	input   textinput.Model
	users   []model.User // the loaded users: the first page, or a query's
	total   int          // users on the server (first page's total)
	query   string       // the query users answers ("" for the first page)
	matches []int        // indices into users passing the local filter
	cursor  int
	loading bool
	err     string
	seq     int
	// parts counts the searches of closeSearch still awaited for query.
	parts int
}

// New returns the picker; me is the signed-in user's login, listed first.
func New(c common.Common, me string, search SearchFunc) Model {
	in := c.NewInput("login, name or email", 100)
	in.Prompt = "/ "
	in.PromptStyle = c.Styles.FilterPrompt
	in.Focus()
	return Model{Common: c, search: search, me: me, input: in, loading: true}
}

// Init loads the first page of users.
func (m Model) Init() tea.Cmd { return tea.Batch(textinput.Blink, m.search("")) }

// Loading reports whether a search is in flight.
func (m Model) Loading() bool { return m.loading }

// Matches returns the users shown.
func (m Model) Matches() []model.User {
	out := make([]model.User, len(m.matches))
	for i, j := range m.matches {
		out[i] = m.users[j]
	}
	return out
}

// Selected returns the highlighted user.
func (m Model) Selected() (model.User, bool) {
	if m.cursor < 0 || m.cursor >= len(m.matches) {
		return model.User{}, false
	}
	return m.users[m.matches[m.cursor]], true
}

// SetSize implements common.Dialog: it sets the picker's size.
func (m Model) SetSize(w, h int) common.Dialog {
	m.Common.SetSize(w, h)
	m.input.Width = max(10, m.innerWidth()-4)
	return m
}

// Help implements common.Dialog.
func (m Model) Help() help.KeyMap {
	k := m.Keys
	return keys.List{keys.Relabel(k.ListUp, "↑/↓", "move"), keys.Relabel(k.Choose, "enter", "open"), k.Cancel}
}

// Typing implements common.Typer: the filter takes every rune.
func (m Model) Typing() bool { return true }

func (m Model) innerWidth() int { return max(30, min(76, m.Width-6)) }

// rows is how many users fit.
func (m Model) rows() int { return max(3, min(12, m.Height-11)) }

// Update handles typing, moving, enter and esc, and the search results.
func (m Model) Update(msg tea.Msg) (common.Dialog, tea.Cmd) {
	switch msg := msg.(type) {
	case UsersMsg:
		if msg.Query != m.wantQuery() {
			return m, nil // stale
		}
		m.loading = false
		if msg.Err != nil {
			m.err = errtext.Describe(msg.Err)
			return m, nil
		}
		m.err = ""
		m.parts = 0
		m.users, m.query = msg.Page.Users, msg.Query
		if msg.Query == "" {
			m.total = msg.Page.Total
		}
		m.refilter()
		if len(m.users) == 0 && msg.Query != "" {
			return m, m.closeSearch(msg.Query)
		}
		return m, nil
	case partMsg:
		if msg.query != m.wantQuery() || m.parts == 0 {
			return m, nil // stale
		}
		m.parts--
		m.loading = m.parts > 0
		if msg.users.Err == nil {
			m.users = union(m.users, msg.users.Page.Users)
			m.refilter()
		}
		return m, nil
	case common.TokensAddedMsg:
		m.recount(msg.Owner, len(msg.Tokens))
		return m, nil
	case common.TokensRevokedMsg:
		for _, t := range msg.Tokens {
			m.recount(t.Login, -1)
		}
		return m, nil
	case debounceMsg:
		if msg.seq != m.seq || msg.query != m.wantQuery() {
			return m, nil
		}
		m.loading = true
		return m, m.search(msg.query)
	case tea.KeyMsg:
		k := m.Keys
		switch {
		case key.Matches(msg, k.Cancel):
			return nil, nil
		case key.Matches(msg, k.Choose):
			if u, ok := m.Selected(); ok {
				login := u.Login
				return nil, func() tea.Msg { return common.ShowUserMsg{Login: login} }
			}
			return m, nil
		case key.Matches(msg, k.ListUp):
			m.cursor = max(0, m.cursor-1)
			return m, nil
		case key.Matches(msg, k.ListDown):
			m.cursor = max(0, min(len(m.matches)-1, m.cursor+1))
			return m, nil
		}
	}
	before := m.input.Value()
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	if m.input.Value() == before {
		return m, cmd
	}
	m.refilter()
	// The first page holds everyone on small servers; on larger ones ask
	// the server (q needs 2 characters) once typing pauses.
	want := m.wantQuery()
	if want != m.query {
		m.seq++
		seq := m.seq
		return m, tea.Batch(cmd, tea.Tick(debounce, func(time.Time) tea.Msg { return debounceMsg{seq: seq, query: want} }))
	}
	return m, cmd
}

// closeSearch looks for the users close to q when the server found none
// containing it: the server matches q exactly (as a substring), and
// "brain" is in no login, so the picker asks for each half of it ("br",
// "ain"), one of which a single typo leaves whole (a swap across the
// middle aside), and matches their users itself (refilter: "brain" finds
// brian.torvalds). nil when q is too short for a typo.
func (m *Model) closeSearch(q string) tea.Cmd {
	r := []rune(q)
	if len(r) < model.TypoMinRunes {
		return nil
	}
	h := len(r) / 2
	var cmds []tea.Cmd
	for _, part := range []string{string(r[:h]), string(r[h:])} {
		if len([]rune(strings.TrimSpace(part))) < 2 { // the server needs 2
			continue
		}
		search := m.search(part)
		cmds = append(cmds, func() tea.Msg {
			u, _ := search().(UsersMsg)
			return partMsg{query: q, users: u}
		})
	}
	m.parts = len(cmds)
	m.loading = m.parts > 0
	return tea.Batch(cmds...)
}

// union is a followed by the users of b it does not hold, in a new slice.
func union(a, b []model.User) []model.User {
	seen := make(map[string]bool, len(a))
	out := append([]model.User(nil), a...)
	for _, u := range a {
		seen[u.Login] = true
	}
	for _, u := range b {
		if !seen[u.Login] {
			seen[u.Login] = true
			out = append(out, u)
		}
	}
	return out
}

// recount changes the token count shown for login by d, after the
// server created or revoked tokens while the picker shows: users are
// values, so the loaded page is copied before it changes.
func (m *Model) recount(login string, d int) {
	for i, u := range m.users {
		if u.Login != login || u.TokensCount == nil {
			continue
		}
		users := append([]model.User(nil), m.users...)
		n := max(0, *u.TokensCount+d)
		users[i].TokensCount = &n
		m.users = users
		return
	}
}

// wantQuery is the server query the typed text needs: "" while the first
// page holds every user or fewer than 2 characters are typed.
func (m Model) wantQuery() string {
	q := strings.TrimSpace(m.input.Value())
	if m.total <= PageSize || len([]rune(q)) < 2 {
		return ""
	}
	return q
}

// refilter applies the typed text to the loaded users: those whose
// login, name or email contains it first, then those that hold it with
// one typo ("brain" finds brian.torvalds), then those with its letters in
// order (model.Matcher); the signed-in user first within each, the
// server's order otherwise.
func (m *Model) refilter() {
	mt := model.NewMatcher(strings.ToLower(m.input.Value()))
	type hit struct {
		i    int
		kind model.MatchKind
		me   bool
	}
	var hits []hit
	for i, u := range m.users {
		k := model.MatchExact
		if !mt.Empty() {
			k = mt.Match(strings.ToLower(u.Login + model.FieldSep + u.Name + model.FieldSep + u.Email))
		}
		if k != model.NoMatch {
			hits = append(hits, hit{i, k, u.Login == m.me})
		}
	}
	slices.SortStableFunc(hits, func(a, b hit) int {
		if a.kind != b.kind {
			return cmp.Compare(a.kind, b.kind)
		}
		switch {
		case a.me && !b.me:
			return -1
		case b.me && !a.me:
			return 1
		}
		return 0
	})
	m.matches = make([]int, len(hits))
	for k, h := range hits {
		m.matches[k] = h.i
	}
	m.cursor = max(0, min(m.cursor, len(m.matches)-1))
}

// View renders the picker as a dialog.
func (m Model) View() string {
	st := m.Styles
	w := m.innerWidth()
	var b strings.Builder
	b.WriteString(st.DialogTitle.Render("Open another user's tokens") + "\n\n")
	b.WriteString(m.input.View() + "\n\n")
	switch {
	case m.err != "":
		b.WriteString(st.FieldError.Render(common.Wrap("Could not list users: "+model.PrintableLines(m.err), w)) + "\n")
	case m.loading && len(m.users) == 0:
		b.WriteString(st.Hint.Render("Loading users…") + "\n")
	case len(m.matches) == 0:
		b.WriteString(st.Hint.Render("No user matches.") + "\n")
	default:
		rows := m.rows()
		start := 0
		if m.cursor >= rows {
			start = m.cursor - rows + 1
		}
		end := min(len(m.matches), start+rows)
		loginW := min(24, w/3)
		for i := start; i < end; i++ {
			b.WriteString(m.row(m.users[m.matches[i]], i == m.cursor, loginW, w) + "\n")
		}
		if more := len(m.matches) - end; more > 0 {
			b.WriteString(st.Hint.Render(fmt.Sprintf("  … %d more (↑/↓, or type to filter)", more)) + "\n")
		}
	}
	if m.total > len(m.users) && m.query == "" {
		b.WriteString(st.Hint.Render(fmt.Sprintf("Showing %d of %d users: type 2 letters or more to search them all.", len(m.users), m.total)) + "\n")
	}
	b.WriteString("\n" + st.Hint.Render("↑/↓ move · enter open · esc cancel"))
	return st.Dialog.Width(w + st.Dialog.GetHorizontalPadding()).Render(b.String())
}

func (m Model) row(u model.User, selected bool, loginW, w int) string {
	st := m.Styles
	count := ""
	switch {
	case u.TokensCount == nil:
	case *u.TokensCount == 0:
		count = "no tokens"
	case *u.TokensCount == 1:
		count = "1 token"
	default:
		count = fmt.Sprintf("%d tokens", *u.TokensCount)
	}
	name := model.Printable(u.Name)
	if u.Login == m.me {
		name += " (you)"
	}
	nameW := max(4, w-2-loginW-2-10-2)
	line := common.Fit(model.Printable(u.Login), loginW) + "  " + common.Fit(name, nameW) + "  " + common.Fit(count, 10)
	// The marker of a user whose login or name holds control characters.
	mark := " "
	if model.AnyNeedsEscaping(u.Login, u.Name) {
		mark = string(common.OddMarker)
	}
	if selected {
		return st.SelectedRow.Render(">" + mark + line)
	}
	return " " + mark + line
}
