package review

import (
	"context"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/common"
	"github.com/sonartoken/sonartoken/ui/errtext"
)

// scanRun is the review's scan while it runs.
type scanRun struct {
	stream    *ScanStream
	stop      context.CancelFunc
	seq       int  // tells the current scan's messages from stale ones
	cancelled bool // the user stopped it
}

// Scan (re)starts the scan of every user's tokens, unless one runs.
func (m Model) Scan() (Model, tea.Cmd) {
	if m.s.Svc == nil || m.Loading() {
		return m, nil
	}
	m.scan.seq++
	ctx, cancel := context.WithCancel(m.s.Ctx)
	m.scan.stop, m.scan.stream = cancel, nil
	m.Start()
	// The progress bar shows the scan: no spinner in the status line.
	return m, StartScanCmd(ctx, m.s.Svc, m.scan.seq, m.s.Concurrency)
}

// StopScan stops a running scan; what arrived stays.
func (m *Model) StopScan() {
	if m.scan.stop != nil {
		m.scan.stop()
	}
}

func (m Model) scanStarted(msg ScanStartedMsg) (Model, tea.Cmd) {
	if msg.Stream.Seq() != m.scan.seq {
		return m, nil // a scan is started only when none runs: cannot happen
	}
	m.scan.stream = msg.Stream
	return m, NextScanCmd(msg.Stream)
}

// scanBatch lists what a scan delivered; a user whose tokens could not be
// read is counted, and named in the message log.
func (m Model) scanBatch(msg ScanBatchMsg) (Model, tea.Cmd) {
	if m.scan.stream == nil || msg.Seq != m.scan.seq {
		return m, nil
	}
	var ts []model.Token
	var failed []common.LogLine
	for _, b := range msg.Batches {
		if b.Err != nil {
			who := b.Login
			if who == "" {
				who = "the user list"
			}
			failed = append(failed, common.LogLine{Text: "Review scan, " + who + ": " + errtext.Describe(b.Err), Bad: true})
			m.AddBatch(b)
			continue
		}
		ts = append(ts, b.Tokens...)
	}
	if failed != nil {
		m.out = append(m.out, common.Outcome{Log: failed})
	}
	m.AddTokens(ts)
	m.SetProgress(msg.Progress)
	if !msg.Done {
		return m, NextScanCmd(m.scan.stream)
	}
	m.Finish(m.scan.cancelled)
	m.StopScan()
	m.scan = scanRun{seq: m.scan.seq}
	return m, nil
}
