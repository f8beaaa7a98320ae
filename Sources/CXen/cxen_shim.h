#ifndef CXEN_SHIM_H
#define CXEN_SHIM_H
/* The API level we are written against: libxl keeps older behaviour for older callers. */
#define LIBXL_API_VERSION 0x041400
#include <stdio.h>
#include <stdlib.h>
#include <xentoollog.h>
#include <xenctrl.h>
#include <xenstore.h>
#include <libxl.h>
#include <libxl_utils.h>
#include <libxlutil.h>

/* xtl_log is variadic and cannot be called from Swift; these wrap the pieces we need. */
static inline void cxen_free(void *p) { free(p); }

/* A logger on stderr; the stdiostream type is opaque, and its upcast is a C idiom. */
static inline xentoollog_logger *cxen_stderr_logger(xentoollog_level min_level) {
    return (xentoollog_logger *)xtl_createlogger_stdiostream(stderr, min_level, 0);
}
#endif
