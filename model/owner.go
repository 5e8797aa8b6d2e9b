package model

import "time"

// DefaultOwnerInactive is the review's default "owner not signed in" window.
const DefaultOwnerInactive = 90 * 24 * time.Hour

// OwnerInactiveFor reports an owner not signed in within d; known is false without word of one.
func (t Token) OwnerInactiveFor(now time.Time, d time.Duration) (inactive, known bool) {
	if t.Owner == nil {
		return false, false
	}
	last := t.Owner.LastSignIn
	return last == nil || now.Sub(*last) > d, true
}

// OwnerSignInReason says when the owner last signed in; "" when unknown.
func (t Token) OwnerSignInReason(now time.Time) string {
	if t.Owner == nil {
		return ""
	}
	last := t.Owner.LastSignIn
	if last == nil {
		return "owner never signed in"
	}
	days := int(now.Sub(*last) / (24 * time.Hour))
	if days < 1 {
		return "owner signed in today"
	}
	return "owner last signed in " + plural(days, "day") + " ago"
}
