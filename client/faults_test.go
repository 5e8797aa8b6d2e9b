package client

// One test per network or server fault, each over real HTTP against sonarsim on a
// loopback listener: what the user sees (Describe) and what the server
// holds afterwards (Tokens).

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sonartoken/sonartoken/internal/sonarsim"
	"github.com/sonartoken/sonartoken/model"
)

// faultSim is a sonarsim server listening on 127.0.0.1 (so that Restart
// works) with the admin's connected client.
type faultSim struct {
	sim *sonarsim.Server
	url string
	c   *Client
}

// startFaultSim starts an empty 10.6 sonarsim and connects an admin client
// whose options are adjusted by opt (nil for the defaults of the tests:
// fast retries, a 5 s timeout).
func startFaultSim(t *testing.T, opt func(*Options)) *faultSim {
	t.Helper()
	sim := sonarsim.New(sonarsim.Options{Version: "10.6", Empty: true})
	url, err := sim.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = sim.Close() })
	f := &faultSim{sim: sim, url: url}
	f.c = f.client(t, opt)
	if _, err := f.c.Connect(context.Background()); err != nil {
		t.Fatalf("Connect: %v", err)
	}
	sim.ResetRequests()
	return f
}

// client returns a new admin client of f (not connected: it copies the
// version of f.c when there is one).
func (f *faultSim) client(t *testing.T, opt func(*Options)) *Client {
	t.Helper()
	hc := &http.Client{Transport: mustTransport(t)}
	t.Cleanup(hc.CloseIdleConnections)
	o := Options{
		BaseURL:    f.url,
		Token:      model.NewSecret(f.sim.AdminToken()),
		HTTPClient: hc,
		Timeout:    5 * time.Second,
		Retry:      RetryPolicy{Max: 3, Base: time.Millisecond, Cap: 5 * time.Millisecond, MaxElapsed: 2 * time.Second},
	}
	if opt != nil {
		opt(&o)
	}
	c, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	if f.c != nil {
		c.SetVersion(f.c.Version())
	}
	return c
}

// count returns the number of logged requests to path.
func (f *faultSim) count(path string) int {
	n := 0
	for _, r := range f.sim.Requests() {
		if r.Path == path {
			n++
		}
	}
	return n
}

// tokenNames returns the names of admin's tokens on the server.
func (f *faultSim) tokenNames() []string {
	var out []string
	for _, ti := range f.sim.Tokens("admin") {
		out = append(out, ti.Name)
	}
	return out
}

// hasToken reports whether admin has a token named name on the server.
func (f *faultSim) hasToken(name string) bool {
	for _, n := range f.tokenNames() {
		if n == name {
			return true
		}
	}
	return false
}

// wantDescribe fails unless Describe(err) starts with prefix.
func wantDescribe(t *testing.T, err error, prefix string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want one described as %q", prefix)
	}
	if d := Describe(err); !strings.HasPrefix(d, prefix) {
		t.Errorf("Describe(%v) = %q, want it to start with %q", err, d, prefix)
	}
}

const (
	searchPath   = "/api/user_tokens/search"
	generatePath = "/api/user_tokens/generate"
	revokePath   = "/api/user_tokens/revoke"
	consoleName  = "sonartoken-console"
	answerInTime = "The server did not answer in time."
)

