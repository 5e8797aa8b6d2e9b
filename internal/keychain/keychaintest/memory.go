// Package keychaintest holds an in-memory keychain.Store for tests.
package keychaintest

import (
	"fmt"
	"sync"

	"github.com/sonartoken/sonartoken/internal/keychain"
	"github.com/sonartoken/sonartoken/model"
)

// Memory is an in-memory Store for tests.
type Memory struct {
	mu sync.Mutex
	m  map[string]string
}

// Get returns the profile's token.
func (s *Memory) Get(profile string) (model.Secret, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.m[profile]
	if !ok {
		return model.Secret{}, fmt.Errorf("read token of profile %q: %w", profile, keychain.ErrNotFound)
	}
	return model.NewSecret(v), nil
}

// Set stores the profile's token.
func (s *Memory) Set(profile string, token model.Secret) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m == nil {
		s.m = map[string]string{}
	}
	s.m[profile] = token.Reveal()
	return nil
}

// Delete removes the profile's token.
func (s *Memory) Delete(profile string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.m[profile]; !ok {
		return fmt.Errorf("delete token of profile %q: %w", profile, keychain.ErrNotFound)
	}
	delete(s.m, profile)
	return nil
}
