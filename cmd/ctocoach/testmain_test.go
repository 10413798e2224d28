package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
)

// defaultParallel is the -test.parallel this package runs with when the
// command line does not set one. Its end-to-end tests are wait-bound, not
// CPU-bound: the production Web API pacing, Retry-After and backoff, a
// stopped Redis, a child process starting. At go test's default
// (GOMAXPROCS, 2 on the development machine) they waited one after
// another: 340 s for the package. The whole package uses about 50 s of CPU;
// its longest tests (the Slack fault suite, the 500-card retro loads) wait
// 30 to 45 s each, so the run is about as short as the longest test only
// when they all start early, whatever order go test resumes them in: 8
// gave 84 s, 16 gave 72 s, 32 gave 62 s (docs/benchmarks.md, issue 10).
// An explicit -parallel (CI's -parallel 8) is left as it is.
const defaultParallel = "32"

func TestMain(m *testing.M) {
	flag.Parse()
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == "test.parallel" })
	if !set {
		if err := flag.Set("test.parallel", defaultParallel); err != nil {
			fmt.Fprintln(os.Stderr, "TestMain: -test.parallel:", err)
			os.Exit(2)
		}
	}
	code := m.Run()
	if built.dir != "" {
		_ = os.RemoveAll(built.dir)
	}
	os.Exit(code)
}

// built is the ctocoach binary the process tests share: built once per run
// of the package, on first use.
var built struct {
	once sync.Once
	dir  string // removed by TestMain
	bin  string
	err  error
}

// pkgDir is the package's directory, read before any test runs (t.Chdir
// in a test must not move the build).
var pkgDir, pkgDirErr = os.Getwd()

// mustBuild returns the ctocoach binary, building it on the first call.
func mustBuild(tb testing.TB) string {
	tb.Helper()
	built.once.Do(func() {
		if pkgDirErr != nil {
			built.err = pkgDirErr
			return
		}
		dir, err := os.MkdirTemp("", "ctocoach-test-bin-")
		if err != nil {
			built.err = err
			return
		}
		built.dir, built.bin = dir, filepath.Join(dir, "ctocoach")
		cmd := exec.Command("go", "build", "-o", built.bin, ".")
		cmd.Dir = pkgDir
		if out, err := cmd.CombinedOutput(); err != nil {
			built.err = fmt.Errorf("go build: %w\n%s", err, out)
		}
	})
	if built.err != nil {
		tb.Fatal(built.err)
	}
	return built.bin
}
