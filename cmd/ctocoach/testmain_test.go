package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
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
// An explicit -parallel (CI's -parallel 4) is left as it is.
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

// raceGates hold the end-to-end tests that take turns under the race
// detector: one channel per GOMAXPROCS (-cpu 1,2 runs one after the other),
// with that many places.
var (
	raceGatesMu sync.Mutex
	raceGates   = map[int]chan struct{}{}
)

// raceHeld are the top-level tests holding a place, or exempt from it
// (name -> true).
var raceHeld sync.Map

// raceGate makes an end-to-end test (MustNewEmulator, mustStartPlayground)
// take turns with the others under the race detector, GOMAXPROCS at a time,
// until the test and its cleanups end; tests marked waitBound do not. It
// does nothing without the race detector: the package uses about 50 s of
// CPU on 2 cores and every test runs alongside the others. Under -race
// (CI's -cpu 1,2 -parallel 4) the same work costs 5 to 10 times the CPU:
// with everything at once on one core the bots missed Slack's own
// deadlines (a 3 s trigger, views.open answered "busy"), the roster, the
// playground's start and 899 of 1,000 nudges in 2 min.
func raceGate(tb testing.TB) {
	tb.Helper()
	if !raceEnabled {
		return
	}
	top, _, _ := strings.Cut(tb.Name(), "/")
	if _, held := raceHeld.LoadOrStore(top, true); held {
		return
	}
	procs := runtime.GOMAXPROCS(0)
	raceGatesMu.Lock()
	gate, ok := raceGates[procs]
	if !ok {
		gate = make(chan struct{}, procs)
		raceGates[procs] = gate
	}
	raceGatesMu.Unlock()
	gate <- struct{}{}
	tb.Cleanup(func() {
		raceHeld.Delete(top)
		<-gate
	})
}

// waitBound exempts a test from raceGate: its time is waiting on Slack's
// Retry-After, the retry policy or a stopped Redis, and CI ran these
// together under -race before issue 10.
func waitBound(tb testing.TB) {
	top, _, _ := strings.Cut(tb.Name(), "/")
	raceHeld.Store(top, true)
	tb.Cleanup(func() { raceHeld.Delete(top) })
}
