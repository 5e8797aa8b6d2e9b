// Package archtest holds no code: its test checks the import rules with go
// list, so a forbidden import fails the tests instead of waiting for review.
package archtest
