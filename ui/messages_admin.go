package ui

import (
	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/model"
)

// scanStartedMsg hands the root the stream of a review scan just started.
type scanStartedMsg struct{ stream *scanStream }

// scanBatchMsg carries what a review scan delivered since the last one,
// and its progress; done is true once the scan is over.
type scanBatchMsg struct {
	seq      int
	batches  []client.ScanBatch
	progress client.ScanProgress
	done     bool
}

// bulkStartedMsg hands the root the results of a bulk revocation.
type bulkStartedMsg struct{ run *bulkRun }

// bulkProgressMsg carries revocations that finished since the last one.
type bulkProgressMsg struct {
	results []bulkResult
	done    bool
}

// bulkRetryMsg asks to revoke again the tokens of a bulk revocation
// that failed (r in its report).
type bulkRetryMsg struct{ tokens []model.Token }

// bulkResult is the outcome of one revocation of a bulk revocation.
type bulkResult struct {
	token model.Token
	err   error
}
