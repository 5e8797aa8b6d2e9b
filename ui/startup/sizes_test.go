package startup_test

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"strings"
	"syscall"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/ui/common"
	"github.com/sonartoken/sonartoken/ui/internal/boxcheck"
	"github.com/sonartoken/sonartoken/ui/startup"
)

const sweepURL = "https://sonarqube.build.internal.example.com/sonar"

// failures are errors that give each of the error screens.
var failures = map[string]error{
	"refused":   &net.OpError{Op: "dial", Net: "tcp", Err: &os.SyscallError{Syscall: "connect", Err: syscall.ECONNREFUSED}},
	"dns":       &net.OpError{Op: "dial", Net: "tcp", Err: &net.DNSError{Err: "no such host", Name: "sonarqube.build.internal.example.com", IsNotFound: true}},
	"unknownCA": x509.UnknownAuthorityError{},
	"hostname":  x509.HostnameError{Certificate: &x509.Certificate{DNSNames: []string{"other.example.com"}}, Host: "sonarqube.build.internal.example.com"},
	"invalid":   x509.CertificateInvalidError{Cert: &x509.Certificate{}, Reason: x509.Expired},
	"401":       client.ErrUnauthorized,
	"403":       client.ErrForbidden,
	"notSQ":     client.ErrNotSonarQube,
	"timeout":   context.DeadlineExceeded,
	"scheme":    http.ErrSchemeMismatch,
	"other":     errors.New("an error nobody foresaw, long enough to need wrapping at every width the sweep tries"),
}

// sweepScreens opens each start-up screen: connecting, every error screen,
// the welcome form (plain, with the keychain's profile, with a problem),
// with and without a banner.
func sweepScreens() map[string]startup.Model {
	out := map[string]startup.Model{}
	for _, banners := range [][]string{nil, {"--insecure: TLS certificates are not verified; anyone on the path can read your token."}} {
		suffix := ""
		if banners != nil {
			suffix = "+banner"
		}
		fresh := func() startup.Model { return startup.New(common.New(clock), banners) }
		m := fresh()
		m.Connecting(sweepURL)
		out["connecting"+suffix] = m
		for name, err := range failures {
			m := fresh()
			m.Fail(sweepURL, err)
			out["error_"+name+suffix] = m
		}
		welcome := fresh()
		welcome.Welcome(startup.WelcomeParams{Profile: "default", CanSave: true, CanDemo: true})
		out["welcome"+suffix] = welcome
		saving := welcome
		for _, k := range []tea.KeyMsg{{Type: tea.KeyTab}, {Type: tea.KeyTab}, {Type: tea.KeySpace, Runes: []rune{' '}}} {
			saving, _ = saving.Update(k)
		}
		out["welcome_profile"+suffix] = saving
		refused, _ := welcome.Update(tea.KeyMsg{Type: tea.KeyEnter})
		refused, _ = refused.Update(tea.KeyMsg{Type: tea.KeyTab})
		refused, _ = refused.Update(tea.KeyMsg{Type: tea.KeyEnter})
		out["welcome_problem"+suffix] = refused
		trust := fresh()
		trust.AskTrust(sweepURL, "/home/developer/src/a-rather-long-repository-name/services/api/sonar-project.properties")
		out["trust"+suffix] = trust
	}
	return out
}

// TestStartupEverySize renders every start-up screen at every size of a
// coarse grid from 1×1 to 300×100, as TestEverySize does the console's:
// no panic, no line wider than the terminal, no more lines than it has,
// and from 80×24 up every box whole.
func TestStartupEverySize(t *testing.T) {
	t.Parallel()
	widths := []int{1, 2, 5, 10, 20, 40, 59, 60, 61, 70, 79, 80, 81, 100, 120, 200, 300}
	heights := []int{1, 2, 5, 11, 12, 15, 23, 24, 30, 50, 100}
	for name, base := range sweepScreens() {
		t.Run(name, func(t *testing.T) {
			framed := false
			for _, w := range widths {
				for _, h := range heights {
					m := base
					m.SetSize(w, h)
					view := m.View()
					where := fmt.Sprintf("%s at %dx%d", name, w, h)
					lines := strings.Split(view, "\n")
					if len(lines) > h {
						t.Errorf("%s: %d lines:\n%s", where, len(lines), view)
					}
					for i, l := range lines {
						if lw := lipgloss.Width(l); lw > w {
							t.Errorf("%s: line %d is %d wide: %q", where, i+1, lw, l)
							break
						}
					}
					if w < 80 || h < 24 {
						continue
					}
					boxes, err := boxcheck.Check(view, true)
					framed = framed || boxes > 0
					if err != nil {
						t.Errorf("%s: %v\n%s", where, err, view)
					}
				}
			}
			if !strings.HasPrefix(name, "connecting") && !framed {
				t.Errorf("%s: no box drawn: the check is blind", name)
			}
		})
	}
}
