package model

import "time"

// DefaultOwnerInactive is the review's default window for "owner not
// signed in for more than M days": 90 days.
const DefaultOwnerInactive = 90 * 24 * time.Hour

// OwnerInactiveFor reports whether the token's owner has not signed in
// within d before now, an owner who never signed in included; known is
// false when the token carries no word of its owner (Owner is nil), and
// then inactive is false.
func (t Token) OwnerInactiveFor(now time.Time, d time.Duration) (inactive, known bool) {
	if t.Owner == nil {
		return false, false
	}
	last := t.Owner.LastSignIn
	return last == nil || now.Sub(*last) > d, true
}

// OwnerSignInReason says in words when the token's owner last signed in,
// in whole days before now: "owner never signed in", "owner signed in
// today", "owner last signed in 120 days ago"; "" when unknown.
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
