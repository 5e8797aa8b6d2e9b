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

// Positional arguments are checked here so a mistake reads the same everywhere,
// not as cobra's "accepts 1 arg(s)"; a stray word is a mistyped command.

// argsError is followed by the command's usage line in report.
type argsError struct{ msg string }

func (e *argsError) Error() string { return e.msg }

// argsErr is a usage error (exit 2) that shows the usage line.
func argsErr(format string, a ...any) error {
	return usageErr(&argsError{msg: fmt.Sprintf(format, a...)})
}

// usageArgs wraps v so wrong arguments are said in a sentence.
func usageArgs(v cobra.PositionalArgs) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := v(cmd, args); err != nil {
			return argsMistake(cmd, args)
		}
		return nil
	}
}

// argsAnnotation names a command's argument for the missing-argument sentence.
const argsAnnotation = "sonartoken/args"

// argsMistake says what is wrong; under a command with subcommands a word is a mistyped command.
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

// argName is the argument's name in the Use line; takes is false when none.
func argName(cmd *cobra.Command) (name string, takes bool) {
	if f := strings.Fields(cmd.Use); len(f) > 1 {
		return f[1], true
	}
	return "", false
}

// unknownCommand names the nearest commands, or all of them.
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

// named is the command's path without the program name, which report adds.
func named(cmd *cobra.Command) string {
	if !cmd.HasParent() {
		return cmd.Name()
	}
	return strings.TrimPrefix(cmd.CommandPath(), cmd.Root().Name()+" ")
}

// suggestions prefers cobra's suggestions that start with word, else the
// nearest by model.Distance ("lst" gives list alone, not log).
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

// strayCommand finds the word that names no subcommand: cobra reports the
// unknown flag of "sonartoken lst --json" first, but the command is the mistake.
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

// takesValue reports whether flag s takes the next word; unknown flags stand alone.
func takesValue(fs *pflag.FlagSet, s string) bool {
	var f *pflag.Flag
	if name, ok := strings.CutPrefix(s, "--"); ok {
		f = fs.Lookup(name)
	} else if len(s) == 2 {
		f = fs.ShorthandLookup(s[1:])
	}
	return f != nil && f.NoOptDefVal == ""
}

func subcommand(cmd *cobra.Command, name string) *cobra.Command {
	for _, c := range cmd.Commands() {
		if c.Name() == name || c.HasAlias(name) {
			return c
		}
	}
	return nil
}

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
