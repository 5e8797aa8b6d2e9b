//go:build !unix

package audit

import "io/fs"

// owner is unknown outside Unix.
func owner(fs.FileInfo) (int, bool) { return 0, false }
