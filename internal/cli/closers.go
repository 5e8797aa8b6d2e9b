package cli

import "sync"

// closers closes what the console opened; what arrives after closeAll (a Cmd after quit) is closed at once.
type closers struct {
	mu     sync.Mutex
	fns    []func()
	closed bool
}

// add keeps fn to run on closeAll, or runs it now when that has happened.
func (c *closers) add(fn func()) {
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		fn()
		return
	}
	c.fns = append(c.fns, fn)
	c.mu.Unlock()
}

// closeAll runs every kept function once, in the order they came.
func (c *closers) closeAll() {
	c.mu.Lock()
	fns := c.fns
	c.fns, c.closed = nil, true
	c.mu.Unlock()
	for _, fn := range fns {
		fn()
	}
}