func TestFaultLatency(t *testing.T) {
	f := startFaultSim(t, nil)
	ctx := context.Background()
	f.sim.SetLatency(150 * time.Millisecond)

	// Slow but within the timeout: everything works.
	start := time.Now()
	nt, err := f.c.Generate(ctx, GenerateRequest{Name: "slow"})
	if err != nil {
		t.Fatalf("Generate under latency: %v", err)
	}
	if d := time.Since(start); d < 150*time.Millisecond {
		t.Errorf("Generate took %v, under the added latency", d)
	}
	list, err := f.c.SearchTokens(ctx, "")
	if err != nil || len(list) != 2 {
		t.Fatalf("SearchTokens = %v, %v", list, err)
	}
	if nt.Name != "slow" || !f.hasToken("slow") {
		t.Errorf("generated %+v, server holds %v", nt.Token, f.tokenNames())
	}

	// Slower than the timeout: a GET is retried, then fails in bounded time.
	fast := f.client(t, func(o *Options) {
		o.Timeout = 50 * time.Millisecond
		o.Retry = RetryPolicy{Max: 1, Base: time.Millisecond, Cap: time.Millisecond, MaxElapsed: time.Second}
	})
	f.sim.ResetRequests()
	start = time.Now()
	_, err = fast.SearchTokens(ctx, "")
	wantDescribe(t, err, answerInTime)
	if d := time.Since(start); d > time.Second {
		t.Errorf("gave up after %v", d)
	}
	// A POST timing out is not retried, and may have reached the server.
	_, err = fast.Generate(ctx, GenerateRequest{Name: "too-slow"})
	wantDescribe(t, err, answerInTime)
	if !MayHaveReachedServer(err) {
		t.Errorf("MayHaveReachedServer(%v) = false", err)
	}
	// The slow server still applies it after the client gave up (it reads
	// the form only once the latency is over): the very reason why a POST
	// that timed out must be confirmed by a search, never retried blindly.
	waitFor(t, func() bool { return f.hasToken("too-slow") })
	if n := f.count(generatePath); n != 1 {
		t.Errorf("generate sent %d times", n)
	}
	if got := f.tokenNames(); len(got) != 3 {
		t.Errorf("server holds %v, want the console token, slow and too-slow", got)
	}
}

