package sonarsim

import (
	"cmp"
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"regexp"
	"slices"
	"time"
)

// maxTokenNameLength is the declared maximum length of a token name.
const maxTokenNameLength = 100

// typeValues is the message list of the possible values of "type".
const typeValues = "[USER_TOKEN, GLOBAL_ANALYSIS_TOKEN, PROJECT_ANALYSIS_TOKEN]"

type generateResponse struct {
	Login          string `json:"login"`
	Name           string `json:"name"`
	Token          string `json:"token"`
	CreatedAt      string `json:"createdAt"`
	Type           string `json:"type,omitempty"`
	ProjectKey     string `json:"projectKey,omitempty"`
	ExpirationDate string `json:"expirationDate,omitempty"`
}

// handleGenerate keeps the order of checks of the current SonarQube code.
func (s *Server) handleGenerate(c call) {
	s.mu.Lock()
	resp, err := s.generate(c)
	s.mu.Unlock()
	if err != nil {
		writeError(c.w, err)
		return
	}
	writeJSON(c.w, http.StatusOK, resp)
}

func (s *Server) generate(c call) (*generateResponse, *apiError) {
	st := s.st
	typ := userToken
	var proj *project
	loginParam, hasLogin := c.p.get("login")
	self := !hasLogin || loginParam == c.sess.login() && c.sess.loggedIn()

	// 1. Type, projectKey and permissions (9.5+).
	if s.prof.tokenTypes {
		if v, ok := c.p.get("type"); ok {
			t, valid := parseTokenType(v)
			if !valid {
				return nil, badRequest("Value of parameter 'type' (%s) must be one of: %s", v, typeValues)
			}
			typ = t
		}
		switch typ {
		case projectAnalysisToken:
			if !self {
				return nil, badRequest("A Project Analysis Token cannot be generated for another user.")
			}
			key, ok := c.p.get("projectKey")
			if !ok {
				return nil, badRequest("A projectKey is needed when creating Project Analysis Token")
			}
			proj = st.projects[key]
			if proj == nil {
				return nil, notFound("Project key '%s' not found", key)
			}
			if !c.sess.hasProjectScan(proj) {
				return nil, errForbidden
			}
		case globalAnalysisToken:
			if !self {
				return nil, badRequest("A Global Analysis Token cannot be generated for another user.")
			}
			if !c.sess.hasScan() {
				return nil, errForbidden
			}
		}
	}

	// 2. Expiration date and maximum lifetime (9.6+).
	var expires time.Time
	if s.prof.expiration {
		if v, ok := c.p.get("expirationDate"); ok {
			d, valid := parseISODate(v)
			if valid {
				// The minimum date is checked in the zone the date is stored in.
				expires = s.expiryAt(d)
			} else if at, ok := cloudDateTime(v); ok && s.opts.Cloud {
				// Cloud's catalogue shows a full date-time.
				expires = at
			} else {
				return nil, badRequest("Supplied date format for parameter expirationDate is wrong. Please supply date in the ISO 8601 date format (YYYY-MM-DD)")
			}
			tomorrow := s.expiryDaysAfter(c.now, 1)
			if expires.Before(tomorrow) {
				return nil, badRequest("The minimum value for parameter expirationDate is %s.", tomorrow.Format(time.DateOnly))
			}
		}
		if err := s.checkMaxLifetime(c.now, expires); err != nil {
			return nil, err
		}
	}

	// 3. Name.
	if _, ok := c.p.raw("name"); !ok {
		return nil, missing("name")
	}
	if err := c.p.checkMaxLength("name", maxTokenNameLength); err != nil {
		return nil, err
	}
	name, err := c.p.mandatory("name")
	if err != nil {
		return nil, err
	}

	// 4. Target user.
	u, err := s.targetUser(c)
	if err != nil {
		return nil, err
	}

	// 5. Unique name.
	if u.findToken(name) >= 0 {
		return nil, badRequest("A user token for login '%s' and name '%s' already exists", u.login, name)
	}

	value, hash := s.newTokenValue(typ)
	t := &token{hash: hash, user: u, name: name, typ: typ, project: proj, createdAt: c.now, expiresAt: expires, generated: true}
	st.addToken(t)

	resp := &generateResponse{
		Login:     u.login,
		Name:      name,
		Token:     value,
		CreatedAt: s.formatDateTime(t.createdAt),
	}
	if s.prof.tokenTypes {
		resp.Type = typ.String()
		if proj != nil {
			resp.ProjectKey = proj.key
		}
	}
	if !expires.IsZero() {
		resp.ExpirationDate = s.formatDateTime(expires)
	}
	return resp, nil
}

