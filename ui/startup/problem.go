// Package startup holds the screens shown before the console proper: the
// spinner while sonartoken connects, a full-screen explanation when it
// cannot (with r to retry), and the welcome form of a first run.
package startup

import (
	"context"
	"crypto/x509"
	"errors"
	"net"
	"net/http"
	"os"
	"syscall"

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

// Explain turns a failure to connect to url into a Problem. The detail
// comes from client.Describe, which never includes a token.
func Explain(err error) Problem {
	p := Problem{Title: "Cannot connect", Detail: client.Describe(err)}
	var dnsErr *net.DNSError
	var unknownCA x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	var invalid x509.CertificateInvalidError
	var notSQ *client.NotSonarQubeError
	var redirect *client.RedirectError
	var tooLarge *client.TooLargeError
	switch {
	case errors.Is(err, client.ErrUnauthorized):
		p.Title = "The server refused the token"
		p.Hints = []string{
			"Generate a new user token in SonarQube (My Account > Security).",
			"Then sign in again: sonartoken auth login (or set SONAR_TOKEN).",
		}
	case errors.Is(err, client.ErrForbidden):
		p.Title = "Insufficient privileges"
		p.Hints = []string{
			"An analysis token (sqa_, sqp_) carries no Administer System, even an administrator's: sign in with a user token (squ_) to act on other users' tokens.",
			"A proxy in front of SonarQube may be refusing the request: check its rules.",
		}
	case errors.As(err, &redirect) && redirect.Upgrade():
		p.Title = "The server moved to https://"
		p.Hints = []string{
			"Connect to the https:// address above: --url, or sonartoken auth login for a profile.",
		}
	case errors.As(err, &redirect):
		p.Title = "The server redirected elsewhere"
		p.Hints = []string{
			"If you trust that address, connect to it with --url.",
			"Otherwise ask the server's administrators why it sends clients elsewhere.",
		}
	case errors.As(err, &notSQ), errors.Is(err, client.ErrNotSonarQube), errors.As(err, &tooLarge):
		p.Title = "This is not a SonarQube server"
		p.Hints = []string{
			"Check the URL: it must be SonarQube's own address, with its context path if any (https://host/sonar).",
			"A proxy or single sign-on page may stand in front of it: ask for the address that reaches SonarQube.",
		}
	case errors.As(err, &dnsErr):
		p.Title = "Unknown server name"
		p.Hints = []string{
			"Check the server URL for typos.",
			"Internal servers may need your VPN or company DNS.",
		}
	case errors.As(err, &unknownCA):
		p.Title = "Untrusted TLS certificate"
		p.Hints = []string{
			"Company authority: --ca-file /path/to/ca.pem, or SSL_CERT_FILE (a bundle) or SSL_CERT_DIR (a folder).",
			"--insecure skips verification: anyone on the path could then read your token.",
		}
	case errors.As(err, &hostErr):
		p.Title = "TLS certificate for another name"
		p.Hints = []string{"Use the host name the certificate was issued for (see the detail above)."}
	case errors.As(err, &invalid):
		p.Title = "Invalid TLS certificate"
		p.Hints = []string{"The certificate may have expired, or the system clock is wrong. Ask the server's administrators."}
	case errors.Is(err, syscall.ECONNREFUSED):
		p.Title = "Cannot reach the server"
		p.Hints = []string{
			"Check the URL and the port.",
			"Check that SonarQube is running: it takes a few minutes to start.",
		}
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, os.ErrDeadlineExceeded):
		p.Title = "The server did not answer"
		p.Hints = []string{"It may be overloaded or behind a firewall. Retry, or raise --timeout."}
	case errors.Is(err, http.ErrSchemeMismatch):
		p.Title = "The server does not speak TLS"
		p.Hints = []string{"Try the http:// URL, if the server is on a network you trust."}
	default:
		var opErr *net.OpError
		if errors.As(err, &opErr) {
			p.Title = "Cannot reach the server"
			p.Hints = []string{"Check the URL, your network, VPN and proxy settings."}
		}
	}
	return p
}
