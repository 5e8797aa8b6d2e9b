package ui

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/internal/audit"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/common"
	"github.com/sonartoken/sonartoken/ui/review"
)

// The key latency of a big bulk revocation, as the user feels it: the
// console runs in a real tea.Program (every message is an Update and a
// View, as in the terminal), the review lists n tokens, 5,000 of them are
// never used, and "4 a d" then the confirmation revoke them with the
// audit log on (a real file, as by default). Keys are sent every 20 ms
// during the revocation and after its report opened (esc, then ↓/↑); a
// key's latency runs from p.Send to the end of the View that follows its
// Update. Run it with:
//
//	go test -run '^$' -bench BulkRevokeKeys -benchtime 1x ./ui/

func BenchmarkBulkRevokeKeys(b *testing.B) {
	for _, n := range []int{20_000, 200_000} {
		b.Run(fmt.Sprintf("tokens=%d", n), func(b *testing.B) {
			for range b.N {
				r := runBulkLatency(b, n, 5_000)
				during, after := r.during, r.after
				b.ReportMetric(ms(pct(during, 50)), "during-median-ms")
				b.ReportMetric(ms(pct(during, 100)), "during-max-ms")
				b.ReportMetric(ms(pct(after, 50)), "after-median-ms")
				b.ReportMetric(ms(pct(after, 100)), "after-max-ms")
				b.ReportMetric(float64(r.updates), "updates")
				b.Logf("n=%d: %d keys during (median %.1f ms, max %.1f ms), %d after (median %.1f ms, max %.1f ms), %d updates, revocation %v",
					n, len(during), ms(pct(during, 50)), ms(pct(during, 100)), len(after), ms(pct(after, 50)), ms(pct(after, 100)), r.updates, r.took.Round(time.Millisecond))
			}
		})
	}
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// pct is the p-th percentile of ds (0 without any).
func pct(ds []time.Duration, p int) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[min(len(s)-1, (len(s)-1)*p/100)]
}

// bulkFake is an administrator's fake with n tokens of n/7 users, of
// which want are never used; revoking takes delay.
func bulkFake(n, want int, delay time.Duration) *fakeService {
	f := newAdminFake()
	f.others = map[string][]model.Token{}
	f.users = nil
	every := n / want
	for i := range n {
		login := fmt.Sprintf("user.%05d", i/7)
		t := model.Token{Login: login, Name: fmt.Sprintf("token-%06d", i), Type: model.TypeUser, CreatedAt: day(2026, 1, 1+i%28)}
		if i%every != 0 {
			t.LastUsed = ptime(testNow.Add(-time.Duration(i%2000) * time.Hour))
		}
		if i%5 != 0 {
			t.ExpiresAt = ptime(testNow.Add(time.Duration(i%400-30) * 24 * time.Hour))
		}
		f.others[login] = append(f.others[login], t)
	}
	for login, ts := range f.others {
		c := len(ts)
		f.users = append(f.users, model.User{Login: login, Name: login, Active: true, TokensCount: &c})
	}
	f.revokeDelay = delay
	return f
}

// latencyProbe wraps the console in the program: it times each key from
// its send to the View after its Update.
type latencyProbe struct {
	m Model

	mu      sync.Mutex
	sent    []sentKey // sent, not yet updated
	drawn   []sentKey // updated, waiting for the next View
	during  []time.Duration
	after   []time.Duration
	updates int
	state   probeState
}

type sentKey struct {
	at    time.Time
	after bool
}

// probeState is what the driver reads of the console between keys.
type probeState struct {
	scanned, confirm, notice bool
	typed                    bool // the confirmation takes text
	marked                   int
}

func (p *latencyProbe) Init() tea.Cmd { return p.m.Init() }

func (p *latencyProbe) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	nm, cmd := updateModel(p.m, msg)
	p.m = nm
	p.mu.Lock()
	defer p.mu.Unlock()
	p.updates++
	if _, ok := msg.(tea.KeyMsg); ok && len(p.sent) > 0 {
		p.drawn = append(p.drawn, p.sent[0])
		p.sent = p.sent[1:]
	}
	p.state = probeState{
		scanned: nm.review.State() == review.StateDone,
		confirm: nm.Mode() == ModeConfirm,
		notice:  nm.Mode() == ModeNotice,
		marked:  nm.review.Table().MarkedCount(),
	}
	if t, ok := nm.dialog.(common.Typer); ok {
		p.state.typed = t.Typing()
	}
	return p, cmd
}

