// Package versioncache remembers each server's version so requests can go
// together; it names the user's servers, so it is the user's own 0600 file.
package versioncache

import (
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/sonartoken/sonartoken/internal/safefile"
	"github.com/sonartoken/sonartoken/model"
)

// fileName is the cache file's name in the cache folder.
const fileName = "server-versions.json"

// maxFile bounds what is read of the file: a few hundred servers.
const maxFile = 64 << 10

// maxServers bounds the servers remembered; past it the file starts over.
const maxServers = 200

// Cache is the cache in one folder; the zero Cache remembers nothing.
type Cache struct {
	dir string
}

// Dir is os.UserCacheDir's sonartoken for getenv; "" when unknown.
func Dir(getenv func(string) string) string {
	var base string
	switch runtime.GOOS {
	case "windows":
		base = getenv("LocalAppData")
	case "darwin", "ios":
		if h := getenv("HOME"); h != "" {
			base = filepath.Join(h, "Library", "Caches")
		}
	default:
		base = getenv("XDG_CACHE_HOME")
		if !filepath.IsAbs(base) {
			base = ""
			if h := getenv("HOME"); h != "" {
				base = filepath.Join(h, ".cache")
			}
		}
	}
	if base == "" {
		return ""
	}
	return filepath.Join(base, "sonartoken")
}

// New returns the cache kept in dir ("" for none).
func New(dir string) Cache { return Cache{dir: dir} }

func key(url string) string { return strings.TrimRight(url, "/") }

// Get returns the version remembered for the server at url.
func (c Cache) Get(url string) (model.Version, bool) {
	m, err := c.read()
	if err != nil {
		return model.Version{}, false
	}
	s, ok := m[key(url)]
	if !ok {
		return model.Version{}, false
	}
	v, err := model.ParseVersion(s)
	return v, err == nil
}

// putMu serialises one process's read-add-write Puts (a multi-server review),
// which would otherwise keep only one server.
var putMu sync.Mutex

// Put remembers url's version; nothing when unchanged.
func (c Cache) Put(url string, v model.Version) error {
	if c.dir == "" {
		return nil
	}
	putMu.Lock()
	defer putMu.Unlock()
	// An unreadable or refused file is replaced: it is only a cache.
	m, _ := c.read()
	if m == nil || len(m) >= maxServers {
		m = map[string]string{}
	}
	if m[key(url)] == v.String() {
		return nil
	}
	m[key(url)] = v.String()
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return fmt.Errorf("version cache: %w", err)
	}
	if err := os.MkdirAll(c.dir, 0o700); err != nil {
		return fmt.Errorf("version cache: %w", err)
	}
	if err := checkDir(c.dir); err != nil {
		return err
	}
	// Renamed over: no half file, and a planted link is replaced, not followed.
	if err := safefile.Replace(filepath.Join(c.dir, fileName), data); err != nil {
		return fmt.Errorf("version cache: %w", err)
	}
	return nil
}

// checkDir refuses a non-folder or one others may write.
func checkDir(dir string) error {
	fi, err := os.Lstat(dir)
	if err != nil {
		return fmt.Errorf("version cache: %w", err)
	}
	if !fi.IsDir() {
		return fmt.Errorf("version cache: %s is not a folder", dir)
	}
	if runtime.GOOS != "windows" && fi.Mode().Perm()&0o022 != 0 {
		return fmt.Errorf("version cache: others may write to %s", dir)
	}
	return nil
}

func (c Cache) read() (map[string]string, error) {
	if c.dir == "" {
		return nil, fs.ErrNotExist
	}
	path := filepath.Join(c.dir, fileName)
	fi, err := os.Lstat(path)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("version cache: %s is not a regular file", path)
	}
	if err := checkDir(c.dir); err != nil {
		return nil, err
	}
	// A FIFO swapped in after the Lstat neither blocks nor is read.
	f, now, err := safefile.Open("version cache", path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if !os.SameFile(fi, now) {
		return nil, fmt.Errorf("version cache: %s changed while opened", path)
	}
	data, err := io.ReadAll(io.LimitReader(f, maxFile+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxFile {
		return nil, fmt.Errorf("version cache: %s is larger than %d KB", path, maxFile>>10)
	}
	var m map[string]string
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("version cache: %w", err)
	}
	return m, nil
}
