// Package secrettest finds token values, and their HTTP forms, where they must
// never be; failures show only a value's first characters.
package secrettest

import (
	"bytes"
	"encoding/base64"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// minLength: shorter would match ordinary text (SonarQube's are 40 or 44).
const minLength = 8

// Form is one way a value can appear in output.
type Form struct {
	Name string // "raw", "basic auth", "base64", "url-escaped"
	Text string
}

// Forms returns the forms of value to look for, without duplicates.
func Forms(value string) []Form {
	forms := []Form{
		{"raw", value},
		{"basic auth", base64.StdEncoding.EncodeToString([]byte(value + ":"))},
		{"base64", base64.StdEncoding.EncodeToString([]byte(value))},
		{"base64url", base64.RawURLEncoding.EncodeToString([]byte(value))},
		{"url-escaped", url.QueryEscape(value)},
	}
	out := forms[:0]
	seen := map[string]bool{}
	for _, f := range forms {
		if !seen[f.Text] {
			seen[f.Text] = true
			out = append(out, f)
		}
	}
	return out
}

// Mask returns the first characters of value and its length, for messages.
func Mask(value string) string {
	n := min(len(value), 6)
	return value[:n] + "…(" + strconv.Itoa(len(value)) + " chars)"
}

// AssertNoSecretsIn fails t if data holds any value in any of its Forms.
func AssertNoSecretsIn(t testing.TB, what string, data []byte, values []string) {
	t.Helper()
	for i, v := range values {
		if len(v) < minLength {
			t.Errorf("secrettest: value #%d is %d characters long: too short to look for", i, len(v))
			continue
		}
		for _, f := range Forms(v) {
			if at := bytes.Index(data, []byte(f.Text)); at >= 0 {
				t.Errorf("secret #%d %s found in %s at byte %d (%s form)", i, Mask(v), what, at, f.Name)
			}
		}
	}
}

// AssertNoSecrets checks every regular file under dir and returns how many it read.
func AssertNoSecrets(t testing.TB, dir string, values []string) int {
	t.Helper()
	files := 0
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.Type().IsRegular() {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		files++
		rel, rerr := filepath.Rel(dir, path)
		if rerr != nil {
			rel = path
		}
		AssertNoSecretsIn(t, rel, data, values)
		return nil
	})
	if err != nil {
		t.Errorf("secrettest: walk %s: %v", dir, err)
	}
	return files
}
