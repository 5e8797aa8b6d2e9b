package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/sonartoken/sonartoken/internal/cli"
)

func gunzip(t *testing.T, path string) string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if zr.Name != "" || !zr.ModTime.IsZero() {
		t.Errorf("%s: gzip header holds name %q and time %v; want neither (reproducible)", path, zr.Name, zr.ModTime)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return string(b)
}

func files(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	return names
}

// TestManPages checks a page per command a user can run, each with the
// version and date it was given and its own synopsis, and none for help.
func TestManPages(t *testing.T) {
	out := t.TempDir()
	if err := run([]string{"-out", out, "-version", "1.2.3", "-date", "2026-03-01T10:00:00Z"}, io.Discard); err != nil {
		t.Fatal(err)
	}
	pages := files(t, filepath.Join(out, "manpages"))
	for _, want := range []string{
		"sonartoken.1.gz", "sonartoken-list.1.gz", "sonartoken-generate.1.gz", "sonartoken-revoke.1.gz",
		"sonartoken-rotate.1.gz", "sonartoken-review.1.gz", "sonartoken-log.1.gz", "sonartoken-sim.1.gz",
		"sonartoken-version.1.gz", "sonartoken-completion.1.gz",
		"sonartoken-auth.1.gz", "sonartoken-auth-login.1.gz", "sonartoken-auth-status.1.gz", "sonartoken-auth-logout.1.gz",
	} {
		if !slices.Contains(pages, want) {
			t.Errorf("no %s among %v", want, pages)
		}
	}
	if slices.Contains(pages, "sonartoken-help.1.gz") {
		t.Errorf("a page for the help command: %v", pages)
	}
	list := gunzip(t, filepath.Join(out, "manpages", "sonartoken-list.1.gz"))
	for _, want := range []string{`.TH "SONARTOKEN" "1" "Mar 2026" "sonartoken 1.2.3" "sonartoken manual"`, "sonartoken list [flags]", "--fail-on", "--token-file"} {
		if !strings.Contains(list, want) {
			t.Errorf("sonartoken-list.1 lacks %q:\n%s", want, list)
		}
	}
	if strings.Contains(list, "Auto generated") {
		t.Errorf("sonartoken-list.1 carries cobra's generation stamp (a date that changes each run):\n%s", list)
	}
}

// TestCompletions checks that the packaged scripts are what
// `sonartoken completion SHELL` prints.
func TestCompletions(t *testing.T) {
	out := t.TempDir()
	if err := run([]string{"-out", out}, io.Discard); err != nil {
		t.Fatal(err)
	}
	if got, want := files(t, filepath.Join(out, "completions")), []string{"sonartoken.bash", "sonartoken.fish", "sonartoken.zsh"}; !slices.Equal(got, want) {
		t.Errorf("completions = %v, want %v", got, want)
	}
	for _, sh := range shells {
		var want bytes.Buffer
		if code := cli.Run(context.Background(), []string{"completion", sh}, cli.IO{Out: &want}); code != 0 {
			t.Fatalf("completion %s: exit %d", sh, code)
		}
		got, err := os.ReadFile(filepath.Join(out, "completions", "sonartoken."+sh))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want.Bytes()) {
			t.Errorf("sonartoken.%s differs from `sonartoken completion %s`", sh, sh)
		}
	}
}

// TestReproducible runs twice with the same version and date, over a
// stale page, and compares every byte.
func TestReproducible(t *testing.T) {
	args := func(out string) []string {
		return []string{"-out", out, "-version", "1.2.3", "-date", "2026-03-01T10:00:00Z"}
	}
	a, b := t.TempDir(), t.TempDir()
	stale := filepath.Join(b, "manpages", "sonartoken-gone.1.gz")
	if err := os.MkdirAll(filepath.Dir(stale), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(stale, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{a, b} {
		if err := run(args(out), io.Discard); err != nil {
			t.Fatal(err)
		}
	}
	for _, sub := range []string{"manpages", "completions"} {
		na, nb := files(t, filepath.Join(a, sub)), files(t, filepath.Join(b, sub))
		if !slices.Equal(na, nb) {
			t.Fatalf("%s: %v, then %v (a stale file left?)", sub, na, nb)
		}
		for _, n := range na {
			x, _ := os.ReadFile(filepath.Join(a, sub, n))
			y, _ := os.ReadFile(filepath.Join(b, sub, n))
			if !bytes.Equal(x, y) {
				t.Errorf("%s/%s differs between two runs", sub, n)
			}
		}
	}
}

func TestBadDate(t *testing.T) {
	err := run([]string{"-out", t.TempDir(), "-date", "yesterday"}, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "-date") {
		t.Fatalf("run with -date yesterday: %v", err)
	}
}

// TestZeroDate: GoReleaser's commit date of a clone it could not read is
// the zero time; the pages then say today's month, not "Jan 0001".
func TestZeroDate(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1772359200") // 2026-03-01
	out := t.TempDir()
	var stderr bytes.Buffer
	if err := run([]string{"-out", out, "-date", "0001-01-01T00:00:00Z"}, &stderr); err != nil {
		t.Fatal(err)
	}
	page := gunzip(t, filepath.Join(out, "manpages", "sonartoken.1.gz"))
	if !strings.Contains(page, `"Mar 2026"`) {
		t.Errorf("sonartoken.1 does not carry SOURCE_DATE_EPOCH's month:\n%s", page)
	}
	if !strings.Contains(stderr.String(), "no commit date") {
		t.Errorf("stderr = %q, want a note about the date", stderr.String())
	}
}
