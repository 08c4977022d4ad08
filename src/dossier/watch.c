/* --watch: compile, then wait (inotify) for a change to any file the
 * output depends on and compile again, until SIGINT or SIGTERM. Folders
 * are watched rather than files, so an editor that saves by writing a new
 * file and renaming it over the old one is seen too. A failed build keeps
 * the previous PDF (it is only ever replaced by renaming a complete one). */
#include "dossier_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <time.h>
#include <unistd.h>

/* Changes closer together than this are one change (an editor's save can
 * be several writes and a rename). */
#define SETTLE_MS 30

/* The self-pipe a signal handler writes to, so poll() wakes up. */
static int stop_pipe[2] = {-1, -1};
static volatile sig_atomic_t stop_requested;

static void on_stop_signal(int sig)
{
    (void)sig;
    stop_requested = 1;
    int saved = errno;
    if (stop_pipe[1] >= 0 && write(stop_pipe[1], "x", 1) < 0) {
        /* the flag is set; poll's timeout will notice */
    }
    errno = saved;
}

/* One watched folder and the names in it the output depends on. */
typedef struct {
    int wd;
    char *dir;
    char **names;
    int nnames, cap;
} watched_dir;

typedef struct {
    int fd;
    watched_dir *dirs;
    int ndirs, cap;
} watcher;

static void watcher_clear(watcher *w)
{
    for (int i = 0; i < w->ndirs; i++) {
        inotify_rm_watch(w->fd, w->dirs[i].wd);
        for (int k = 0; k < w->dirs[i].nnames; k++)
            free(w->dirs[i].names[k]);
        free(w->dirs[i].names);
        free(w->dirs[i].dir);
    }
    w->ndirs = 0;
}

static void watcher_free(watcher *w)
{
    watcher_clear(w);
    free(w->dirs);
    if (w->fd >= 0)
        close(w->fd);
}

static char *dup_or_die(const char *s)
{
    char *p = strdup(s);
    if (!p) {
        fputs("dossier: out of memory\n", stderr);
        abort();
    }
    return p;
}

static void *grow(void *p, int *cap, size_t elem)
{
    int n = *cap ? *cap * 2 : 8;
    void *q = realloc(p, elem * (size_t)n);
    if (!q) {
        fputs("dossier: out of memory\n", stderr);
        abort();
    }
    *cap = n;
    return q;
}

/* Watches `path`'s folder for changes to its name. */
static void watch_path(watcher *w, const char *path)
{
    const char *slash = strrchr(path, '/');
    char dir[PATH_MAX];
    if (!slash)
        snprintf(dir, sizeof dir, ".");
    else if (slash == path)
        snprintf(dir, sizeof dir, "/");
    else
        snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
    const char *name = slash ? slash + 1 : path;
    int wd = inotify_add_watch(w->fd, dir,
                               IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_ATTRIB);
    if (wd < 0)
        return; /* a folder that is gone: the next build reports the file */
    watched_dir *wdir = NULL;
    for (int i = 0; i < w->ndirs; i++)
        if (w->dirs[i].wd == wd)
            wdir = &w->dirs[i];
    if (!wdir) {
        if (w->ndirs == w->cap)
            w->dirs = grow(w->dirs, &w->cap, sizeof *w->dirs);
        wdir = &w->dirs[w->ndirs++];
        memset(wdir, 0, sizeof *wdir);
        wdir->wd = wd;
        wdir->dir = dup_or_die(dir);
    }
    for (int k = 0; k < wdir->nnames; k++)
        if (strcmp(wdir->names[k], name) == 0)
            return;
    if (wdir->nnames == wdir->cap)
        wdir->names = grow(wdir->names, &wdir->cap, sizeof *wdir->names);
    wdir->names[wdir->nnames++] = dup_or_die(name);
}

/* True when the event names a file the output depends on. */
static bool event_matters(const watcher *w, const struct inotify_event *ev)
{
    if (ev->len == 0)
        return false;
    for (int i = 0; i < w->ndirs; i++) {
        if (w->dirs[i].wd != ev->wd)
            continue;
        for (int k = 0; k < w->dirs[i].nnames; k++)
            if (strcmp(w->dirs[i].names[k], ev->name) == 0)
                return true;
    }
    return false;
}

