package sonarsim

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	mrand "math/rand/v2"
	"strings"
	"time"
)

const (
	adminLogin       = "admin"
	consoleTokenName = "sonartoken-console"

	defaultUsers    = 12
	defaultProjects = 6
	defaultTokens   = 40
	defaultRatio    = 0.3
)

var firstNames = []string{
	"grace", "alan", "ada", "linus", "margaret", "dennis", "barbara", "ken", "frances", "donald",
	"radia", "edsger", "katherine", "john", "hedy", "tim", "sophie", "guido", "annie", "bjarne",
	"carol", "niklaus", "adele", "james", "jean", "rob", "lynn", "brian", "mary", "leslie",
}

var lastNames = []string{
	"hopper", "turing", "lovelace", "torvalds", "hamilton", "ritchie", "liskov", "thompson", "allen", "knuth",
	"perlman", "dijkstra", "johnson", "mccarthy", "lamarr", "berners-lee", "wilson", "van-rossum", "easley", "stroustrup",
	"shaw", "wirth", "goldberg", "gosling", "sammet", "pike", "conway", "kernighan", "keller", "lamport",
}

var projectNames = []string{
	"Payments API", "Web Frontend", "Mobile App", "Data Pipeline", "Auth Service", "Billing Engine",
	"Search Service", "Notification Hub", "Inventory", "Reporting", "API Gateway", "Analytics Dashboard",
}

var tokenNames = []string{
	"ci-pipeline", "laptop", "jenkins", "github-actions", "gitlab-ci", "sonarlint", "local-scan",
	"release-bot", "azure-devops", "workstation", "nightly-build", "pre-commit",
}

// seed fills the state: token values are crypto-random, the rest a function of the options.
func (s *Server) seed() {
	o := s.opts
	now := s.now().UTC().Truncate(time.Second)
	rng := mrand.New(mrand.NewPCG(uint64(o.Seed), 0x70ce5eed))
	st := s.st

	admin := newUser(UserSpec{Login: adminLogin, Name: "Administrator", Admin: true, Scan: true})
	st.addUser(admin)

	nUsers, nProjects, nTokens, ratio := o.Users, o.Projects, o.Tokens, o.TokenUserRatio
	if o.Empty {
		nUsers, nProjects, nTokens = 0, 0, 0
	} else {
		nUsers = orDefault(nUsers, defaultUsers)
		nProjects = orDefault(nProjects, defaultProjects)
		nTokens = orDefault(nTokens, defaultTokens)
	}
	if ratio <= 0 {
		ratio = defaultRatio
	}

	users := s.seedUsers(rng, nUsers)
	projects := s.seedProjects(rng, nProjects, users)

	// A pool of random bytes for the token values, drawn at once.
	pool := make([]byte, 20*(nTokens+16))
	_, _ = rand.Read(pool)
	next := 0
	mint := func(u *user, name string, typ tokenType) *token {
		b := pool[next*20 : next*20+20]
		next++
		v := hex.EncodeToString(b)
		if s.prof.tokenTypes {
			v = typ.prefix() + v
		}
		t := &token{hash: hashToken(v), user: u, name: name, typ: typ}
		st.addToken(t)
		return t
	}

	// The console token of admin, whose value is known.
	console := mint(admin, consoleTokenName, userToken)
	console.createdAt = now
	s.adminToken = tokenValueFromPool(s, pool[:20], userToken)
	if s.prof.expiration {
		console.expiresAt = s.expiryDaysAfter(now, 90)
	}
	made := 1
	switch {
	case o.Empty:
	case o.Cloud:
		made += s.seedCloudTokens(admin, now, mint)
	default:
		made += s.seedAdminTokens(admin, projects, now, mint)
	}
	s.seedUserTokens(rng, users, projects, nTokens-made, ratio, now, mint)

	s.seedSignIns(rng, users, now)
	signedInSince(admin)
}

// signedInSince moves u's last connection up to their latest token creation
// or use: SonarQube records a token's use as its owner's connection.
func signedInSince(u *user) {
	for _, t := range u.tokens {
		u.lastConn = latest(u.lastConn, t.createdAt, t.lastUsed)
	}
}

func latest(ts ...time.Time) time.Time {
	var l time.Time
	for _, t := range ts {
		if t.After(l) {
			l = t
		}
	}
	return l
}

