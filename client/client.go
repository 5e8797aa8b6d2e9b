// Package client is a typed client for the token parts of the SonarQube Web API,
// 8.9 to 2025.x; it never sends a parameter the server's version does not know.
package client

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sonartoken/sonartoken/model"
)

// DefaultTimeout bounds each request when Options.Timeout is zero.
const DefaultTimeout = 30 * time.Second

// ExpirationHeader reports the expiry of the token that authenticated the request.
const ExpirationHeader = "SonarQube-Authentication-Token-Expiration"

// Options configures a Client.
type Options struct {
	// BaseURL is the server's URL; a context path is kept.
	BaseURL string
	// Token authenticates every request; empty means anonymous.
	Token model.Secret
	// HTTPClient overrides the transport; its CheckRedirect is replaced (see checkRedirect).
	HTTPClient *http.Client
	// Timeout bounds each request (DefaultTimeout when zero).
	Timeout time.Duration
	// CAFile is a PEM bundle of extra certificate authorities to trust.
	CAFile string
	// Insecure switches TLS verification off; only the user's explicit choice sets it.
	Insecure bool
	// Now computes isExpired for servers that do not report it (time.Now when nil).
	Now func() time.Time
	// Logger gets one debug line per request, never headers or bodies; nil discards.
	Logger *slog.Logger
	// Retry bounds GET retries (zero: 3 within 15 s; Max -1 disables).
	Retry RetryPolicy
	// UserAgent is sent with every request.
	UserAgent string
	// Cloud marks a server as SonarQube Cloud behind a non-Cloud host (a proxy, sim --cloud).
	Cloud bool
}

// Client talks to one SonarQube server. It is safe for concurrent use.
type Client struct {
	base    *url.URL
	token   model.Secret
	http    *http.Client
	timeout time.Duration
	now     func() time.Time
	log     *slog.Logger
	retry   RetryPolicy
	ua      string

	mu       sync.RWMutex
	version  model.Version
	caps     model.Capabilities
	bearer   bool
	expiry   time.Time
	hasExpry bool
	usersV2  bool   // api/users/search is gone: SearchUsers asks API v2
	me       string // the signed-in login CurrentUser last reported
	cloud    bool   // SonarQube Cloud: fixed capabilities, own tokens only

	inFlight atomic.Int64 // bytes of the answers being read (see readBody)

	// scrub removes the token from every server text that enters an error.
	scrub *scrubber
}

// New builds a client without I/O; call Connect before other calls.
func New(o Options) (*Client, error) {
	raw := strings.TrimSpace(o.BaseURL)
	if raw == "" {
		return nil, errors.New("no server URL")
	}
	if !strings.Contains(raw, "://") {
		raw = "https://" + raw
	}
	u, err := url.Parse(raw)
	if strings.Contains(raw, "@") && (err != nil || u.User != nil) {
		// Never repeated: the part before @ may be a password or a token.
		return nil, errors.New("the server URL holds a user name or password, which the client never sends: pass a token instead")
	}
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return nil, fmt.Errorf("server URL %q is not an http:// or https:// URL", o.BaseURL)
	}
	u.Path = strings.TrimRight(u.Path, "/") + "/"
	u.RawQuery, u.Fragment = "", ""
	hc := o.HTTPClient
	if hc == nil {
		tr, err := transport(o.CAFile, o.Insecure)
		if err != nil {
			return nil, err
		}
		hc = &http.Client{Transport: tr}
	} else {
		copied := *hc
		hc = &copied
	}
	// Go's default policy resends Authorization to another port or to http, and replays a POST on 307.
	hc.CheckRedirect = checkRedirect
	c := &Client{
		base:    u,
		token:   o.Token,
		http:    hc,
		timeout: o.Timeout,
		now:     o.Now,
		log:     o.Logger,
		retry:   o.Retry.withDefaults(),
		ua:      o.UserAgent,
		scrub:   newScrubber(o.Token.Reveal()),
		cloud:   o.Cloud || model.IsCloudHost(u.Host),
	}
	if c.timeout <= 0 {
		c.timeout = DefaultTimeout
	}
	if c.now == nil {
		c.now = time.Now
	}
	if c.log == nil {
		c.log = slog.New(slog.DiscardHandler)
	}
	if c.ua == "" {
		c.ua = "sonartoken"
	}
	// Until Connect says otherwise, assume the oldest server in scope.
	c.caps = model.CapabilitiesOf(model.Version{Major: 8, Minor: 9})
	if c.cloud {
		c.caps, c.bearer = model.CloudCapabilities(), true
	}
	return c, nil
}

