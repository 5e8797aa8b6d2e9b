package boxcheck

import "testing"

// TestCheck checks the check on a whole box, one cut on the right, one
// cut at the bottom.
func TestCheck(t *testing.T) {
	t.Parallel()
	whole := "x ╭──╮\n  │ab│\n  ╰──╯"
	if n, err := Check(whole, true); n != 1 || err != nil {
		t.Fatalf("whole: %d, %v", n, err)
	}
	if _, err := Check("x ╭──\n  │ab\n  ╰──", false); err == nil {
		t.Fatal("cut on the right: no error")
	}
	if _, err := Check("x ╭──╮\n  │abc", false); err == nil {
		t.Fatal("side cut: no error")
	}
	if _, err := Check("x ╭──╮\n  │ab│", true); err == nil {
		t.Fatal("cut at the bottom: no error")
	}
	if _, err := Check("x ╭──╮\n  │ab│", false); err != nil {
		t.Fatal(err)
	}
}
