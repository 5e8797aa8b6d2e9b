package audit

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"

	"github.com/sonartoken/sonartoken/model"
)

// PlaceError refuses a log others could write, as they could plant or remove entries.
type PlaceError struct {
	// What is "audit log" or "audit log folder".
	What string
	Path string
	// Target is where Path leads when it is a symbolic link ("" if not).
	Target string
	Mode   fs.FileMode
	// UID owns the place when Foreign (Me runs sonartoken).
	UID, Me int
	Foreign bool
}

// Error names the place, the fault and the fixing command.
func (e *PlaceError) Error() string {
	where := e.What + " " + e.Path
	fixed := e.Path
	if e.Target != "" {
		where += " (a link to " + e.Target + ")"
		fixed = e.Target
	}
	if e.Foreign {
		fix := "use a folder of your own"
		if e.Target != "" {
			fix = "remove the link (rm " + model.ShellQuote(e.Path) + "); sonartoken makes a folder of your own there"
		}
		return fmt.Sprintf("%s is owned by another user (uid %d, you are uid %d), who could plant or remove entries: sonartoken refuses it; %s", where, e.UID, e.Me, fix)
	}
	mode := "600"
	if e.Mode.IsDir() {
		mode = "700"
	}
	return fmt.Sprintf("%s can be written by group or others (mode %04o), who could plant or remove entries: sonartoken refuses it; run chmod %s %s", where, e.Mode.Perm(), mode, model.ShellQuote(fixed))
}

// CheckPlace refuses, on Unix, a log or folder owned by another user or
// writable by group or others; missing ones pass. Windows ACLs are not checked.
func CheckPlace(path string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	dir := filepath.Dir(path)
	if di, err := os.Stat(dir); err == nil {
		target := ""
		if li, err := os.Lstat(dir); err == nil && li.Mode()&fs.ModeSymlink != 0 {
			if t, err := filepath.EvalSymlinks(dir); err == nil {
				target = t
			}
		}
		if err := check("audit log folder", dir, target, di); err != nil {
			return err
		}
	}
	if fi, err := os.Lstat(path); err == nil && fi.Mode().IsRegular() {
		return checkFile(path, fi)
	}
	return nil
}

func checkFile(path string, fi fs.FileInfo) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	return check("audit log", path, "", fi)
}

func check(what, path, target string, fi fs.FileInfo) error {
	if uid, ok := owner(fi); ok {
		if me := os.Geteuid(); uid != me {
			return &PlaceError{What: what, Path: path, Target: target, Mode: fi.Mode(), UID: uid, Me: me, Foreign: true}
		}
	}
	if fi.Mode().Perm()&0o022 != 0 {
		return &PlaceError{What: what, Path: path, Target: target, Mode: fi.Mode()}
	}
	return nil
}
