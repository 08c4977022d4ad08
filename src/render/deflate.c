/* Deflating a document's streams, on every core there is.
 *
 * Page contents, font programs and object streams are deflated at the end
 * of rendering, each on its own; a long dossier spends a third of its
 * rendering time there. The streams do not depend on each other, so a
 * second thread takes jobs from the same list while the calling thread
 * works through it too; each job writes into its own part of one block
 * reserved beforehand, and the file is assembled afterwards in a fixed
 * order, so the bytes are the same whichever thread deflated what.
 *
 * Each thread keeps one zlib stream per level and resets it between
 * jobs: allocating a stream per job makes the allocator hand a helper
 * thread fresh pages again and again, and the page faults cost more than
 * the deflating. Short documents are deflated in the calling thread
 * alone: starting a thread costs more than they save. */
#include "render_internal.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

/* Below this many bytes in all, one thread does it. */
#define PARALLEL_FROM (256u * 1024u)
#define MAX_THREADS 4
#define LEVELS 10 /* zlib's 0 to 9 */

typedef struct {
    deflate_batch *b;
    atomic_size_t next; /* the next job nobody has taken */
} job_list;

/* One job through a stream of its level, made on first use. */
static bool run_job(z_stream *streams, bool *made, deflate_job *j)
{
    int level = j->level < 0 ? 0 : j->level >= LEVELS ? LEVELS - 1 : j->level;
    z_stream *z = &streams[level];
    if (!made[level]) {
        memset(z, 0, sizeof *z);
        if (deflateInit(z, level) != Z_OK)
            return false;
        made[level] = true;
    } else if (deflateReset(z) != Z_OK) {
        return false;
    }
    z->next_in = (Bytef *)j->in;
    z->avail_in = (uInt)j->n;
    z->next_out = j->out;
    z->avail_out = (uInt)j->cap;
    if (deflate(z, Z_FINISH) != Z_STREAM_END)
        return false;
    j->out_len = (size_t)z->total_out;
    return true;
}

static void *work(void *arg)
{
    job_list *l = arg;
    z_stream streams[LEVELS];
    bool made[LEVELS] = {false};
    for (;;) {
        size_t k = atomic_fetch_add(&l->next, 1);
        if (k >= l->b->n)
            break;
        deflate_job *j = &l->b->jobs[k];
        j->ok = run_job(streams, made, j);
    }
    for (int i = 0; i < LEVELS; i++)
        if (made[i])
            deflateEnd(&streams[i]);
    return NULL;
}

static int helper_threads(size_t total)
{
    if (total < PARALLEL_FROM)
        return 0;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    if (cores < 2)
        return 0;
    return (int)(cores > MAX_THREADS ? MAX_THREADS : cores) - 1;
}

bool deflate_batch_run(deflate_batch *b)
{
    b->space = NULL;
    size_t total = 0, room = 0;
    for (size_t i = 0; i < b->n; i++) {
        if (b->jobs[i].n > (size_t)UINT32_MAX / 2)
            return false; /* zlib counts in 32 bits */
        total += b->jobs[i].n;
        room += compressBound((uLong)b->jobs[i].n);
    }
    /* one block for every result: untouched parts cost no memory */
    b->space = malloc(room ? room : 1);
    if (!b->space)
        return false;
    size_t at = 0;
    for (size_t i = 0; i < b->n; i++) {
        deflate_job *j = &b->jobs[i];
        j->out = b->space + at;
        j->cap = compressBound((uLong)j->n);
        j->ok = false;
        at += j->cap;
    }
    job_list l = {.b = b};
    atomic_init(&l.next, 0);
    pthread_t helpers[MAX_THREADS];
    int started = 0;
    for (int want = helper_threads(total); started < want; started++)
        if (pthread_create(&helpers[started], NULL, work, &l) != 0)
            break; /* fewer helpers, or none: this thread does the rest */
    work(&l);
    for (int t = 0; t < started; t++)
        pthread_join(helpers[t], NULL);
    for (size_t i = 0; i < b->n; i++)
        if (!b->jobs[i].ok)
            return false;
    return true;
}

void deflate_batch_free(deflate_batch *b)
{
    free(b->space);
    b->space = NULL;
}
