// Package errtext writes the console's account of a failure: the client's
// words (client.Describe) and, where one helps, the console's own advice
// for the kind of failure (client.Classify). The command line writes its
// own advice, naming flags; the console's names what to do in it.
package errtext

import (
	"errors"

	"github.com/sonartoken/sonartoken/client"
)

// Describe turns err into words a user of the console can act on. It
// never includes a token value.
func Describe(err error) string {
	d := client.Describe(err)
	if h := Hint(err); h != "" {
		d += " " + h
	}
	return d
}

// Hint returns the console's advice for err, or "" when the client's words
// say all there is to do.
func Hint(err error) string {
	var re *client.RedirectError
	switch client.Classify(err) {
	case client.KindTimeout:
		return "Try again; a server this slow may need a longer time limit (--timeout, or the profile's timeout)."
	case client.KindTLSUnknownAuthority:
		return "Name the company's authority (--ca-file, or the profile's ca-file) and start again."
	case client.KindRedirectHTTPS:
		if errors.As(err, &re) {
			return "Use " + re.Suggested + " as the server URL."
		}
	case client.KindRedirect:
		if errors.As(err, &re) && (re.From.Scheme != re.To.Scheme || re.From.Host != re.To.Host) {
			return "If you trust that address, use it as the server URL."
		}
	}
	return ""
}
