// Package loadtest holds only a test: 50 clients generate, list and revoke
// against one sonarsim over HTTP, and the server must hold exactly what
// they were told (go test -race ./internal/loadtest/).
package loadtest
