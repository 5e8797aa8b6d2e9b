package sonarsim

import (
	"errors"
	"fmt"
	"time"
)

// UserSpec describes a user for AddUser.
type UserSpec struct {
	Login, Name, Email string
	Admin              bool // global Administer System (with profileadmin, gateadmin, provisioning)
	Scan               bool // global Execute Analysis
	Deactivated        bool
	// LastConnection and SonarLintLastConnection are nil for never.
	LastConnection, SonarLintLastConnection *time.Time
}

// ProjectSpec describes a project; ScanLogins have Execute Analysis on it.
type ProjectSpec struct {
	Key, Name  string
	ScanLogins []string
}

// TokenSpec describes a token for IssueToken (USER_TOKEN and now by default).
type TokenSpec struct {
	Login, Name, Type, ProjectKey string
	CreatedAt                     time.Time
	LastUsed                      *time.Time
	ExpiresAt                     *time.Time
}

// TokenInfo is the stored state of a token (never its value).
type TokenInfo struct {
	Login, Name, Type, ProjectKey, ProjectName string
	CreatedAt                                  time.Time
	LastUsed, ExpiresAt                        *time.Time
}

// AddUser adds a user, bypassing HTTP.
func (s *Server) AddUser(u UserSpec) error {
	if u.Login == "" {
		return errors.New("sonarsim: empty login")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.st.users[u.Login] != nil {
		return fmt.Errorf("sonarsim: user %q already exists", u.Login)
	}
	s.st.addUser(newUser(u))
	return nil
}

func newUser(u UserSpec) *user {
	name := u.Name
	if name == "" {
		name = u.Login
	}
	var p perm
	if u.Admin {
		p |= permAdmin | permProfileAdmin | permGateAdmin | permProvisioning
	}
	if u.Scan {
		p |= permScan
	}
	nu := &user{login: u.Login, name: name, email: u.Email, perms: p, active: !u.Deactivated}
	if u.LastConnection != nil {
		nu.lastConn = *u.LastConnection
	}
	if u.SonarLintLastConnection != nil {
		nu.lintConn = *u.SonarLintLastConnection
	}
	return nu
}

// DeactivateUser deactivates a user and deletes its tokens, as SonarQube does.
func (s *Server) DeactivateUser(login string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	u := s.st.users[login]
	if u == nil {
		return fmt.Errorf("sonarsim: no user %q", login)
	}
	u.active = false
	for len(u.tokens) > 0 {
		s.st.removeToken(u, len(u.tokens)-1)
	}
	return nil
}

// AddProject adds a project, bypassing HTTP.
func (s *Server) AddProject(p ProjectSpec) error {
	if p.Key == "" {
		return errors.New("sonarsim: empty project key")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.st.projects[p.Key] != nil {
		return fmt.Errorf("sonarsim: project %q already exists", p.Key)
	}
	pr := &project{key: p.Key, name: p.Name, scan: map[string]bool{}}
	if pr.name == "" {
		pr.name = p.Key
	}
	for _, l := range p.ScanLogins {
		if s.st.users[l] == nil {
			return fmt.Errorf("sonarsim: no user %q", l)
		}
		pr.scan[l] = true
	}
	s.st.addProject(pr)
	return nil
}

// IssueToken creates a token without HTTP and its checks and returns its value.
func (s *Server) IssueToken(t TokenSpec) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.issueLocked(t)
}

func (s *Server) issueLocked(t TokenSpec) (string, error) {
	u := s.st.users[t.Login]
	if u == nil {
		return "", fmt.Errorf("sonarsim: no user %q", t.Login)
	}
	if t.Name == "" {
		return "", errors.New("sonarsim: empty token name")
	}
	if u.findToken(t.Name) >= 0 {
		return "", fmt.Errorf("sonarsim: user %q already has a token named %q", t.Login, t.Name)
	}
	typ := userToken
	if t.Type != "" {
		var ok bool
		if typ, ok = parseTokenType(t.Type); !ok {
			return "", fmt.Errorf("sonarsim: unknown token type %q", t.Type)
		}
	}
	if typ != userToken && !s.prof.tokenTypes {
		return "", fmt.Errorf("sonarsim: version %s has no token types", s.prof.name)
	}
	if t.ExpiresAt != nil && !s.prof.expiration {
		return "", fmt.Errorf("sonarsim: version %s has no token expiration", s.prof.name)
	}
	var proj *project
	if typ == projectAnalysisToken {
		if proj = s.st.projects[t.ProjectKey]; proj == nil {
			return "", fmt.Errorf("sonarsim: no project %q", t.ProjectKey)
		}
	}
	value, hash := s.newTokenValue(typ)
	tok := &token{hash: hash, user: u, name: t.Name, typ: typ, project: proj, createdAt: t.CreatedAt}
	if tok.createdAt.IsZero() {
		tok.createdAt = s.now()
	}
	if t.LastUsed != nil {
		tok.lastUsed = *t.LastUsed
	}
	if t.ExpiresAt != nil {
		tok.expiresAt = *t.ExpiresAt
	}
	s.st.addToken(tok)
	return value, nil
}

func tokenInfo(t *token) TokenInfo {
	ti := TokenInfo{Login: t.user.login, Name: t.name, Type: t.typ.String(), CreatedAt: t.createdAt}
	if t.project != nil {
		ti.ProjectKey, ti.ProjectName = t.project.key, t.project.name
	}
	if !t.lastUsed.IsZero() {
		v := t.lastUsed
		ti.LastUsed = &v
	}
	if !t.expiresAt.IsZero() {
		v := t.expiresAt
		ti.ExpiresAt = &v
	}
	return ti
}

// Tokens returns the current tokens of a user, sorted by name.
func (s *Server) Tokens(login string) []TokenInfo {
	s.mu.RLock()
	defer s.mu.RUnlock()
	u := s.st.users[login]
	if u == nil {
		return nil
	}
	out := make([]TokenInfo, 0, len(u.tokens))
	for _, t := range u.tokens {
		out = append(out, tokenInfo(t))
	}
	return out
}

// AllTokens returns every token, sorted by login then name.
func (s *Server) AllTokens() []TokenInfo {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]TokenInfo, 0, len(s.st.byHash))
	for _, u := range s.st.sorted {
		for _, t := range u.tokens {
			out = append(out, tokenInfo(t))
		}
	}
	return out
}

// Users returns the logins of every user, active or not, sorted.
func (s *Server) Users() []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]string, len(s.st.sorted))
	for i, u := range s.st.sorted {
		out[i] = u.login
	}
	return out
}

// UserInfo is the stored state of a user.
type UserInfo struct {
	Login, Name, Email string
	Admin, Scan        bool
	Active             bool
	// LastConnection counts token use, as SonarQube does; nil for never.
	LastConnection, SonarLintLastConnection *time.Time
	TokensCount                             int
}

// User returns the state of one user.
func (s *Server) User(login string) (UserInfo, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	u := s.st.users[login]
	if u == nil {
		return UserInfo{}, false
	}
	ui := UserInfo{Login: u.login, Name: u.name, Email: u.email, Admin: u.perms&permAdmin != 0,
		Scan: u.perms&permScan != 0, Active: u.active, TokensCount: len(u.tokens)}
	if !u.lastConn.IsZero() {
		v := u.lastConn
		ui.LastConnection = &v
	}
	if !u.lintConn.IsZero() {
		v := u.lintConn
		ui.SonarLintLastConnection = &v
	}
	return ui, true
}
