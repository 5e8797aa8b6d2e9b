// Package sonarprops reads sonar-project.properties for the default server and project key.
package sonarprops

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"

	"github.com/sonartoken/sonartoken/internal/safefile"
)

// FileName is the scanner's configuration file.
const FileName = "sonar-project.properties"

// maxFileSize bounds what is read; real files are a few kilobytes.
const maxFileSize = 1 << 20

// Project is what sonartoken takes from the file.
type Project struct {
	Path       string // the file read
	HostURL    string // sonar.host.url, "" when absent
	ProjectKey string // sonar.projectKey, "" when absent
}

// Parse reads Java's properties format; later keys win.
func Parse(data string) map[string]string {
	out := map[string]string{}
	lines := logicalLines(data)
	for _, line := range lines {
		key, value := splitKeyValue(line)
		out[unescape(key)] = unescape(value)
	}
	return out
}

// logicalLines joins continued lines and drops blanks and comments.
func logicalLines(data string) []string {
	data = strings.ReplaceAll(data, "\r\n", "\n")
	data = strings.ReplaceAll(data, "\r", "\n")
	var out []string
	var cur strings.Builder
	continuing := false
	for _, raw := range strings.Split(data, "\n") {
		line := strings.TrimLeft(raw, " \t\f")
		if !continuing && (line == "" || line[0] == '#' || line[0] == '!') {
			continue
		}
		if endsWithOddBackslashes(line) {
			cur.WriteString(line[:len(line)-1])
			continuing = true
			continue
		}
		cur.WriteString(line)
		out = append(out, cur.String())
		cur.Reset()
		continuing = false
	}
	if continuing && cur.Len() > 0 {
		out = append(out, cur.String())
	}
	return out
}

func endsWithOddBackslashes(s string) bool {
	n := 0
	for i := len(s) - 1; i >= 0 && s[i] == '\\'; i-- {
		n++
	}
	return n%2 == 1
}

// splitKeyValue splits at the first unescaped '=', ':' or white space.
func splitKeyValue(line string) (string, string) {
	i := 0
	for i < len(line) {
		c := line[i]
		if c == '\\' {
			i += 2
			continue
		}
		if c == '=' || c == ':' || c == ' ' || c == '\t' || c == '\f' {
			break
		}
		i++
	}
	if i >= len(line) {
		return line, ""
	}
	key := line[:i]
	rest := strings.TrimLeft(line[i:], " \t\f")
	if rest != "" && (rest[0] == '=' || rest[0] == ':') {
		rest = strings.TrimLeft(rest[1:], " \t\f")
	}
	return key, rest
}

func unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 >= len(s) {
			b.WriteByte(c)
			continue
		}
		i++
		switch s[i] {
		case 't':
			b.WriteByte('\t')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 'f':
			b.WriteByte('\f')
		case 'u':
			if i+4 < len(s) {
				if n, err := strconv.ParseUint(s[i+1:i+5], 16, 16); err == nil {
					b.WriteRune(rune(n))
					i += 4
					continue
				}
			}
			b.WriteByte('u')
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// IgnoredError is a file sonartoken does not trust (another user's, or
// writable by others), so its server could be anyone's.
type IgnoredError struct {
	Path string
	// Why is the reason, in words ending with the fix.
	Why string
}

// Error names the file and why it is ignored.
func (e *IgnoredError) Error() string { return "ignored " + e.Path + ": it " + e.Why }

// Find reads dir and, in a repository, its parents up to the root; outside
// one only dir, so a file planted in /tmp or home is never picked up.
func Find(dir string) (Project, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return Project{}, fmt.Errorf("find %s: %w", FileName, err)
	}
	root, ok := repositoryRoot(dir)
	if !ok {
		root = dir
	}
	for {
		p, err := Load(filepath.Join(dir, FileName))
		if !errors.Is(err, fs.ErrNotExist) {
			return p, err
		}
		parent := filepath.Dir(dir)
		if dir == root || parent == dir {
			return Project{}, fs.ErrNotExist
		}
		dir = parent
	}
}

// repositoryRoot is the nearest folder holding .git.
func repositoryRoot(dir string) (string, bool) {
	for {
		if _, err := os.Lstat(filepath.Join(dir, ".git")); err == nil {
			return dir, true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}

// Load reads one file, refusing what Find would not trust.
func Load(path string) (Project, error) {
	f, fi, err := safefile.Open("file", path)
	var special *safefile.NotRegularError
	var foreign *safefile.OwnerError
	switch {
	case errors.As(err, &foreign):
		return Project{}, &IgnoredError{Path: path, Why: fmt.Sprintf("is owned by another user (uid %d): its sonar.host.url could be anyone's", foreign.UID)}
	case errors.As(err, &special):
		return Project{}, &IgnoredError{Path: path, Why: "is " + safefile.Kind(special.Mode) + ", not a regular file"}
	case err != nil:
		return Project{}, err
	}
	defer f.Close()
	if runtime.GOOS != "windows" && fi.Mode().Perm()&0o022 != 0 {
		return Project{}, &IgnoredError{Path: path, Why: fmt.Sprintf("is writable by group or others (mode %04o): its sonar.host.url could be anyone's; run chmod go-w %s", fi.Mode().Perm(), path)}
	}
	data, err := io.ReadAll(io.LimitReader(f, maxFileSize+1))
	if err != nil {
		return Project{}, fmt.Errorf("read %s: %w", path, err)
	}
	if len(data) > maxFileSize {
		return Project{}, fmt.Errorf("read %s: larger than %d bytes", path, maxFileSize)
	}
	props := Parse(string(data))
	return Project{
		Path:       path,
		HostURL:    strings.TrimSpace(props["sonar.host.url"]),
		ProjectKey: strings.TrimSpace(props["sonar.projectKey"]),
	}, nil
}
