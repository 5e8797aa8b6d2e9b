package sonarprops

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// Without a repository, only the working folder is read: a file planted
// in a parent (a shared /tmp, a home folder) is not picked up.
func TestFindWithoutRepositoryReadsOnlyTheFolder(t *testing.T) {
	root := t.TempDir()
	deep := filepath.Join(root, "a", "b")
	if err := os.MkdirAll(deep, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, FileName), []byte("sonar.host.url=https://planted.example\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if p, err := Find(deep); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("Find outside a repository read a parent's file: %+v, %v", p, err)
	}
	if err := os.WriteFile(filepath.Join(deep, FileName), []byte("sonar.projectKey=here\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if p, err := Find(deep); err != nil || p.ProjectKey != "here" {
		t.Fatalf("Find in the folder itself: %+v, %v", p, err)
	}
}

// A .git file (a worktree or a submodule) marks the repository root too.
func TestFindStopsAtGitFile(t *testing.T) {
	root := t.TempDir()
	repo := filepath.Join(root, "wt")
	deep := filepath.Join(repo, "src")
	if err := os.MkdirAll(deep, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(repo, ".git"), []byte("gitdir: /elsewhere\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, FileName), []byte("sonar.host.url=https://planted.example\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Find(deep); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("Find went above the worktree's root: %v", err)
	}
	if err := os.WriteFile(filepath.Join(repo, FileName), []byte("sonar.projectKey=wt\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if p, err := Find(deep); err != nil || p.ProjectKey != "wt" {
		t.Fatalf("Find up to the root: %+v, %v", p, err)
	}
}

// A file that group or others may write, or another user owns, is
// ignored with the reason.
func TestLoadIgnoresWritableOrForeignFiles(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix modes")
	}
	dir := t.TempDir()
	p := filepath.Join(dir, FileName)
	if err := os.WriteFile(p, []byte("sonar.host.url=https://planted.example\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, mode := range []os.FileMode{0o666, 0o620, 0o602} {
		if err := os.Chmod(p, mode); err != nil {
			t.Fatal(err)
		}
		_, err := Find(dir)
		var ie *IgnoredError
		if !errors.As(err, &ie) || !strings.Contains(err.Error(), "ignored "+p+": it is writable by group or others") || !strings.Contains(err.Error(), "chmod go-w "+p) {
			t.Errorf("mode %04o: err = %v, want IgnoredError", mode, err)
		}
	}
	if err := os.Chmod(p, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Find(dir); err != nil {
		t.Fatalf("mode 0644: %v", err)
	}
	if os.Geteuid() != 0 {
		return
	}
	if err := os.Chown(p, 4242, 4242); err != nil {
		t.Fatal(err)
	}
	_, err := Find(dir)
	var ie *IgnoredError
	if !errors.As(err, &ie) || !strings.Contains(err.Error(), "owned by another user") {
		t.Errorf("foreign file: err = %v, want IgnoredError", err)
	}
}
