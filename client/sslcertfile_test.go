package client

import (
	"context"
	"encoding/pem"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/sonartoken/sonartoken/internal/sonarsim"
)

// envChildURL switches TestSSLCertEnv into its child role: connect to
// this URL with the system's certificate pool and report.
const envChildURL = "SONARTOKEN_TEST_TLS_URL"

// TestSSLCertEnv checks that a client without --ca-file trusts an internal
// authority named by SSL_CERT_FILE or SSL_CERT_DIR, as Go's crypto/x509
// reads them for the system pool on Linux and other Unix systems. The pool
// is loaded once per process, so each case runs in a child process.
func TestSSLCertEnv(t *testing.T) {
	if url := os.Getenv(envChildURL); url != "" {
		c, err := New(Options{BaseURL: url, Retry: RetryPolicy{Max: -1}})
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.Connect(context.Background())
		c.http.CloseIdleConnections()
		if err != nil {
			t.Fatalf("CHILD-ERROR %s", Describe(err))
		}
		return
	}
	if testing.Short() {
		t.Skip("runs child processes")
	}
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		t.Skip("SSL_CERT_FILE and SSL_CERT_DIR are read on Linux and other Unix systems only")
	}
	sim := sonarsim.New(sonarsim.Options{Empty: true})
	srv := httptest.NewUnstartedServer(sim.Handler())
	srv.Config.ErrorLog = quietLog()
	srv.StartTLS()
	t.Cleanup(func() { srv.Close(); _ = sim.Close() })
	dir := t.TempDir()
	pemData := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw})
	file := filepath.Join(dir, "ca.pem")
	if err := os.WriteFile(file, pemData, 0o600); err != nil {
		t.Fatal(err)
	}
	certDir := filepath.Join(dir, "certs")
	if err := os.Mkdir(certDir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(certDir, "internal-ca.pem"), pemData, 0o600); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, "empty.pem")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		env    []string
		wantOK bool
	}{
		{"SSL_CERT_FILE", []string{"SSL_CERT_FILE=" + file, "SSL_CERT_DIR=" + filepath.Join(dir, "none")}, true},
		{"SSL_CERT_DIR", []string{"SSL_CERT_FILE=" + empty, "SSL_CERT_DIR=" + certDir}, true},
		{"neither", []string{"SSL_CERT_FILE=" + empty, "SSL_CERT_DIR=" + filepath.Join(dir, "none")}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestSSLCertEnv$", "-test.count=1")
			cmd.Env = append(os.Environ(), append(tt.env, envChildURL+"="+srv.URL)...)
			out, err := cmd.CombinedOutput()
			if tt.wantOK && err != nil {
				t.Fatalf("child failed: %v\n%s", err, out)
			}
			if !tt.wantOK && (err == nil || !strings.Contains(string(out), "unknown authority")) {
				t.Fatalf("child connected without the authority (err %v)\n%s", err, out)
			}
		})
	}
}
