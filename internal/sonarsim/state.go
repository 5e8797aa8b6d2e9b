package sonarsim

import (
	"crypto/sha512"
	"sort"
	"strings"
	"time"
)

// Token type wire names.
const (
	TypeUser            = "USER_TOKEN"
	TypeGlobalAnalysis  = "GLOBAL_ANALYSIS_TOKEN"
	TypeProjectAnalysis = "PROJECT_ANALYSIS_TOKEN"
)

type tokenType uint8

const (
	userToken tokenType = iota
	globalAnalysisToken
	projectAnalysisToken
)

func (t tokenType) String() string {
	switch t {
	case globalAnalysisToken:
		return TypeGlobalAnalysis
	case projectAnalysisToken:
		return TypeProjectAnalysis
	default:
		return TypeUser
	}
}

// prefix returns the token value prefix of 9.5+ servers.
func (t tokenType) prefix() string {
	switch t {
	case globalAnalysisToken:
		return "sqa_"
	case projectAnalysisToken:
		return "sqp_"
	default:
		return "squ_"
	}
}

func parseTokenType(s string) (tokenType, bool) {
	switch s {
	case TypeUser:
		return userToken, true
	case TypeGlobalAnalysis:
		return globalAnalysisToken, true
	case TypeProjectAnalysis:
		return projectAnalysisToken, true
	}
	return 0, false
}

// Global permission bits.
type perm uint8

const (
	permAdmin perm = 1 << iota
	permProfileAdmin
	permGateAdmin
	permScan
	permProvisioning
)

// permOrder lists the global permissions in the order SonarQube reports them.
var permOrder = []struct {
	bit perm
	key string
}{
	{permAdmin, "admin"},
	{permProfileAdmin, "profileadmin"},
	{permGateAdmin, "gateadmin"},
	{permScan, "scan"},
	{permProvisioning, "provisioning"},
}

func (p perm) keys() []string {
	out := []string{}
	for _, e := range permOrder {
		if p&e.bit != 0 {
			out = append(out, e.key)
		}
	}
	return out
}

type user struct {
	id       string
	login    string
	name     string
	email    string
	perms    perm
	active   bool
	lowLogin string // lower-case copies for case-insensitive search
	lowName  string
	lowEmail string
	lastConn time.Time // zero: never connected
	lintConn time.Time // last connection from SonarQube for IDE; zero: never
	tokens   []*token  // sorted by name
}

func (u *user) groups() []string {
	if u.perms&permAdmin != 0 {
		return []string{"sonar-administrators", "sonar-users"}
	}
	return []string{"sonar-users"}
}

// findToken returns the index of the token with that name, or -1.
func (u *user) findToken(name string) int {
	i := sort.Search(len(u.tokens), func(i int) bool { return u.tokens[i].name >= name })
	if i < len(u.tokens) && u.tokens[i].name == name {
		return i
	}
	return -1
}

func (u *user) insertToken(t *token) {
	i := sort.Search(len(u.tokens), func(i int) bool { return u.tokens[i].name >= t.name })
	u.tokens = append(u.tokens, nil)
	copy(u.tokens[i+1:], u.tokens[i:])
	u.tokens[i] = t
}

type project struct {
	key     string
	name    string
	lowName string
	scan    map[string]bool // logins with the project "scan" permission
}

type token struct {
	hash      [sha512.Size384]byte
	user      *user
	name      string
	typ       tokenType
	project   *project // project analysis tokens only
	createdAt time.Time
	lastUsed  time.Time // zero: never used
	expiresAt time.Time // zero: no expiration
	seq       int       // insertion order, for 8.9's unordered search
	generated bool      // made through api/user_tokens/generate (RefuseNewTokens)
}

func (t *token) expired(now time.Time) bool {
	return !t.expiresAt.IsZero() && t.expiresAt.Before(now)
}

// state is the server's data; guarded by Server.mu.
type state struct {
	users    map[string]*user
	sorted   []*user // all users sorted by login
	projects map[string]*project
	projList []*project // sorted by name, case-insensitive
	byHash   map[[sha512.Size384]byte]*token
	nextID   int
	nextSeq  int // of tokens
	// added makes the Cloud sweep look at every token again.
	added bool
}

func newState() *state {
	return &state{
		users:    map[string]*user{},
		projects: map[string]*project{},
		byHash:   map[[sha512.Size384]byte]*token{},
	}
}

func (st *state) addUser(u *user) {
	u.lowLogin = strings.ToLower(u.login)
	u.lowName = strings.ToLower(u.name)
	u.lowEmail = strings.ToLower(u.email)
	st.nextID++
	u.id = fakeUUID(st.nextID)
	st.users[u.login] = u
	i := sort.Search(len(st.sorted), func(i int) bool { return st.sorted[i].login >= u.login })
	st.sorted = append(st.sorted, nil)
	copy(st.sorted[i+1:], st.sorted[i:])
	st.sorted[i] = u
}

func (st *state) addProject(p *project) {
	p.lowName = strings.ToLower(p.name)
	st.projects[p.key] = p
	i := sort.Search(len(st.projList), func(i int) bool { return projectLess(p, st.projList[i]) })
	st.projList = append(st.projList, nil)
	copy(st.projList[i+1:], st.projList[i:])
	st.projList[i] = p
}

func projectLess(a, b *project) bool {
	if a.lowName != b.lowName {
		return a.lowName < b.lowName
	}
	return a.key < b.key
}

func (st *state) addToken(t *token) {
	st.added = true
	st.nextSeq++
	t.seq = st.nextSeq
	st.byHash[t.hash] = t
	t.user.insertToken(t)
}

func (st *state) removeToken(u *user, i int) {
	t := u.tokens[i]
	delete(st.byHash, t.hash)
	u.tokens = append(u.tokens[:i], u.tokens[i+1:]...)
}

// hasProjectScan reports whether the user (not a session) may scan p.
func (u *user) hasProjectScan(p *project) bool {
	return u.perms&permScan != 0 || p.scan[u.login]
}

// fakeUUID returns a stable UUID-shaped identifier for the n-th user.
func fakeUUID(n int) string {
	const hex = "0123456789abcdef"
	b := []byte("00000000-0000-4000-8000-000000000000")
	x := uint64(n)*0x9E3779B97F4A7C15 + 0x1234567
	for i := len(b) - 1; i >= 0 && x != 0; i-- {
		if b[i] == '-' || i == 14 || i == 19 {
			continue
		}
		b[i] = hex[x&15]
		x >>= 4
	}
	return string(b)
}
