package cli

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/sonartoken/sonartoken/model"
)

// The positional arguments of every command are checked here, so that a
// mistake reads the same everywhere: a sentence naming what is missing or
// extra, then the usage line (report prints it), instead of cobra's
// "accepts 1 arg(s), received 0". A word where a command is expected is a
// mistyped command, answered with the nearest commands.

// argsError is a mistake in the positional arguments: report prints the
// command's usage line after it.
type argsError struct{ msg string }

func (e *argsError) Error() string { return e.msg }

// argsErr is a usage error (exit 2) that shows the usage line.
func argsErr(format string, a ...any) error {
	return usageErr(&argsError{msg: fmt.Sprintf(format, a...)})
}

// usageArgs checks a command's positional arguments with v (cobra's
// NoArgs, ExactArgs…) and, when they are wrong, says what is wrong in a
// sentence (argsMistake): every command's arguments go through it.
func usageArgs(v cobra.PositionalArgs) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := v(cmd, args); err != nil {
			return argsMistake(cmd, args)
		}
		return nil
	}
}

// argsAnnotation is the cobra annotation that says what a command's
// argument is, for the sentence when it is missing ("the name of the token
// to revoke").
const argsAnnotation = "sonartoken/args"

// argsMistake says what is wrong with args, which cmd refused. Under a
// command that has subcommands (the root, auth) a word is a mistyped
// command.
func argsMistake(cmd *cobra.Command, args []string) error {
	name, takes := argName(cmd)
	switch {
	case len(args) > 0 && cmd.HasAvailableSubCommands():
		return unknownCommand(cmd, args[0])
	case !takes:
		return argsErr("%s takes no arguments, but was given %s.", named(cmd), quoteWords(args))
	case len(args) == 0:
		if what := cmd.Annotations[argsAnnotation]; what != "" {
			return argsErr("%s needs %s, %s.", named(cmd), name, what)
		}
		return argsErr("%s needs %s.", named(cmd), name)
	case len(args) > 1:
		return argsErr("%s takes one %s, but was given %d: %s. Quote a %s that has spaces: %s %s",
			named(cmd), name, len(args), quoteWords(args), name, cmd.CommandPath(), model.ShellQuote(strings.Join(args, " ")))
	case len(cmd.ValidArgs) > 0 && !slices.Contains(cmd.ValidArgs, args[0]):
		return argsErr("%s: %s is not one of %s.", named(cmd), model.Quote(args[0]), orList(cmd.ValidArgs))
	}
	return argsErr("%s: wrong arguments %s.", named(cmd), quoteWords(args))
}

// argName is the argument's name in the command's Use line ("NAME" in
// "revoke NAME"); takes is false when the line names none.
func argName(cmd *cobra.Command) (name string, takes bool) {
	if f := strings.Fields(cmd.Use); len(f) > 1 {
		return f[1], true
	}
	return "", false
}

// unknownCommand is a word that names no subcommand of cmd, with the
// nearest commands (suggestions), or the list of them all.
func unknownCommand(cmd *cobra.Command, word string) error {
	msg := "unknown command " + model.Quote(word)
	if cmd.HasParent() {
		msg += " for " + named(cmd)
	}
	msg += "."
	if s := suggestions(cmd, word); len(s) > 0 {
		msg += " Did you mean " + orList(s) + "?"
	} else {
		var names []string
		for _, c := range cmd.Commands() {
			if c.IsAvailableCommand() {
				names = append(names, c.Name())
			}
		}
		msg += " Its commands: " + strings.Join(names, ", ") + "."
	}
	return usageErr(errors.New(msg)) // the usage line of the parent says nothing more
}

// named is the command's path without the program's name, which report
// puts in front of every error ("sonartoken: revoke needs NAME…").
func named(cmd *cobra.Command) string {
	if !cmd.HasParent() {
		return cmd.Name()
	}
	return strings.TrimPrefix(cmd.CommandPath(), cmd.Root().Name()+" ")
}

// suggestions are the subcommands of cmd nearest to word: of cobra's
// suggestions (within two edits, or starting with word), those that start
// with it, else the nearest by model.Distance ("lst" is one edit from
// list and two from log: list alone).
func suggestions(cmd *cobra.Command, word string) []string {
	if cmd.SuggestionsMinimumDistance <= 0 {
		cmd.SuggestionsMinimumDistance = 2
	}
	lw := strings.ToLower(word)
	best, out := -1, []string(nil)
	for _, s := range cmd.SuggestionsFor(word) {
		d := model.Distance(lw, strings.ToLower(s))
		if strings.HasPrefix(strings.ToLower(s), lw) {
			d = 0
		}
		switch {
		case best < 0 || d < best:
			best, out = d, []string{s}
		case d == best && !slices.Contains(out, s):
			out = append(out, s)
		}
	}
	return out
}

// strayCommand finds, in the command line args, the word that stands
// where a subcommand of cmd was expected and names none: cobra reports an
// unknown flag of such a line ("sonartoken lst --json") before the
// unknown command, which is the real mistake. "" when there is none.
func strayCommand(cmd *cobra.Command, args []string) string {
	if !cmd.HasAvailableSubCommands() {
		return ""
	}
	fs := cmd.Flags()
	cur := cmd.Root()
	for i := 0; i < len(args); i++ {
		s := args[i]
		switch {
		case s == "--":
			return ""
		case strings.HasPrefix(s, "-") && len(s) > 1:
			if !strings.Contains(s, "=") && takesValue(fs, s) {
				i++
			}
			continue
		}
		next := subcommand(cur, s)
		if next == nil {
			if cur == cmd {
				return s
			}
			return ""
		}
		cur = next
	}
	return ""
}

// takesValue reports whether the flag s (--name or -n) takes the next
// word as its value. Unknown flags are taken to stand alone.
func takesValue(fs *pflag.FlagSet, s string) bool {
	var f *pflag.Flag
	if name, ok := strings.CutPrefix(s, "--"); ok {
		f = fs.Lookup(name)
	} else if len(s) == 2 {
		f = fs.ShorthandLookup(s[1:])
	}
	return f != nil && f.NoOptDefVal == ""
}

// subcommand is cmd's subcommand called name (or one of its aliases).
func subcommand(cmd *cobra.Command, name string) *cobra.Command {
	for _, c := range cmd.Commands() {
		if c.Name() == name || c.HasAlias(name) {
			return c
		}
	}
	return nil
}

// quoteWords quotes each word for a message.
func quoteWords(words []string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = model.Quote(w)
	}
	return strings.Join(q, " ")
}

// orList joins words as "a, b or c".
func orList(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}
