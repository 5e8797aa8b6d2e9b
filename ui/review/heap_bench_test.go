package review

import (
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"testing"
	"time"

	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/common"
)

// BenchmarkReviewHeap200k: the live heap of a review holding 200,000
// tokens streamed in as a scan delivers them (a batch of users at a
// time, each user's login shared by its tokens as the client gives it),
// after a collection: what the console keeps per row (issue 23, item 4).
// It reports heap-MB (HeapInuse), B/row and alloc-MB.
//
//	go test -run '^$' -bench ReviewHeap -benchtime 1x ./ui/review/
//
// HEAPPROF=file writes a heap profile of the loaded review to file
// (with -memprofilerate 512 for one worth reading).
func BenchmarkReviewHeap200k(b *testing.B) {
	const n, perUser, usersPerBatch = 200_000, 5, 200
	var before runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	var m Model
	for b.Loop() {
		m = New(common.New(func() time.Time { return benchNow }), model.CapabilitiesOf(model.Version{Major: 10, Minor: 6}), false)
		m.SetSize(200, 50)
		m.Start()
		for from := 0; from < n; from += perUser * usersPerBatch {
			m.AddTokens(scanTokens(from, min(n, from+perUser*usersPerBatch), perUser))
		}
		m.Finish(false)
	}
	runtime.GC()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	if m.Table().Len() != n {
		b.Fatalf("%d rows, want %d", m.Table().Len(), n)
	}
	live := float64(after.HeapInuse) - float64(before.HeapInuse)
	b.ReportMetric(live/(1<<20), "heap-MB")
	b.ReportMetric(live/n, "B/row")
	// What the load allocated in all, the garbage included: the heap
	// grows with it between collections.
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/(1<<20), "alloc-MB")
	if p := os.Getenv("HEAPPROF"); p != "" {
		f, _ := os.Create(p)
		_ = pprof.WriteHeapProfile(f)
		f.Close()
	}
	runtime.KeepAlive(m)
}

// scanTokens makes tokens from to to (of benchTokens' kinds), as a scan's
// answers decode them: perUser tokens a user, the user's login one
// string, the projects shared, every date its own allocation.
func scanTokens(from, to, perUser int) []model.Token {
	types := []model.TokenType{model.TypeUser, model.TypeGlobal, model.TypeProject}
	ts := make([]model.Token, 0, to-from)
	var projects [40][2]string // the client interns them
	for p := range projects {
		projects[p] = [2]string{fmt.Sprintf("project-%d", p), fmt.Sprintf("Project %d", p)}
	}
	var login string
	for i := from; i < to; i++ {
		if i%perUser == 0 || login == "" {
			login = fmt.Sprintf("user.%06d", i/perUser)
		}
		t := model.Token{
			Login:     login,
			Name:      fmt.Sprintf("token-%06d", i),
			Type:      types[i%3],
			CreatedAt: benchNow.Add(-time.Duration(i%900) * time.Hour),
		}
		if t.Type == model.TypeProject {
			t.ProjectKey, t.ProjectName = projects[i%40][0], projects[i%40][1]
		}
		benchDates(&t, i)
		ts = append(ts, t)
	}
	return ts
}
