package model

import "strings"

// RevokeCommand is the command line that revokes the token, quoted for a POSIX shell.
func RevokeCommand(name, login string) string {
	cmd := "sonartoken revoke " + ShellQuote(name)
	if login != "" {
		cmd += " --login " + ShellQuote(login)
	}
	return cmd
}

// ShellQuote quotes s for a POSIX shell; control or bidi characters go in
// $'…' so the printed command stays safe and bash reads it back exactly.
func ShellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./+:@=,") == "" {
		return s
	}
	if NeedsEscaping(s) {
		return "$'" + strings.ReplaceAll(Printable(s), "'", `\'`) + "'"
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
