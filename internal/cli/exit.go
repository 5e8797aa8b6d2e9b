package cli

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/internal/config"
	"github.com/sonartoken/sonartoken/model"
)

// Exit codes, documented in the README.
const (
	ExitOK        = 0 // success
	ExitError     = 1 // any other error
	ExitUsage     = 2 // bad command line, missing configuration, or what SonarQube Cloud does not allow
	ExitAuth      = 3 // authentication failed (401)
	ExitForbidden = 4 // permission denied (403)
	ExitNotFound  = 5 // not found (404), or no token of that name
	ExitFailOn    = 6 // list, review: a reported token has a --fail-on status
)

// errNoSuchToken marks a token name that the user's list does not hold.
var errNoSuchToken = errors.New("no such token")

type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

func usageErr(err error) error { return &usageError{err: err} }

// opError puts what was being done in front of a described error.
type opError struct {
	op  string
	err error
}

func (e *opError) Error() string {
	var inner *opError
	if errors.As(e.err, &inner) {
		return e.op + ": " + e.err.Error()
	}
	return e.op + ": " + describe(e.err)
}

func (e *opError) Unwrap() error { return e.err }

// wrap gives err the context op; nil stays nil.
func wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	return &opError{op: op, err: err}
}

// codedError carries an exit code for outcomes that are not one error (a half-failed rotation).
type codedError struct {
	code int
	msg  string
	err  error
}

func (e *codedError) Error() string { return e.msg }
func (e *codedError) Unwrap() error { return e.err }

// exitCode maps an error to the documented exit codes.
func exitCode(err error) int {
	var ue *usageError
	var ce *codedError
	switch {
	case err == nil:
		return ExitOK
	case errors.As(err, &ce):
		return ce.code
	case errors.As(err, &ue), errors.Is(err, config.ErrNoURL), errors.Is(err, config.ErrNoToken), errors.Is(err, config.ErrTokenFileMissing),
		errors.Is(err, config.ErrCredentialsInURL),
		errors.Is(err, client.ErrCloudOwnTokens):
		return ExitUsage
	case errors.Is(err, client.ErrUnauthorized):
		return ExitAuth
	case errors.Is(err, client.ErrForbidden):
		return ExitForbidden
	case errors.Is(err, client.ErrNotFound), errors.Is(err, errNoSuchToken):
		return ExitNotFound
	}
	return ExitError
}

// errorWords is err in the words report prints.
func errorWords(err error) string {
	var oe *opError
	var ce *codedError
	switch {
	case errors.As(err, &ce):
		return ce.msg
	case errors.As(err, &oe):
		return err.Error()
	case errors.Is(err, config.ErrNoURL):
		return noServerWords
	case errors.Is(err, config.ErrNoToken):
		return config.ErrNoToken.Error() + ", or sign in once with: sonartoken auth login"
	}
	return describe(err)
}

// noServerWords greets a new user's first run with the two ways on.
const noServerWords = `no SonarQube server is configured. Sign in once with:
    sonartoken auth login
or set SONAR_HOST_URL and SONAR_TOKEN (or pass --url and --token-file FILE).
To try sonartoken without a server:
    sonartoken --demo    (the console, on the built-in server's sample data)
    sonartoken sim       (that server, for the commands: it prints what to export)`

func (a *app) report(cmd *cobra.Command, err error) int {
	if err == nil {
		return ExitOK
	}
	fmt.Fprintf(a.io.Err, "sonartoken: %s\n", model.PrintableLines(errorWords(err)))
	code := exitCode(err)
	var ae *argsError
	switch {
	case code != ExitUsage || cmd == nil, errors.Is(err, config.ErrNoURL):
	case errors.As(err, &ae):
		fmt.Fprintf(a.io.Err, "Usage: %s\nRun '%s --help' for more.\n", cmd.UseLine(), cmd.CommandPath())
	default:
		fmt.Fprintf(a.io.Err, "Run '%s --help' for usage.\n", cmd.CommandPath())
	}
	return code
}