// maxCAFileBytes: a system's whole bundle is a few hundred kilobytes.
const maxCAFileBytes = 16 << 20

// readCAFile refuses non-regular files first: a FIFO or device would block forever.
func readCAFile(path string) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("read CA file: %w", err)
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("CA file %s is %s, not a regular file: give the PEM file itself", path, fileKind(fi.Mode()))
	}
	if fi.Size() > maxCAFileBytes {
		return nil, fmt.Errorf("CA file %s is %d MB, far more than a PEM bundle: give the PEM file itself", path, fi.Size()>>20)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read CA file: %w", err)
	}
	defer f.Close()
	pem, err := io.ReadAll(io.LimitReader(f, maxCAFileBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read CA file: %w", err)
	}
	if len(pem) > maxCAFileBytes {
		return nil, fmt.Errorf("CA file %s grew past %d MB while read", path, maxCAFileBytes>>20)
	}
	return pem, nil
}

func fileKind(m os.FileMode) string {
	switch {
	case m&os.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&os.ModeSocket != 0:
		return "a socket"
	case m&os.ModeDevice != 0:
		return "a device"
	case m.IsDir():
		return "a folder"
	}
	return "a special file"
}

func transport(caFile string, insecure bool) (*http.Transport, error) {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost = MaxScanConcurrency // a full scan reuses every connection
	tr.MaxResponseHeaderBytes = maxHeaderBytes
	cfg := &tls.Config{MinVersion: tls.VersionTLS12}
	if caFile != "" {
		pem, err := readCAFile(caFile)
		if err != nil {
			return nil, err
		}
		pool, err := x509.SystemCertPool()
		if err != nil || pool == nil {
			pool = x509.NewCertPool()
		}
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("CA file %s holds no PEM certificate", caFile)
		}
		cfg.RootCAs = pool
	}
	if insecure {
		cfg.InsecureSkipVerify = insecure // only ever from the user's explicit choice
	}
	tr.TLSClientConfig = cfg
	return tr, nil
}

// BaseURL returns the server URL without a trailing slash.
func (c *Client) BaseURL() string { return strings.TrimRight(c.base.String(), "/") }

// Version returns the version learnt by Connect (zero before).
func (c *Client) Version() model.Version {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.version
}

// Capabilities returns what the server supports (8.9's before Connect).
func (c *Client) Capabilities() model.Capabilities {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.caps
}

// SetVersion fixes the server version without asking, picking scheme and capabilities.
func (c *Client) SetVersion(v model.Version) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.version = v
	c.caps = model.CapabilitiesOf(v)
	if c.cloud {
		c.caps = model.CloudCapabilities()
	}
	c.bearer = c.caps.BearerAuth
	c.usersV2 = false // another server, maybe: try api/users/search again
}

// Cloud reports whether the server is SonarQube Cloud.
func (c *Client) Cloud() bool { return c.cloud }

// AuthScheme returns "Bearer" or "Basic", whichever the client sends.
func (c *Client) AuthScheme() string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if c.bearer {
		return "Bearer"
	}
	return "Basic"
}

// TokenExpiration returns the console token's expiry from the last ExpirationHeader, if any.
func (c *Client) TokenExpiration() (time.Time, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.expiry, c.hasExpry
}

// signedIn returns the login CurrentUser last reported ("" before it).
func (c *Client) signedIn() string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.me
}

// Connect asks the server's version and adapts to it: Bearer from 10.0, Basic before.
func (c *Client) Connect(ctx context.Context) (model.Version, error) {
	v, err := c.ServerVersion(ctx)
	if err != nil {
		return model.Version{}, err
	}
	c.SetVersion(v)
	return v, nil
}
