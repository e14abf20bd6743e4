//go:build !unix

package indicators

import "time"

// cpuTime is not measured here.
func cpuTime() time.Duration { return 0 }
