package knowledge

import (
	"syscall"
	"time"
	"unsafe"
)

// clockThreadCPUTime is Linux's CLOCK_THREAD_CPUTIME_ID.
const clockThreadCPUTime = 3

// threadCPU returns the CPU time the calling OS thread has used, or 0 when
// it cannot be read. Benchmarks lock their goroutine to a thread and
// report it besides wall time, because on a shared, loaded machine the
// wall-clock tail mostly measures waiting for a core. (getrusage is
// tick-sampled, hence clock_gettime.)
func threadCPU() time.Duration {
	var ts syscall.Timespec
	if _, _, errno := syscall.Syscall(syscall.SYS_CLOCK_GETTIME, clockThreadCPUTime, uintptr(unsafe.Pointer(&ts)), 0); errno != 0 {
		return 0
	}
	return time.Duration(ts.Nano())
}
