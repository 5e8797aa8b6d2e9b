package model

import (
	"fmt"
	"io"
	"unsafe"
)

// Secret redacts a token's value under every fmt verb and encoding, so it cannot
// reach a log by accident; an unsafe.Pointer, as fmt never follows one.
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

// Format redacts every verb (%d or %x would otherwise print the value).
func (s Secret) Format(f fmt.State, verb rune) {
	if verb == 'q' {
		fmt.Fprintf(f, "%q", redacted)
		return
	}
	io.WriteString(f, redacted)
}

// MarshalText writes the redacted form, so an accidental serialisation leaks nothing.
func (s Secret) MarshalText() ([]byte, error) { return []byte(redacted), nil }
