package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
	"github.com/sonartoken/sonartoken/ui/tokens"
)

func TestFirstView(t *testing.T) {
	m := newModel(t, newFake(), nil, 100, 30)
	out := m.View()
	t.Log("\n" + out)
	if !strings.Contains(out, "laptop") {
		t.Fatal("no table")
	}
	_ = golden.RequireEqual[string]
	_ = tokens.ColName
}
