// Package cli is sonartoken's command line: the console and the scripting
// commands. The outside world comes through IO, so tests run commands in-process.
package cli

import (
	"context"
	"errors"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/term"
	"github.com/muesli/termenv"
	"github.com/spf13/cobra"

	"github.com/sonartoken/sonartoken/internal/audit"
	"github.com/sonartoken/sonartoken/internal/config"
	"github.com/sonartoken/sonartoken/internal/keychain"
	"github.com/sonartoken/sonartoken/internal/termbg"
	"github.com/sonartoken/sonartoken/internal/version"
)

// IO is the outside world of a run.
type IO struct {
	In       io.Reader
	Out, Err io.Writer
	// Getenv reads one environment variable (os.Getenv).
	Getenv func(string) string
	// Environ is handed to rotate --exec's commands.
	Environ func() []string
	// IsTerminal reports whether w is a terminal.
	IsTerminal func(w io.Writer) bool
	// Width is w's terminal width, 0 when unknown.
	Width func(w io.Writer) int
	// Now is the clock.
	Now func() time.Time
	// Zone shows created and last-use days; nil means time.Local.
	Zone *time.Location
	// Keychain keeps profiles' tokens; nil means none is available.
	Keychain keychain.Store
	// ConfigPath returns the configuration file's path; nil means none.
	ConfigPath func() (string, error)
	// Getwd is where sonar-project.properties is looked for; nil skips it.
	Getwd func() (string, error)
	// Audit records changes; nil means the file at AuditPath.
	Audit audit.Logger
	// AuditPath returns the audit log's path; nil, with Audit nil, means none.
	AuditPath func() (string, error)
	// Background is the terminal's background for the auto theme; nil knows nothing.
	Background func() termbg.Result
	// ColorProfile is the terminal's colours (lipgloss.ColorProfile when nil).
	ColorProfile func() termenv.Profile
}

// SystemIO is the process's own standard streams, environment and clock.
func SystemIO() IO {
	return IO{
		In: os.Stdin, Out: os.Stdout, Err: os.Stderr,
		Getenv: os.Getenv, Environ: os.Environ,
		IsTerminal: func(w io.Writer) bool {
			f, ok := w.(*os.File)
			return ok && term.IsTerminal(f.Fd())
		},
		Width: func(w io.Writer) int {
			f, ok := w.(*os.File)
			if !ok {
				return 0
			}
			cols, _, err := term.GetSize(f.Fd())
			if err != nil {
				return 0
			}
			return cols
		},
		Now:        time.Now,
		Keychain:   keychain.OS{},
		ConfigPath: config.DefaultPath,
		Getwd:      os.Getwd,
		AuditPath:  func() (string, error) { return audit.DefaultPath(os.Getenv) },
		Background: func() termbg.Result {
			return termbg.Detect(termbg.Env{
				Getenv: os.Getenv, In: os.Stdin, Out: os.Stdout,
				IsTerminal: func(f *os.File) bool { return term.IsTerminal(f.Fd()) },
				Cached:     lipgloss.HasDarkBackground,
			})
		},
	}
}

func (o IO) withDefaults() IO {
	if o.In == nil {
		o.In = eofReader{}
	}
	if o.Out == nil {
		o.Out = io.Discard
	}
	if o.Err == nil {
		o.Err = io.Discard
	}
	if o.Getenv == nil {
		o.Getenv = func(string) string { return "" }
	}
	if o.Environ == nil {
		o.Environ = func() []string { return nil }
	}
	if o.IsTerminal == nil {
		o.IsTerminal = func(io.Writer) bool { return false }
	}
	if o.Width == nil {
		o.Width = func(io.Writer) int { return 0 }
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Background == nil {
		o.Background = func() termbg.Result { return termbg.Result{} }
	}
	if o.ColorProfile == nil {
		o.ColorProfile = lipgloss.ColorProfile
	}
	return o
}

type eofReader struct{}

func (eofReader) Read([]byte) (int, error) { return 0, io.EOF }

// Main runs sonartoken and returns its exit code; only package main calls os.Exit.
func Main(args []string) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return Run(ctx, args, SystemIO())
}

// Run runs one command line and returns its exit code; the error goes to o.Err.
func Run(ctx context.Context, args []string, o IO) int {
	a := &app{io: o.withDefaults(), tui: runTUI}
	return a.run(ctx, args)
}

// app is the state shared by the commands of one run.
type app struct {
	io    IO
	flags config.Flags
	// tui opens the console; tests replace it.
	tui func(ctx context.Context, p tuiParams) error
	// args is the command line, without the program name.
	args []string
	// profiles is every --profile given, in order.
	profiles []string
	// audit is the audit log, opened on first use (auditLog).
	audit auditState
}

func (a *app) run(ctx context.Context, args []string) int {
	a.args = args
	root := a.newRootCmd()
	root.SetArgs(args)
	root.SetIn(a.io.In)
	root.SetOut(a.io.Out)
	root.SetErr(a.io.Err)
	cmd, err := root.ExecuteContextC(ctx)
	return a.report(cmd, err)
}

func (a *app) newRootCmd() *cobra.Command {
	var tf tuiFlags
	info := version.Get()
	root := &cobra.Command{
		Use:   "sonartoken",
		Short: "A terminal console for SonarQube user tokens",
		Long: `sonartoken lists, generates, copies, revokes and rotates SonarQube user
tokens. Without a command it opens the console; the commands below do the
same from scripts.

The server and the token come from SONAR_HOST_URL and SONAR_TOKEN (the
scanner's variables) or --url and --token-file. A token is never accepted as
a command-line value.`,
		Example: `  sonartoken --demo                       # try it against the built-in server
  sonartoken list --json
  sonartoken generate ci --type project --project app | gh secret set SONAR_TOKEN`,
		Args:          usageArgs(cobra.NoArgs),
		Version:       info.Version,
		SilenceErrors: true,
		SilenceUsage:  true,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.runConsole(cmd, tf)
		},
	}
	root.SetVersionTemplate(info.String())
	root.CompletionOptions.DisableDefaultCmd = true
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		// "sonartoken lst --json": the flag is unknown because the command is.
		if word := strayCommand(c, a.args); word != "" {
			return unknownCommand(c, word)
		}
		return usageErr(err)
	})
	a.bindConnectionFlags(root)
	bindTUIFlags(root, &tf)
	root.Flags().Var((*themeValue)(&a.flags.Theme), "theme", "the console's colours: auto (from the terminal's background), dark or light (default $SONARTOKEN_THEME, then the configuration file's theme, else auto)")
	root.AddCommand(
		a.newListCmd(),
		a.newGenerateCmd(),
		a.newRevokeCmd(),
		a.newRotateCmd(),
		a.newReviewCmd(),
		a.newSimCmd(),
		a.newVersionCmd(),
		a.newAuthCmd(),
		a.newLogCmd(),
		a.newCompletionCmd(root),
	)
	return root
}

// runConsole opens the TUI on the configured server, or a built-in one with --demo.
func (a *app) runConsole(cmd *cobra.Command, tf tuiFlags) error {
	ctx := cmd.Context()
	if err := checkConcurrency(tf.concurrency); err != nil {
		return err
	}
	if tf.demo {
		for _, f := range []string{"url", "token-file"} {
			if cmd.Flags().Changed(f) {
				return usageErr(errors.New("--demo runs its own server: it takes no --" + f))
			}
		}
		return a.runDemo(ctx, tf)
	}
	st, err := a.settings(ctx)
	if err != nil {
		return err
	}
	return a.openConsole(ctx, st, tf)
}
