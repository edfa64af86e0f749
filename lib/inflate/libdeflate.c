// Unity build of the vendored libdeflate decompressor
// (third_party/libdeflate, unmodified). cgo compiles only the .c files of
// this directory, so the library's sources are included here; the include
// path comes from the #cgo CFLAGS in inflate.go. The CPU feature detection
// files come first because cpu_features_common.h asks to be included first.

#include "lib/x86/cpu_features.c"
#include "lib/arm/cpu_features.c"
#include "lib/utils.c"
#include "lib/adler32.c"
#include "lib/deflate_decompress.c"
#include "lib/zlib_decompress.c"
