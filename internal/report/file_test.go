package report

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/sonartoken/sonartoken/model"
)

var now = time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)

func sample() Report {
	exp := now.Add(3 * 24 * time.Hour)
	return Report{Now: now, Within: model.DefaultExpiringWithin, Tokens: []model.Token{
		{Login: "ada", Name: "ci", Type: model.TypeProject, ProjectKey: "shop", ProjectName: "Shop", CreatedAt: now.Add(-time.Hour), ExpiresAt: &exp},
		{Login: "bob", Name: "=cmd", Type: model.TypeUser, CreatedAt: now.Add(-time.Hour)},
	}}
}

func TestWriteFileByExtension(t *testing.T) {
	dir := t.TempDir()
	csvPath := filepath.Join(dir, "tokens.CSV")
	if err := WriteFile(csvPath, sample(), false); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(csvPath)
	want := "login,name,type,projectKey,createdAt,lastConnectionDate,expirationDate,status\n" +
		"ada,ci,PROJECT_ANALYSIS_TOKEN,shop,2026-11-30T11:00:00Z,,2026-12-03T12:00:00Z,expiring\n" +
		"bob,'=cmd,USER_TOKEN,,2026-11-30T11:00:00Z,,,no-expiration\n"
	if string(b) != want {
		t.Errorf("CSV:\n%s\nwant:\n%s", b, want)
	}
	jsonPath := filepath.Join(dir, "tokens.json")
	if err := WriteFile(jsonPath, sample(), false); err != nil {
		t.Fatal(err)
	}
	b, _ = os.ReadFile(jsonPath)
	var got []Token
	if err := json.Unmarshal(b, &got); err != nil || len(got) != 2 || got[0].Status != "expiring" || got[0].Project.Name != "Shop" || got[1].Name != "=cmd" {
		t.Errorf("JSON %s: %v", b, err)
	}
	if runtime.GOOS != "windows" {
		for _, p := range []string{csvPath, jsonPath} {
			fi, _ := os.Stat(p)
			if fi.Mode().Perm() != 0o600 {
				t.Errorf("%s: mode %v", p, fi.Mode())
			}
		}
	}
	if err := WriteFile(filepath.Join(dir, "tokens.txt"), sample(), false); !errors.Is(err, ErrFormat) {
		t.Errorf(".txt: %v", err)
	}
}

func TestWriteFileRefusesToOverwriteUnlessAsked(t *testing.T) {
	p := filepath.Join(t.TempDir(), "out.csv")
	if err := os.WriteFile(p, []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(p, sample(), false); !errors.Is(err, ErrExists) {
		t.Fatalf("existing file: %v", err)
	}
	if b, _ := os.ReadFile(p); string(b) != "keep me" {
		t.Fatalf("the refused export changed the file: %q", b)
	}
	if err := WriteFile(p, sample(), true); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(p)
	fi, _ := os.Stat(p)
	if !strings.HasPrefix(string(b), "login,") || (runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600) {
		t.Errorf("overwritten: %q, mode %v", b, fi.Mode())
	}
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(p), ".out.csv.*"))
	if len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}
