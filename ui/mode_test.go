package ui

import "testing"

// TestModeNamesEveryDialog: Mode reports the table only when no dialog is
// open: the detail view (enter) and the export (e) have their own modes.
func TestModeNamesEveryDialog(t *testing.T) {
	t.Parallel()
	m := newModel(t, newFake(), &fakeClipboard{}, 100, 30)
	for _, c := range []struct {
		key  string
		want Mode
	}{{"enter", ModeDetail}, {"e", ModeExport}} {
		opened := press(m, c.key)
		if opened.dialog == nil {
			t.Fatalf("%s opened no dialog", c.key)
		}
		if got := opened.Mode(); got != c.want {
			t.Errorf("%s: mode %v, want %v", c.key, got, c.want)
		}
		if closed := press(opened, "esc"); closed.Mode() != ModeTable || closed.dialog != nil {
			t.Errorf("%s then esc: mode %v", c.key, closed.Mode())
		}
	}
}
