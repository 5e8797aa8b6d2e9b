// Package model holds sonartoken's domain types and rules: tokens, their
// types and statuses, expiration choices, name validation and what a given
// SonarQube server version supports. It performs no I/O and knows nothing of
// the terminal UI; every function that needs the time takes it as an argument.
package model