// seedSignIns dates users as people come and go and makes their tokens agree,
// drawing no more numbers, so the rest of the seeded data is unchanged.
func (s *Server) seedSignIns(rng *mrand.Rand, users []*user, now time.Time) {
	day := 24 * time.Hour
	for _, u := range users {
		switch r := rng.IntN(100); {
		case r < 10: // never signed in
			for _, t := range u.tokens {
				t.lastUsed = time.Time{}
			}
			continue
		case r < 35: // left long ago
			u.lastConn = now.Add(-91*day - time.Duration(rng.IntN(640*24))*time.Hour)
			for _, t := range u.tokens {
				switch {
				case t.createdAt.After(u.lastConn):
					t.createdAt = u.lastConn.Add(-now.Sub(t.createdAt))
					t.lastUsed = time.Time{}
				case t.lastUsed.After(u.lastConn):
					t.lastUsed = u.lastConn
				}
			}
		default:
			u.lastConn = now.Add(-time.Duration(rng.IntN(90*24)) * time.Hour)
			if rng.IntN(100) < 20 {
				u.lintConn = now.Add(-time.Duration(rng.IntN(90*24)) * time.Hour)
			}
		}
		signedInSince(u)
	}
}

func tokenValueFromPool(s *Server, b []byte, typ tokenType) string {
	v := hex.EncodeToString(b)
	if s.prof.tokenTypes {
		v = typ.prefix() + v
	}
	return v
}

func orDefault(v, def int) int {
	if v <= 0 {
		return def
	}
	return v
}

func (s *Server) seedUsers(rng *mrand.Rand, n int) []*user {
	users := make([]*user, 0, n)
	seen := map[string]int{adminLogin: 1}
	for i := 0; i < n; i++ {
		first := firstNames[rng.IntN(len(firstNames))]
		last := lastNames[rng.IntN(len(lastNames))]
		login := first + "." + last
		if c := seen[login]; c > 0 {
			seen[login] = c + 1
			login = fmt.Sprintf("%s%d", login, c+1)
		} else {
			seen[login] = 1
		}
		spec := UserSpec{
			Login: login,
			Name:  title(first) + " " + title(strings.ReplaceAll(last, "-", " ")),
			Email: login + "@example.com",
		}
		switch r := rng.Float64(); {
		case i == 0 || r < 0.1:
			spec.Admin, spec.Scan = true, true
		case r < 0.4:
			spec.Scan = true
		case r < 0.45:
			spec.Deactivated = true
		}
		u := newUser(spec)
		s.st.addUser(u)
		users = append(users, u)
	}
	return users
}

func title(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(words, " ")
}

func (s *Server) seedProjects(rng *mrand.Rand, n int, users []*user) []*project {
	out := make([]*project, 0, n)
	for i := 0; i < n; i++ {
		name := projectNames[i%len(projectNames)]
		if i >= len(projectNames) {
			name = fmt.Sprintf("%s %d", name, i/len(projectNames)+1)
		}
		key := strings.ToLower(strings.ReplaceAll(name, " ", "-"))
		p := &project{key: key, name: name, scan: map[string]bool{}}
		for _, u := range users {
			if u.active && u.perms&permScan == 0 && rng.IntN(10) < 3 {
				p.scan[u.login] = true
			}
		}
		s.st.addProject(p)
		out = append(out, p)
	}
	return out
}

// seedAdminTokens gives admin a token of each interesting kind and returns the count.
func (s *Server) seedAdminTokens(admin *user, projects []*project, now time.Time, mint func(*user, string, tokenType) *token) int {
	day := 24 * time.Hour
	type spec struct {
		name     string
		typ      tokenType
		proj     int // index into projects for project tokens
		created  time.Duration
		used     time.Duration // 0: never used
		expireIn int           // days from today; 0: no expiration
	}
	specs := []spec{
		{"ci-legacy-jenkins", userToken, 0, 200 * day, 15 * day, -12},
		{"laptop-2023", userToken, 0, 87 * day, 5 * time.Hour, 3},
		{"unused-experiment", userToken, 0, 10 * day, 0, 30},
		{"sonarlint-ide", userToken, 0, 120 * day, 2 * time.Hour, 0},
		{"release-bot", userToken, 0, 30 * day, 26 * time.Hour, 365},
		{"global-ci", globalAnalysisToken, 0, 60 * day, day, 365},
		{"project-scan-1", projectAnalysisToken, 0, 45 * day, 3 * time.Hour, 90},
		{"project-scan-2", projectAnalysisToken, 1, 20 * day, 0, 6},
	}
	made := 0
	for _, sp := range specs {
		typ := sp.typ
		var proj *project
		name := sp.name
		if typ == projectAnalysisToken {
			if !s.prof.tokenTypes || sp.proj >= len(projects) {
				continue
			}
			proj = projects[sp.proj]
			name = "scan-" + proj.key
		}
		if !s.prof.tokenTypes {
			typ = userToken
		}
		t := mint(admin, name, typ)
		t.project = proj
		t.createdAt = now.Add(-sp.created)
		if sp.used > 0 {
			t.lastUsed = now.Add(-sp.used)
		}
		if sp.expireIn != 0 && s.prof.expiration {
			t.expiresAt = s.expiryDaysAfter(now, sp.expireIn)
		}
		made++
	}
	return made
}