// waitFor polls cond for up to 2 s: the server logs a request abandoned by
// its client only once it notices.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(2 * time.Second); !cond(); {
		if time.Now().After(deadline) {
			t.Error("condition not met within 2s")
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestFault5xx(t *testing.T) {
	f := startFaultSim(t, nil)
	ctx := context.Background()

	// A GET meets two 502s, then the server is back: retried, it succeeds.
	f.sim.SetFault(sonarsim.Fault{Kind: sonarsim.FaultStatus, Status: http.StatusBadGateway, Count: 2, PathPrefix: searchPath})
	list, err := f.c.SearchTokens(ctx, "")
	if err != nil || len(list) != 1 || list[0].Name != consoleName {
		t.Fatalf("SearchTokens = %v, %v", list, err)
	}
	if n := f.count(searchPath); n != 3 {
		t.Errorf("%d search requests, want 3", n)
	}

	// More 504s than retries: the user is told the server failed.
	f.sim.SetFault(sonarsim.Fault{Kind: sonarsim.FaultStatus, Status: http.StatusGatewayTimeout, PathPrefix: searchPath})
	_, err = f.c.SearchTokens(ctx, "")
	wantDescribe(t, err, "The server failed (504): Gateway Timeout")
	f.sim.ClearFaults()

	// A GET answered 500 once is retried, as the console's loads are.
	f.sim.ResetRequests()
	f.sim.SetFault(sonarsim.Fault{Kind: sonarsim.FaultStatus, Status: http.StatusInternalServerError, Count: 1, PathPrefix: searchPath})
	list, err = f.c.SearchTokens(ctx, "")
	if err != nil || len(list) != 1 {
		t.Errorf("SearchTokens after one 500 = %v, %v; want the list", list, err)
	}
	if n := f.count(searchPath); n != 2 {
		t.Errorf("%d search requests after one 500, want 2", n)
	}
	// A 500 every time: retried, then the server's failure is told.
	f.sim.ResetRequests()
	f.sim.SetFault(sonarsim.Fault{Kind: sonarsim.FaultStatus, Status: http.StatusInternalServerError, PathPrefix: searchPath})
	_, err = f.c.SearchTokens(ctx, "")
	wantDescribe(t, err, "The server failed (500)")
	if n := f.count(searchPath); n != 1+fastRetry.Max {
		t.Errorf("%d search requests against a lasting 500, want %d", n, 1+fastRetry.Max)
	}
	f.sim.ClearFaults()

	// A POST meets one 502: it is not retried although the next attempt
	// would succeed, and the error says the server failed.
	f.sim.ResetRequests()
	f.sim.SetFault(sonarsim.Fault{Kind: sonarsim.FaultStatus, Status: http.StatusBadGateway, Count: 1, PathPrefix: generatePath})
	_, err = f.c.Generate(ctx, GenerateRequest{Name: "ci"})
	wantDescribe(t, err, "The server failed (502): Bad Gateway")
	if !MayHaveReachedServer(err) {
		t.Error("a 502 of a POST may come from a proxy after the server applied it")
	}
	if n := f.count(generatePath); n != 1 {
		t.Errorf("generate sent %d times", n)
	}
	// The same with the server's real 500 (its error rate knob).
	f.sim.SetErrorRate(1)
	err = f.c.Revoke(ctx, "", consoleName)
	wantDescribe(t, err, "The server failed (500): An error has occurred. Please contact your administrator")
	f.sim.ClearFaults()
	if got := f.tokenNames(); len(got) != 1 || got[0] != consoleName {
		t.Errorf("server holds %v, want only the console token", got)
	}
}

func TestFaultRetryAfter(t *testing.T) {
	for _, status := range []int{http.StatusTooManyRequests, http.StatusServiceUnavailable} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			f := startFaultSim(t, func(o *Options) {
				o.Retry = RetryPolicy{Max: 2, Base: time.Millisecond, Cap: 3 * time.Second, MaxElapsed: 5 * time.Second}
			})
			ctx := context.Background()
			f.sim.SetFault(sonarsim.Fault{Kind: sonarsim.FaultStatus, Status: status, RetryAfter: "1", Count: 1, PathPrefix: searchPath})
			start := time.Now()
			list, err := f.c.SearchTokens(ctx, "")
			took := time.Since(start)
			if err != nil || len(list) != 1 {
				t.Fatalf("SearchTokens = %v, %v", list, err)
			}
			// The retry waited for Retry-After (1 s), not the 1 ms backoff.
			if took < 950*time.Millisecond || took > 2500*time.Millisecond {
				t.Errorf("the retry came after %v, want about 1s", took)
			}
			if n := f.count(searchPath); n != 2 {
				t.Errorf("%d requests, want 2", n)
			}

			// A Retry-After beyond the time budget: no retry, the user is told.
			f.sim.ResetRequests()
			f.sim.SetFault(sonarsim.Fault{Kind: sonarsim.FaultStatus, Status: status, RetryAfter: "60", Count: 1, PathPrefix: searchPath})
			c := f.client(t, func(o *Options) {
				o.Retry = RetryPolicy{Max: 2, Base: time.Millisecond, Cap: time.Minute, MaxElapsed: 5 * time.Second}
			})
			start = time.Now()
			_, err = c.SearchTokens(ctx, "")
			if d := time.Since(start); d > time.Second {
				t.Errorf("gave up after %v", d)
			}
			want := "The server failed (503): Service Unavailable"
			if status == http.StatusTooManyRequests {
				want = "The server is rate-limiting requests (429)."
			}
			wantDescribe(t, err, want)
			if n := f.count(searchPath); n != 1 {
				t.Errorf("%d requests, want 1", n)
			}

			// A POST is never retried, Retry-After or not, and had no effect.
			f.sim.SetFault(sonarsim.Fault{Kind: sonarsim.FaultStatus, Status: status, RetryAfter: "1", Count: 1, PathPrefix: generatePath})
			_, err = f.c.Generate(ctx, GenerateRequest{Name: "ci"})
			wantDescribe(t, err, want)
			if MayHaveReachedServer(err) {
				t.Errorf("a %d means the request was refused, not applied", status)
			}
			if n := f.count(generatePath); n != 1 || f.hasToken("ci") {
				t.Errorf("%d generate requests, server holds %v", n, f.tokenNames())
			}
		})
	}
}

