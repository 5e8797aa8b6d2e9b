package ui

import (
	"context"

	"github.com/sonartoken/sonartoken/model"
)

// A round trip is the unit of cost on a real network: the start-up
// screen's user check asks, in the same round trip, what the console's
// first frame shows (tokens, projects, max lifetime).

// firstLoad is what the console's first load depends on, copied from the
// boot options so that the commands capture values, not the model.
type firstLoad struct {
	login      string // whose tokens; "" for the signed-in user's
	readOnly   bool
	projectKey string // the project at hand, listed first
}

func (b Boot) firstLoad() firstLoad {
	return firstLoadOf(b.opts)
}

func firstLoadOf(o BootOptions) firstLoad {
	return firstLoad{login: o.Login, readOnly: o.ReadOnly, projectKey: o.ProjectKey}
}

// service is svc as the console uses it: the project at hand first among
// the scannable projects.
func (f firstLoad) service(svc BootService) Service {
	if f.projectKey != "" {
		return projectFirst{Service: svc, key: f.projectKey}
	}
	return svc
}

// loadFlags says what the first load asks beside the user and the tokens:
// the scannable projects and the max lifetime, which only the generate
// form uses.
func loadFlags(login string, readOnly bool, caps model.Capabilities) (projects, maxLife bool) {
	own := login == "" && !readOnly
	return caps.ScannableProjects && own, caps.MaxLifetime && !readOnly
}

// connect learns the server's version (at once when remembered), then
// checks the signed-in user and asks the console's first load together.
// When the user check fails, its error is returned and the rest of the
// answer is dropped. When the check found the version differs from the one
// Connect answered (a remembered version gone stale: an upgrade, or a
// downgrade below 10.0 that answers 401 to Bearer), the first load was
// asked with the wrong scheme or capabilities: it is asked again, so
// nothing is lost.
func (f firstLoad) connect(ctx context.Context, svc BootService) (*loadedMsg, error) {
	v, err := svc.Connect(ctx)
	if err != nil {
		return nil, err
	}
	first := f.load(ctx, svc)
	if first.userErr == nil && svc.Version() != v {
		first = f.load(ctx, svc)
	}
	if first.userErr != nil {
		return nil, first.userErr
	}
	return &first, nil
}

func (f firstLoad) load(ctx context.Context, svc BootService) loadedMsg {
	projects, maxLife := loadFlags(f.login, f.readOnly, svc.Capabilities())
	return loadAll(ctx, f.service(svc), f.login, projects, maxLife)
}