func (p *latencyProbe) View() string {
	v := p.m.View()
	p.mu.Lock()
	defer p.mu.Unlock()
	now := time.Now()
	for _, k := range p.drawn {
		if k.after {
			p.after = append(p.after, now.Sub(k.at))
		} else {
			p.during = append(p.during, now.Sub(k.at))
		}
	}
	p.drawn = p.drawn[:0]
	return v
}

func (p *latencyProbe) read() probeState {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.state
}

// send sends a key, timed when timed is set.
func (p *latencyProbe) send(prog *tea.Program, k string, after bool) {
	p.mu.Lock()
	p.sent = append(p.sent, sentKey{at: time.Now(), after: after})
	p.mu.Unlock()
	prog.Send(keyMsg(k))
}

type bulkLatency struct {
	during, after []time.Duration
	updates       int
	took          time.Duration
}

func runBulkLatency(tb testing.TB, n, revoke int) bulkLatency {
	tb.Helper()
	f := bulkFake(n, revoke, time.Millisecond)
	log := audit.NewFile(filepath.Join(tb.TempDir(), "audit.jsonl"))
	m := New(Options{Service: f, Now: clock, StaticCursor: true, Clipboard: &fakeClipboard{}, OwnTokenType: model.TypeUser, Review: true, Audit: log})
	p := &latencyProbe{m: m}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	prog := tea.NewProgram(p, tea.WithInput(nil), tea.WithOutput(io.Discard), tea.WithContext(ctx), tea.WithoutSignals())
	done := make(chan error, 1)
	go func() {
		_, err := prog.Run()
		done <- err
	}()
	wait := func(what string, ok func(probeState) bool) {
		tb.Helper()
		for deadline := time.Now().Add(2 * time.Minute); !ok(p.read()); time.Sleep(5 * time.Millisecond) {
			if time.Now().After(deadline) {
				tb.Fatalf("waited too long for %s: %+v", what, p.read())
			}
		}
	}
	prog.Send(tea.WindowSizeMsg{Width: 200, Height: 50})
	wait("the scan", func(s probeState) bool { return s.scanned })
	prog.Send(keyMsg("4"))
	prog.Send(keyMsg("a"))
	wait("the marks", func(s probeState) bool { return s.marked == revoke })
	prog.Send(keyMsg("d"))
	wait("the confirmation", func(s probeState) bool { return s.confirm })
	start := time.Now()
	if p.read().typed { // the count, then enter
		for _, r := range fmt.Sprint(revoke) {
			prog.Send(keyMsg(string(r)))
		}
		prog.Send(keyMsg("enter"))
	} else {
		prog.Send(keyMsg("y"))
	}
	for i := 0; !p.read().notice; i++ {
		if time.Since(start) > 2*time.Minute {
			tb.Fatalf("no report: %+v", p.read())
		}
		p.send(prog, []string{"down", "up"}[i%2], false)
		time.Sleep(20 * time.Millisecond)
	}
	took := time.Since(start)
	p.send(prog, "esc", true)
	for i := range 25 {
		time.Sleep(20 * time.Millisecond)
		p.send(prog, []string{"down", "up"}[i%2], true)
	}
	for deadline := time.Now().Add(3 * time.Minute); ; time.Sleep(10 * time.Millisecond) {
		p.mu.Lock()
		left := len(p.sent) + len(p.drawn)
		p.mu.Unlock()
		if left == 0 {
			break
		}
		if time.Now().After(deadline) {
			tb.Fatalf("%d keys never answered", left)
		}
	}
	prog.Quit()
	<-done
	if got := len(f.revokedKeys); got != revoke {
		tb.Fatalf("revoked %d tokens, want %d", got, revoke)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	return bulkLatency{during: p.during, after: p.after, updates: p.updates, took: took}
}
