package archtest

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/sonartoken/sonartoken"

// pkg is what go list says of one package of the module.
type pkg struct {
	ImportPath string
	Imports    []string // direct imports, tests excluded
	Deps       []string // every package it reaches, tests excluded
}

// watchSources looks at every folder and Go file of the module, so that
// go test's cache, which records what a test opens but not what go list
// reads, runs this test again when an import changes or a file appears.
func watchSources(t *testing.T, root string) {
	t.Helper()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path != root && (strings.HasPrefix(name, ".") || name == "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(path, ".go") || d.Name() == "go.mod" {
			f, err := os.Open(path)
			if err != nil {
				return err
			}
			return f.Close()
		}
		return nil
	})
	if err != nil {
		t.Fatalf("walking the module: %v", err)
	}
}

// listPackages runs go list -deps over the module and keeps its own
// packages, with their direct imports and transitive dependencies.
func listPackages(t *testing.T) map[string]pkg {
	t.Helper()
	watchSources(t, "../..")
	cmd := exec.Command("go", "list", "-deps", "-json=ImportPath,Imports,Deps", "./...")
	cmd.Dir = "../.."
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.String())
	}
	pkgs := map[string]pkg{}
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p pkg
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatalf("decoding go list: %v", err)
		}
		if ours(p.ImportPath) {
			pkgs[rel(p.ImportPath)] = p
		}
	}
	if len(pkgs) < 10 {
		t.Fatalf("go list found only %d packages of the module: %v", len(pkgs), pkgs)
	}
	return pkgs
}

// rel turns an import path of the module into its folder ("ui/common"); a
// path outside the module stays as it is.
func rel(path string) string {
	if path == module {
		return "."
	}
	return strings.TrimPrefix(path, module+"/")
}

// ours reports whether path is a package of the module.
func ours(path string) bool {
	return path == module || strings.HasPrefix(path, module+"/")
}

// under reports whether the folder dir is root or lies below it.
func under(dir, root string) bool { return dir == root || strings.HasPrefix(dir, root+"/") }

// rule is one import rule: no package selected by from may reach (or, with
// direct, import) a package that forbidden names.
type rule struct {
	name   string
	from   func(dir string) bool
	direct bool
	// forbidden is asked of each dependency: its folder when it is one of
	// ours, else its import path.
	forbidden func(dep string, ours bool) bool
}

// charm reports whether path is a Charm library (Bubble Tea, bubbles,
// lipgloss and their kin).
func charm(path string) bool { return strings.HasPrefix(path, "github.com/charmbracelet/") }

var rules = []rule{
	{
		name: "model reaches no other package of ours and no Bubble Tea",
		from: func(d string) bool { return under(d, "model") },
		forbidden: func(dep string, ours bool) bool {
			return ours && !under(dep, "model") || charm(dep)
		},
	},
	{
		name: "client reaches only model among ours, and no Bubble Tea",
		from: func(d string) bool { return under(d, "client") },
		forbidden: func(dep string, ours bool) bool {
			return ours && !under(dep, "client") && !under(dep, "model") || charm(dep)
		},
	},
	{
		name: "internal/sonarsim reaches none of client, model, ui",
		from: func(d string) bool { return under(d, "internal/sonarsim") },
		forbidden: func(dep string, ours bool) bool {
			return ours && (under(dep, "client") || under(dep, "model") || under(dep, "ui"))
		},
	},
	{
		name: "no ui package reaches internal/sonarsim outside tests",
		from: func(d string) bool { return under(d, "ui") },
		forbidden: func(dep string, ours bool) bool {
			return ours && under(dep, "internal/sonarsim")
		},
	},
	{
		// The man pages are made at release time by internal/gendocs; the
		// binary users run does not carry their generator.
		name: "the sonartoken binary reaches no man page generator",
		from: func(d string) bool { return d == "cmd/sonartoken" },
		forbidden: func(dep string, ours bool) bool {
			return ours && under(dep, "internal/gendocs") ||
				strings.HasPrefix(dep, "github.com/spf13/cobra/doc") ||
				strings.HasPrefix(dep, "github.com/cpuguy83/go-md2man") ||
				strings.HasPrefix(dep, "github.com/russross/blackfriday")
		},
	},
	{
		name:   "ui/common does not import client",
		from:   func(d string) bool { return d == "ui/common" },
		direct: true,
		forbidden: func(dep string, ours bool) bool {
			return ours && under(dep, "client")
		},
	},
}

// TestImportRules checks the project's import rules (see the README's
// architecture notes) against what go list -deps reports. Test files are
// outside its reach: go list leaves their imports out of Imports and Deps.
func TestImportRules(t *testing.T) {
	pkgs := listPackages(t)
	for _, r := range rules {
		t.Run(r.name, func(t *testing.T) {
			matched := 0
			for _, dir := range slices.Sorted(maps.Keys(pkgs)) {
				p := pkgs[dir]
				if !r.from(dir) {
					continue
				}
				matched++
				deps := p.Deps
				if r.direct {
					deps = p.Imports
				}
				for _, d := range deps {
					if r.forbidden(rel(d), ours(d)) {
						t.Errorf("%s reaches %s", dir, d)
					}
				}
			}
			if matched == 0 {
				t.Errorf("no package of the module matched the rule: go list found %d", len(pkgs))
			}
		})
	}
}
