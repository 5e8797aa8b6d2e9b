package version

import (
	"runtime/debug"
	"strings"
	"testing"
)

func TestInjectedValuesWin(t *testing.T) {
	bi := &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "v0.9.0"},
		Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "abc"}, {Key: "vcs.time", Value: "2020-01-01T00:00:00Z"}}}
	got := fromBuildInfo("1.2.3", "deadbeef", "2026-01-02T03:04:05Z", bi, true)
	if got.Version != "1.2.3" || got.Commit != "deadbeef" || got.Date != "2026-01-02T03:04:05Z" || got.GoVersion != "go1.26.0" {
		t.Fatalf("got %+v", got)
	}
}

func TestBuildInfoFallback(t *testing.T) {
	bi := &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "v0.9.0"},
		Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "abc"}, {Key: "vcs.time", Value: "2020-01-01T00:00:00Z"}, {Key: "vcs.modified", Value: "true"}}}
	got := fromBuildInfo("", "", "", bi, true)
	if got.Version != "0.9.0" || got.Commit != "abc" || got.Date != "2020-01-01T00:00:00Z" || !got.Modified {
		t.Fatalf("got %+v", got)
	}
	s := got.String()
	for _, want := range []string{"sonartoken 0.9.0", "commit: abc (modified)", "built: 2020-01-01T00:00:00Z", "go: go1.26.0"} {
		if !strings.Contains(s, want) {
			t.Errorf("String() lacks %q:\n%s", want, s)
		}
	}
}

func TestNoInfo(t *testing.T) {
	got := fromBuildInfo("", "", "", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, true)
	if got.Version != "dev" || got.Commit != "unknown" || got.Date != "unknown" || got.GoVersion == "" {
		t.Fatalf("got %+v", got)
	}
	if Get().GoVersion == "" {
		t.Error("Get has no Go version")
	}
}
