// Package archtest has only a test, which checks the import rules with go list.
package archtest
