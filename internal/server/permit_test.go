package server

import (
	"hearth/internal/access"
	"hearth/internal/people"
)

// sysPermit is the permit a test reads the store with directly, to check
// what a request wrote: no user asks.
func sysPermit(id people.ID) access.Permit {
	return access.System(id, access.ReadPerson, "a server test checks what was written")
}
