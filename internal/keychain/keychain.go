// Package keychain keeps console tokens in the OS keychain behind a small interface.
package keychain

import (
	"errors"
	"fmt"

	"github.com/zalando/go-keyring"

	"github.com/sonartoken/sonartoken/model"
)

// Service is the name entries are stored under.
const Service = "sonartoken"

// ErrNotFound means no token is stored for the profile.
var ErrNotFound = errors.New("no token stored in the keychain for this profile")

// ErrUnavailable: no usable keychain (a headless box without Secret Service).
var ErrUnavailable = errors.New("no OS keychain is available on this machine")

// Store reads and writes one token per profile.
type Store interface {
	Get(profile string) (model.Secret, error)
	Set(profile string, token model.Secret) error
	Delete(profile string) error
}

// OS is the operating system's keychain.
type OS struct{}

// Get returns the profile's token.
func (OS) Get(profile string) (model.Secret, error) {
	v, err := keyring.Get(Service, profile)
	if err != nil {
		return model.Secret{}, wrap("read", profile, err)
	}
	return model.NewSecret(v), nil
}

// Set stores the profile's token, replacing any previous one.
func (OS) Set(profile string, token model.Secret) error {
	return wrap("store", profile, keyring.Set(Service, profile, token.Reveal()))
}

// Delete removes the profile's token.
func (OS) Delete(profile string) error {
	return wrap("delete", profile, keyring.Delete(Service, profile))
}

func wrap(op, profile string, err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, keyring.ErrNotFound):
		return fmt.Errorf("%s token of profile %q: %w", op, profile, ErrNotFound)
	case errors.Is(err, keyring.ErrUnsupportedPlatform):
		return fmt.Errorf("%s token of profile %q: %w", op, profile, ErrUnavailable)
	}
	// No D-Bus session bus (SSH, containers): no keychain to use.
	return fmt.Errorf("%s token of profile %q: %w: %v", op, profile, ErrUnavailable, err)
}
