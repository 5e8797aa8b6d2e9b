package secrettest

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// Shape is how an Echo server puts the Authorization header back.
type Shape string

// The shapes of an echo, as servers and proxies have been seen to answer.
const (
	// JSON is SonarQube's error body: {"errors":[{"msg":"…"}]}.
	JSON Shape = "json"
	// Text is a plain-text body, a proxy's.
	Text Shape = "text"
	// HTML is a proxy's error page, the echo in its title and body.
	HTML Shape = "html"
	// Header is a cross-origin redirect whose Location path carries the echo.
	Header Shape = "header"
)

// Shapes lists every Shape.
var Shapes = []Shape{JSON, Text, HTML, Header}

// Echo is a hostile server before next: requests ending in paths get their
// Authorization header echoed in shape, in every form a sloppy server could show.
func Echo(next http.Handler, shape Shape, status int, paths ...string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hit := false
		for _, p := range paths {
			hit = hit || strings.HasSuffix(r.URL.Path, p)
		}
		if !hit {
			next.ServeHTTP(w, r)
			return
		}
		msg := EchoText(r.Header.Get("Authorization"))
		switch shape {
		case JSON:
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(status)
			var b bytes.Buffer
			fmt.Fprintf(&b, `{"errors":[{"msg":%q},{"msg":%q}]}`, msg, "Authorization: "+r.Header.Get("Authorization"))
			_, _ = w.Write(b.Bytes())
		case Text:
			w.Header().Set("Content-Type", "text/plain")
			w.WriteHeader(status)
			_, _ = fmt.Fprintln(w, msg)
		case HTML:
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(status)
			_, _ = fmt.Fprintf(w, "<html><head><title>%s</title></head><body><p>%s</p></body></html>", html.EscapeString(msg), html.EscapeString(msg))
		case Header:
			w.Header().Set("Location", "https://login.example.invalid/sso/"+url.PathEscape(msg))
			w.Header().Set("X-Echo", msg)
			w.WriteHeader(http.StatusFound)
		}
	})
}

// EchoText is the text an Echo server answers for an Authorization header.
func EchoText(auth string) string {
	scheme, cred, _ := strings.Cut(auth, " ")
	half := len(cred) / 2
	text := fmt.Sprintf("Invalid token: %s (unpadded %s, escaped %s, cut %s\n%s)",
		auth, strings.TrimRight(cred, "="), url.QueryEscape(cred), cred[:half], cred[half:])
	if scheme == "Basic" {
		if dec, err := base64.StdEncoding.DecodeString(cred); err == nil {
			text += " for " + string(dec)
		}
	}
	return text
}

// piece is the shortest run reported, as the client removes it.
const piece = 12

// AssertNoPiecesIn is a stricter AssertNoSecretsIn: any 12-character run of
// any form fails, so a cut or unpadded form is found too.
func AssertNoPiecesIn(t testing.TB, what string, data []byte, values []string) {
	t.Helper()
	for i, v := range values {
		if len(v) < 2*piece {
			t.Errorf("secrettest: value #%d is %d characters long: too short to look for pieces of", i, len(v))
			continue
		}
		forms := Forms(v)
		basic := base64.StdEncoding.EncodeToString([]byte(v + ":"))
		forms = append(forms,
			Form{"basic auth, URL alphabet", strings.NewReplacer("+", "-", "/", "_").Replace(basic)},
			Form{"basic auth, URL-escaped", url.QueryEscape(basic)})
		for _, f := range forms {
			for j := 0; j+piece <= len(f.Text); j++ {
				if at := bytes.Index(data, []byte(f.Text[j:j+piece])); at >= 0 {
					t.Errorf("a piece of secret #%d %s found in %s at byte %d (%s form, characters %d to %d)", i, Mask(v), what, at, f.Name, j, j+piece)
					break
				}
			}
		}
	}
}
