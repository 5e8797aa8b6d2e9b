package config

import (
	"strings"
	"testing"
	"time"
)

// TestParseFileFullTOML reads what the in-house subset refused: inline
// tables, dotted keys and quoted keys, a multi-line array, in file order.
func TestParseFileFullTOML(t *testing.T) {
	text := `default = "b"
trusted-urls = [
  "https://a.example", # the first
  'https://b.example',
]

[profiles]
a.url = "https://a.example"
b = { url = "https://b.example", token = "keychain", "timeout" = "2m" }

[profiles."c"]
"url" = 'https://c.example'
ca-file = """/etc/ca.pem"""
`
	f, err := ParseFile([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	want := File{
		Default:     "b",
		TrustedURLs: []string{"https://a.example", "https://b.example"},
		Profiles: []Profile{
			{Name: "a", URL: "https://a.example"},
			{Name: "b", URL: "https://b.example", Token: "keychain", Timeout: 2 * time.Minute},
			{Name: "c", URL: "https://c.example", CAFile: "/etc/ca.pem"},
		},
	}
	if fmtFile(f) != fmtFile(want) {
		t.Errorf("parsed\n%s\nwant\n%s", fmtFile(f), fmtFile(want))
	}
}

func fmtFile(f File) string {
	var b strings.Builder
	b.WriteString("default=" + f.Default + " trusted=" + strings.Join(f.TrustedURLs, ","))
	for _, p := range f.Profiles {
		b.WriteString("\n" + p.Name + " " + p.URL + " " + p.Token + " " + p.TokenFile + " " + p.CAFile + " " + p.Timeout.String())
	}
	return b.String()
}

// TestParseErrorsNameTheLineOnly checks that an error of the TOML library
// or of sonartoken's rules names its line and never the value, which may
// be a token pasted by mistake.
func TestParseErrorsNameTheLineOnly(t *testing.T) {
	const secret = "squ_0123456789abcdef"
	for _, tc := range []struct {
		text string
		line string
	}{
		{"# c\n[profiles.a]\nurl = " + secret + "\n", "line 3: not valid TOML"},
		{"[profiles.a]\nurl = \"" + secret + "\n", "line 2: not valid TOML"},
		{"[profiles.a]\nurl = \"\\q" + secret + "\"\n", "line 2: not valid TOML"},
		{"[profiles.a]\nurl = 1979-05-27\ntoken-file = '" + secret + "' x\n", "line 3: not valid TOML"},
		{"[profiles.a]\n\ntoken = \"" + secret + "\"\n", `line 3: token takes only "keychain"`},
		{"[profiles]\na = { token = '" + secret + "' }\n", `line 2: token takes only "keychain"`},
		{"[profiles.a]\ntimeout = \"" + secret + "\"\n", "line 2: timeout"},
		{"[profiles.a]\nurl = \"x\"\nurl = \"" + secret + "\"\n", "line 3: url is set twice"},
		{"[profiles.a]\n[profiles.a]\n", `line 2: profile "a" is defined twice`},
		{"[profiles.a]\ntimeout = 30\n", "line 2: timeout: a value must be a quoted string"},
	} {
		_, err := ParseFile([]byte(tc.text))
		if err == nil || !strings.HasPrefix(err.Error(), tc.line) {
			t.Errorf("%q: err = %v, want it to start with %q", tc.text, err, tc.line)
		}
		if err != nil && strings.Contains(err.Error(), "0123456789") {
			t.Errorf("%q: the error quotes the value: %v", tc.text, err)
		}
	}
}

// userFile is a configuration file as a user may have written it.
const userFile = `# My servers. Keep this comment.
default = "prod" # the usual one

[profiles.prod]   # production
url = "https://sonar.example.com"
# the company CA
ca-file = '/etc/ssl/company.pem'
timeout = "1m"

[profiles]
inline = { url = "https://inline.example" }   # written inline

# staging, dotted
staging.url = "https://staging.example"
`
