package common

import (
	"slices"
	"testing"
)

func TestPack(t *testing.T) {
	t.Parallel()
	tests := []struct {
		parts []string
		width int
		want  []string
	}{
		{[]string{"a", "b", "c"}, 20, []string{"a · b · c"}},
		{[]string{"alpha", "beta", "gamma"}, 12, []string{"alpha · beta", "gamma"}},
		// A part wider than the line is cut, wherever it stands.
		{[]string{"a-very-long-part", "b"}, 8, []string{"a-very-…", "b"}},
		{[]string{"b", "a-very-long-part"}, 8, []string{"b", "a-very-…"}},
		{nil, 8, nil},
	}
	for _, tt := range tests {
		if got := Pack(tt.parts, " · ", tt.width); !slices.Equal(got, tt.want) {
			t.Errorf("Pack(%q, %d) = %q, want %q", tt.parts, tt.width, got, tt.want)
		}
	}
}
