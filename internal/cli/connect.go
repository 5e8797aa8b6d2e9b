package cli

import (
	"context"
	"sync"

	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/internal/config"
	"github.com/sonartoken/sonartoken/internal/versioncache"
	"github.com/sonartoken/sonartoken/model"
)

// openWith connects with resolved settings: the server's version (which
// decides the authentication scheme), the signed-in user, and fetch, the
// command's own first request (nil for none), which keeps its result and
// error itself.
//
// A round trip is the unit of cost on a real network (issue 15), so the
// requests go together. With the server's version remembered from an
// earlier run (versioncache), everything is sent at once, the version
// asked again alongside to keep the cache true: one round trip. When the
// answer shows the remembered version was wrong (an upgrade, or a
// downgrade below 10.0 that answers 401 to Bearer), the user and fetch are
// asked again with the right version and scheme, so nothing is lost. On
// first contact the version goes first, then the rest together: one round
// trip more.
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
