package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/internal/clipboard"
)

// Run shows the console until the user quits or ctx ends. It uses the
// alternate screen, leaves the mouse alone so the terminal can select
// text, and restores the terminal on exit or panic (bubbletea does). It
// never prints a token value.
func Run(ctx context.Context, opts Options) error {
	if opts.Service == nil {
		return errors.New("ui: no service")
	}
	if opts.Clipboard == nil {
		opts.Clipboard = clipboard.New(os.Stdout)
	}
	m := New(opts).withContext(ctx)
	p := tea.NewProgram(m, tea.WithAltScreen(), tea.WithContext(ctx))
	final, err := p.Run()
	if fm, ok := final.(Model); ok {
		printExitNote(os.Stderr, fm)
	}
	if err != nil {
		if errors.Is(err, tea.ErrProgramKilled) && ctx.Err() != nil {
			return ctx.Err()
		}
		return fmt.Errorf("terminal console: %w", err)
	}
	return nil
}

// printExitNote prints the console's exit note (an abandoned generate's
// revoke command) once the alternate screen is left.
func printExitNote(w io.Writer, m Model) {
	if note := m.ExitNote(); note != "" {
		fmt.Fprint(w, note)
	}
}
