/* Replays fuzz inputs without libFuzzer: each argument is a file run
 * through the fuzz target once, so the regression inputs are a test under
 * any compiler and sanitizer. Prints each name first, so a crash says
 * which input caused it. */
#include "../../src/util/util.h"

#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
    int status = 0;
    for (int i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (!f) {
            perror(argv[i]);
            status = 1;
            continue;
        }
        fprintf(stderr, "%s\n", argv[i]);
        char *buf = NULL;
        size_t len = 0, cap = 0;
        for (;;) {
            if (len == cap) {
                cap = cap ? cap * 2 : 65536;
                char *nb = realloc(buf, cap);
                if (!nb)
                    abort();
                buf = nb;
            }
            size_t n = fread(buf + len, 1, cap - len, f);
            if (n == 0)
                break;
            len += n;
        }
        fclose(f);
        LLVMFuzzerTestOneInput((const uint8_t *)buf, len);
        free(buf);
    }
    return status;
}
