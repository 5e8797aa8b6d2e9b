package cli

import (
	"context"
	"fmt"
	"io"
	"net"
	"strings"
	"time"
	// --timezone takes IANA names on machines without a zone database.
	_ "time/tzdata"

	"github.com/spf13/cobra"

	"github.com/sonartoken/sonartoken/internal/config"
	"github.com/sonartoken/sonartoken/internal/sonarsim"
)

type simFlags struct {
	addr, serverVersion, maxLifetime string
	users, projects, tokens          int
	seed                             int64
	latency                          time.Duration
	// Fault knobs for reliability and load work.
	errorRate          float64
	dropResponses      int
	dropPath           string
	withoutUsersSearch bool
	stats              bool
	// Deployment shape.
	timezone           string
	expiryInServerZone bool
	contextPath        string
	edition            string
	// SonarQube Cloud, the clock and the refused new tokens.
	cloud           bool
	clock           string
	refuseNewTokens bool
}

func (a *app) newSimCmd() *cobra.Command {
	var sf simFlags
	cmd := &cobra.Command{
		Use:   "sim",
		Short: "Run the built-in SonarQube-compatible server",
		Long: `Run the built-in SonarQube-compatible server in the foreground, with seeded
users, projects and tokens, until interrupted (SIGINT or SIGTERM).

Its first two lines on standard output are SONAR_HOST_URL=<url> and
SONAR_TOKEN=<the seeded admin's user token>, so that a script can read
them. It listens on the loopback interface unless --addr says otherwise.`,
		Example: `  sonartoken sim > sim.env &   # then: set -a; . ./sim.env; set +a; sonartoken list
  sonartoken sim --server-version 8.9 --addr 127.0.0.1:9000
  sonartoken sim --latency 200ms --error-rate 0.05 --drop-responses 1   # a flaky server
  sonartoken sim --timezone America/New_York --context-path /sonarqube --edition developer
  sonartoken sim --cloud --clock 2026-03-01T12:00:00Z   # SonarQube Cloud, its clock set (sonartoken still counts days by this machine's)
  sonartoken sim --refuse-new-tokens   # new tokens are refused: try rotate's check`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if sf.cloud {
				for _, f := range []string{"server-version", "edition", "max-token-lifetime", "without-users-search"} {
					if cmd.Flags().Changed(f) {
						return usageErr(fmt.Errorf("--cloud plays SonarQube Cloud, which has no --%s", f))
					}
				}
			}
			return a.sim(cmd.Context(), sf)
		},
	}
	f := cmd.Flags()
	f.StringVar(&sf.addr, "addr", "127.0.0.1:0", "listen address (port 0 picks a free port)")
	f.IntVar(&sf.users, "users", 12, "seeded users besides admin")
	f.IntVar(&sf.projects, "projects", 6, "seeded projects")
	f.IntVar(&sf.tokens, "tokens", 40, "seeded tokens in all")
	f.Int64Var(&sf.seed, "seed", 0, "seed of the generated data")
	f.StringVar(&sf.serverVersion, "server-version", sonarsim.DefaultVersion, "SonarQube version profile: "+strings.Join(sonarsim.Profiles(), ", "))
	f.DurationVar(&sf.latency, "latency", 0, "delay added to every request")
	f.StringVar(&sf.maxLifetime, "max-token-lifetime", "", `enforced max token lifetime: 30d, 90d, 1y or never ("30 days"... also accepted)`)
	f.Float64Var(&sf.errorRate, "error-rate", 0, "fraction of requests (0 to 1) answered 500, as SonarQube's unexpected errors")
	f.IntVar(&sf.dropResponses, "drop-responses", 0, "apply the next N requests to --drop-path, then close the connection without an answer")
	f.StringVar(&sf.dropPath, "drop-path", "/api/user_tokens/generate", "path prefix of the requests --drop-responses drops")
	f.BoolVar(&sf.withoutUsersSearch, "without-users-search", false, "answer api/users/search as removed (404), like a server without the deprecated endpoint")
	f.BoolVar(&sf.stats, "stats", false, "serve GET /_sim/stats: the requests counted per path and the peak in flight, as JSON (?reset=1 restarts the counts), for benchmarks")
	f.StringVar(&sf.timezone, "timezone", "UTC", "the server's time zone (IANA name, e.g. America/New_York): every date is answered with its offset")
	f.BoolVar(&sf.expiryInServerZone, "expiry-in-server-zone", false, "store an expiration date at 00:00 in the server's zone (9.6-era code) instead of 00:00 UTC")
	f.StringVar(&sf.contextPath, "context-path", "", "serve everything below this path, as sonar.web.context (e.g. /sonarqube); the root then answers 404")
	f.StringVar(&sf.edition, "edition", sonarsim.DefaultEdition, "SonarQube edition: "+strings.Join(sonarsim.Editions(), ", ")+" (--max-token-lifetime needs enterprise or datacenter)")
	f.BoolVar(&sf.cloud, "cloud", false, "play SonarQube Cloud: own tokens only (login ignored), no token types, tokens unused for 60 days removed by the server's clock")
	f.StringVar(&sf.clock, "clock", "", "start the server's clock at `TIME` (2026-03-01T12:00:00Z, a date, or +61d / -12h from now) instead of the system's; the data is seeded as of it")
	f.BoolVar(&sf.refuseNewTokens, "refuse-new-tokens", false, "answer 401 to every token generated through the API, as a server whose new tokens do not work (rotate's check)")
	_ = cmd.RegisterFlagCompletionFunc("edition", cobra.FixedCompletions(sonarsim.Editions(), cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("server-version", cobra.FixedCompletions(sonarsim.Profiles(), cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("max-token-lifetime", cobra.FixedCompletions([]string{"30d", "90d", "1y", "never"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// simLifetime maps the flag's short forms to the setting's values.
func simLifetime(v string) (string, error) {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "":
		return "", nil
	case "30d", "30 days":
		return "30 days", nil
	case "90d", "90 days":
		return "90 days", nil
	case "1y", "365d", "1 year":
		return "1 year", nil
	case "never", "no expiration":
		return "No expiration", nil
	}
	return "", fmt.Errorf("--max-token-lifetime %q: use 30d, 90d, 1y or never", v)
}

// simZone loads the --timezone zone by its IANA name.
func simZone(name string) (*time.Location, error) {
	name = strings.TrimSpace(name)
	if name == "" || name == "Local" {
		return nil, fmt.Errorf("--timezone %q: name a time zone, such as UTC or America/New_York", name)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("--timezone %q: unknown time zone; use an IANA name such as UTC, Europe/Paris or America/New_York", name)
	}
	return loc, nil
}

func (a *app) sim(ctx context.Context, sf simFlags) error {
	if !sonarsim.ValidVersion(sf.serverVersion) {
		return usageErr(fmt.Errorf("--server-version %q: use one of %s", sf.serverVersion, strings.Join(sonarsim.Profiles(), ", ")))
	}
	life, err := simLifetime(sf.maxLifetime)
	if err != nil {
		return usageErr(err)
	}
	if sf.users < 0 || sf.projects < 0 || sf.tokens < 0 || sf.latency < 0 || sf.dropResponses < 0 {
		return usageErr(fmt.Errorf("--users, --projects, --tokens, --latency and --drop-responses cannot be negative"))
	}
	if sf.errorRate < 0 || sf.errorRate > 1 {
		return usageErr(fmt.Errorf("--error-rate %v: use a fraction from 0 to 1", sf.errorRate))
	}
	zone, err := simZone(sf.timezone)
	if err != nil {
		return usageErr(err)
	}
	if err := sonarsim.ValidContextPath(sf.contextPath); err != nil {
		return usageErr(fmt.Errorf("--context-path: %w", err))
	}
	if !sonarsim.ValidEdition(sf.edition) {
		return usageErr(fmt.Errorf("--edition %q: use one of %s", sf.edition, strings.Join(sonarsim.Editions(), ", ")))
	}
	if life != "" && (sf.edition == sonarsim.EditionCommunity || sf.edition == sonarsim.EditionDeveloper) {
		return usageErr(fmt.Errorf("--max-token-lifetime cannot be used with --edition %s: SonarQube enforces a maximum token lifetime only in the Enterprise and Data Center editions; use --edition enterprise or datacenter", sf.edition))
	}
	clock, err := simClock(sf.clock, a.io.Now)
	if err != nil {
		return usageErr(err)
	}
	version := sf.serverVersion
	if sf.cloud {
		version = ""
	}
	opts := sonarsim.Options{
		Version: version, Seed: sf.seed, Now: clock,
		Cloud: sf.cloud, RefuseNewTokens: sf.refuseNewTokens,
		Users: sf.users, Projects: sf.projects, Tokens: sf.tokens,
		Latency: sf.latency, MaxTokenLifetime: life,
		WithoutUsersSearch: sf.withoutUsersSearch,
		TimeZone:           zone, ExpiryInServerZone: sf.expiryInServerZone,
		ContextPath: sf.contextPath, Edition: sf.edition,
		StatsEndpoint: sf.stats,
	}
	if err := opts.Validate(); err != nil {
		return usageErr(err)
	}
	s := sonarsim.New(opts)
	s.SetErrorRate(sf.errorRate)
	if sf.dropResponses > 0 {
		s.DropResponses(sf.dropResponses, sf.dropPath)
	}
	raw, err := s.Start(sf.addr)
	if err != nil {
		return fmt.Errorf("start the server on %s: %w", sf.addr, err)
	}
	defer s.Close()
	url, exposed := reachableURL(raw)
	// The seeded admin's token is the simulator's demo credential: printing it is this command's purpose.
	env := fmt.Sprintf("SONAR_HOST_URL=%s\nSONAR_TOKEN=%s\n", url, s.AdminToken())
	if sf.cloud {
		// Its address is not sonarcloud.io: say it is Cloud.
		env += config.EnvCloud + "=1\n"
	}
	if _, err := io.WriteString(a.io.Out, env); err != nil {
		return fmt.Errorf("write the server's address: %w", err)
	}
	if exposed {
		fmt.Fprintf(a.io.Err, "warning: listening on %s, beyond this machine: anyone who can reach it can use the printed token.\n", sf.addr)
	}
	if sf.cloud {
		fmt.Fprintf(a.io.Err, "SonarQube Cloud simulator at %s (signed-in user %q; the clients need --cloud, or %s=1, as its address is not sonarcloud.io). Stop it with Ctrl+C.\n", url, s.AdminLogin(), config.EnvCloud)
	} else {
		fmt.Fprintf(a.io.Err, "SonarQube %s (%s edition, time zone %s) simulator at %s (signed-in user %q). Stop it with Ctrl+C.\n", s.Version(), sf.edition, zone, url, s.AdminLogin())
	}
	if sf.clock != "" {
		fmt.Fprintf(a.io.Err, "Its clock reads %s.\n", s.Now().UTC().Format(time.RFC3339))
	}
	if sf.refuseNewTokens {
		fmt.Fprintln(a.io.Err, "Tokens generated through the API are refused (401).")
	}
	<-ctx.Done()
	if err := s.Close(); err != nil {
		return fmt.Errorf("stop the server: %w", err)
	}
	fmt.Fprintln(a.io.Err, "Stopped.")
	return nil
}

// simClock reads --clock (RFC 3339, a date, or +61d / -12h); nil for "".
func simClock(v string, now func() time.Time) (func() time.Time, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return nil, nil
	}
	real0 := now()
	var start time.Time
	switch {
	case strings.HasPrefix(v, "+") || strings.HasPrefix(v, "-"):
		d, err := parseDays(v[1:])
		if err != nil {
			return nil, fmt.Errorf("--clock %q: %w", v, err)
		}
		if v[0] == '-' {
			d = -d
		}
		start = real0.Add(d)
	default:
		t, err := time.Parse(time.RFC3339, v)
		if err != nil {
			if t, err = time.Parse(time.DateOnly, v); err != nil {
				return nil, fmt.Errorf("--clock %q: use an instant such as 2026-03-01T12:00:00Z, a date such as 2026-03-01, or an offset such as +61d", v)
			}
		}
		start = t
	}
	return func() time.Time { return start.Add(now().Sub(real0)) }, nil
}

// reachableURL makes a 0.0.0.0 or :: URL usable locally and reports whether others can reach it.
func reachableURL(raw string) (string, bool) {
	hostport, path, _ := strings.Cut(strings.TrimPrefix(raw, "http://"), "/")
	if path != "" {
		path = "/" + path // the context path
	}
	host, port, err := net.SplitHostPort(hostport)
	if err != nil {
		return raw, false
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		return "http://" + net.JoinHostPort("127.0.0.1", port) + path, true
	}
	return raw, !config.IsLoopback(host)
}
