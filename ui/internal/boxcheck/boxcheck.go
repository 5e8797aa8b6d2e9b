// Package boxcheck checks the rounded boxes (dialogs) of a rendered view
// for the size tests: each box whole on the right, and at the bottom when
// asked.
package boxcheck

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Check finds the rounded boxes in view and checks each: a top left
// corner has its top right corner on the same line, and the lines under it
// have a side at both columns until the bottom corners, which must be
// there when whole is set (otherwise the view may end first). It returns
// how many boxes it found.
func Check(view string, whole bool) (int, error) {
	grid := Cells(view)
	found := 0
	for y, row := range grid {
		var open []int
		for x, r := range row {
			switch r {
			case '╭':
				open = append(open, x)
			case '╮':
				if len(open) == 0 {
					return found, fmt.Errorf("line %d: a top right corner at column %d without its left", y+1, x+1)
				}
				left := open[len(open)-1]
				open = open[:len(open)-1]
				found++
				if err := checkSides(grid, y, left, x, whole); err != nil {
					return found, err
				}
			}
		}
		if len(open) > 0 {
			return found, fmt.Errorf("line %d: a top left corner at column %d without its right: the box is cut", y+1, open[0]+1)
		}
	}
	return found, nil
}

func checkSides(grid [][]rune, top, left, right int, whole bool) error {
	at := func(y, x int) rune {
		if x < len(grid[y]) {
			return grid[y][x]
		}
		return 0
	}
	for y := top + 1; y < len(grid); y++ {
		l, r := at(y, left), at(y, right)
		switch {
		case l == '╰' && r == '╯':
			return nil
		case l == '│' && r == '│':
		default:
			return fmt.Errorf("line %d: the box from line %d has %q and %q at columns %d and %d", y+1, top+1, l, r, left+1, right+1)
		}
	}
	if whole {
		return fmt.Errorf("the box from line %d has no bottom", top+1)
	}
	return nil
}

// Cells splits a view into lines of terminal cells (a wide rune takes
// two: itself and a zero).
func Cells(view string) [][]rune {
	var grid [][]rune
	for _, line := range strings.Split(ansi.Strip(view), "\n") {
		var row []rune
		for _, r := range line {
			row = append(row, r)
			for range ansi.StringWidth(string(r)) - 1 {
				row = append(row, 0)
			}
		}
		grid = append(grid, row)
	}
	return grid
}
