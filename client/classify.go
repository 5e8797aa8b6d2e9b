package client

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"syscall"
)

// Kind is a failure's class, so the CLI and the console can each word their advice.
type Kind int

// The kinds of failure Classify tells apart.
const (
	KindOther               Kind = iota // none of the below
	KindCanceled                        // the caller cancelled the request
	KindUnreachable                     // connection refused, reset or failed
	KindDNS                             // the host name does not resolve
	KindTLSUnknownAuthority             // certificate signed by an unknown authority
	KindTLSNameMismatch                 // certificate issued for another host name
	KindTLSInvalid                      // certificate expired or otherwise invalid
	KindNotTLS                          // the server answered https:// in plain HTTP
	KindRedirectHTTPS                   // the server redirects http:// to https://
	KindRedirect                        // a redirect elsewhere, or of a change, not followed
	KindBadRequest                      // 400: the server's own message says why
	KindUnauthorized                    // 401: the token was refused
	KindForbidden                       // 403: the user lacks the permission
	KindNotFound                        // 404 or 410: no such thing, or no such API
	KindUnsupported                     // the server's version lacks the feature
	KindNotSonarQube                    // the answer is not SonarQube's (HTML, garbage, far too large)
	KindRateLimited                     // 429: too many requests
	KindServerError                     // 5xx
	KindTimeout                         // no answer in time
	KindLostAnswer                      // a change may have been applied, its answer was lost
)

var kindNames = [...]string{
	KindOther:               "other",
	KindCanceled:            "cancelled",
	KindUnreachable:         "unreachable",
	KindDNS:                 "dns",
	KindTLSUnknownAuthority: "tls unknown authority",
	KindTLSNameMismatch:     "tls name mismatch",
	KindTLSInvalid:          "tls invalid certificate",
	KindNotTLS:              "not tls",
	KindRedirectHTTPS:       "redirect to https",
	KindRedirect:            "redirect",
	KindBadRequest:          "bad request",
	KindUnauthorized:        "unauthorized",
	KindForbidden:           "forbidden",
	KindNotFound:            "not found",
	KindUnsupported:         "unsupported",
	KindNotSonarQube:        "not sonarqube",
	KindRateLimited:         "rate limited",
	KindServerError:         "server error",
	KindTimeout:             "timeout",
	KindLostAnswer:          "lost answer",
}

// Classify returns err's Kind; a lost answer comes first, as it matters most.
func Classify(err error) Kind {
	if err == nil {
		return KindOther
	}
	var lost *LostResponseError
	var ae *APIError
	var re *RedirectError
	var tl *TooLargeError
	switch {
	case errors.As(err, &lost):
		if lost.Created || lost.Unconfirmed {
			return KindLostAnswer
		}
		return Classify(lost.Err)
	case errors.As(err, &ae):
		return classifyStatus(ae.Status)
	case errors.As(err, &re) && re.Upgrade():
		return KindRedirectHTTPS
	case errors.As(err, &re):
		return KindRedirect
	case errors.As(err, &tl), errors.Is(err, ErrNotSonarQube):
		return KindNotSonarQube
	case errors.Is(err, ErrUnsupported):
		return KindUnsupported
	case errors.Is(err, context.Canceled):
		return KindCanceled
	}
	return classifyNetwork(err)
}

func classifyStatus(status int) Kind {
	switch {
	case status == http.StatusBadRequest:
		return KindBadRequest
	case status == http.StatusUnauthorized:
		return KindUnauthorized
	case status == http.StatusForbidden:
		return KindForbidden
	case status == http.StatusNotFound, status == http.StatusGone:
		return KindNotFound
	case status == http.StatusTooManyRequests:
		return KindRateLimited
	case status >= 500:
		return KindServerError
	}
	return KindOther
}

func classifyNetwork(err error) Kind {
	var dnsErr *net.DNSError
	var unknownCA x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	var invalid x509.CertificateInvalidError
	var recordErr tls.RecordHeaderError
	var opErr *net.OpError
	switch {
	case errors.As(err, &dnsErr):
		return KindDNS
	case errors.As(err, &unknownCA):
		return KindTLSUnknownAuthority
	case errors.As(err, &hostErr):
		return KindTLSNameMismatch
	case errors.As(err, &invalid):
		return KindTLSInvalid
	case errors.As(err, &recordErr), errors.Is(err, http.ErrSchemeMismatch):
		return KindNotTLS
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, os.ErrDeadlineExceeded):
		return KindTimeout
	case errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.ECONNRESET),
		errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF), errors.As(err, &opErr):
		return KindUnreachable
	}
	return KindOther
}
