package cli

import (
	"errors"

	"github.com/sonartoken/sonartoken/client"
)

// describe is client.Describe plus the command line's advice (flags) for its kind.
func describe(err error) string {
	d := client.Describe(err)
	if h := hint(err); h != "" {
		d += " " + h
	}
	return d
}

// hint returns what to change on the command line for err, or "".
func hint(err error) string {
	var re *client.RedirectError
	switch client.Classify(err) {
	case client.KindTLSUnknownAuthority:
		return "If your company uses an internal CA, pass its PEM file with --ca-file (or set SSL_CERT_FILE); --insecure skips verification entirely."
	case client.KindTimeout:
		return "Try again, or raise --timeout."
	case client.KindRedirectHTTPS:
		if errors.As(err, &re) {
			return "Use " + re.Suggested + " with --url (or in the profile)."
		}
	case client.KindRedirect:
		if errors.As(err, &re) {
			if re.From.Scheme == re.To.Scheme && re.From.Host == re.To.Host {
				if re.Method == "GET" {
					return "" // a loop within the server: nothing to pass
				}
				return "If " + re.Suggested + " is the server, use it with --url."
			}
			return "Use that URL with --url if you trust it."
		}
	}
	return ""
}
