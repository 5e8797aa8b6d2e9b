package sonarsim

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

type currentPermissions struct {
	Global []string `json:"global"`
}

type currentResponse struct {
	IsLoggedIn       bool               `json:"isLoggedIn"`
	Login            string             `json:"login,omitempty"`
	Name             string             `json:"name,omitempty"`
	Email            string             `json:"email,omitempty"`
	Local            *bool              `json:"local,omitempty"`
	ExternalIdentity string             `json:"externalIdentity,omitempty"`
	ExternalProvider string             `json:"externalProvider,omitempty"`
	Groups           []string           `json:"groups,omitempty"`
	ScmAccounts      []string           `json:"scmAccounts,omitempty"`
	Permissions      currentPermissions `json:"permissions"`
	UsingSonarLint   *bool              `json:"usingSonarLintConnectedMode,omitempty"`
}

// handleCurrent implements GET api/users/current.
func (s *Server) handleCurrent(c call) {
	if !c.sess.loggedIn() {
		writeJSON(c.w, http.StatusOK, currentResponse{Permissions: currentPermissions{Global: []string{}}})
		return
	}
	u := c.sess.user
	t, f := true, false
	writeJSON(c.w, http.StatusOK, currentResponse{
		IsLoggedIn:       true,
		Login:            u.login,
		Name:             u.name,
		Email:            u.email,
		Local:            &t,
		ExternalIdentity: u.login,
		ExternalProvider: "sonarqube",
		Groups:           u.groups(),
		ScmAccounts:      []string{},
		Permissions:      currentPermissions{Global: c.sess.perms().keys()},
		UsingSonarLint:   &f,
	})
}

type usersPaging struct {
	PageIndex int `json:"pageIndex"`
	PageSize  int `json:"pageSize"`
	Total     int `json:"total"`
}

type searchUser struct {
	Login              string   `json:"login"`
	Name               string   `json:"name"`
	Active             bool     `json:"active"`
	Email              string   `json:"email,omitempty"`
	Groups             []string `json:"groups,omitempty"`
	TokensCount        *int     `json:"tokensCount,omitempty"`
	Local              bool     `json:"local"`
	ExternalIdentity   string   `json:"externalIdentity,omitempty"`
	ExternalProvider   string   `json:"externalProvider,omitempty"`
	LastConnectionDate string   `json:"lastConnectionDate,omitempty"`
	// In the 10.x and 2025 code (first version inferred).
	SonarLintLastConnectionDate string `json:"sonarLintLastConnectionDate,omitempty"`
	Managed                     *bool  `json:"managed,omitempty"`
}

// maxPageSize is the largest page size of the user searches.
const maxPageSize = 500

// handleUsersSearch implements GET api/users/search.
func (s *Server) handleUsersSearch(c call) {
	ps, err := c.p.intParam("ps", 50, maxPageSize)
	if err == nil {
		err = c.p.checkMinLength("q", 2)
	}
	deactivated := false
	if err == nil && s.prof.deactivatedArg {
		deactivated, err = c.p.boolParam("deactivated", false)
	}
	var p int
	if err == nil {
		p, err = c.p.intParam("p", 1, 0)
	}
	if err == nil && p < 1 {
		err = badRequest("Page index must be greater than 0")
	}
	if err == nil && ps < 1 {
		err = badRequest("Page size must be greater than 0")
	}
	if err != nil {
		writeError(c.w, err)
		return
	}
	q, _ := c.p.get("q")
	q = strings.ToLower(q)
	admin := c.sess.isAdmin()

	s.mu.RLock()
	total := 0
	start := (p - 1) * ps
	users := []searchUser{}
	for _, u := range s.st.sorted {
		if u.active == deactivated || !u.matches(q) {
			continue
		}
		if total >= start && total < start+ps {
			users = append(users, s.searchUser(u, admin || u == c.sess.user, admin))
		}
		total++
	}
	s.mu.RUnlock()
	writeJSON(c.w, http.StatusOK, struct {
		Paging usersPaging  `json:"paging"`
		Users  []searchUser `json:"users"`
	}{usersPaging{p, ps, total}, users})
}

func (u *user) matches(q string) bool {
	return q == "" || strings.Contains(u.lowLogin, q) || strings.Contains(u.lowName, q) || strings.Contains(u.lowEmail, q)
}

