// Command sgrcheck lists a capture's colour pairs, lowest contrast first, and exits
// 1 below WCAG AA, e.g. tmux capture-pane -e -p | go run ./internal/contrast/sgrcheck -bg white.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/sonartoken/sonartoken/internal/contrast"
)

func main() {
	bg := flag.String("bg", "both", "the terminal's default background: white, black or both")
	flag.Parse()
	data, err := io.ReadAll(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, "sgrcheck:", err)
		os.Exit(2)
	}
	var terms []string
	switch *bg {
	case "white", "black":
		terms = []string{*bg}
	case "both":
		terms = []string{"white", "black"}
	default:
		fmt.Fprintln(os.Stderr, "sgrcheck: -bg is white, black or both")
		os.Exit(2)
	}
	failed := false
	for _, term := range terms {
		fg, back := contrast.Black, contrast.White
		if term == "black" {
			fg, back = contrast.White, contrast.Black
		}
		rep := contrast.Check(string(data), fg, back)
		fmt.Printf("on %s: %d colour pairs, %d findings\n", term, len(rep.Pairs), len(rep.Findings))
		for _, p := range rep.Pairs {
			s := p.Sample
			if r := []rune(s); len(r) > 30 {
				s = string(r[:30]) + "…"
			}
			fmt.Printf("  %6.2f:1  %s on %s  %3d runs, e.g. %q\n", p.Ratio, p.Fg, p.Bg, p.Runs, s)
		}
		// One line per kind of finding, with how many runs and the first.
		count := map[string]int{}
		var order []string
		first := map[string]contrast.Finding{}
		for _, f := range rep.Findings {
			failed = true
			k := f.What()
			if count[k] == 0 {
				order = append(order, k)
				first[k] = f
			}
			count[k]++
		}
		for _, k := range order {
			fmt.Printf("  FAIL %s: %d runs, first %s\n", k, count[k], first[k].Where())
		}
	}
	if failed {
		os.Exit(1)
	}
}
