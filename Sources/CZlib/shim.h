#ifndef SEALBRIDGE_CZLIB_SHIM_H
#define SEALBRIDGE_CZLIB_SHIM_H
#include <zlib.h>

/* inflateInit2 and deflateInit2 are macros (they pass the header's version and the stream's size); Swift does not
   import function-like macros, so they are called here. Raw deflate (negative window bits): a ZIP entry has no zlib
   header or trailer. */
static inline int sealbridge_inflateInitRaw(z_streamp stream) { return inflateInit2(stream, -MAX_WBITS); }
static inline int sealbridge_deflateInitRaw(z_streamp stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
}
#endif
