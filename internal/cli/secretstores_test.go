package cli

import (
	"bufio"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/sonartoken/sonartoken/internal/sonarsim"
)

// readmeExecLines returns the COMMAND of each `sonartoken rotate ci
// --exec '...'` line of the README's "Rotating into secret stores"
// section, by the tool it runs.
func readmeExecLines(t *testing.T) map[string]string {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "..", "README.md"))
	must(t, err)
	defer f.Close()
	lines := map[string]string{}
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "### Rotating into secret stores"):
			in = true
		case in && strings.HasPrefix(line, "### "):
			in = false
		case in && strings.HasPrefix(line, "sonartoken rotate ci --exec '"):
			cmd := strings.TrimPrefix(line, "sonartoken rotate ci --exec '")
			if !strings.HasSuffix(cmd, "'") || strings.Count(cmd, "'") != 1 {
				t.Fatalf("README line not quoted as one argument: %s", line)
			}
			cmd = strings.TrimSuffix(cmd, "'")
			for _, tool := range []string{"gh", "glab", "vault", "az"} {
				if strings.Contains(" "+cmd, " "+tool+" ") {
					lines[tool] = cmd
				}
			}
		}
	}
	must(t, sc.Err())
	return lines
}

// standIn records, for the tool it stands for, its arguments (as it got
// them, and as /proc shows them to every user), its standard input and
// its environment, in $DIR.
const standIn = `#!/bin/sh
name=$(basename "$0")
printf '%s\n' "$@" > "$DIR/$name.args"
tr '\0' ' ' < /proc/$$/cmdline > "$DIR/$name.cmdline" 2>/dev/null
cat > "$DIR/$name.stdin"
env > "$DIR/$name.env"
`

// TestSecretStoreLines runs each README line of "Rotating into secret
// stores" with stand-ins for gh, glab, vault and az on PATH: the new
// value reaches the tool on its standard input (az: in the one variable
// it reads a secret from, as the README says), and never in the tool's
// arguments, nor the environment of the others.
func TestSecretStoreLines(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("sh")
	}
	lines := readmeExecLines(t)
	if len(lines) != 4 {
		t.Fatalf("README lines by tool: %v", lines)
	}
	bin := t.TempDir()
	for tool := range lines {
		must(t, os.WriteFile(filepath.Join(bin, tool), []byte(standIn), 0o755))
	}
	e := newTestEnv(t, sonarsim.Options{})
	for tool, command := range lines {
		t.Run(tool, func(t *testing.T) {
			e.issue(sonarsim.TokenSpec{Login: "admin", Name: "ci"})
			dir := t.TempDir()
			environ := []string{"PATH=" + bin + string(os.PathListSeparator) + os.Getenv("PATH"), "DIR=" + dir}
			r := e.runWith(runOpts{environ: environ}, "rotate", "ci", "--exec", command).expect(t, ExitOK)
			if e.hasToken("admin", "ci") {
				t.Fatal("the old token was not revoked")
			}
			read := func(suffix string) string {
				b, err := os.ReadFile(filepath.Join(dir, tool+suffix))
				must(t, err)
				return string(b)
			}
			stdin, args, env := read(".stdin"), read(".args")+read(".cmdline"), read(".env")
			value := strings.TrimSuffix(stdin, "\n")
			if tool == "az" {
				if stdin != "" {
					t.Errorf("az got %q on standard input", stdin)
				}
				for _, kv := range strings.Split(env, "\n") {
					if v, ok := strings.CutPrefix(kv, "AZURE_DEVOPS_EXT_PIPELINE_VAR_SONAR_TOKEN="); ok {
						value = v
					}
				}
			} else if strings.Contains(env, value) {
				t.Errorf("the value is in %s's environment", tool)
			}
			if tool == "vault" && strings.HasSuffix(stdin, "\n") {
				t.Error("vault reads token=- as it is: the newline must go")
			}
			if !valueLine.MatchString(value + "\n") {
				t.Fatalf("%s did not get a token value: stdin %q", tool, stdin)
			}
			if strings.Contains(args, value) || strings.Contains(args, value[4:]) {
				t.Errorf("the value is in %s's arguments: %s", tool, args)
			}
			for what, s := range map[string]string{"stdout": r.stdout, "stderr": r.stderr} {
				if strings.Contains(s, value[4:]) {
					t.Errorf("the value is on sonartoken's %s", what)
				}
			}
			// It is the new token's value: it signs in.
			e.runWith(runOpts{vars: map[string]string{"SONAR_TOKEN": value}}, "list").expect(t, ExitOK)
			// The tool got the arguments the README names.
			if first := strings.SplitN(read(".args"), "\n", 2)[0]; !strings.Contains(command, tool+" "+first) {
				t.Errorf("%s's first argument %q", tool, first)
			}
		})
	}
}
