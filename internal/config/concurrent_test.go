package config

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
)

// concurrentSaves is how many profiles each saver writes.
const concurrentSaves = 25

// saveMany saves profiles p<who>-0 … p<who>-(n-1) in the configuration at
// cfg, one after the other.
func saveMany(cfg string, who, n int) error {
	for i := range n {
		name := fmt.Sprintf("p%d-%d", who, i)
		if _, err := SaveProfile(cfg, Profile{Name: name, URL: "https://" + name + ".example"}); err != nil {
			return fmt.Errorf("save %s: %w", name, err)
		}
	}
	return nil
}

// missing lists the profiles of savers 0..savers-1 that the file lost.
func missing(t *testing.T, cfg string, savers int) []string {
	t.Helper()
	f, err := ReadFileOrEmpty(cfg)
	if err != nil {
		t.Fatal(err)
	}
	var lost []string
	for who := range savers {
		for i := range concurrentSaves {
			name := fmt.Sprintf("p%d-%d", who, i)
			if _, ok := f.Lookup(name); !ok {
				lost = append(lost, name)
			}
		}
	}
	return lost
}

// TestConcurrentSavesKeepEveryProfile: savers writing different profiles
// at once (two auth logins, a login and the console's trust question) all
// keep theirs. Each save reads hosts.toml, changes it and writes it back;
// without a lock around the three, a save that read before another wrote
// wrote back a file without the other's profile.
func TestConcurrentSavesKeepEveryProfile(t *testing.T) {
	const savers = 4
	cfg := filepath.Join(t.TempDir(), "config.toml")
	var wg sync.WaitGroup
	errs := make([]error, savers)
	for who := range savers {
		wg.Go(func() { errs[who] = saveMany(cfg, who, concurrentSaves) })
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if lost := missing(t, cfg, savers); len(lost) > 0 {
		t.Fatalf("%d of %d profiles lost: %v", len(lost), savers*concurrentSaves, lost)
	}
}

// TestConcurrentSavesAcrossProcesses: the same with processes, which a
// lock inside one process would not keep apart.
func TestConcurrentSavesAcrossProcesses(t *testing.T) {
	if cfg := os.Getenv("SONARTOKEN_TEST_SAVER_CONFIG"); cfg != "" {
		who, _ := strconv.Atoi(os.Getenv("SONARTOKEN_TEST_SAVER"))
		if err := saveMany(cfg, who, concurrentSaves); err != nil {
			t.Fatal(err)
		}
		return
	}
	const savers = 3
	cfg := filepath.Join(t.TempDir(), "config.toml")
	cmds := make([]*exec.Cmd, savers)
	for who := range savers {
		cmd := exec.Command(os.Args[0], "-test.run=^TestConcurrentSavesAcrossProcesses$", "-test.count=1")
		cmd.Env = append(os.Environ(), "SONARTOKEN_TEST_SAVER_CONFIG="+cfg, "SONARTOKEN_TEST_SAVER="+strconv.Itoa(who))
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds[who] = cmd
	}
	for who, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Errorf("saver %d: %v", who, err)
		}
	}
	if lost := missing(t, cfg, savers); len(lost) > 0 {
		t.Fatalf("%d of %d profiles lost: %v", len(lost), savers*concurrentSaves, lost)
	}
}