// searchUser shows private fields to administrators and the user themself only.
func (s *Server) searchUser(u *user, private, admin bool) searchUser {
	e := searchUser{Login: u.login, Name: u.name, Active: u.active, Local: true}
	if private {
		n := len(u.tokens)
		e.Email = u.email
		e.Groups = u.groups()
		e.TokensCount = &n
		e.ExternalProvider = "sonarqube"
		if !u.lastConn.IsZero() {
			e.LastConnectionDate = s.formatDateTime(u.lastConn)
		}
		if s.prof.managedField && !u.lintConn.IsZero() {
			e.SonarLintLastConnectionDate = s.formatDateTime(u.lintConn)
		}
	}
	if admin {
		e.ExternalIdentity = u.login
	}
	if s.prof.managedField {
		f := false
		e.Managed = &f
	}
	return e
}

type v2User struct {
	ID                          string `json:"id"`
	Login                       string `json:"login"`
	Name                        string `json:"name"`
	Email                       string `json:"email,omitempty"`
	Active                      bool   `json:"active"`
	Local                       bool   `json:"local"`
	Managed                     bool   `json:"managed"`
	ExternalLogin               string `json:"externalLogin,omitempty"`
	ExternalProvider            string `json:"externalProvider,omitempty"`
	SonarQubeLastConnectionDate string `json:"sonarQubeLastConnectionDate,omitempty"`
	SonarLintLastConnectionDate string `json:"sonarLintLastConnectionDate,omitempty"`
}

// handleUsersV2 implements GET api/v2/users-management/users.
func (s *Server) handleUsersV2(c call) {
	pageIndex, pageSize, msg := v2Page(c.p)
	if msg != "" {
		writeV2Error(c.w, http.StatusBadRequest, msg)
		return
	}
	active := true
	if v, ok := c.p.get("active"); ok {
		switch strings.ToLower(v) {
		case "true":
		case "false":
			active = false
		default:
			writeV2Error(c.w, http.StatusBadRequest, "Value "+v+" for field active was rejected. Error: Failed to convert value of type 'java.lang.String' to required type 'java.lang.Boolean'.")
			return
		}
	}
	q, _ := c.p.get("q")
	q = strings.ToLower(q)
	admin := c.sess.isAdmin()

	s.mu.RLock()
	total := 0
	start := (pageIndex - 1) * pageSize
	users := []v2User{}
	for _, u := range s.st.sorted {
		if u.active != active || !u.matches(q) {
			continue
		}
		if total >= start && total < start+pageSize {
			e := v2User{ID: u.id, Login: u.login, Name: u.name, Active: u.active, Local: true}
			if admin || u == c.sess.user {
				e.Email = u.email
				e.ExternalProvider = "sonarqube"
				// Connection dates only to administrators and the user themself.
				if !u.lastConn.IsZero() {
					e.SonarQubeLastConnectionDate = s.formatDateTime(u.lastConn)
				}
				if !u.lintConn.IsZero() {
					e.SonarLintLastConnectionDate = s.formatDateTime(u.lintConn)
				}
			}
			if admin {
				e.ExternalLogin = u.login
			}
			users = append(users, e)
		}
		total++
	}
	s.mu.RUnlock()
	writeJSON(c.w, http.StatusOK, struct {
		Users []v2User    `json:"users"`
		Page  usersPaging `json:"page"`
	}{users, usersPaging{pageIndex, pageSize, total}})
}

// v2Page reads RestPage (pageSize 0 to 500, pageIndex from 1), refusing with
// Spring's "Value V for field F was rejected" once per violation.
func v2Page(p params) (pageIndex, pageSize int, msg string) {
	pageSize, msg = v2Int(p, "pageSize", 50)
	if msg == "" {
		switch {
		case pageSize < 0:
			msg = v2FieldError(pageSize, "pageSize", "must be greater than or equal to 0")
		case pageSize > maxPageSize:
			msg = v2FieldError(pageSize, "pageSize", "must be less than or equal to 500")
		}
	}
	pageIndex, imsg := v2Int(p, "pageIndex", 1)
	if imsg == "" && pageIndex < 1 {
		// @Positive and @Min(1) both fail; the validator reports both.
		imsg = v2FieldError(pageIndex, "pageIndex", "must be greater than 0") +
			v2FieldError(pageIndex, "pageIndex", "must be greater than or equal to 1")
	}
	return pageIndex, pageSize, msg + imsg
}

func v2FieldError(v any, field, constraint string) string {
	return fmt.Sprintf("Value %v for field %s was rejected. Error: %s.", v, field, constraint)
}

// v2Int reads an Integer field; a non-integer is a binding error.
func v2Int(p params, key string, def int) (int, string) {
	v, ok := p.get(key)
	if !ok {
		return def, ""
	}
	n, err := strconv.ParseInt(v, 10, 32)
	if err != nil {
		return 0, v2FieldError(v, key, fmt.Sprintf("Failed to convert property value of type 'java.lang.String' to required type 'java.lang.Integer' for property '%s'; For input string: \"%s\"", key, v))
	}
	return int(n), ""
}
