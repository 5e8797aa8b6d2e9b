// Package sonarprops reads sonar-project.properties, the scanner's
// configuration file, so that sonartoken run inside a repository knows the
// project at hand: its sonar.host.url is the default server and its
// sonar.projectKey is preselected for project analysis tokens.
package sonarprops

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
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

// Parse reads the Java properties format: key=value, key:value or
// "key value"; # and ! comments; a trailing backslash continues a line;
// escapes \t \n \r \f \uXXXX and \<char>. Later keys win, as in Java.
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

// splitKeyValue splits at the first unescaped '=', ':' or whitespace; the
// separator may be surrounded by whitespace.
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

// Find looks for sonar-project.properties in dir and its parents, up to
// and including the repository root (the first folder holding .git) or
// the file system's root. It returns fs.ErrNotExist when there is none.
func Find(dir string) (Project, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return Project{}, fmt.Errorf("find %s: %w", FileName, err)
	}
	for {
		path := filepath.Join(dir, FileName)
		p, err := Load(path)
		if err == nil {
			return p, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return Project{}, err
		}
		if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
			return Project{}, fs.ErrNotExist
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return Project{}, fs.ErrNotExist
		}
		dir = parent
	}
}

// Load reads one sonar-project.properties file.
func Load(path string) (Project, error) {
	f, _, err := safefile.Open(FileName, path)
	if err != nil {
		return Project{}, err
	}
	defer f.Close()
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
