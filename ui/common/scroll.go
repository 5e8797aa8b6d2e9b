package common

import (
	"fmt"

	"github.com/charmbracelet/bubbles/viewport"
)

// NewViewport returns the viewport of a dialog whose body scrolls up and
// down only (the help, a notice): its left and right keys are off.
func NewViewport() viewport.Model {
	vp := viewport.New(0, 0)
	vp.KeyMap.Left.SetEnabled(false)
	vp.KeyMap.Right.SetEnabled(false)
	return vp
}

// ScrollHint says which of total lines vp shows: "↑/↓ scroll (lines
// 3–12 of 40)".
func ScrollHint(vp viewport.Model, total int) string {
	last := min(total, vp.YOffset+vp.Height)
	return fmt.Sprintf("↑/↓ scroll (lines %d–%d of %d)", vp.YOffset+1, last, total)
}
