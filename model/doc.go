// Package model holds sonartoken's domain types and rules. It does no I/O,
// knows nothing of the terminal, and takes the time as an argument.
package model
