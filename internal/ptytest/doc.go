// Package ptytest opens pseudo-terminals for Linux tests; nothing else imports it.
package ptytest
