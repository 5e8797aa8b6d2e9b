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

// rotateGeneratedMsg carries the replacement of a rotation, with its value.
// The root moves the value into the rotation dialog and keeps nothing else.
type rotateGeneratedMsg struct {
	token model.NewToken
	err   error
}

// rotateRetriedMsg reports the revocation of a replacement created without
// its value, and the new generate that followed it.
type rotateRetriedMsg struct {
	lost      model.Token        // the valueless replacement
	revokeErr error              // its revocation failed: no new generate was sent
	gen       rotateGeneratedMsg // the new generate, when the revocation worked
}

// rotateRevokedMsg reports the revocation of a rotated token.
type rotateRevokedMsg struct {
	old model.Token
	err error
}
