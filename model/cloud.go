package model

import (
	"math"
	"net"
	"strings"
	"time"
)

// CloudHosts are SonarQube Cloud's hosts; their subdomains are Cloud too.
var CloudHosts = []string{"sonarcloud.io", "sonarqube.us"}

// IsCloudHost reports whether host (port optional) is one of CloudHosts or a
// subdomain: api/server/version answers on Cloud too, so the host is the only sign.
func IsCloudHost(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	h := strings.TrimSuffix(strings.ToLower(strings.TrimSpace(host)), ".")
	for _, c := range CloudHosts {
		if h == c || strings.HasSuffix(h, "."+c) {
			return true
		}
	}
	return false
}

// CloudOwnTokensOnly: Cloud ignores the login parameter, so every request
// acts on the caller's own tokens.
const CloudOwnTokensOnly = "SonarQube Cloud lists only your own tokens"

// CloudInactivity is how long Cloud keeps a token unused (since last use, or creation).
const CloudInactivity = 60 * 24 * time.Hour

// DefaultCloudWarning is how close to removal a Cloud token counts as about to go.
const DefaultCloudWarning = 14 * 24 * time.Hour

// CloudCapabilities is Cloud's token API whatever version it reports.
func CloudCapabilities() Capabilities {
	return Capabilities{
		Expiration: true,
		BearerAuth: true,
		Cloud:      true,
	}
}

// CloudRemoval returns when Cloud removes the token if unused, and the whole days left.
func (t Token) CloudRemoval(now time.Time) (at time.Time, daysLeft int) {
	last := t.CreatedAt
	if t.LastUsed != nil && t.LastUsed.After(last) {
		last = *t.LastUsed
	}
	at = last.Add(CloudInactivity)
	d := at.Sub(now)
	if d <= 0 {
		return at, 0
	}
	return at, int(math.Ceil(d.Hours() / 24))
}

// CloudRemovalWithin reports whether Cloud removes the token, if unused, within d.
func (t Token) CloudRemovalWithin(now time.Time, d time.Duration) bool {
	at, _ := t.CloudRemoval(now)
	return at.Sub(now) <= d
}

// CloudRemovalReason says when Cloud removes the token if unused.
func (t Token) CloudRemovalReason(now time.Time) string {
	at, days := t.CloudRemoval(now)
	if !at.After(now) {
		return "due for removal: unused for 60 days"
	}
	return "removed in " + plural(days, "day") + " if unused"
}
