/*
 * qmp-query DOMID COMMAND: an observer for the real-Xen suite (never part of xm). Asks an HVM
 * domain's device model (qemu-xen) one QMP question on the socket it keeps for observers
 * (/var/run/xen/qmp-libxenstat-DOMID; libxl's own, qmp-libxl-DOMID, as a fallback) and prints
 * the answer's line: {"return": ...}.
 * Why: `xm cd-insert` and `cd-eject` are proven by what the device model itself reports
 * (query-block: the drive's inserted medium), not by xm's exit status or libxl's JSON.
 *
 * Exit: 0 with an answer, 1 when the socket or the answer is missing, 2 on bad usage.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static FILE *connect_to(const char *path)
{
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    struct sockaddr_un a = {.sun_family = AF_UNIX};
    snprintf(a.sun_path, sizeof a.sun_path, "%s", path);
    if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
        if (fd >= 0) close(fd);
        return NULL;
    }
    return fdopen(fd, "r+");
}

/* The next line that is a command's answer ({"return" or {"error"), skipping events. */
static int answer(FILE *f, char *line, size_t size)
{
    while (fgets(line, (int)size, f)) {
        if (strstr(line, "\"return\"") || strstr(line, "\"error\"")) return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 3) { fprintf(stderr, "usage: qmp-query DOMID COMMAND\n"); return 2; }
    char path[108];
    snprintf(path, sizeof path, "/var/run/xen/qmp-libxenstat-%s", argv[1]);
    FILE *f = connect_to(path);
    if (!f) {
        snprintf(path, sizeof path, "/var/run/xen/qmp-libxl-%s", argv[1]);
        f = connect_to(path);
    }
    if (!f) { fprintf(stderr, "no QMP socket for domain %s\n", argv[1]); return 1; }
    static char line[1 << 16];
    if (!fgets(line, sizeof line, f)) { fprintf(stderr, "no QMP greeting\n"); return 1; }
    fprintf(f, "{\"execute\":\"qmp_capabilities\"}\n");
    fflush(f);
    if (!answer(f, line, sizeof line)) { fprintf(stderr, "no answer to qmp_capabilities\n"); return 1; }
    fprintf(f, "{\"execute\":\"%s\"}\n", argv[2]);
    fflush(f);
    if (!answer(f, line, sizeof line)) { fprintf(stderr, "no answer to %s\n", argv[2]); return 1; }
    fputs(line, stdout);
    return 0;
}
