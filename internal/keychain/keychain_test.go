package keychain_test

import (
	"errors"
	"testing"

	"github.com/zalando/go-keyring"

	"github.com/sonartoken/sonartoken/internal/keychain"
	"github.com/sonartoken/sonartoken/internal/keychain/keychaintest"
	"github.com/sonartoken/sonartoken/model"
)

func exercise(t *testing.T, s keychain.Store) {
	t.Helper()
	if _, err := s.Get("prod"); !errors.Is(err, keychain.ErrNotFound) {
		t.Fatalf("Get before Set: err = %v, want ErrNotFound", err)
	}
	if err := s.Set("prod", model.NewSecret("squ_0123")); err != nil {
		t.Fatal(err)
	}
	got, err := s.Get("prod")
	if err != nil || got.Reveal() != "squ_0123" {
		t.Fatalf("Get = %v, %v", got.Reveal(), err)
	}
	if err := s.Delete("prod"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get("prod"); !errors.Is(err, keychain.ErrNotFound) {
		t.Fatalf("Get after Delete: err = %v, want ErrNotFound", err)
	}
}

func TestMemory(t *testing.T) { exercise(t, &keychaintest.Memory{}) }

// TestOSWithMockProvider runs the OS store over go-keyring's own in-memory
// provider, checking the error mapping without touching a real keychain.
func TestOSWithMockProvider(t *testing.T) {
	keyring.MockInit()
	exercise(t, keychain.OS{})
}

func TestOSUnavailableIsExplained(t *testing.T) {
	keyring.MockInitWithError(errors.New("The name org.freedesktop.secrets was not provided by any .service files"))
	_, err := keychain.OS{}.Get("prod")
	if !errors.Is(err, keychain.ErrUnavailable) {
		t.Fatalf("err = %v, want ErrUnavailable", err)
	}
}
