package sonarsim

import (
	"crypto/sha512"
	"encoding/base64"
	"net/http"
	"strings"
	"time"
)

// expirationHeader is set for tokens with an expiration date.
const expirationHeader = "SonarQube-Authentication-Token-Expiration"

// lastUsedPrecision: SonarQube updates the last use at most hourly.
const lastUsedPrecision = time.Hour

type session struct {
	user *user  // nil: anonymous
	tok  *token // nil unless authenticated with a token
}

func (c session) loggedIn() bool { return c.user != nil }

// perms: an analysis token keeps only scan and provisioning (global) or nothing (project).
func (c session) perms() perm {
	if c.user == nil {
		return 0
	}
	p := c.user.perms
	if c.tok != nil {
		switch c.tok.typ {
		case globalAnalysisToken:
			p &= permScan | permProvisioning
		case projectAnalysisToken:
			p = 0
		}
	}
	return p
}

func (c session) isAdmin() bool { return c.perms()&permAdmin != 0 }
func (c session) hasScan() bool { return c.perms()&permScan != 0 }

func (c session) hasProjectScan(p *project) bool {
	if c.user == nil {
		return false
	}
	if c.tok != nil && c.tok.typ == projectAnalysisToken {
		return c.tok.project == p && c.user.hasProjectScan(p)
	}
	return c.hasScan() || p.scan[c.user.login]
}

func (c session) login() string {
	if c.user == nil {
		return ""
	}
	return c.user.login
}

// hashToken returns the SHA-384 digest SonarQube stores for a token value.
func hashToken(value string) [sha512.Size384]byte {
	return sha512.Sum384([]byte(value))
}

// authenticate: ok is false when credentials were sent but rejected (an empty 401).
func (s *Server) authenticate(r *http.Request) (sess session, ok bool) {
	h := r.Header.Get("Authorization")
	var value string
	switch {
	case h == "":
		return session{}, true
	case hasPrefixFold(h, "basic "):
		raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(h[len("basic "):]))
		if err != nil {
			return session{}, false
		}
		login, password, found := strings.Cut(string(raw), ":")
		if !found || login == "" {
			return session{}, false
		}
		if password != "" {
			// Login and password: no user of the simulator has a password.
			return session{}, false
		}
		value = login
	case hasPrefixFold(h, "bearer ") && s.prof.bearer:
		value = strings.TrimSpace(h[len("bearer "):])
	default:
		// A scheme this version does not know (Bearer before 10.0) is no credentials.
		return session{}, true
	}
	return s.authenticateToken(value)
}

func (s *Server) authenticateToken(value string) (session, bool) {
	hash := hashToken(value)
	now := s.now()
	s.mu.RLock()
	t := s.st.byHash[hash]
	if t == nil || !t.user.active || t.expired(now) || (t.generated && s.refuseNew.Load()) {
		s.mu.RUnlock()
		return session{}, false
	}
	stale := t.lastUsed.IsZero() || now.Sub(t.lastUsed) >= lastUsedPrecision ||
		t.user.lastConn.IsZero() || now.Sub(t.user.lastConn) >= lastUsedPrecision
	s.mu.RUnlock()
	if stale {
		s.mu.Lock()
		if t.lastUsed.IsZero() || now.Sub(t.lastUsed) >= lastUsedPrecision {
			t.lastUsed = now
		}
		if t.user.lastConn.IsZero() || now.Sub(t.user.lastConn) >= lastUsedPrecision {
			t.user.lastConn = now
		}
		s.mu.Unlock()
	}
	return session{user: t.user, tok: t}, true
}
