package styles

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/sonartoken/sonartoken/internal/contrast"
)

// parseHex reads #RRGGBB or #RGB.
func parseHex(s string) (contrast.RGB, error) {
	h := strings.TrimPrefix(s, "#")
	if len(h) == 3 {
		h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
	}
	if len(h) != 6 || !strings.HasPrefix(s, "#") {
		return contrast.RGB{}, fmt.Errorf("colour %q is not #RRGGBB", s)
	}
	v, err := strconv.ParseUint(h, 16, 32)
	if err != nil {
		return contrast.RGB{}, fmt.Errorf("colour %q is not #RRGGBB", s)
	}
	return contrast.RGB{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v)}, nil
}

// tmuxDown is the palette index tmux 3.x draws a 24-bit colour with on a
// terminal without RGB support (colour_find_rgb in tmux's colour.c): the
// nearest of the cube's colour and the grey ramp's, the cube's on a tie.
func tmuxDown(c contrast.RGB) int {
	to6 := func(v uint8) int {
		switch {
		case v < 48:
			return 0
		case v < 114:
			return 1
		}
		return (int(v) - 35) / 40
	}
	dist := func(a contrast.RGB, r, g, b int) int {
		dr, dg, db := int(a.R)-r, int(a.G)-g, int(a.B)-b
		return dr*dr + dg*dg + db*db
	}
	qr, qg, qb := to6(c.R), to6(c.G), to6(c.B)
	level := func(q int) int { return int(contrast.Xterm(16 + q).B) } // the cube's levels
	cr, cg, cb := level(qr), level(qg), level(qb)
	if cr == int(c.R) && cg == int(c.G) && cb == int(c.B) {
		return 16 + 36*qr + 6*qg + qb
	}
	avg := (int(c.R) + int(c.G) + int(c.B)) / 3
	gi := 23
	if avg <= 238 {
		gi = (avg - 3) / 10
		if gi < 0 {
			gi = 0
		}
	}
	grey := 8 + 10*gi
	if dist(c, grey, grey, grey) < dist(c, cr, cg, cb) {
		return 232 + gi
	}
	return 16 + 36*qr + 6*qg + qb
}

// TestTmuxDown follows tmux's colour_find_rgb: exact cube colours stay,
// others go to the nearest of cube and grey ramp.
func TestTmuxDown(t *testing.T) {
	t.Parallel()
	for hex, want := range map[string]int{"#875FD7": 98, "#767676": 243, "#A06930": 131, "#9D8CFF": 141, "#EDEDED": 255, "#1A1A1A": 234, "#FFFFFF": 231} {
		c, err := parseHex(hex)
		if err != nil {
			t.Fatal(err)
		}
		if got := tmuxDown(c); got != want {
			t.Errorf("tmuxDown(%s) = %d, want %d", hex, got, want)
		}
	}
}
