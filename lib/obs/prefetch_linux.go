package obs

import (
	"os"

	"golang.org/x/sys/unix"
)

// willNeed starts the kernel reading s of f into the page cache
// (POSIX_FADV_WILLNEED) without waiting for it.
func willNeed(f *os.File, s byteSpan) {
	if c, err := f.SyscallConn(); err == nil {
		c.Control(func(fd uintptr) { unix.Fadvise(int(fd), s.off, s.n, unix.FADV_WILLNEED) })
	}
}
