//go:build unix

package indicators

import (
	"syscall"
	"time"
)

// cpuTime is the processor time the process has used (user and system):
// on a machine shared with other work, wall-clock ns/op measures the
// queue as much as the code.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
