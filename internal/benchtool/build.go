package main

import (
	"archive/tar"
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
)

// prepare builds this tree's console, -rev-b's, and the Go benchmarks' output.
func (b *bench) prepare(ctx context.Context) error {
	if b.bin != "" && b.gobench != "" && b.revB == "" {
		return nil // nothing to build: the tree is not needed
	}
	root, err := moduleRoot(ctx)
	if err != nil {
		return err
	}
	if b.bin == "" {
		b.bin = filepath.Join(b.tmp, exe("sonartoken"))
		logf("building sonartoken from %s into %s", root, b.bin)
		if err := goBuild(ctx, root, b.bin); err != nil {
			return err
		}
	}
	if b.revB != "" {
		if b.binB, err = b.buildRev(ctx, root, b.revB); err != nil {
			return err
		}
		if b.simBin == "" {
			b.simBin = b.bin // the sim is always this tree's
		}
	}
	if b.gobench == "" && b.want("gobench") {
		b.gobench = filepath.Join(b.tmp, "gobench.txt")
		logf("Go benchmarks of the rendering (go test -run '^$' -bench . -benchmem ./ui/...)")
		if err := goBenchmarks(ctx, root, b.gobench); err != nil {
			return err
		}
	}
	return nil
}

func exe(name string) string {
	if runtime.GOOS == "windows" {
		return name + ".exe"
	}
	return name
}

// moduleRoot is the folder of the go.mod the working directory is in.
func moduleRoot(ctx context.Context) (string, error) {
	out, err := exec.CommandContext(ctx, "go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	mod := strings.TrimSpace(string(out))
	if mod == "" || mod == os.DevNull {
		return "", errors.New("run benchtool inside the sonartoken module (go run ./internal/benchtool), or name the binaries with -bin and -gobench")
	}
	return filepath.Dir(mod), nil
}

func goBuild(ctx context.Context, root, out string) error {
	cmd := exec.CommandContext(ctx, "go", "build", "-o", out, "./cmd/sonartoken")
	cmd.Dir = root
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("go build in %s: %w", root, err)
	}
	return nil
}

// buildRev builds rev from git archive, so no worktree, branch or index changes.
func (b *bench) buildRev(ctx context.Context, root, rev string) (string, error) {
	dir := filepath.Join(b.tmp, "rev-b")
	logf("building sonartoken at %s (git archive into %s)", rev, dir)
	cmd := exec.CommandContext(ctx, "git", "archive", "--format=tar", rev)
	cmd.Dir = root
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return "", err
	}
	if err := cmd.Start(); err != nil {
		return "", fmt.Errorf("git archive %s: %w", rev, err)
	}
	xerr := untar(out, dir)
	_, _ = io.Copy(io.Discard, out)
	if err := cmd.Wait(); err != nil {
		return "", fmt.Errorf("git archive %s: %w", rev, err)
	}
	if xerr != nil {
		return "", fmt.Errorf("extracting %s: %w", rev, xerr)
	}
	bin := filepath.Join(b.tmp, exe("sonartoken-"+rev))
	if err := goBuild(ctx, dir, bin); err != nil {
		return "", err
	}
	return bin, nil
}

// untar extracts the regular files and folders of a tar stream into dir.
func untar(r io.Reader, dir string) error {
	tr := tar.NewReader(r)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		name := filepath.Clean(filepath.FromSlash(h.Name))
		if !filepath.IsLocal(name) {
			return fmt.Errorf("tar entry %q leaves the folder", h.Name)
		}
		p := filepath.Join(dir, name)
		switch h.Typeflag {
		case tar.TypeDir:
			if err := os.MkdirAll(p, 0o755); err != nil {
				return err
			}
		case tar.TypeReg:
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				return err
			}
			f, err := os.OpenFile(p, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o644)
			if err != nil {
				return err
			}
			_, err = io.Copy(f, tr)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				return err
			}
		}
	}
}

// goBenchmarks runs the rendering benchmarks, keeping their output in out.
func goBenchmarks(ctx context.Context, root, out string) error {
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	defer f.Close()
	cmd := exec.CommandContext(ctx, "go", "test", "-run", "^$", "-bench", ".", "-benchmem", "./ui/...")
	cmd.Dir = root
	cmd.Stderr = os.Stderr
	pipe, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	sc := bufio.NewScanner(pipe)
	for sc.Scan() {
		l := sc.Text()
		fmt.Fprintln(f, l)
		if strings.HasPrefix(l, "Benchmark") || strings.HasPrefix(l, "ok") || strings.HasPrefix(l, "FAIL") || strings.HasPrefix(l, "---") {
			fmt.Fprintln(os.Stderr, l)
		}
	}
	if err := cmd.Wait(); err != nil {
		return fmt.Errorf("go test -bench ./ui/...: %w", err)
	}
	return nil
}