func TestFaultTruncatedBody(t *testing.T) {
	f := startFaultSim(t, nil)
	ctx := context.Background()

	// A proxy cuts the JSON short and closes cleanly: not SonarQube's answer.
	f.sim.SetFault(sonarsim.Fault{Kind: sonarsim.FaultStatus, Status: http.StatusOK, Count: 1, PathPrefix: searchPath,
		Body: `{"login":"admin","userTokens":[{"name":"sonartoken-con`})
	_, err := f.c.SearchTokens(ctx, "")
	if !errors.Is(err, ErrNotSonarQube) {
		t.Fatalf("err = %v, want ErrNotSonarQube", err)
	}
	wantDescribe(t, err, "The server answered with truncated or malformed JSON instead of SonarQube's JSON (HTTP 200).")

	// The connection breaks in the middle of the body (shorter than its
	// Content-Length): a GET is retried and succeeds.
	f.sim.SetFault(sonarsim.Fault{Kind: sonarsim.FaultTruncate, Count: 1, PathPrefix: searchPath})
	list, err := f.c.SearchTokens(ctx, "")
	if err != nil || len(list) != 1 {
		t.Fatalf("SearchTokens after a truncated answer = %v, %v", list, err)
	}
	// ... and always: the user is told the answer was cut.
	f.sim.SetFault(sonarsim.Fault{Kind: sonarsim.FaultTruncate, PathPrefix: searchPath})
	_, err = f.c.SearchTokens(ctx, "")
	wantDescribe(t, err, "The connection closed before the whole answer arrived:")
	f.sim.ClearFaults()

	// A generate whose answer is cut took effect: the client cannot have
	// the value, and says the request may have reached the server.
	f.sim.SetFault(sonarsim.Fault{Kind: sonarsim.FaultTruncate, Count: 1, PathPrefix: generatePath})
	_, err = f.c.Generate(ctx, GenerateRequest{Name: "cut"})
	wantDescribe(t, err, "The connection closed before the whole answer arrived:")
	if !MayHaveReachedServer(err) {
		t.Errorf("MayHaveReachedServer(%v) = false", err)
	}
	if !f.hasToken("cut") {
		t.Errorf("server holds %v, want cut (a truncated answer is sent after the effect)", f.tokenNames())
	}
}

func TestFaultNonJSON(t *testing.T) {
	f := startFaultSim(t, nil)
	ctx := context.Background()
	const proxy = `The server answered with an HTML page titled "Sign in" instead of SonarQube's JSON (HTTP 200).`

	f.sim.SetFault(sonarsim.Fault{Kind: sonarsim.FaultNonJSON, Count: 1, PathPrefix: searchPath})
	_, err := f.c.SearchTokens(ctx, "")
	if !errors.Is(err, ErrNotSonarQube) {
		t.Fatalf("err = %v, want ErrNotSonarQube", err)
	}
	wantDescribe(t, err, proxy)
	if n := f.count(searchPath); n != 1 {
		t.Errorf("a proxy's page was retried: %d requests", n)
	}

	// A proxy's refusal page with an error status.
	f.sim.SetFault(sonarsim.Fault{Kind: sonarsim.FaultNonJSON, Status: http.StatusForbidden, Body: "Access denied by policy", Count: 1, PathPrefix: searchPath})
	_, err = f.c.SearchTokens(ctx, "")
	if !errors.Is(err, ErrNotSonarQube) {
		t.Fatalf("err = %v, want ErrNotSonarQube", err)
	}
	wantDescribe(t, err, "The server answered with an HTML page instead of SonarQube's JSON (HTTP 403).")

	// A generate answered by the proxy's page: the proxy did not forward
	// it, but the client cannot know; nothing was created.
	f.sim.SetFault(sonarsim.Fault{Kind: sonarsim.FaultNonJSON, Count: 1, PathPrefix: generatePath})
	_, err = f.c.Generate(ctx, GenerateRequest{Name: "proxied"})
	wantDescribe(t, err, proxy)
	if !errors.Is(err, ErrNotSonarQube) || !MayHaveReachedServer(err) {
		t.Errorf("err = %v, MayHaveReachedServer %v", err, MayHaveReachedServer(err))
	}
	if f.hasToken("proxied") {
		t.Error("the proxy's page created a token")
	}
}

