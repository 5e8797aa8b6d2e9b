//go:build !unix

package safefile

import (
	"io/fs"
	"os"
)

// openNonBlocking opens path read-only; outside Unix the check before
// opening is what keeps special files out.
func openNonBlocking(path string) (*os.File, error) { return os.Open(path) }

// owner is unknown outside Unix: the file's ACL, not a uid, says who may
// read it.
func owner(fs.FileInfo) (int, bool) { return 0, false }
