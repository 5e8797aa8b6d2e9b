package sonarsim

import (
	"net/http"
	"strings"
	"time"
)

// Max token lifetime values (sonar.auth.token.max.allowed.lifetime).
const (
	maxLifetimeKey = "sonar.auth.token.max.allowed.lifetime"
	lifetimeNone   = "No expiration"
)

var lifetimeDays = map[string]int{"30 days": 30, "90 days": 90, "1 year": 365, lifetimeNone: 0}

func validLifetime(v string) bool {
	if v == "" {
		return true
	}
	_, ok := lifetimeDays[v]
	return ok
}

// checkMaxLifetime enforces the max lifetime (zero expires: none requested).
func (s *Server) checkMaxLifetime(now, expires time.Time) *apiError {
	if !s.prof.maxLifetime || s.opts.MaxTokenLifetime == "" {
		return nil
	}
	days, ok := lifetimeDays[s.opts.MaxTokenLifetime]
	if !ok {
		return badRequest("No token expiration interval with name \"%s\" found.", s.opts.MaxTokenLifetime)
	}
	if days == 0 {
		return nil
	}
	max := s.expiryDaysAfter(now, days)
	if expires.IsZero() {
		return badRequest("Tokens expiring after %s are not allowed. Please use an expiration date.", max.Format(time.DateOnly))
	}
	if expires.After(max) {
		return badRequest("Tokens expiring after %s are not allowed. Please use a valid expiration date.", max.Format(time.DateOnly))
	}
	return nil
}

// handleVersion implements GET api/server/version (plain text).
func (s *Server) handleVersion(c call) {
	c.w.Header().Set("Content-Type", "text/plain;charset=utf-8")
	c.w.WriteHeader(http.StatusOK)
	_, _ = c.w.Write([]byte(s.prof.full))
}

// handleValidate implements GET api/authentication/validate: always 200.
func (s *Server) handleValidate(c call) {
	sess, ok := s.authenticate(c.r)
	valid := ok && (sess.loggedIn() || s.opts.AllowAnonymous)
	writeJSON(c.w, http.StatusOK, struct {
		Valid bool `json:"valid"`
	}{valid})
}

type setting struct {
	Key       string `json:"key"`
	Value     string `json:"value"`
	Inherited bool   `json:"inherited"`
}

// handleSettings implements GET api/settings/values for global settings.
func (s *Server) handleSettings(c call) {
	all := []setting{
		{Key: "sonar.forceAuthentication", Value: boolString(!s.opts.AllowAnonymous), Inherited: !s.opts.AllowAnonymous},
		{Key: "sonar.lf.enableGravatar", Value: "false", Inherited: true},
	}
	// Only the Enterprise extension defines the setting.
	if s.prof.maxLifetime && s.opts.MaxTokenLifetime != "" {
		all = append(all, setting{Key: maxLifetimeKey, Value: s.opts.MaxTokenLifetime})
	}
	out := all
	if keys, ok := c.p.get("keys"); ok {
		want := map[string]bool{}
		for _, k := range strings.Split(keys, ",") {
			if k = strings.TrimSpace(k); k != "" {
				want[k] = true
			}
		}
		out = nil
		for _, st := range all {
			if want[st.Key] {
				out = append(out, st)
			}
		}
	}
	if out == nil {
		out = []setting{}
	}
	writeJSON(c.w, http.StatusOK, struct {
		Settings []setting `json:"settings"`
	}{out})
}

func boolString(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

// handleScannable implements GET api/projects/search_my_scannable_projects.
func (s *Server) handleScannable(c call) {
	q, _ := c.p.get("q")
	q = strings.ToLower(q)
	out := []searchProject{}
	s.mu.RLock()
	for _, p := range s.st.projList {
		if q != "" && !strings.Contains(p.lowName, q) {
			continue
		}
		if c.sess.hasProjectScan(p) {
			out = append(out, searchProject{Key: p.key, Name: p.name})
		}
	}
	s.mu.RUnlock()
	writeJSON(c.w, http.StatusOK, struct {
		Projects []searchProject `json:"projects"`
	}{out})
}
