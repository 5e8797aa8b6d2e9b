package sonarprops

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want map[string]string
	}{
		{"equals", "sonar.projectKey=my-app\n", map[string]string{"sonar.projectKey": "my-app"}},
		{"colon and spaces", "sonar.projectKey : my-app  \n", map[string]string{"sonar.projectKey": "my-app  "}},
		{"whitespace separator", "sonar.projectKey   my-app", map[string]string{"sonar.projectKey": "my-app"}},
		{"comments", "# a comment\n! another\n  # indented\nk=v", map[string]string{"k": "v"}},
		{"continuation", "sonar.sources=src,\\\n    test\n", map[string]string{"sonar.sources": "src,test"}},
		{"escaped backslash is not continuation", "k=C:\\\\\nnext=1", map[string]string{"k": `C:\`, "next": "1"}},
		{"unicode escape", `name=caf\u00e9`, map[string]string{"name": "café"}},
		{"escaped separator in key", `a\=b=c`, map[string]string{"a=b": "c"}},
		{"tab and newline escapes", `k=a\tb\nc`, map[string]string{"k": "a\tb\nc"}},
		{"key only", "lonely", map[string]string{"lonely": ""}},
		{"later wins", "k=1\nk=2", map[string]string{"k": "2"}},
		{"crlf", "a=1\r\nb=2\r\n", map[string]string{"a": "1", "b": "2"}},
		{"url value keeps colons", "sonar.host.url=https://sonar.example.com:9000", map[string]string{"sonar.host.url": "https://sonar.example.com:9000"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Parse(tt.in)
			if len(got) != len(tt.want) {
				t.Fatalf("Parse(%q) = %q, want %q", tt.in, got, tt.want)
			}
			for k, v := range tt.want {
				if got[k] != v {
					t.Errorf("Parse(%q)[%q] = %q, want %q", tt.in, k, got[k], v)
				}
			}
		})
	}
}

func TestFindWalksUpToRepositoryRoot(t *testing.T) {
	root := t.TempDir()
	repo := filepath.Join(root, "repo")
	deep := filepath.Join(repo, "svc", "api")
	if err := os.MkdirAll(filepath.Join(repo, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	// A file above the repository root must not be picked up.
	if err := os.WriteFile(filepath.Join(root, FileName), []byte("sonar.projectKey=outside\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Find(deep); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("Find above the repository root: err = %v, want fs.ErrNotExist", err)
	}
	content := "# scanner settings\nsonar.projectKey=my-app\nsonar.host.url = https://sonar.example.com\n"
	if err := os.WriteFile(filepath.Join(repo, FileName), []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := Find(deep)
	if err != nil {
		t.Fatal(err)
	}
	if p.ProjectKey != "my-app" || p.HostURL != "https://sonar.example.com" || p.Path != filepath.Join(repo, FileName) {
		t.Fatalf("Find = %+v", p)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"sonar.projectKey=my-app\n",
		"a\\\n b=c\\u00e9\\",
		"# c\n! d\nk : v\r\n",
		`\u12`,
		"k=v\\\\\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		props := Parse(s)
		// Re-serialising a parsed value with escapes must round-trip.
		for k, v := range props {
			again := Parse(escape(k) + "=" + escape(v))
			if got, ok := again[k]; !ok || got != v {
				t.Fatalf("round trip of %q=%q gave %q", k, v, again)
			}
		}
	})
}

// escape writes a key or value so that Parse reads it back unchanged.
func escape(s string) string {
	var out []byte
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\', '=', ':', '#', '!', ' ':
			out = append(out, '\\', c)
		case '\t':
			out = append(out, '\\', 't')
		case '\n':
			out = append(out, '\\', 'n')
		case '\r':
			out = append(out, '\\', 'r')
		case '\f':
			out = append(out, '\\', 'f')
		default:
			out = append(out, c)
		}
	}
	return string(out)
}