// seedCloudTokens gives admin on Cloud a token at each point of the 60-day rule.
func (s *Server) seedCloudTokens(admin *user, now time.Time, mint func(*user, string, tokenType) *token) int {
	day := 24 * time.Hour
	specs := []struct {
		name     string
		created  time.Duration
		used     time.Duration // 0: never used
		expireIn int           // days from today; 0: no expiration
	}{
		{"ci-nightly", 120 * day, 50 * day, 0},         // removed in 10 days if unused
		{"rarely-built-repo", 300 * day, 59 * day, 0},  // removed in 1 day
		{"never-used", 55 * day, 0, 0},                 // removed in 5 days
		{"laptop", 200 * day, 2 * time.Hour, 0},        // safe
		{"azure-devops", 90 * day, 20 * day, 0},        // removed in 40 days
		{"release-bot", 30 * day, 26 * time.Hour, 365}, // expires in a year
		{"short-lived", 10 * day, 3 * day, 5},          // expires before its removal
	}
	for _, sp := range specs {
		t := mint(admin, sp.name, userToken)
		t.createdAt = now.Add(-sp.created)
		if sp.used > 0 {
			t.lastUsed = now.Add(-sp.used)
		}
		if sp.expireIn != 0 {
			t.expiresAt = s.expiryDaysAfter(now, sp.expireIn)
		}
	}
	return len(specs)
}

// seedUserTokens spreads n tokens over a ratio of the active users.
func (s *Server) seedUserTokens(rng *mrand.Rand, users []*user, projects []*project, n int, ratio float64,
	now time.Time, mint func(*user, string, tokenType) *token,
) {
	var owners []*user
	for _, u := range users {
		if u.active {
			owners = append(owners, u)
		}
	}
	if n <= 0 || len(owners) == 0 {
		return
	}
	rng.Shuffle(len(owners), func(i, j int) { owners[i], owners[j] = owners[j], owners[i] })
	k := int(float64(len(owners))*ratio + 0.5)
	k = max(1, min(k, len(owners)))
	owners = owners[:k]

	day := 24 * time.Hour
	for i := 0; i < n; i++ {
		u := owners[i%len(owners)]
		typ := userToken
		var proj *project
		if s.prof.tokenTypes {
			switch r := rng.IntN(4); {
			case r == 2 && u.perms&permScan != 0:
				typ = globalAnalysisToken
			case r == 3 && len(projects) > 0:
				p := projects[rng.IntN(len(projects))]
				if u.hasProjectScan(p) {
					typ, proj = projectAnalysisToken, p
				}
			}
		}
		base := tokenNames[rng.IntN(len(tokenNames))]
		if proj != nil {
			base = "scan-" + proj.key
		}
		name := base
		for c := 2; u.findToken(name) >= 0; c++ {
			name = fmt.Sprintf("%s-%d", base, c)
		}
		t := mint(u, name, typ)
		t.project = proj
		created := 365 * 24
		if s.opts.Cloud {
			// Cloud removed the tokens unused for 60 days long ago.
			created = 59 * 24
		}
		t.createdAt = now.Add(-time.Duration(1+rng.IntN(created)) * time.Hour)
		end := now
		if s.prof.expiration {
			switch r := rng.IntN(100); {
			case r < 15: // expired
				t.expiresAt = s.expiryDaysAfter(now, -1-rng.IntN(60))
				if !t.createdAt.Before(t.expiresAt) {
					t.createdAt = t.expiresAt.Add(-30 * day)
				}
				end = t.expiresAt
			case r < 25: // expiring within 7 days
				t.expiresAt = s.expiryDaysAfter(now, 1+rng.IntN(7))
			case r < 50: // no expiration
			default:
				t.expiresAt = s.expiryDaysAfter(now, 8+rng.IntN(358))
			}
		}
		if rng.IntN(4) != 0 { // a quarter is never used
			span := end.Sub(t.createdAt)
			if span > time.Second {
				t.lastUsed = t.createdAt.Add(time.Duration(rng.Int64N(int64(span)))).Truncate(time.Second)
			}
		}
	}
}
