#ifndef CDECOMPRESS_SHIM_H
#define CDECOMPRESS_SHIM_H
#include <lzma.h>
#include <zlib.h>
#include <zstd.h>

/* inflateInit2 is a macro (it passes zlib's version and the stream's size); 16 + MAX_WBITS asks
   for a gzip header, as a kernel's gzip payload has. */
static inline int cdecompress_inflate_init_gzip(z_stream *stream) {
    return inflateInit2(stream, 16 + MAX_WBITS);
}
#endif
