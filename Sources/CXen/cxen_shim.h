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

/*
 * A logger that formats libxl's printf-style messages (va_list, which Swift cannot take) and
 * hands each finished line to a callback, so XenCore can route it into swift-log.
 */
typedef void (*cxen_log_sink)(void *user, int level, int errnoval, const char *context, const char *message);
typedef void (*cxen_progress_sink)(void *user, const char *context, const char *doing_what,
                                   int percent, unsigned long done, unsigned long total);

typedef struct {
    xentoollog_logger vtable;
    cxen_log_sink sink;
    cxen_progress_sink progress;
    void *user;
    /* Lines below this level are dropped before they are formatted: libxl writes hundreds of
       debug lines during a create, and nobody reads them unless xm runs with -v. */
    xentoollog_level min_level;
} cxen_bridge_logger;

static void cxen_bridge_vmessage(xentoollog_logger *logger, xentoollog_level level, int errnoval,
                                 const char *context, const char *format, va_list al) {
    cxen_bridge_logger *l = (cxen_bridge_logger *)logger;
    if (level < l->min_level) return;
    char buf[2048];
    vsnprintf(buf, sizeof buf, format, al);
    if (l->sink) l->sink(l->user, (int)level, errnoval, context, buf);
}

static void cxen_bridge_progress(xentoollog_logger *logger, const char *context, const char *doing_what,
                                 int percent, unsigned long done, unsigned long total) {
    cxen_bridge_logger *l = (cxen_bridge_logger *)logger;
    if (l->progress) l->progress(l->user, context, doing_what, percent, done, total);
}

static void cxen_bridge_destroy(xentoollog_logger *logger) { free(logger); }

static inline xentoollog_logger *cxen_bridge_logger_new(cxen_log_sink sink, cxen_progress_sink progress, void *user,
                                                        xentoollog_level min_level) {
    cxen_bridge_logger *l = calloc(1, sizeof *l);
    if (!l) return NULL;
    l->vtable.vmessage = cxen_bridge_vmessage;
    l->vtable.progress = cxen_bridge_progress;
    l->vtable.destroy = cxen_bridge_destroy;
    l->sink = sink;
    l->progress = progress;
    l->user = user;
    l->min_level = min_level;
    return &l->vtable;
}
#endif
