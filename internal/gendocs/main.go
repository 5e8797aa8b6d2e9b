// Command gendocs writes the release's man pages and completion scripts (a
// GoReleaser hook), reproducibly; it is separate so the binary does not link cobra/doc.
package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"

	"github.com/sonartoken/sonartoken/internal/cli"
)

// shells are the completion scripts written, as sonartoken.<shell>.
var shells = []string{"bash", "zsh", "fish"}

func main() {
	if err := run(os.Args[1:], os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "gendocs:", err)
		os.Exit(1)
	}
}

func run(args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("gendocs", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("out", "build", "folder to write manpages/ and completions/ into")
	version := fs.String("version", "", "version named in the man pages' footer (default: none)")
	date := fs.String("date", "", "date of the man pages, RFC 3339 (default, and for a date before 1971: $SOURCE_DATE_EPOCH, else now)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	header := doc.GenManHeader{Title: "SONARTOKEN", Section: "1", Manual: "sonartoken manual", Source: strings.TrimSpace("sonartoken " + *version)}
	if *date != "" {
		t, err := time.Parse(time.RFC3339, *date)
		if err != nil {
			return fmt.Errorf("-date: %w", err)
		}
		// GoReleaser passes the zero time when it could not read git; not "Jan 0001".
		if t.Year() > 1970 {
			header.Date = &t
		} else {
			fmt.Fprintf(stderr, "gendocs: -date %s is no commit date; the man pages take $SOURCE_DATE_EPOCH or today\n", *date)
		}
	}
	if err := writeManPages(filepath.Join(*out, "manpages"), header); err != nil {
		return err
	}
	return writeCompletions(filepath.Join(*out, "completions"))
}

// writeManPages writes a gzipped page per available command (sonartoken-auth-login.1.gz).
func writeManPages(dir string, header doc.GenManHeader) error {
	if err := fresh(dir); err != nil {
		return err
	}
	root := cli.Command()
	root.DisableAutoGenTag = true // the page would carry the day it was made
	var walk func(c *cobra.Command) error
	walk = func(c *cobra.Command) error {
		for _, sub := range c.Commands() {
			if !sub.IsAvailableCommand() || sub.IsAdditionalHelpTopicCommand() {
				continue
			}
			sub.DisableAutoGenTag = true
			if err := walk(sub); err != nil {
				return err
			}
		}
		h := header
		var page bytes.Buffer
		if err := doc.GenMan(c, &h, &page); err != nil {
			return fmt.Errorf("man page of %s: %w", c.CommandPath(), err)
		}
		name := strings.ReplaceAll(c.CommandPath(), " ", "-") + "." + header.Section + ".gz"
		return writeGzip(filepath.Join(dir, name), page.Bytes())
	}
	return walk(root)
}

// writeCompletions writes each script as the completion command prints it.
func writeCompletions(dir string) error {
	if err := fresh(dir); err != nil {
		return err
	}
	for _, sh := range shells {
		var script, errs bytes.Buffer
		if code := cli.Run(context.Background(), []string{"completion", sh}, cli.IO{Out: &script, Err: &errs}); code != 0 {
			return fmt.Errorf("sonartoken completion %s: exit %d: %s", sh, code, strings.TrimSpace(errs.String()))
		}
		if script.Len() == 0 {
			return fmt.Errorf("sonartoken completion %s printed nothing", sh)
		}
		if err := os.WriteFile(filepath.Join(dir, "sonartoken."+sh), script.Bytes(), 0o644); err != nil {
			return fmt.Errorf("write the %s completion: %w", sh, err)
		}
	}
	return nil
}

// fresh empties dir so a removed command's page does not linger.
func fresh(dir string) error {
	if err := os.RemoveAll(dir); err != nil {
		return fmt.Errorf("empty %s: %w", dir, err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create %s: %w", dir, err)
	}
	return nil
}

// writeGzip leaves name and time out of the header, so output is reproducible.
func writeGzip(path string, data []byte) (err error) {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	defer func() { err = errors.Join(err, f.Close()) }()
	zw, err := gzip.NewWriterLevel(f, gzip.BestCompression)
	if err != nil {
		return err
	}
	if _, err := zw.Write(data); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
