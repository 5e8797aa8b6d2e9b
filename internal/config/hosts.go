package config

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/sonartoken/sonartoken/internal/safefile"
)

// sonartoken never writes config.toml, keeping the user's text byte for byte; it
// rewrites hosts.toml beside it, as gh keeps hosts.yml. A name in both is refused.

// OwnedFileName is the file sonartoken writes beside config.toml.
const OwnedFileName = "hosts.toml"

// OwnedPath returns hosts.toml's path beside the configuration file.
func OwnedPath(path string) string { return filepath.Join(filepath.Dir(path), OwnedFileName) }

// readBoth reads both files, a missing one as empty. A link in place of
// hosts.toml is refused: sonartoken writes a regular file there.
func readBoth(path string) (user, own File, err error) {
	user, uerr := readOne(path)
	own, oerr := readOwned(OwnedPath(path))
	for _, err := range []error{uerr, oerr} {
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return File{}, File{}, err
		}
	}
	if uerr != nil && oerr != nil {
		return File{}, File{}, uerr
	}
	return user, own, nil
}

func readOwned(path string) (File, error) {
	if fi, err := os.Lstat(path); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		return File{}, &safefile.NotRegularError{What: "configuration file", Path: path, Mode: fi.Mode()}
	}
	return readOne(path)
}

// merge reads both files as one, config.toml's default and theme first.
func merge(user, own File, path string) (File, error) {
	all := user
	all.Profiles = slices.Clone(user.Profiles)
	all.TrustedURLs = append(slices.Clone(user.TrustedURLs), own.TrustedURLs...)
	all.Default = cmp.Or(user.Default, own.Default)
	all.Theme = cmp.Or(user.Theme, own.Theme)
	for _, p := range own.Profiles {
		for _, q := range user.Profiles {
			if q.Name == p.Name {
				return File{}, fmt.Errorf("profile %s is in both %s and %s, and sonartoken does not guess which one you mean: delete [profiles.%s] from one of them", p.Name, path, OwnedPath(path), tomlKey(p.Name))
			}
			if strings.EqualFold(q.Name, p.Name) {
				return File{}, fmt.Errorf("%w (%q is in %s, %q in %s)", caseClash(p.Name, q.Name), q.Name, path, p.Name, OwnedPath(path))
			}
		}
		all.Profiles = append(all.Profiles, p)
	}
	return all, nil
}

// CheckProfile returns what SaveProfile would refuse, writing nothing.
func CheckProfile(path string, p Profile) error {
	user, own, err := readBoth(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	_, err = check(user, own, p, path)
	return err
}

// check is CheckProfile on the files read; it returns them merged.
func check(user, own File, p Profile, path string) (File, error) {
	all, err := merge(user, own, path)
	if err != nil {
		return File{}, err
	}
	if err := CheckProfileName(p.Name, all); err != nil {
		return File{}, err
	}
	if q, ok := user.Lookup(p.Name); ok {
		if diff := changes(q, p); diff != "" {
			return File{}, fmt.Errorf("profile %s is in %s, which sonartoken never rewrites, and saving it would change %s: make that change there yourself, or delete [profiles.%s] from it so that sonartoken keeps the profile in %s", p.Name, path, diff, tomlKey(p.Name), OwnedPath(path))
		}
	}
	return all, nil
}

// changes names the keys that differ, with both values.
func changes(was, now Profile) string {
	was.URL, now.URL = sameURL(was.URL), sameURL(now.URL)
	var out []string
	o, n := was.values(), now.values()
	for i, key := range profileKeys {
		if o[i] != n[i] {
			out = append(out, fmt.Sprintf("%s from %s to %s", key, shown(key, o[i]), shown(key, n[i])))
		}
	}
	return strings.Join(out, ", ")
}

func sameURL(u string) string {
	if n, _, err := normalizeURL(u); err == nil {
		return n
	}
	return u
}

func shown(key, v string) string {
	if v == "" {
		return "unset"
	}
	return profileValue(key, v)
}

// SaveProfile saves p in hosts.toml (default when none is) and returns the file that holds p.
func SaveProfile(path string, p Profile) (string, error) {
	where := OwnedPath(path)
	err := update(path, func(user File, own *File) error {
		all, err := check(user, *own, p, path)
		if err != nil {
			return err
		}
		if all.Default == "" {
			own.Default = p.Name
		}
		if _, ok := user.Lookup(p.Name); ok {
			where = path
		} else {
			own.Upsert(p)
		}
		return nil
	})
	return where, err
}

// LockFileName is the lock saves of hosts.toml hold, left in place.
const LockFileName = "hosts.toml.lock"

// update changes hosts.toml under the lock from read to write, so two
// processes saving at once each keep the other's change.
func update(path string, change func(user File, own *File) error) error {
	dir := filepath.Dir(OwnedPath(path))
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("write configuration: %w", err)
	}
	unlock, err := safefile.Lock(filepath.Join(dir, LockFileName))
	if err != nil {
		return fmt.Errorf("write configuration: %w", err)
	}
	defer unlock()
	user, own, err := readBoth(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	before := own.Marshal()
	if err := change(user, &own); err != nil {
		return err
	}
	if after := own.Marshal(); !bytes.Equal(before, after) {
		return writeConfigFile(OwnedPath(path), after)
	}
	return nil
}
