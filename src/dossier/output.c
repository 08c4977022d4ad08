/* Where the program's files are, and writing what it makes: the PDF and
 * the make rule of -M, never half-written. */
#include "dossier_internal.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *dossier_data_dir(arena *a)
{
    const char *env = getenv("DOSSIER_DATADIR");
    if (env && *env)
        return env;
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = 0;
        char *dir = path_dirname(a, exe);
        const char *candidates[] = {
            arena_printf(a, "%s/../share/dossier", dir),
            arena_printf(a, "%s/..", dir),
            arena_printf(a, "%s/../..", dir), /* build/asan/dossier */
        };
        for (size_t i = 0; i < COUNT_OF(candidates); i++) {
            struct stat st;
            if (stat(arena_printf(a, "%s/fonts/PTF55F.ttf", candidates[i]), &st) == 0)
                return candidates[i];
        }
    }
    return DOSSIER_DATADIR;
}

/* A device or a pipe (/dev/stdout, a FIFO) is written in place: renaming
 * a file over it would replace the device itself. */
static bool write_in_place(diag *d, const char *path, const unsigned char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    bool ok = f && fwrite(data, 1, len, f) == len;
    int err = errno;
    if (f && fclose(f) != 0 && ok)
        ok = false, err = errno;
    if (!ok)
        ERROR(d, srcpos_make(path, 0, 0), "cannot write: %s", strerror(err));
    return ok;
}

bool dossier_write_atomically(arena *a, diag *d, const char *path, const unsigned char *data, size_t len)
{
    if (strcmp(path, "-") == 0) {
        if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
            ERROR(d, srcpos_make("<stdout>", 0, 0), "cannot write: %s", strerror(errno));
            return false;
        }
        return true;
    }
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        ERROR(d, srcpos_make(path, 0, 0), "cannot write: it is a folder");
        return false;
    }
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
        return write_in_place(d, path, data, len);
    /* through a symbolic link, the file it names is replaced, not the link */
    char *real = realpath(path, NULL);
    if (real) {
        path = arena_strdup(a, real);
        free(real);
    }
    char *tmp = arena_printf(a, "%s.tmp.XXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        ERROR(d, srcpos_make(path, 0, 0), "cannot write: %s", strerror(errno));
        return false;
    }
    FILE *f = fdopen(fd, "wb");
    bool ok = f && fwrite(data, 1, len, f) == len;
    if (f && fflush(f) != 0)
        ok = false;
    int err = errno;
    if (f)
        fclose(f);
    else
        close(fd);
    /* mkstemp makes the file 0600; a PDF is an ordinary document */
    mode_t mask = umask(0);
    umask(mask);
    if (ok && chmod(tmp, 0666 & ~mask) != 0)
        ok = false, err = errno;
    if (ok && rename(tmp, path) != 0)
        ok = false, err = errno;
    if (!ok) {
        unlink(tmp);
        ERROR(d, srcpos_make(path, 0, 0), "cannot write: %s", strerror(err));
    }
    return ok;
}

/* Make syntax needs spaces and colons escaped in file names. */
static void put_dep_name(FILE *f, const char *s)
{
    for (; *s; s++) {
        if (*s == ' ' || *s == '#' || *s == ':')
            fputc('\\', f);
        if (*s == '$')
            fputc('$', f);
        fputc(*s, f);
    }
}

bool dossier_write_depfile(arena *a, diag *d, const char *depfile, const char *target, const char *const *deps,
                           int ndeps)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f) {
        ERROR(d, srcpos_make(depfile, 0, 0), "cannot write: %s", strerror(errno));
        return false;
    }
    put_dep_name(f, target);
    fputc(':', f);
    for (int i = 0; i < ndeps; i++) {
        fputs(" \\\n  ", f);
        put_dep_name(f, deps[i]);
    }
    fputc('\n', f);
    /* phony targets so a deleted input does not break make */
    for (int i = 0; i < ndeps; i++) {
        fputc('\n', f);
        put_dep_name(f, deps[i]);
        fputs(":\n", f);
    }
    fclose(f);
    bool ok = dossier_write_atomically(a, d, depfile, (const unsigned char *)buf, len);
    free(buf);
    return ok;
}
