package model

import (
	"fmt"
	"io"
	"unsafe"
)

// Secret holds a token's value. Every fmt verb (%v, %+v, %#v, %s, %q, %d,
// %x ...) prints a redacted form, and so do encoding/json and
// encoding.TextMarshaler users, so that the value cannot reach a log line or
// an error message by accident; Reveal returns the value for the few places
// allowed to show it.
//
// The value sits behind an unsafe.Pointer: fmt prints a struct's unexported
// fields by reflection without calling their methods, and it prints an
// unsafe.Pointer as an address under every verb, never following it (an
// ordinary pointer would be followed when the verb does not fit, as in %s).
// Secrets stay comparable: == and reflect.DeepEqual hold for copies of one
// Secret; Equal compares values.
type Secret struct{ p unsafe.Pointer } // always a *secretValue or nil

type secretValue struct{ v string }

// NewSecret wraps a token value.
func NewSecret(v string) Secret {
	if v == "" {
		return Secret{}
	}
	return Secret{p: unsafe.Pointer(&secretValue{v: v})}
}

// Reveal returns the value itself.
func (s Secret) Reveal() string {
	if s.p == nil {
		return ""
	}
	return (*secretValue)(s.p).v
}

// IsZero reports whether the secret holds nothing.
func (s Secret) IsZero() bool { return s.Reveal() == "" }

// Equal reports whether two secrets hold the same value.
func (s Secret) Equal(o Secret) bool { return s.Reveal() == o.Reveal() }

const redacted = "[redacted]"

// String implements fmt.Stringer with a redacted form.
func (s Secret) String() string { return redacted }

// GoString implements fmt.GoStringer with a redacted form.
func (s Secret) GoString() string { return redacted }

// Format implements fmt.Formatter: every verb prints the redacted form
// (without it, %d or %x of a Secret would print the value).
func (s Secret) Format(f fmt.State, verb rune) {
	if verb == 'q' {
		fmt.Fprintf(f, "%q", redacted)
		return
	}
	io.WriteString(f, redacted)
}

// MarshalText refuses nothing but writes the redacted form, so that a
// Secret serialised by accident leaks nothing. Code that must print the
// value calls Reveal.
func (s Secret) MarshalText() ([]byte, error) { return []byte(redacted), nil }
