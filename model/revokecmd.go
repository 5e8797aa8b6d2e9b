package model

import "strings"

// RevokeCommand is the sonartoken command line that revokes the token
// name of login ("" for the signed-in user), quoted for a POSIX shell.
func RevokeCommand(name, login string) string {
	cmd := "sonartoken revoke " + ShellQuote(name)
	if login != "" {
		cmd += " --login " + ShellQuote(login)
	}
	return cmd
}

// ShellQuote quotes s for a POSIX shell, leaving it bare when it holds
// only characters that need no quoting. A string with control or bidi
// characters is quoted as $'…' in Printable's notation, which bash and
// zsh read back exactly, so the command stays safe to print.
func ShellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./+:@=,") == "" {
		return s
	}
	if NeedsEscaping(s) {
		return "$'" + strings.ReplaceAll(Printable(s), "'", `\'`) + "'"
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
