package ui

import (
	"encoding/json"
	"github.com/sonartoken/sonartoken/ui/common"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sonartoken/sonartoken/internal/report"
	"github.com/sonartoken/sonartoken/internal/sonarsim"
	"github.com/sonartoken/sonartoken/ui/confirm"
	"github.com/sonartoken/sonartoken/ui/export"
)

// exportTo presses e and types path in place of the suggested name.
func exportTo(t *testing.T, m Model, path string) Model {
	t.Helper()
	m = press(m, "e")
	if _, ok := m.dialog.(export.Model); !ok {
		t.Fatalf("e opened %T:\n%s", m.dialog, m.View())
	}
	m = drive(m, tea.KeyMsg{Type: tea.KeyCtrlU})
	return press(typeText(m, path), "enter")
}

// TestExportEndToEnd: e in the review, filtered to the expired tokens,
// writes those rows (and only those) as CSV, then as JSON, mode 0600;
// the path is printed; an existing file is replaced only after a yes.
func TestExportEndToEnd(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("end-to-end")
	}
	_, c := simAdmin(t, sonarsim.Options{Seed: 1})
	m := newModel(t, c, &fakeClipboard{}, 100, 30)
	m = press(m, "R", "1")
	shown := m.review.Table().ShownTokens()
	if len(shown) == 0 || len(shown) == m.review.Table().Len() {
		t.Fatalf("the filter keeps %d of %d", len(shown), m.review.Table().Len())
	}
	dir := t.TempDir()
	csvPath := filepath.Join(dir, "expired.csv")
	m = exportTo(t, m, csvPath)
	if m.dialog != nil || !strings.Contains(m.Status().Info(), "Exported "+common.Plural(len(shown), "token")+" to "+csvPath) {
		t.Fatalf("after enter: %T, status %q / %q", m.dialog, m.Status().Info(), m.Status().Error())
	}
	b, err := os.ReadFile(csvPath)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	// The review's listing gave sign-ins: the owner's is the last column,
	// as in review --format csv.
	if lines[0] != strings.Join(report.CSVHeader, ",")+",ownerLastSignIn" || len(lines) != len(shown)+1 {
		t.Fatalf("CSV:\n%s", b)
	}
	for i, tok := range shown {
		if !strings.HasPrefix(lines[i+1], tok.Login+","+tok.Name+",") || !strings.Contains(lines[i+1], ",expired,") {
			t.Errorf("row %d: %s (want %s %s)", i, lines[i+1], tok.Login, tok.Name)
		}
	}
	if fi, _ := os.Stat(csvPath); runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v", fi.Mode())
	}

	jsonPath := filepath.Join(dir, "expired.json")
	m = exportTo(t, m, jsonPath)
	var got []report.Token
	if b, _ := os.ReadFile(jsonPath); json.Unmarshal(b, &got) != nil || len(got) != len(shown) || got[0].Status != "expired" {
		t.Errorf("JSON: %s", b)
	}

	// An existing file: asked first; no keeps it, yes replaces it.
	if err := os.WriteFile(csvPath, []byte("keep"), 0o600); err != nil {
		t.Fatal(err)
	}
	m = exportTo(t, m, csvPath)
	if _, ok := m.dialog.(confirm.Model); !ok || !strings.Contains(m.View(), csvPath+" exists") {
		t.Fatalf("an existing file: %T\n%s", m.dialog, m.View())
	}
	m = press(m, "n")
	if b, _ := os.ReadFile(csvPath); string(b) != "keep" {
		t.Fatalf("no replaced the file: %q", b)
	}
	m = exportTo(t, m, csvPath)
	m = press(m, "y")
	if b, _ := os.ReadFile(csvPath); !strings.HasPrefix(string(b), "login,") {
		t.Errorf("yes did not replace the file: %q", b)
	}

	// A name without .csv or .json is refused in the dialog.
	m = exportTo(t, m, filepath.Join(dir, "x.txt"))
	if _, ok := m.dialog.(export.Model); !ok || !strings.Contains(m.View(), "Name the file .csv or .json") {
		t.Errorf("x.txt:\n%s", m.View())
	}
}

// A FIFO in place of the file is refused, and the status line says why.
func TestExportRefusesAFIFO(t *testing.T) {
	t.Parallel()
	if testing.Short() || runtime.GOOS == "windows" {
		t.Skip("end-to-end, Unix")
	}
	_, c := simAdmin(t, sonarsim.Options{Seed: 1})
	m := newModel(t, c, &fakeClipboard{}, 100, 30)
	fifo := filepath.Join(t.TempDir(), "pipe.csv")
	if err := mkfifo(fifo); err != nil {
		t.Skip(err)
	}
	m = exportTo(t, m, fifo)
	if e := m.Status().Error(); !strings.Contains(e, "not a regular file") {
		t.Errorf("status %q", e)
	}
}
