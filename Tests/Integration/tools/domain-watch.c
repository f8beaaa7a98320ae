/*
 * domain-watch DOMID [SECONDS]: an observer for the real-Xen suite (never part of xm). Follows one
 * domain as the hypervisor sees it and prints, when it has been freed, the moments (seconds of
 * CLOCK_BOOTTIME, the clock of /proc/uptime) at which it was first seen shut down, dying, and
 * gone:   shutdown=T dying=T gone=T   (a state never seen prints -).
 *
 * Why: 59-bench times `xm shutdown -w` and `xl shutdown -w` until the domain is gone. Polling from
 * the shell after the command returns costs a process or three per look (~0.1 s under TCG) and
 * favours whichever command returns earlier; this waits on xenstored's @releaseDomain (fired when
 * a domain shuts down and when the hypervisor has finished killing it), polls every 50 ms besides,
 * every 2 ms once the domain is shut down and every millisecond once it is dying. It prints
 * "ready" first, so the caller can start the command once it watches.
 *
 * Exit: 0 once gone, 1 on timeout (default 120 s) or error, 2 on bad usage.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <xenctrl.h>
#include <xenstore.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_BOOTTIME, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void print_time(const char *label, double t)
{
    if (t > 0) printf("%s=%.3f", label, t);
    else printf("%s=-", label);
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: domain-watch DOMID [SECONDS]\n");
        return 2;
    }
    uint32_t domid = (uint32_t)strtoul(argv[1], NULL, 10);
    double limit = argc == 3 ? atof(argv[2]) : 120;

    xc_interface *xch = xc_interface_open(NULL, NULL, 0);
    struct xs_handle *xs = xs_open(0);
    if (!xch || !xs || !xs_watch(xs, "@releaseDomain", "r")) {
        perror("domain-watch: cannot open the hypervisor or xenstore");
        return 1;
    }
    printf("ready\n");
    fflush(stdout);

    double start = now(), shutdown_at = 0, dying_at = 0, gone_at = 0;
    struct pollfd pfd = { .fd = xs_fileno(xs), .events = POLLIN };
    for (;;) {
        xc_domaininfo_t info;
        int n = xc_domain_getinfolist(xch, domid, 1, &info);
        double t = now();
        if (n < 0) {
            perror("domain-watch: xc_domain_getinfolist");
            return 1;
        }
        if (n == 0 || info.domain != domid) {
            gone_at = t;
            break;
        }
        if ((info.flags & XEN_DOMINF_shutdown) && !shutdown_at) shutdown_at = t;
        if ((info.flags & XEN_DOMINF_dying) && !dying_at) dying_at = t;
        if (t - start > limit) {
            fprintf(stderr, "domain-watch: domain %u still there after %.0f s\n", domid, limit);
            return 1;
        }
        /* the destroy after a shutdown is what is timed: look closely from then on */
        if (poll(&pfd, 1, dying_at ? 1 : shutdown_at ? 2 : 50) > 0) {
            unsigned int count;
            free(xs_read_watch(xs, &count));
        }
    }
    print_time("shutdown", shutdown_at);
    putchar(' ');
    print_time("dying", dying_at);
    putchar(' ');
    print_time("gone", gone_at);
    putchar('\n');
    return 0;
}
