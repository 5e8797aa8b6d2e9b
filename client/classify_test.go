package client

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"regexp"
	"syscall"
	"testing"
)

// expectKind fails the test unless Classify(err) is want.
func expectKind(t *testing.T, err error, want Kind) {
	t.Helper()
	if got := Classify(err); got != want {
		t.Errorf("Classify(%v) = %v, want %v", err, got, want)
	}
}

// TestClassify pins the kind of each error shape the client returns; the
// network ones that a test can produce for real are also checked where
// they are produced (TestDescribeNetwork, TestHangTimesOut, the redirect
// tests).
func TestClassify(t *testing.T) {
	u := func(s string) *url.URL { v, _ := url.Parse(s); return v }
	transport := func(err error) error { return &TransportError{Method: "GET", Endpoint: "api/x", Err: err} }
	api := func(status int, msgs ...string) error {
		return &APIError{Method: "GET", Endpoint: "api/x", Status: status, Messages: msgs}
	}
	tests := []struct {
		name string
		err  error
		want Kind
	}{
		{"nil", nil, KindOther},
		{"plain error", errors.New("x"), KindOther},
		{"refused", transport(&net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}), KindUnreachable},
		{"reset", transport(&net.OpError{Op: "read", Net: "tcp", Err: syscall.ECONNRESET}), KindUnreachable},
		{"answer cut", transport(io.ErrUnexpectedEOF), KindUnreachable},
		{"dns", transport(&net.DNSError{Name: "sonar.invalid", Err: "no such host", IsNotFound: true}), KindDNS},
		{"unknown authority", transport(&url.Error{Op: "Get", URL: "https://x", Err: x509.UnknownAuthorityError{}}), KindTLSUnknownAuthority},
		{"name mismatch", transport(x509.HostnameError{Certificate: &x509.Certificate{}, Host: "x"}), KindTLSNameMismatch},
		{"expired", transport(x509.CertificateInvalidError{Reason: x509.Expired}), KindTLSInvalid},
		{"timeout", transport(context.DeadlineExceeded), KindTimeout},
		{"cancelled", transport(context.Canceled), KindCanceled},
		{"400", api(400, "Name is missing"), KindBadRequest},
		{"401", api(401), KindUnauthorized},
		{"403", api(403), KindForbidden},
		{"404", api(404), KindNotFound},
		{"410", api(410), KindNotFound},
		{"429", api(429), KindRateLimited},
		{"500", api(500), KindServerError},
		{"503", api(503), KindServerError},
		{"wrapped 401", fmt.Errorf("list tokens: %w", api(401)), KindUnauthorized},
		{"html page", &NotSonarQubeError{Method: "GET", Endpoint: "api/x", Status: 200, Reason: "an HTML page"}, KindNotSonarQube},
		{"too large", &TooLargeError{Method: "GET", Endpoint: "api/x", Status: 200, Limit: 1 << 20}, KindNotSonarQube},
		{"unsupported", fmt.Errorf("project tokens: %w", ErrUnsupported), KindUnsupported},
		{"https upgrade", &RedirectError{Method: "GET", Endpoint: "api/x", Status: 301, From: u("http://sonar/api/x"), To: u("https://sonar/api/x"), Suggested: "https://sonar"}, KindRedirectHTTPS},
		{"elsewhere", &RedirectError{Method: "GET", Endpoint: "api/x", Status: 302, From: u("https://sonar/api/x"), To: u("https://other/api/x"), Suggested: "https://other"}, KindRedirect},
		{"lost, created", &LostResponseError{Op: "generate", Name: "ci", Created: true, Err: transport(io.ErrUnexpectedEOF)}, KindLostAnswer},
		{"lost, unconfirmed", &LostResponseError{Op: "revoke", Name: "ci", Unconfirmed: true, Err: transport(io.ErrUnexpectedEOF), SearchErr: api(503)}, KindLostAnswer},
		{"lost, settled", &LostResponseError{Op: "revoke", Name: "ci", Err: api(404)}, KindNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { expectKind(t, tt.err, tt.want) })
	}
}

// TestDescribeNamesNoFlag checks that the client's words name no flag of
// the command line: the CLI and the console each add their own advice.
func TestDescribeNamesNoFlag(t *testing.T) {
	u := func(s string) *url.URL { v, _ := url.Parse(s); return v }
	errs := []error{
		&TransportError{Method: "GET", Endpoint: "api/x", Err: x509.UnknownAuthorityError{}},
		&TransportError{Method: "GET", Endpoint: "api/x", Err: context.DeadlineExceeded},
		&RedirectError{Method: "GET", Endpoint: "api/x", Status: 301, From: u("http://sonar/api/x"), To: u("https://sonar/api/x"), Suggested: "https://sonar"},
		&RedirectError{Method: "POST", Endpoint: "api/x", Status: 307, From: u("https://sonar/api/x"), To: u("https://sonar/b/api/x"), Suggested: "https://sonar/b"},
		&RedirectError{Method: "GET", Endpoint: "api/x", Status: 302, From: u("https://sonar/api/x"), To: u("https://other/api/x"), Suggested: "https://other"},
	}
	flag := regexp.MustCompile(`(^|\s)--[a-z]`)
	for _, err := range errs {
		if d := Describe(err); flag.MatchString(d) {
			t.Errorf("Describe(%v) names a flag: %q", err, d)
		}
	}
	if _, err := New(Options{}); err == nil || flag.MatchString(err.Error()) {
		t.Errorf("New without a URL: %v", err)
	}
}

// String names the kind, in test failures.
func (k Kind) String() string {
	if k >= 0 && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown"
}
