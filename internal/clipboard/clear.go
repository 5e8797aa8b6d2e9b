package clipboard

import (
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"fmt"

	atotto "github.com/atotto/clipboard"
)

// Fingerprint is the SHA-256 of a copied value: enough to tell later
// whether the clipboard still holds that value, without keeping the value.
type Fingerprint [sha256.Size]byte

// FingerprintOf returns the fingerprint of value.
func FingerprintOf(value string) Fingerprint { return sha256.Sum256([]byte(value)) }

// Clearer takes a copied value back off the clipboard, as password
// managers do some time after a copy. Clear performs I/O: call it from a
// tea.Cmd, never from Update.
type Clearer interface {
	// Clear empties the clipboard that a copy by method went to, if it
	// still holds the value whose fingerprint is fp, and reports whether it
	// did. The terminal's clipboard (OSC52) cannot be read back, nor its
	// clearing confirmed: true then only means the request was sent; the
	// caller decides whether to send it blind; see Terminal.Clear.
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

// Clear empties the clipboard that a copy by method went to.
//
// System: it reads the local clipboard and empties it only if it still
// holds the value (same fingerprint): something the user copied since is
// left alone.
//
// OSC52: the terminal's clipboard cannot be read back (the query is
// answered by few terminals, and only as input to the program), so Clear
// asks the terminal to set it to the empty string, unconditionally, and
// reports true once the request is written. Whether the terminal did is
// unknown: some ignore an empty payload, and tmux (set-clipboard on)
// keeps the value in its paste buffer. The caller calls it only when the
// console copied nothing else since, and says the terminal was asked,
// never that the clipboard is clear.
//
// TmuxBuffer: it deletes tmux's paste buffers that hold the value (same
// fingerprint) and reports whether there was one. The terminal tmux passed
// the value to keeps it: tmux passes no empty OSC 52 on.
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
		// An empty set, rather than go-osc52's Clear ("!"), which some
		// terminals that implement only setting ignore.
		if err := t.writeOSC52(""); err != nil {
			return false, fmt.Errorf("could not clear the terminal's clipboard: %w", err)
		}
		return true, nil
	case TmuxBuffer:
		// tmux ignores an empty OSC 52: the copy is taken out of its
		// paste buffers instead. The terminal's own clipboard, which tmux
		// passed it to, cannot be reached.
		return t.clearTmux(fp)
	case None:
	}
	return false, ErrCannotClear
}
