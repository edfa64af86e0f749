//go:build !linux

package obs

import "os"

// willNeed is a no-op where posix_fadvise is not available.
func willNeed(*os.File, byteSpan) {}
