//go:build unix

package audit

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestAppendCapsTheErrorField: a failed revoke whose server message is
// 60 KB of "<" writes a line of a few KB, the error cut with a marker
// that says how long it was, and the log still reads.
func TestAppendCapsTheErrorField(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sonartoken", FileName)
	l := NewFile(path)
	huge := strings.Repeat("<", 60<<10)
	must(t, l.Append(Entry{Action: Revoke, Outcome: Failed, Name: "ci", Error: huge}))
	must(t, l.Append(Entry{Action: Revoke, Outcome: Failed, Name: strings.Repeat("é", 40<<10), Error: "x"}))
	must(t, l.Append(Entry{Action: Generate, Outcome: OK, Name: "after"}))
	data, err := os.ReadFile(path)
	must(t, err)
	for i, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		if len(line) > 8<<10 {
			t.Errorf("line %d is %d bytes", i+1, len(line))
		}
	}
	got, skipped, err := readLog(path)
	if err != nil || skipped != 0 || len(got) != 3 {
		t.Fatalf("%d entries, %d skipped, %v; want 3, 0", len(got), skipped, err)
	}
	if e := got[0].Error; len(e) > MaxField || !strings.HasSuffix(e, "… [cut: 61440 bytes in all]") || !strings.HasPrefix(e, "<<<<") {
		t.Errorf("error field %d bytes: …%q", len(e), e[max(0, len(e)-40):])
	}
	if n := got[1].Name; len(n) > MaxField || !utf8.ValidString(n) || !strings.Contains(n, "[cut: 81920 bytes in all]") {
		t.Errorf("name %d bytes, valid UTF-8 %v", len(n), utf8.ValidString(n))
	}
}

// TestReadSkipsOverLongAndCorruptLines: one planted line far over the
// limit, or one that is not JSON, is skipped and counted, and every other
// entry, before and after it, is read.
func TestReadSkipsOverLongAndCorruptLines(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	ok := `{"action":"revoke","outcome":"ok","name":"%s"}` + "\n"
	content := strings.Replace(ok, "%s", "first", 1) +
		`{"action":"revoke","outcome":"failed","error":"` + strings.Repeat("<", 360<<10) + `"}` + "\n" +
		"not json at all\n" +
		strings.Replace(ok, "%s", "last", 1)
	must(t, os.WriteFile(path, []byte(content), 0o600))
	got, skipped, err := readLog(path)
	if err != nil || len(got) != 2 || skipped != 2 || got[0].Name != "first" || got[1].Name != "last" {
		t.Fatalf("%+v, %d skipped, %v; want first and last, 2 skipped", got, skipped, err)
	}
}

// TestScanCountsWhyItSkipped: Scan tells an over-long line from one that
// is not an entry, and reads a log whose last line has no newline.
func TestScanCountsWhyItSkipped(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	content := strings.Repeat("x", MaxLine+10) + "\n" + strings.Repeat("y", 3*MaxLine) + "\n{}\n{\"action\":\"generate\"}"
	must(t, os.WriteFile(path, []byte(content), 0o600))
	n := 0
	skipped, err := Scan(path, func(Entry) error { n++; return nil })
	if err != nil || n != 1 || skipped != (Skipped{TooLong: 2, NotEntries: 1}) {
		t.Errorf("%d entries, skipped %+v, %v", n, skipped, err)
	}
	stop := errors.New("stop")
	if _, err := Scan(path, func(Entry) error { return stop }); err != stop {
		t.Errorf("fn's error: %v", err)
	}
}

// TestWeakPlacesAreRefused: a state folder that is a link to a folder
// others can write, a folder others can write, an audit.jsonl others can
// write, and a folder another user owns are each refused, for writing
// and for reading, with the command that fixes it; nothing is written
// there. A link to a folder of the user's own is fine.
func TestWeakPlacesAreRefused(t *testing.T) {
	base := t.TempDir()
	open := filepath.Join(base, "open")
	must(t, os.Mkdir(open, 0o700))
	must(t, os.Chmod(open, 0o777))
	linked := filepath.Join(base, "linked")
	must(t, os.Symlink(open, linked))

	writable := filepath.Join(base, "writable")
	must(t, os.Mkdir(writable, 0o700))
	must(t, os.Chmod(writable, 0o775))

	planted := filepath.Join(base, "planted")
	must(t, os.Mkdir(planted, 0o700))
	must(t, os.WriteFile(filepath.Join(planted, FileName), []byte(`{"action":"generate","outcome":"ok","name":"planted"}`+"\n"), 0o600))
	must(t, os.Chmod(filepath.Join(planted, FileName), 0o666))

	cases := map[string]string{
		filepath.Join(linked, FileName):   "audit log folder " + linked + " (a link to " + open + ") can be written by group or others (mode 0777), who could plant or remove entries: sonartoken refuses it; run chmod 700 " + open,
		filepath.Join(writable, FileName): "audit log folder " + writable + " can be written by group or others (mode 0775), who could plant or remove entries: sonartoken refuses it; run chmod 700 " + writable,
		filepath.Join(planted, FileName):  "audit log " + filepath.Join(planted, FileName) + " can be written by group or others (mode 0666), who could plant or remove entries: sonartoken refuses it; run chmod 600 " + filepath.Join(planted, FileName),
	}
	if os.Geteuid() == 0 {
		foreign := filepath.Join(base, "foreign")
		must(t, os.Mkdir(foreign, 0o700))
		must(t, os.Chown(foreign, 4242, 4242))
		link := filepath.Join(base, "to-foreign")
		must(t, os.Symlink(foreign, link))
		cases[filepath.Join(link, FileName)] = "audit log folder " + link + " (a link to " + foreign + ") is owned by another user (uid 4242, you are uid 0), who could plant or remove entries: sonartoken refuses it; remove the link (rm " + link + ")"
	} else {
		cases[filepath.Join("/tmp", FileName)] = "audit log folder /tmp is owned by another user"
	}
	for path, want := range cases {
		before, _ := os.ReadFile(path)
		err := NewFile(path).Append(Entry{Action: Revoke, Outcome: OK, Name: "x"})
		var pe *PlaceError
		if !errors.As(err, &pe) || !strings.Contains(err.Error(), want) {
			t.Errorf("Append to %s: %v\nwant %s", path, err, want)
		}
		if after, _ := os.ReadFile(path); string(after) != string(before) {
			t.Errorf("Append to %s wrote it", path)
		}
		if _, _, err := readLog(path); !errors.As(err, &pe) {
			t.Errorf("Read of %s: %v, want a PlaceError", path, err)
		}
	}

	own := filepath.Join(base, "own")
	must(t, os.Mkdir(own, 0o700))
	link := filepath.Join(base, "to-own")
	must(t, os.Symlink(own, link))
	if err := NewFile(filepath.Join(link, FileName)).Append(Entry{Action: Revoke, Outcome: OK}); err != nil {
		t.Errorf("a link to a folder of one's own: %v", err)
	}
}
