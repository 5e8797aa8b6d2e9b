package ui

import "github.com/sonartoken/sonartoken/model"

// bulkRetryMsg asks to revoke again the tokens of a bulk revocation
// that failed (r in its report).
type bulkRetryMsg struct{ tokens []model.Token }
