//go:build unix

package engine

import (
	"syscall"
	"time"
)

// processCPUTime returns the user+system CPU time of the process, which the
// benchmarks report next to wall time: on a shared machine the wall time of
// a loaded core says little about the code.
func processCPUTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
