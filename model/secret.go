package model

// Secret holds a token's value. Its String, GoString and Format forms are
// redacted so that it cannot reach a log line or an error message by
// accident; Reveal returns the value for the few places allowed to show it.
type Secret struct{ v string }

// NewSecret wraps a token value.
func NewSecret(v string) Secret { return Secret{v: v} }

// Reveal returns the value itself.
func (s Secret) Reveal() string { return s.v }

// IsZero reports whether the secret holds nothing.
func (s Secret) IsZero() bool { return s.v == "" }

const redacted = "[redacted]"

// String implements fmt.Stringer with a redacted form.
func (s Secret) String() string { return redacted }

// GoString implements fmt.GoStringer with a redacted form.
func (s Secret) GoString() string { return redacted }

// MarshalText refuses nothing but writes the redacted form, so that a
// Secret serialised by accident leaks nothing. Code that must print the
// value calls Reveal.
func (s Secret) MarshalText() ([]byte, error) { return []byte(redacted), nil }
