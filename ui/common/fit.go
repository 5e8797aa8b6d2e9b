package common

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/cellbuf"
)

// Rank says how readily a dialog gives up a part when it does not fit:
// the highest rank goes first, and within a rank the last part first.
type Rank int

// The ranks, from what is never given up to what goes first.
const (
	// Keep is never given up: the title, the focused field, the buttons.
	Keep Rank = iota
	// Context is what surrounds the focus: the other fields, details.
	Context
	// Tail is a list's end, given up one item at a time.
	Tail
	// Hint is a hint or a line of keys the help line repeats.
	Hint
	// Spacer is a blank line between parts.
	Spacer
	// Aside is guidance that helps without being needed (what a token
	// type is for): it goes first, and the room a list may take does not
	// count it.
	Aside
)

// Part is a piece of a dialog's body, one line or more.
type Part struct {
	Text string
	Rank Rank
	// Items, when set, make the part a list (Text is then unused) that
	// gives up its last items one at a time; More words how many are left
	// out (Hidden of them from the start), or is nil to say nothing. An item
	// takes one line, cut to the dialog's width.
	Items  []string
	Hidden int
	More   func(hidden int) string
	list   bool
}

// Line is a part of one or more lines.
func Line(text string, r Rank) Part { return Part{Text: text, Rank: r} }

// Blank is a blank spacer line.
func Blank() Part { return Part{Rank: Spacer} }

// List is a list part whose tail gives way to More(hidden), hidden
// counting the items cut and the hidden given.
func List(items []string, hidden int, r Rank, more func(int) string) Part {
	return Part{Items: items, Hidden: hidden, Rank: r, More: more, list: true}
}

func (p Part) text() string {
	if !p.list {
		return p.Text
	}
	lines := append([]string(nil), p.Items...)
	if p.Hidden > 0 && p.More != nil {
		lines = append(lines, p.More(p.Hidden))
	}
	return strings.Join(lines, "\n")
}

// FitDialog renders parts one under the other in frame so that the whole
// takes at most h lines (h <= 0: no limit): when it does not fit, the
// frame's vertical padding goes first, then parts by Rank (a list item by
// item). Keep parts stay even when they alone do not fit: the caller cuts
// what is left over.
func FitDialog(frame lipgloss.Style, h int, parts ...Part) string {
	var kept []Part
	for _, p := range parts {
		if !p.list || len(p.Items) > 0 || p.Hidden > 0 && p.More != nil {
			kept = append(kept, p) // not an empty list
		}
	}
	parts = kept
	wrap := 0
	if fw := frame.GetWidth(); fw > 0 {
		wrap = max(1, fw-frame.GetHorizontalPadding())
	}
	for i, p := range parts {
		if p.list && wrap > 0 {
			// A list's items take a line each.
			items := make([]string, len(p.Items))
			for j, it := range p.Items {
				items[j] = Truncate(it, wrap)
			}
			parts[i].Items = items
		}
	}
	height := func(p Part) int {
		s := p.text()
		if wrap > 0 {
			s = cellbuf.Wrap(s, wrap, "")
		}
		return strings.Count(s, "\n") + 1
	}
	total := 0
	for _, p := range parts {
		total += height(p)
	}
	if h > 0 && total+frame.GetVerticalFrameSize() > h {
		frame = frame.PaddingTop(0).PaddingBottom(0)
	}
	for h > 0 && total+frame.GetVerticalFrameSize() > h {
		i := worst(parts)
		if i < 0 {
			break
		}
		total -= height(parts[i])
		// A list gives up an item at a time, down to its "… and N more".
		if p := &parts[i]; len(p.Items) > 1 || len(p.Items) == 1 && p.More != nil {
			p.Items = p.Items[:len(p.Items)-1]
			p.Hidden++
			total += height(*p)
			continue
		}
		parts = append(parts[:i], parts[i+1:]...)
	}
	texts := make([]string, len(parts))
	for i, p := range parts {
		texts[i] = p.text()
	}
	return frame.Render(strings.Join(texts, "\n"))
}

// worst is the index of the part to give up next, or -1.
func worst(parts []Part) int {
	at := -1
	for i, p := range parts {
		if p.Rank > Keep && (at < 0 || p.Rank >= parts[at].Rank) {
			at = i
		}
	}
	return at
}
