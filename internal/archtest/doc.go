// Package archtest holds no code: its test checks the import rules
// between the project's packages with go list, so that a forbidden import
// fails the build's tests instead of waiting for a review.
package archtest