/* Reads what is pending; true when a dependency changed. */
static bool drain_events(const watcher *w)
{
    char buf[16384] __attribute__((aligned(__alignof__(struct inotify_event))));
    bool changed = false;
    for (;;) {
        ssize_t n = read(w->fd, buf, sizeof buf);
        if (n <= 0)
            return changed;
        for (char *p = buf; p < buf + n;) {
            const struct inotify_event *ev = (const struct inotify_event *)p;
            if (event_matters(w, ev))
                changed = true;
            p += sizeof *ev + ev->len;
        }
    }
}

/* Waits up to `ms` (-1: for ever) for a dependency to change; false when
 * asked to stop. */
static bool wait_for_change(const watcher *w, int ms, bool *changed)
{
    struct pollfd fds[2] = {{.fd = w->fd, .events = POLLIN}, {.fd = stop_pipe[0], .events = POLLIN}};
    *changed = false;
    for (;;) {
        if (stop_requested)
            return false;
        int r = poll(fds, 2, ms);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0 || stop_requested)
            return !stop_requested;
        if (fds[0].revents & POLLIN) {
            *changed = drain_events(w);
            return true;
        }
    }
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* One status line per build: the time of day, what happened, how long. */
static void print_status(const dossier_result *r, int status, const diag *d, const char *output, double ms)
{
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    char clock[16];
    strftime(clock, sizeof clock, "%H:%M:%S", &tm);
    if (status == DOSSIER_OK)
        fprintf(stderr, "[%s] built %s: %d page%s in %.0f ms\n", clock, r->output, r->layout->npages,
                r->layout->npages == 1 ? "" : "s", ms);
    else
        fprintf(stderr, "[%s] failed (%d error%s) in %.0f ms; %s left as it was\n", clock, d->errors,
                d->errors == 1 ? "" : "s", ms, output ? output : "the PDF");
    fflush(stderr);
}

/* Builds once and watches what that build read, plus the inputs and -s
 * sheets in any case (a build that fails early has read less). */
static int build_and_watch(watcher *w, const dossier_options *opt, diag *d)
{
    double t0 = now_ms();
    dossier_result r;
    int status = dossier_compile(opt, d, &r);
    diag_flush(d);
    print_status(&r, status, d, opt->output, now_ms() - t0);
    watcher_clear(w);
    for (int i = 0; i < opt->ninputs; i++)
        watch_path(w, opt->inputs[i]);
    for (int i = 0; i < opt->nstyles; i++)
        watch_path(w, opt->styles[i]);
    if (r.doc)
        for (size_t i = 0; i < r.doc->inputs.len; i++)
            watch_path(w, VEC_AT(&r.doc->inputs, const char *, i));
    for (int i = 0; i < r.ndeps; i++)
        watch_path(w, r.deps[i]);
    dossier_result_free(&r);
    diag_reset(d);
    return status;
}

int dossier_watch(const dossier_options *opt, diag *d)
{
    watcher w = {.fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC)};
    if (w.fd < 0 || pipe(stop_pipe) != 0) {
        ERROR(d, srcpos_make("dossier", 0, 0), "cannot watch files: %s", strerror(errno));
        if (w.fd >= 0)
            close(w.fd);
        return DOSSIER_EXIT_IO;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);

    build_and_watch(&w, opt, d);
    bool changed;
    while (wait_for_change(&w, -1, &changed)) {
        if (!changed)
            continue;
        /* let a save settle: more events within SETTLE_MS are the same change */
        bool more = true;
        while (more && wait_for_change(&w, SETTLE_MS, &more)) {
        }
        if (stop_requested)
            break;
        build_and_watch(&w, opt, d);
    }
    watcher_free(&w);
    close(stop_pipe[0]);
    close(stop_pipe[1]);
    stop_pipe[0] = stop_pipe[1] = -1;
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    return DOSSIER_OK;
}
