package cli

import (
	"context"
	"sync"

	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/internal/config"
	"github.com/sonartoken/sonartoken/internal/versioncache"
	"github.com/sonartoken/sonartoken/model"
)

// openWith sends the version, the user and fetch together when the version is
// remembered (one round trip, the cost on a real network), asking again with the
// right scheme when it proves wrong.
func (a *app) openWith(ctx context.Context, st config.Settings, fetch func(context.Context, *client.Client)) (*session, error) {
	s, err := a.newSession(st)
	if err != nil {
		return nil, err
	}
	cache := versioncache.New(versioncache.Dir(a.io.Getenv))
	cached, known := cache.Get(st.URL)
	var fresh model.Version
	if known {
		s.client.SetVersion(cached)
	} else {
		if fresh, err = s.client.Connect(ctx); err != nil {
			s.close()
			return nil, wrap("connect to "+st.URL, err)
		}
		_ = cache.Put(st.URL, fresh) // best effort: a cache, not a record
	}
	var userErr, versionErr error
	together := func(withVersion bool) {
		var wg sync.WaitGroup
		if withVersion {
			wg.Go(func() { fresh, versionErr = s.client.ServerVersion(ctx) })
		}
		wg.Go(func() { s.user, userErr = s.client.CurrentUser(ctx) })
		if fetch != nil {
			wg.Go(func() { fetch(ctx, s.client) })
		}
		wg.Wait()
	}
	together(known)
	if known {
		if versionErr != nil {
			s.close()
			return nil, wrap("connect to "+st.URL, versionErr)
		}
		if fresh.String() != cached.String() {
			s.client.SetVersion(fresh)
			_ = cache.Put(st.URL, fresh)
			together(false)
		}
	}
	if userErr != nil {
		s.close()
		return nil, wrap("connect to "+st.URL, userErr)
	}
	if !s.user.IsLoggedIn {
		s.close()
		return nil, wrap("connect to "+st.URL, &client.APIError{Method: "GET", Endpoint: "api/users/current", Status: 401})
	}
	return s, nil
}

// rememberedVersion answers Connect from versioncache, checking it alongside the first CurrentUser.
type rememberedVersion struct {
	*client.Client
	url   string
	cache versioncache.Cache

	mu    sync.Mutex
	check *model.Version // the remembered version, until checked
}

// Connect sets the remembered version, or asks it.
func (s *rememberedVersion) Connect(ctx context.Context) (model.Version, error) {
	v, ok := s.cache.Get(s.url)
	if !ok {
		v, err := s.Client.Connect(ctx)
		if err == nil {
			_ = s.cache.Put(s.url, v) // best effort: a cache, not a record
		}
		return v, err
	}
	s.Client.SetVersion(v)
	s.mu.Lock()
	s.check = &v
	s.mu.Unlock()
	return v, nil
}

// CurrentUser asks the version alongside the first time after a remembered Connect.
func (s *rememberedVersion) CurrentUser(ctx context.Context) (model.CurrentUser, error) {
	s.mu.Lock()
	check := s.check
	s.check = nil
	s.mu.Unlock()
	if check == nil {
		return s.Client.CurrentUser(ctx)
	}
	var (
		fresh      model.Version
		versionErr error
		user       model.CurrentUser
		userErr    error
		wg         sync.WaitGroup
	)
	wg.Go(func() { fresh, versionErr = s.Client.ServerVersion(ctx) })
	wg.Go(func() { user, userErr = s.Client.CurrentUser(ctx) })
	wg.Wait()
	if versionErr != nil {
		return model.CurrentUser{}, versionErr
	}
	if fresh.String() != check.String() {
		s.Client.SetVersion(fresh)
		_ = s.cache.Put(s.url, fresh)
		return s.Client.CurrentUser(ctx)
	}
	return user, userErr
}
