// Package ptytest opens pseudo-terminals for tests on Linux: the tests of
// what sonartoken reads from a terminal (the token prompt, the answers of
// a multiplexer to the background query). Test-only: nothing else imports
// it.
package ptytest
