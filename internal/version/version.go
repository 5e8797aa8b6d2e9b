// Package version holds the build's version, from the linker or debug.ReadBuildInfo.
package version

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
)

// Set by -ldflags -X at release time.
var (
	// Version is the release version, e.g. 1.2.3.
	Version = ""
	// Commit is the full git commit hash.
	Commit = ""
	// Date is the commit date (RFC 3339).
	Date = ""
)

// Info describes the running build.
type Info struct {
	Version   string
	Commit    string
	Date      string
	GoVersion string
	Modified  bool // built from a work tree with uncommitted changes
}

// Get returns the injected values, completed from the build information.
func Get() Info {
	bi, ok := debug.ReadBuildInfo()
	return fromBuildInfo(Version, Commit, Date, bi, ok)
}

func fromBuildInfo(v, commit, date string, bi *debug.BuildInfo, ok bool) Info {
	info := Info{Version: v, Commit: commit, Date: date, GoVersion: runtime.Version()}
	if !ok || bi == nil {
		return info.withDefaults()
	}
	if bi.GoVersion != "" {
		info.GoVersion = bi.GoVersion
	}
	if info.Version == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		info.Version = strings.TrimPrefix(bi.Main.Version, "v")
	}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			if info.Commit == "" {
				info.Commit = s.Value
			}
		case "vcs.time":
			if info.Date == "" {
				info.Date = s.Value
			}
		case "vcs.modified":
			info.Modified = s.Value == "true"
		}
	}
	return info.withDefaults()
}

func (i Info) withDefaults() Info {
	if i.Version == "" {
		i.Version = "dev"
	}
	if i.Commit == "" {
		i.Commit = "unknown"
	}
	if i.Date == "" {
		i.Date = "unknown"
	}
	return i
}

// String is the multi-line form `sonartoken version` prints.
func (i Info) String() string {
	commit := i.Commit
	if i.Modified {
		commit += " (modified)"
	}
	return fmt.Sprintf("sonartoken %s\ncommit: %s\nbuilt: %s\ngo: %s\n", i.Version, commit, i.Date, i.GoVersion)
}
