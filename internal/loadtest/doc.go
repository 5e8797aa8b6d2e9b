// Package loadtest holds the load test of the client and the built-in
// server together: 50 concurrent clients, each with its own user and
// token, generate, list and revoke their tokens
// against one sonarsim server over real HTTP for a bounded time, and the
// server must end up holding exactly what the clients were told, with
// nothing else changed. It has no code of its own, only tests:
//
//	go test -race ./internal/loadtest/
package loadtest