// targetUser resolves "login" as UserTokenSupport.getUser; Cloud ignores it.
// Call with s.mu held.
func (s *Server) targetUser(c call) (*user, *apiError) {
	login, ok := c.p.get("login")
	if !ok || s.opts.Cloud {
		login = c.sess.login()
	}
	if !c.sess.loggedIn() {
		return nil, errUnauthorized
	}
	if !c.sess.isAdmin() && login != c.sess.login() {
		return nil, errForbidden
	}
	u := s.st.users[login]
	if u == nil {
		return nil, notFound("User with login '%s' doesn't exist", login)
	}
	return u, nil
}

// newTokenValue makes a token value in the profile's format and its hash.
func (s *Server) newTokenValue(typ tokenType) (string, [48]byte) {
	var b [20]byte
	for {
		_, _ = rand.Read(b[:])
		v := hex.EncodeToString(b[:])
		if s.prof.tokenTypes {
			v = typ.prefix() + v
		}
		h := hashToken(v)
		if _, taken := s.st.byHash[h]; !taken {
			return v, h
		}
	}
}

var isoDate = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2})(Z|[+-]\d{2}:\d{2}(:\d{2})?)?$`)

// parseISODate parses Java's ISO_DATE; only the date counts.
func parseISODate(v string) (time.Time, bool) {
	m := isoDate.FindStringSubmatch(v)
	if m == nil {
		return time.Time{}, false
	}
	d, err := time.Parse(time.DateOnly, m[1])
	if err != nil {
		return time.Time{}, false
	}
	return d, true
}

type searchToken struct {
	Name               string         `json:"name"`
	CreatedAt          string         `json:"createdAt"`
	LastConnectionDate string         `json:"lastConnectionDate,omitempty"`
	Type               string         `json:"type,omitempty"`
	Project            *searchProject `json:"project,omitempty"`
	ExpirationDate     string         `json:"expirationDate,omitempty"`
	IsExpired          *bool          `json:"isExpired,omitempty"`
}

type searchProject struct {
	Key  string `json:"key"`
	Name string `json:"name"`
}

type searchResponse struct {
	Login      string        `json:"login"`
	UserTokens []searchToken `json:"userTokens"`
}

// handleTokenSearch implements GET api/user_tokens/search.
func (s *Server) handleTokenSearch(c call) {
	s.mu.RLock()
	u, err := s.targetUser(c)
	if err != nil {
		s.mu.RUnlock()
		writeError(c.w, err)
		return
	}
	resp := searchResponse{Login: u.login, UserTokens: make([]searchToken, 0, len(u.tokens))}
	for _, t := range s.searchOrder(u.tokens) {
		e := searchToken{Name: t.name, CreatedAt: s.formatDateTime(t.createdAt)}
		if !t.lastUsed.IsZero() {
			e.LastConnectionDate = s.formatDateTime(t.lastUsed)
		}
		if s.prof.tokenTypes {
			e.Type = t.typ.String()
			if t.project != nil {
				e.Project = &searchProject{Key: t.project.key, Name: t.project.name}
			}
		}
		if s.prof.expiration && !t.expiresAt.IsZero() {
			e.ExpirationDate = s.formatDateTime(t.expiresAt)
			exp := t.expired(c.now)
			e.IsExpired = &exp
		}
		resp.UserTokens = append(resp.UserTokens, e)
	}
	s.mu.RUnlock()
	writeJSON(c.w, http.StatusOK, resp)
}

// searchOrder is newest first (UserTokenMapper.xml), later inserted first
// among equals; 8.9's mapper has no order, so insertion order.
func (s *Server) searchOrder(toks []*token) []*token {
	out := slices.Clone(toks)
	if s.prof.unorderedTokens {
		slices.SortFunc(out, func(a, b *token) int { return cmp.Compare(a.seq, b.seq) })
		return out
	}
	slices.SortFunc(out, func(a, b *token) int {
		if c := b.createdAt.Compare(a.createdAt); c != 0 {
			return c
		}
		return cmp.Compare(b.seq, a.seq)
	})
	return out
}

// handleRevoke answers 204 even for an unknown name.
func (s *Server) handleRevoke(c call) {
	name, err := c.p.mandatory("name")
	if err != nil {
		writeError(c.w, err)
		return
	}
	s.mu.Lock()
	u, err := s.targetUser(c)
	if err == nil {
		if i := u.findToken(name); i >= 0 {
			s.st.removeToken(u, i)
		}
	}
	s.mu.Unlock()
	if err != nil {
		writeError(c.w, err)
		return
	}
	c.w.WriteHeader(http.StatusNoContent)
}