func TestFaultConnectionReset(t *testing.T) {
	f := startFaultSim(t, nil)
	ctx := context.Background()
	const closed = "The connection closed before the whole answer arrived:"

	// A GET is retried past two resets.
	f.sim.SetFault(sonarsim.Fault{Kind: sonarsim.FaultReset, Count: 2, PathPrefix: searchPath})
	list, err := f.c.SearchTokens(ctx, "")
	if err != nil || len(list) != 1 {
		t.Fatalf("SearchTokens = %v, %v", list, err)
	}
	if n := f.count(searchPath); n < 3 {
		t.Errorf("%d search requests, want 3", n)
	}

	// A generate is not retried: the user sees the error, and the client
	// says it may have reached the server (here it did not).
	f.sim.SetFault(sonarsim.Fault{Kind: sonarsim.FaultReset, Count: 1, PathPrefix: generatePath})
	_, err = f.c.Generate(ctx, GenerateRequest{Name: "reset"})
	wantDescribe(t, err, closed)
	if !MayHaveReachedServer(err) {
		t.Errorf("MayHaveReachedServer(%v) = false", err)
	}
	if n := f.count(generatePath); n != 1 || f.hasToken("reset") {
		t.Errorf("%d generate requests; server holds %v", n, f.tokenNames())
	}
	// Likewise a revoke, which left the token in place.
	f.sim.SetFault(sonarsim.Fault{Kind: sonarsim.FaultReset, Count: 1, PathPrefix: revokePath})
	err = f.c.Revoke(ctx, "", consoleName)
	wantDescribe(t, err, closed)
	if !MayHaveReachedServer(err) || !f.hasToken(consoleName) {
		t.Errorf("err %v; server holds %v", err, f.tokenNames())
	}
}

func TestFaultHang(t *testing.T) {
	f := startFaultSim(t, nil)
	ctx := context.Background()
	f.sim.SetFault(sonarsim.Fault{Kind: sonarsim.FaultHang, PathPrefix: "/api/"})
	c := f.client(t, func(o *Options) {
		o.Timeout = 100 * time.Millisecond
		o.Retry = RetryPolicy{Max: 2, Base: 10 * time.Millisecond, Cap: 20 * time.Millisecond, MaxElapsed: time.Second}
	})

	// A GET: three attempts of 100 ms, then the user is told.
	start := time.Now()
	_, err := c.SearchTokens(ctx, "")
	took := time.Since(start)
	wantDescribe(t, err, answerInTime)
	if took < 300*time.Millisecond || took > 1500*time.Millisecond {
		t.Errorf("gave up after %v, want about 3 x 100ms", took)
	}
	// A generate: one attempt.
	start = time.Now()
	_, err = c.Generate(ctx, GenerateRequest{Name: "hung"})
	wantDescribe(t, err, answerInTime)
	if d := time.Since(start); d > 600*time.Millisecond {
		t.Errorf("generate gave up after %v", d)
	}
	if !MayHaveReachedServer(err) {
		t.Errorf("MayHaveReachedServer(%v) = false", err)
	}
	// The caller's deadline bounds it as well.
	slow := f.client(t, nil) // 5 s timeout
	dctx, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
	defer cancel()
	_, err = slow.CurrentUser(dctx)
	wantDescribe(t, err, answerInTime)
	// The server logs the hung GETs when it sees their clients go (a hung
	// POST, whose form is unread, only when it is closed).
	waitFor(t, func() bool { return f.count(searchPath) == 3 && f.count("/api/users/current") == 1 })
	if f.hasToken("hung") {
		t.Error("a hung generate created a token")
	}
}

