package model

import (
	"math"
	"net"
	"strings"
	"time"
)

// CloudHosts are the hosts of SonarQube Cloud: sonarcloud.io (EU) and
// sonarqube.us (US). Their subdomains (api.sonarcloud.io, where API v2
// lives, and SonarSource's own staging hosts) are Cloud too.
var CloudHosts = []string{"sonarcloud.io", "sonarqube.us"}

// IsCloudHost reports whether host (a name, with or without a port)
// belongs to SonarQube Cloud: one of CloudHosts or a subdomain of one.
// api/server/version answers on Cloud too, so the host is the only sign a
// client can read; any other host is Cloud only when the user says so.
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

// CloudOwnTokensOnly is why SonarQube Cloud refuses what concerns other
// users' tokens: its login parameter is ignored, so every request acts on
// the signed-in user's own tokens.
const CloudOwnTokensOnly = "SonarQube Cloud lists only your own tokens"

// CloudInactivity is how long SonarQube Cloud keeps a token nobody uses:
// "tokens that have been inactive for 60 days will be automatically
// removed", counted from the last use, or from the creation of a token
// never used.
const CloudInactivity = 60 * 24 * time.Hour

// DefaultCloudWarning is how close to its removal a Cloud token counts as
// about to go (list --fail-on inactive): 14 days.
const DefaultCloudWarning = 14 * 24 * time.Hour

// CloudCapabilities is what SonarQube Cloud's user token API offers,
// whatever version api/server/version reports there: generate takes a
// name and an expiration date only (no type, no project), login is
// ignored, and Bearer is the recommended scheme.
func CloudCapabilities() Capabilities {
	return Capabilities{
		Expiration: true,
		BearerAuth: true,
		Cloud:      true,
	}
}

// CloudRemoval returns when SonarQube Cloud removes the token if nobody
// uses it until then (CloudInactivity after its last use, or after its
// creation when never used), and the whole days left until then at now,
// rounded up (a token removed in 30 hours has 2 days left; 0 once the
// instant has passed).
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

// CloudRemovalWithin reports whether SonarQube Cloud removes the token,
// if unused, within d of now (already due included).
func (t Token) CloudRemovalWithin(now time.Time, d time.Duration) bool {
	at, _ := t.CloudRemoval(now)
	return at.Sub(now) <= d
}

// CloudRemovalReason says when SonarQube Cloud removes the token if
// nobody uses it: "removed in 12 days if unused", "removed in 1 day if
// unused", or, once the 60 days are over (Cloud removes it at its next
// sweep), "due for removal: unused for 60 days".
func (t Token) CloudRemovalReason(now time.Time) string {
	at, days := t.CloudRemoval(now)
	if !at.After(now) {
		return "due for removal: unused for 60 days"
	}
	return "removed in " + plural(days, "day") + " if unused"
}

// CloudRule explains SonarQube Cloud's rule in a sentence, for a detail
// view or a help screen.
const CloudRule = "SonarQube Cloud removes a token that has not been used for 60 days (counted from its creation if it was never used). Using it resets the count."
