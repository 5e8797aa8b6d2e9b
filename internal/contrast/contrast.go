// Package contrast computes WCAG 2 contrast ratios of terminal colours.
package contrast

import (
	"fmt"
	"math"
)

// AA is the contrast WCAG 2 level AA asks of normal text.
const AA = 4.5

// RGB is an sRGB colour.
type RGB struct{ R, G, B uint8 }

// The terminal backgrounds every style is checked on.
var (
	White = RGB{255, 255, 255}
	Black = RGB{0, 0, 0}
)

// String is the colour as #RRGGBB.
func (c RGB) String() string { return fmt.Sprintf("#%02X%02X%02X", c.R, c.G, c.B) }

// Luminance is the WCAG 2 relative luminance of c, 0 (black) to 1 (white).
func Luminance(c RGB) float64 {
	lin := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
}

// Ratio is the WCAG 2 contrast ratio of a and b, 1 to 21.
func Ratio(a, b RGB) float64 {
	la, lb := Luminance(a), Luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// cube is the six levels of each channel of the xterm colour cube.
var cube = [6]uint8{0, 0x5f, 0x87, 0xaf, 0xd7, 0xff}

// xterm16 are xterm's colours 0 to 15; themes change them (Basic).
var xterm16 = [16]RGB{
	{0, 0, 0}, {205, 0, 0}, {0, 205, 0}, {205, 205, 0}, {0, 0, 238}, {205, 0, 205}, {0, 205, 205}, {229, 229, 229},
	{127, 127, 127}, {255, 0, 0}, {0, 255, 0}, {255, 255, 0}, {92, 92, 255}, {255, 0, 255}, {0, 255, 255}, {255, 255, 255},
}

// Basic reports a theme colour (0 to 15), whose real colour cannot be known.
func Basic(i int) bool { return i >= 0 && i < 16 }

// Xterm is colour i of the xterm 256-colour palette.
func Xterm(i int) RGB {
	switch {
	case i < 16:
		return xterm16[max(i, 0)]
	case i < 232:
		i -= 16
		return RGB{cube[i/36], cube[(i/6)%6], cube[i%6]}
	default:
		v := uint8(8 + 10*(min(i, 255)-232))
		return RGB{v, v, v}
	}
}
