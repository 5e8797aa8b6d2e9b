// Package model holds the domain types and rules: no I/O, no terminal, time as an argument.
package model
