#ifndef CXEN_SHIM_H
#define CXEN_SHIM_H
/* The API level we are written against: libxl keeps older behaviour for older callers. */
#define LIBXL_API_VERSION 0x041400
#include <stdio.h>  /* vsnprintf */
#include <stdlib.h> /* calloc, free */
#include <signal.h>
#include <sys/prctl.h>
#include <xentoollog.h>
#include <xenctrl.h>
#include <xenstore.h>
#include <libxl.h>
#include <libxl_utils.h>
#include <libxlutil.h>

/*
 * A xentoollog logger whose messages reach Swift: libxl logs printf-style (a format and a va_list,
 * which Swift cannot take), so this formats each message here and hands the finished line to a
 * callback, through which XenCore routes it into swift-log.
 */
typedef void (*cxen_log_sink)(void *user, int level, int errnoval, const char *context, const char *message);
/* libxc's progress while it saves or restores a domain ("Frames iteration 2", 40%), which
   libxl-save-helper forwards to the logger of the libxl context. */
typedef void (*cxen_progress_sink)(void *user, const char *context, const char *doing_what, int percent,
                                   unsigned long done, unsigned long total);

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

static inline xentoollog_logger *cxen_bridge_logger_new(cxen_log_sink sink, cxen_progress_sink progress,
                                                        void *user, xentoollog_level min_level) {
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
/* prctl is variadic, which Swift cannot call: the one use xm has for it. */
static inline int cxen_die_with_parent(void) { return prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0); }
#endif
