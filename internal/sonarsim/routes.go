package sonarsim

import (
	"net/http"
	"strings"
	"time"
)

type call struct {
	w    http.ResponseWriter
	r    *http.Request
	p    params
	sess session
	now  time.Time
}

type action struct {
	post      bool                // a POST action (else GET)
	skip      bool                // session-skipped URL: no authentication at all
	v2        bool                // API v2 (Spring) endpoint: GET only, different error body
	available func(profile) bool  // nil: every version
	handle    func(*Server, call) // the handler
}

// usersSearchPath can be removed (WithoutUsersSearch, RemoveLegacyUsersSearch).
const usersSearchPath = "/api/users/search"

var actions = map[string]action{
	"/api/server/version":                        {skip: true, handle: (*Server).handleVersion},
	"/api/authentication/validate":               {skip: true, handle: (*Server).handleValidate},
	"/api/users/current":                         {handle: (*Server).handleCurrent},
	usersSearchPath:                              {handle: (*Server).handleUsersSearch},
	"/api/user_tokens/generate":                  {post: true, handle: (*Server).handleGenerate},
	"/api/user_tokens/search":                    {handle: (*Server).handleTokenSearch},
	"/api/user_tokens/revoke":                    {post: true, handle: (*Server).handleRevoke},
	"/api/settings/values":                       {handle: (*Server).handleSettings},
	"/api/system/info":                           {handle: (*Server).handleSystemInfo},
	"/api/projects/search_my_scannable_projects": {available: func(p profile) bool { return p.scannable }, handle: (*Server).handleScannable},
	"/api/v2/users-management/users":             {v2: true, available: func(p profile) bool { return p.usersV2 }, handle: (*Server).handleUsersV2},
}

// skippedURLs load no user session, as SonarQube's UserSessionInitializer.
var skippedURLs = map[string]bool{
	"/api/server/version":             true,
	"/api/authentication/validate":    true,
	"/api/authentication/login":       true,
	"/api/authentication/logout":      true,
	"/api/system/status":              true,
	"/api/system/db_migration_status": true,
	"/api/users/identity_providers":   true,
	"/api/l10n/index":                 true,
}

// dispatch authenticates, routes and runs a request, calling logNow just before it applies.
func (s *Server) dispatch(w http.ResponseWriter, r *http.Request, e *Request, logNow func()) {
	path := r.URL.Path
	if !strings.HasPrefix(path, "/api/") {
		http.NotFound(w, r)
		return
	}
	now := s.now()
	s.purgeInactive(now)
	var sess session
	if !skippedURLs[path] {
		var ok bool
		sess, ok = s.authenticate(r)
		if !ok || (!sess.loggedIn() && !s.opts.AllowAnonymous) {
			// Failed authentication on a web service URL: 401 and nothing else.
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		e.Login = sess.login()
		if s.prof.expiryHeader && sess.tok != nil && !sess.tok.expiresAt.IsZero() {
			w.Header().Set(expirationHeader, s.formatDateTime(sess.tok.expiresAt))
		}
	}

	p, err := readParams(r)
	if err != nil {
		writeError(w, badRequest("Invalid request parameters"))
		return
	}
	e.Params = logParams(p)

	key, ext := splitExtension(path)
	a, found := actions[key]
	if found && a.available != nil && !a.available(s.prof) {
		found = false
	}
	if key == usersSearchPath && s.usersSearchGone.Load() {
		found = false
	}
	if !found {
		writeError(w, notFound("Unknown url : %s", path))
		return
	}
	if a.v2 {
		if r.Method != http.MethodGet {
			writeV2Error(w, http.StatusMethodNotAllowed, "Request method '"+r.Method+"' is not supported")
			return
		}
	} else {
		if ext != "" && ext != "json" {
			writeError(w, badRequest("Unknown action extension: %s", ext))
			return
		}
		check := checkMethod
		if s.prof.laxMethods {
			check = checkMethod89
		}
		if apiErr := check(a, r.Method); apiErr != nil {
			writeError(w, apiErr)
			return
		}
	}
	logNow()
	a.handle(s, call{w: w, r: r, p: params{p}, sess: sess, now: now})
}

// splitExtension separates a ".json"-style action extension from the path.
func splitExtension(path string) (string, string) {
	slash := strings.LastIndexByte(path, '/')
	if dot := strings.LastIndexByte(path, '.'); dot > slash {
		return path[:dot], path[dot+1:]
	}
	return path, ""
}

// checkMethod applies the method rules of 2024+ code (late 9.9, 10.x, 2025.x).
func checkMethod(a action, method string) *apiError {
	switch method {
	case http.MethodGet:
		if a.post {
			return &apiError{http.StatusMethodNotAllowed, "HTTP method POST is required"}
		}
	case http.MethodPost:
		if !a.post {
			return &apiError{http.StatusMethodNotAllowed, "HTTP method GET is required"}
		}
	default:
		return &apiError{http.StatusMethodNotAllowed, "HTTP method " + method + " is not allowed"}
	}
	return nil
}

// checkMethod89 is 8.9's laxer RequestVerifier: only GET on a POST action, PUT and DELETE fail.
func checkMethod89(a action, method string) *apiError {
	switch method {
	case http.MethodGet:
		if a.post {
			return &apiError{http.StatusMethodNotAllowed, "HTTP method POST is required"}
		}
	case http.MethodPut, http.MethodDelete:
		return &apiError{http.StatusMethodNotAllowed, "HTTP method " + method + " is not allowed"}
	}
	return nil
}

// writeError drops headers set earlier, as SonarQube resets the response.
func writeError(w http.ResponseWriter, e *apiError) {
	w.Header().Del(expirationHeader)
	writeErrors(w, e.status, e.msg)
}

// writeV2Error answers an API v2 error: {"message":"..."}.
func writeV2Error(w http.ResponseWriter, status int, msg string) {
	w.Header().Del(expirationHeader)
	writeJSON(w, status, struct {
		Message string `json:"message"`
	}{msg})
}
