package sonarsim

import (
	"net/http"
	"strings"
)

func (s *Server) contextPath() string {
	if s.opts.ContextPath == "/" {
		return ""
	}
	return s.opts.ContextPath
}

// underContext serves next below ctx, as Tomcat serves sonar.web.context;
// next sees the path after ctx, and anything outside answers 404.
func underContext(ctx string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rest, ok := strings.CutPrefix(r.URL.Path, ctx)
		if !ok || rest != "" && rest[0] != '/' {
			http.NotFound(w, r)
			return
		}
		if rest == "" {
			rest = "/"
		}
		r2 := r.Clone(r.Context())
		r2.URL.Path = rest
		r2.URL.RawPath = ""
		next.ServeHTTP(w, r2)
	})
}