func TestFaultRestart(t *testing.T) {
	f := startFaultSim(t, func(o *Options) {
		// Enough backoff to span a 300 ms outage.
		o.Retry = RetryPolicy{Max: 8, Base: 50 * time.Millisecond, Cap: 200 * time.Millisecond, MaxElapsed: 3 * time.Second}
	})
	ctx := context.Background()
	nt, err := f.c.Generate(ctx, GenerateRequest{Name: "before"})
	if err != nil {
		t.Fatal(err)
	}

	var wg sync.WaitGroup
	down := make(chan struct{})
	var restartErr error
	wg.Go(func() {
		// Restart closes the listener at once, then sleeps while down.
		go func() { time.Sleep(20 * time.Millisecond); close(down) }()
		restartErr = f.sim.Restart(300 * time.Millisecond)
	})
	<-down
	// During the outage a generate fails at once, with nothing sent.
	_, gerr := f.c.Generate(ctx, GenerateRequest{Name: "during"})
	wantDescribe(t, gerr, "Connection refused")
	if MayHaveReachedServer(gerr) {
		t.Errorf("MayHaveReachedServer(%v): a refused connection sent nothing", gerr)
	}
	// A GET is retried until the server is back.
	start := time.Now()
	list, err := f.c.SearchTokens(ctx, "")
	took := time.Since(start)
	wg.Wait()
	if restartErr != nil {
		t.Fatalf("Restart: %v", restartErr)
	}
	if err != nil {
		t.Fatalf("SearchTokens across the restart: %v (%s)", err, Describe(err))
	}
	if took < 100*time.Millisecond {
		t.Errorf("SearchTokens took %v: the server was not down", took)
	}
	names := map[string]bool{}
	for _, tk := range list {
		names[tk.Name] = true
	}
	if len(list) != 2 || !names["before"] || !names[consoleName] {
		t.Errorf("listed %v", list)
	}
	// The server kept its state, and the token generated before still works.
	other := f.client(t, func(o *Options) { o.Token = nt.Value })
	if me, err := other.CurrentUser(ctx); err != nil || me.Login != "admin" {
		t.Errorf("CurrentUser with the token made before the restart = %+v, %v", me, err)
	}
	if f.hasToken("during") {
		t.Error("a generate sent while the server was down created a token")
	}
}

func TestFaultDroppedResponse(t *testing.T) {
	f := startFaultSim(t, nil)
	ctx := context.Background()
	const closed = "The connection closed before the whole answer arrived:"

	// The server creates the token, then the answer is lost.
	f.sim.DropResponses(1, generatePath)
	_, err := f.c.Generate(ctx, GenerateRequest{Name: "lost"})
	wantDescribe(t, err, closed)
	if !MayHaveReachedServer(err) {
		t.Errorf("MayHaveReachedServer(%v) = false", err)
	}
	if !f.hasToken("lost") {
		t.Fatalf("server holds %v, want lost", f.tokenNames())
	}
	if n := f.count(generatePath); n != 1 {
		t.Errorf("generate sent %d times", n)
	}
	// Generating it again is refused by name, as it exists.
	_, err = f.c.Generate(ctx, GenerateRequest{Name: "lost"})
	wantDescribe(t, err, "A user token for login 'admin' and name 'lost' already exists")

	// The server revokes the token, then the answer is lost.
	f.sim.DropResponses(1, revokePath)
	err = f.c.Revoke(ctx, "", "lost")
	wantDescribe(t, err, closed)
	if !MayHaveReachedServer(err) {
		t.Errorf("MayHaveReachedServer(%v) = false", err)
	}
	if f.hasToken("lost") {
		t.Error("the dropped revoke did not take effect")
	}
	// A dropped GET answer is retried.
	f.sim.DropResponses(1, searchPath)
	if list, err := f.c.SearchTokens(ctx, ""); err != nil || len(list) != 1 {
		t.Errorf("SearchTokens = %v, %v", list, err)
	}
}
