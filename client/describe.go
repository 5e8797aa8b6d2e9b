package client

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"syscall"

	"github.com/sonartoken/sonartoken/model"
)

// Describe turns an error of this package into words a user can act on,
// never a token value, never a flag or key (callers add those per Kind).
func Describe(err error) string {
	if err == nil {
		return ""
	}
	var lost *LostResponseError
	if errors.As(err, &lost) {
		return lost.describe()
	}
	var ae *APIError
	if errors.As(err, &ae) {
		return describeAPI(ae)
	}
	var re *RedirectError
	if errors.As(err, &re) {
		return re.describe()
	}
	var tl *TooLargeError
	if errors.As(err, &tl) {
		return tl.describe()
	}
	var ns *NotSonarQubeError
	if errors.As(err, &ns) {
		return fmt.Sprintf("The server answered with %s instead of SonarQube's JSON (HTTP %d). Check that the URL points at SonarQube itself, not a proxy's login page or another web site.", ns.Reason, ns.Status)
	}
	if errors.Is(err, ErrUnsupported) {
		return err.Error()
	}
	if errors.Is(err, context.Canceled) {
		return "Cancelled."
	}
	if s := describeNetwork(err); s != "" {
		return s
	}
	return err.Error()
}

func describeAPI(e *APIError) string {
	msg := e.Message()
	switch {
	case e.Status == http.StatusUnauthorized:
		if msg != "" && msg != "Authentication is required" {
			return "Not signed in: " + msg
		}
		return "The server refused the token (401). It may be mistyped, expired, revoked, or belong to a deactivated user; SonarQube does not say which. Generate a new token in SonarQube (My Account > Security) and try again."
	case e.Status == http.StatusForbidden:
		return "Insufficient privileges (403): the token's user lacks the permission for this. Acting on another user's tokens needs Administer System, which an analysis token never carries."
	case (e.Status == http.StatusNotFound || e.Status == http.StatusGone) && strings.HasPrefix(msg, "Unknown url"):
		// SonarQube's answer to a path it does not serve.
		return fmt.Sprintf("The server does not offer %s (%d, %s): its version may not have this API (too old, or a newer one that removed it), a proxy in front of it may block the path, or the URL is not SonarQube's.", e.Endpoint, e.Status, model.Quote(msg))
	case e.Status == http.StatusNotFound && msg != "":
		return msg
	case e.Status == http.StatusNotFound:
		return fmt.Sprintf("Not found (404) at %s: the server may be older than this feature, or the URL is not SonarQube's.", e.Endpoint)
	case e.Status == http.StatusGone:
		text := fmt.Sprintf("Gone (410) at %s: the server, or a proxy in front of it, says this API was removed.", e.Endpoint)
		if msg != "" {
			text += " " + msg
		}
		return text
	case e.Status == http.StatusTooManyRequests:
		return "The server is rate-limiting requests (429). Wait a moment and try again."
	case e.Status >= 500 && msg != "":
		return fmt.Sprintf("The server failed (%d): %s", e.Status, msg)
	case e.Status >= 500:
		return fmt.Sprintf("The server failed (%d %s). Try again; if it persists, check the server's logs.", e.Status, http.StatusText(e.Status))
	case msg != "":
		return msg
	}
	return e.Error()
}

func describeNetwork(err error) string {
	var dnsErr *net.DNSError
	var unknownCA x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	var invalid x509.CertificateInvalidError
	var recordErr tls.RecordHeaderError
	var opErr *net.OpError
	switch {
	case errors.As(err, &dnsErr):
		return fmt.Sprintf("Cannot resolve the host name %q. Check the server URL and your DNS or VPN.", dnsErr.Name)
	case errors.As(err, &unknownCA):
		return "The server's TLS certificate is signed by an unknown authority: an internal company authority this machine does not trust, or a certificate the server signed itself."
	case errors.As(err, &hostErr):
		return fmt.Sprintf("The server's TLS certificate does not match the host name: %v. Check the server URL.", hostErr.Error())
	case errors.As(err, &invalid):
		return fmt.Sprintf("The server's TLS certificate is invalid: %v.", invalid.Error())
	case errors.As(err, &recordErr), errors.Is(err, http.ErrSchemeMismatch):
		return "The server did not answer TLS: it may speak plain HTTP. Try an http:// URL."
	case errors.Is(err, syscall.ECONNREFUSED):
		return "Connection refused: nothing listens at the server URL. Check the URL and port, and that SonarQube is running."
	case errors.Is(err, syscall.ECONNRESET):
		return "The connection was reset by the server or a proxy. Try again."
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "The connection closed before the whole answer arrived: the server or a proxy in front of it dropped it. Try again; if it persists, check the server and any proxy."
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, os.ErrDeadlineExceeded):
		return "The server did not answer in time. It may be overloaded or unreachable."
	case errors.As(err, &opErr):
		return fmt.Sprintf("Cannot reach the server: %v.", opErr.Err)
	}
	return ""
}
