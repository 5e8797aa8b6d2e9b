package auditlog

import (
	"os"
	"testing"

	"github.com/sonartoken/sonartoken/ui/internal/widthpin"
)

// TestMain measures text as a Western terminal does, whatever
// RUNEWIDTH_EASTASIAN says.
func TestMain(m *testing.M) {
	widthpin.Pin()
	os.Exit(m.Run())
}
