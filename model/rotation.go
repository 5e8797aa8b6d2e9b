package model

import (
	"fmt"
	"regexp"
	"time"
	"unicode/utf16"
)

// ReplacementName is NAME-YYYYMMDD (-2, -3 when taken), within the server's limit;
// a previous rotation's date is replaced, so dates do not stack.
func ReplacementName(old string, now time.Time, existing []string) string {
	old = stemOf(Printable(old))
	taken := make(map[string]bool, len(existing))
	for _, n := range existing {
		taken[n] = true
	}
	base := "-" + now.UTC().Format("20060102")
	for i := 1; ; i++ {
		suffix := base
		if i > 1 {
			suffix = fmt.Sprintf("%s-%d", base, i)
		}
		name := fitName(old, suffix)
		if !taken[name] {
			return name
		}
	}
}

// rotatedSuffix is what ReplacementName adds: -YYYYMMDD, maybe -N.
var rotatedSuffix = regexp.MustCompile(`-([0-9]{8})(-[0-9]+)?$`)

// stemOf strips a rotation's suffix whose digits are a date.
func stemOf(name string) string {
	loc := rotatedSuffix.FindStringSubmatchIndex(name)
	if loc == nil || loc[0] == 0 {
		return name
	}
	if _, err := time.Parse("20060102", name[loc[2]:loc[3]]); err != nil {
		return name
	}
	return name[:loc[0]]
}

// fitName cuts prefix so that prefix+suffix fits MaxNameLength UTF-16 units.
func fitName(prefix, suffix string) string {
	room := MaxNameLength - len(utf16.Encode([]rune(suffix)))
	r := []rune(prefix)
	for len(utf16.Encode(r)) > room {
		r = r[:len(r)-1]
	}
	return string(r) + suffix
}

// RotationRefusal says why the user cannot rotate t, or "" (admins make only User tokens for others).
func RotationRefusal(t Token, me CurrentUser) string {
	if t.Login == "" || t.Login == me.Login {
		return ""
	}
	if !me.IsAdmin() {
		return fmt.Sprintf("only administrators can rotate tokens of %s.", t.Login)
	}
	if t.Type == TypeGlobal || t.Type == TypeProject {
		return fmt.Sprintf("it is a %s of %s, and SonarQube lets administrators generate only User tokens for others. %s can rotate it.",
			t.Type.Label(), t.Login, t.Login)
	}
	return ""
}
