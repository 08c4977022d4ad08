/* Path helpers: relative paths of images and data files, and the check
 * that they stay inside the folders the user allowed. */
#include "util.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

char *path_dirname(arena *a, const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return arena_strdup(a, ".");
    if (slash == path)
        return arena_strdup(a, "/");
    return arena_strndup(a, path, (size_t)(slash - path));
}

char *path_join(arena *a, const char *dir, const char *rel)
{
    if (rel[0] == '/' || !dir || !*dir || strcmp(dir, ".") == 0)
        return arena_strdup(a, rel);
    size_t n = strlen(dir);
    return arena_printf(a, "%s%s%s", dir, dir[n - 1] == '/' ? "" : "/", rel);
}

bool path_is_inside(const char *path, const char *dir)
{
    char *rp = realpath(path, NULL);
    char *rd = realpath(dir, NULL);
    bool inside = false;
    if (rp && rd) {
        size_t n = strlen(rd);
        inside = strncmp(rp, rd, n) == 0 && (rp[n] == '/' || rp[n] == 0 || (n == 1 && rd[0] == '/'));
    }
    free(rp);
    free(rd);
    return inside;
}
