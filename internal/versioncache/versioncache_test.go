package versioncache

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/sonartoken/sonartoken/model"
)

func TestPutGet(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "sonartoken")
	c := New(dir)
	if _, ok := c.Get("https://sonar.example.com"); ok {
		t.Fatal("an empty cache remembers a version")
	}
	v, _ := model.ParseVersion("10.6.0.92116")
	if err := c.Put("https://sonar.example.com/", v); err != nil {
		t.Fatal(err)
	}
	if got, ok := c.Get("https://sonar.example.com"); !ok || got != v {
		t.Errorf("Get = %v, %v; want %v (a trailing slash names the same server)", got, ok, v)
	}
	if _, ok := c.Get("https://other.example.com"); ok {
		t.Error("another server has a version")
	}
	if runtime.GOOS == "windows" {
		return
	}
	d, _ := os.Stat(dir)
	f, _ := os.Stat(filepath.Join(dir, fileName))
	if d.Mode().Perm() != 0o700 || f.Mode().Perm() != 0o600 {
		t.Errorf("modes %v and %v, want 0700 and 0600", d.Mode().Perm(), f.Mode().Perm())
	}
}

// TestRefusesWhatIsNotARegularFile: a symbolic link planted at the
// file's name is neither followed nor written through, and a folder
// others may write to is not trusted.
func TestRefusesWhatIsNotARegularFile(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no symbolic links or FIFOs to plant")
	}
	v := model.Version{Major: 9, Minor: 9}
	target := filepath.Join(t.TempDir(), "elsewhere")
	good := New(filepath.Join(t.TempDir(), "sonartoken"))
	if err := good.Put("u", v); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(filepath.Join(good.dir, fileName))
	if err := os.WriteFile(target, data, 0o600); err != nil {
		t.Fatal(err)
	}

	link := New(t.TempDir())
	if err := os.Symlink(target, filepath.Join(link.dir, fileName)); err != nil {
		t.Fatal(err)
	}
	if _, ok := link.Get("u"); ok {
		t.Error("followed a symbolic link")
	}
	if err := link.Put("u", model.Version{Major: 10, Minor: 6}); err != nil {
		t.Fatal(err)
	}
	if after, _ := os.ReadFile(target); string(after) != string(data) {
		t.Error("wrote through a symbolic link")
	}

	open := New(t.TempDir())
	if err := open.Put("u", v); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(open.dir, 0o777); err != nil {
		t.Fatal(err)
	}
	if _, ok := open.Get("u"); ok {
		t.Error("trusted a folder anyone may write to")
	}
}

func TestDir(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	if runtime.GOOS != "linux" {
		t.Skip("the XDG rules are Linux's")
	}
	if got := Dir(env(map[string]string{"XDG_CACHE_HOME": "/c", "HOME": "/h"})); got != "/c/sonartoken" {
		t.Errorf("Dir = %q", got)
	}
	if got := Dir(env(map[string]string{"XDG_CACHE_HOME": "rel", "HOME": "/h"})); got != "/h/.cache/sonartoken" {
		t.Errorf("Dir = %q", got)
	}
	if got := Dir(env(nil)); got != "" {
		t.Errorf("Dir without HOME = %q, want none", got)
	}
}
