package clipboard

import (
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"fmt"

	atotto "github.com/atotto/clipboard"
)

// Fingerprint is a copied value's SHA-256: it tells whether the clipboard
// still holds it without keeping it.
type Fingerprint [sha256.Size]byte

// FingerprintOf returns the fingerprint of value.
func FingerprintOf(value string) Fingerprint { return sha256.Sum256([]byte(value)) }

// Clearer takes a copied value back off the clipboard, as password managers
// do. Clear does I/O: call it from a tea.Cmd.
type Clearer interface {
	// Clear empties the clipboard a copy went to if it still holds fp's value;
	// for OSC52, true only means the request was sent.
	Clear(method Method, fp Fingerprint) (bool, error)
}

var _ Clearer = (*Terminal)(nil)

// ErrCannotClear is returned by Clear for a method it cannot clear.
var ErrCannotClear = errors.New("this clipboard cannot be cleared")

func (t *Terminal) systemRead() (string, error) {
	if t.SystemRead != nil {
		return t.SystemRead()
	}
	return atotto.ReadAll() //nolint:wrapcheck // wrapped by Clear
}

// Clear empties a local clipboard only if it still holds the value. OSC 52 cannot
// be read back, so the request is blind and the caller never claims it is clear.
func (t *Terminal) Clear(method Method, fp Fingerprint) (bool, error) {
	switch method {
	case System:
		got, err := t.systemRead()
		if err != nil {
			return false, fmt.Errorf("could not read the clipboard: %w", err)
		}
		now := FingerprintOf(got)
		if subtle.ConstantTimeCompare(fp[:], now[:]) != 1 {
			return false, nil
		}
		if err := t.systemCopy(""); err != nil {
			return false, fmt.Errorf("could not clear the clipboard: %w", err)
		}
		return true, nil
	case OSC52:
		// An empty set, not go-osc52's "!", which set-only terminals ignore.
		if err := t.writeOSC52(""); err != nil {
			return false, fmt.Errorf("could not clear the terminal's clipboard: %w", err)
		}
		return true, nil
	case TmuxBuffer:
		// tmux ignores an empty OSC 52: clear its paste buffers instead.
		return t.clearTmux(fp)
	case None:
	}
	return false, ErrCannotClear
}
