// Package startup holds the screens shown before the console proper: the
// spinner while sonartoken connects, a full-screen explanation when it
// cannot (with r to retry), and the welcome form of a first run.
package startup

import (
	"github.com/sonartoken/sonartoken/client"
)

// Problem is a start-up failure in words: what happened, the details, and
// what to try.
type Problem struct {
	Title  string
	Detail string
	Hints  []string
}

// ExplainSignedOut turns a 401 answered in the middle of a session into
// a Problem; keychain is set when the token came from the OS keychain
// under profile, where a new one can be saved.
func ExplainSignedOut(err error, keychain bool, profile string) Problem {
	enter := "Press e to enter a new user token (SonarQube > My Account > Security > Generate Token)."
	if keychain {
		enter = "Press e to enter a new user token (SonarQube > My Account > Security > Generate Token); it replaces the one of profile " + profile + " in the OS keychain."
	}
	return Problem{
		Title:  "Signed out: the server no longer accepts the token",
		Detail: client.Describe(err),
		Hints: []string{
			"The token was revoked, has expired, or its user was deactivated. Nothing shown before is current any more.",
			enter,
			"Press r to try the same token again.",
		},
	}
}

// Explain turns a failure to connect into a Problem. The detail is
// client.Describe's account, which never includes a token; the title and
// the hints are the console's, chosen by client.Classify.
func Explain(err error) Problem {
	p := Problem{Title: "Cannot connect", Detail: client.Describe(err)}
	switch client.Classify(err) {
	case client.KindUnauthorized:
		p.Title = "The server refused the token"
		p.Hints = []string{
			"Generate a new user token in SonarQube (My Account > Security).",
			"Then sign in again: sonartoken auth login (or set SONAR_TOKEN).",
		}
	case client.KindForbidden:
		p.Title = "Insufficient privileges"
		p.Hints = []string{
			"An analysis token (sqa_, sqp_) carries no Administer System, even an administrator's: sign in with a user token (squ_) to act on other users' tokens.",
			"A proxy in front of SonarQube may be refusing the request: check its rules.",
		}
	case client.KindRedirectHTTPS:
		p.Title = "The server moved to https://"
		p.Hints = []string{
			"Connect to the https:// address above: --url, or sonartoken auth login for a profile.",
		}
	case client.KindRedirect:
		p.Title = "The server redirected elsewhere"
		p.Hints = []string{
			"If you trust that address, connect to it with --url.",
			"Otherwise ask the server's administrators why it sends clients elsewhere.",
		}
	case client.KindNotSonarQube:
		p.Title = "This is not a SonarQube server"
		p.Hints = []string{
			"Check the URL: it must be SonarQube's own address, with its context path if any (https://host/sonar).",
			"A proxy or single sign-on page may stand in front of it: ask for the address that reaches SonarQube.",
		}
	case client.KindDNS:
		p.Title = "Unknown server name"
		p.Hints = []string{
			"Check the server URL for typos.",
			"Internal servers may need your VPN or company DNS.",
		}
	case client.KindTLSUnknownAuthority:
		p.Title = "Untrusted TLS certificate"
		p.Hints = []string{
			"Company authority: --ca-file /path/to/ca.pem, or SSL_CERT_FILE (a bundle) or SSL_CERT_DIR (a folder).",
			"--insecure skips verification: anyone on the path could then read your token.",
		}
	case client.KindTLSNameMismatch:
		p.Title = "TLS certificate for another name"
		p.Hints = []string{"Use the host name the certificate was issued for (see the detail above)."}
	case client.KindTLSInvalid:
		p.Title = "Invalid TLS certificate"
		p.Hints = []string{"The certificate may have expired, or the system clock is wrong. Ask the server's administrators."}
	case client.KindUnreachable:
		p.Title = "Cannot reach the server"
		p.Hints = []string{
			"Check the URL and the port, your network, VPN and proxy settings.",
			"Check that SonarQube is running: it takes a few minutes to start.",
		}
	case client.KindTimeout:
		p.Title = "The server did not answer"
		p.Hints = []string{"It may be overloaded or behind a firewall. Retry, or raise --timeout."}
	case client.KindNotTLS:
		p.Title = "The server does not speak TLS"
		p.Hints = []string{"Try the http:// URL, if the server is on a network you trust."}
	}
	return p
}
