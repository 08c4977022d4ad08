/* Arena allocation: large blocks, bump-pointer allocation, freed together.
 * Every stage allocates from the compilation's arena and never frees. */
#define _DEFAULT_SOURCE /* madvise's MADV_HUGEPAGE */
#include "util.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define ARENA_BLOCK (256u * 1024u)
#define ARENA_ALIGN 16u
/* Once an arena has grown past HUGE_AFTER, its blocks are HUGE_BLOCK
 * bytes on a huge-page boundary, and the kernel is asked to back them
 * with huge pages: a long dossier touches a hundred megabytes once, and
 * its 4 KB page faults cost a third of the run (250 pages: 21,000
 * faults and 0.60 s, against 1,600 and 0.32 s). */
#define HUGE_BLOCK (2u * 1024u * 1024u)
#define HUGE_AFTER (4u * 1024u * 1024u)

typedef struct block {
    struct block *next;
    size_t size, used;
    max_align_t pad; /* keeps data aligned */
    unsigned char data[];
} block;

struct arena {
    block *head;
    block *spare; /* blocks kept by arena_reset, used again before new ones */
    size_t total;
};

static void out_of_memory(size_t size)
{
    fprintf(stderr, "dossier: error: out of memory (allocating %zu bytes)\n", size);
    exit(3);
}

arena *arena_new(void)
{
    arena *a = calloc(1, sizeof *a);
    if (!a)
        out_of_memory(sizeof *a);
    return a;
}

static void free_blocks(block *b)
{
    while (b) {
        block *next = b->next;
        free(b);
        b = next;
    }
}

void arena_free(arena *a)
{
    if (!a)
        return;
    free_blocks(a->head);
    free_blocks(a->spare);
    free(a);
}

/* Every block is kept for what comes next: memory the program has touched
 * costs nothing to use again, while fresh memory costs a page fault per
 * page (a scratch arena that gave its blocks back had them faulted in
 * again for every paragraph). */
void arena_reset(arena *a)
{
    block *b = a->head;
    while (b) {
        block *next = b->next;
        b->used = 0;
        b->next = a->spare;
        a->spare = b;
        b = next;
    }
    a->head = NULL;
    a->total = 0;
}

/* A kept block of at least `size` bytes, taken off the spare list. */
static block *spare_block(arena *a, size_t size)
{
    for (block **link = &a->spare; *link; link = &(*link)->next) {
        block *b = *link;
        if (b->size >= size) {
            *link = b->next;
            return b;
        }
    }
    return NULL;
}

/* A block of `size` bytes of data; a huge one is aligned for huge pages
 * (a hint the kernel may ignore: memory is memory either way). */
static block *new_block(size_t size)
{
    size_t bytes = sizeof(block) + size;
    if (bytes < HUGE_BLOCK)
        return malloc(bytes);
    bytes = (bytes + HUGE_BLOCK - 1) & ~(size_t)(HUGE_BLOCK - 1);
    void *p = NULL;
    if (posix_memalign(&p, HUGE_BLOCK, bytes) != 0)
        return malloc(bytes); /* valgrind's allocator refuses such alignments */
#ifdef MADV_HUGEPAGE
    madvise(p, bytes, MADV_HUGEPAGE);
#endif
    return p;
}

void *arena_alloc_uninit(arena *a, size_t size)
{
    size = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    if (size == 0)
        size = ARENA_ALIGN;
    block *b = a->head;
    if (!b || b->size - b->used < size) {
        /* Big requests get a block of their own, placed behind the current
         * one so the current block's free space is not wasted. */
        size_t unit = a->total >= HUGE_AFTER ? HUGE_BLOCK - sizeof(block) : ARENA_BLOCK;
        size_t bsize = size > unit / 4 ? size : unit;
        block *nb = spare_block(a, bsize);
        if (nb) {
            bsize = nb->size;
        } else {
            nb = new_block(bsize);
            if (!nb)
                out_of_memory(size);
            nb->size = bsize;
        }
        nb->used = 0;
        if (b && size > unit / 4) {
            nb->next = b->next;
            b->next = nb;
        } else {
            nb->next = b;
            a->head = nb;
        }
        b = nb;
    }
    void *p = b->data + b->used;
    b->used += size;
    a->total += size;
    return p;
}

void *arena_alloc(arena *a, size_t size)
{
    void *p = arena_alloc_uninit(a, size);
    memset(p, 0, size);
    return p;
}

void *arena_memdup(arena *a, const void *p, size_t size)
{
    void *q = arena_alloc_uninit(a, size);
    if (size)
        memcpy(q, p, size);
    return q;
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
    char *q = arena_alloc_uninit(a, n + 1);
    if (n)
        memcpy(q, s, n);
    q[n] = 0;
    return q;
}

char *arena_strdup(arena *a, const char *s)
{
    return arena_strndup(a, s, strlen(s));
}

char *arena_vprintf(arena *a, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        n = 0;
    char *s = arena_alloc_uninit(a, (size_t)n + 1);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    return s;
}

char *arena_printf(arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = arena_vprintf(a, fmt, ap);
    va_end(ap);
    return s;
}

size_t arena_used(const arena *a)
{
    return a->total;
}

void vec_init(vec *v, size_t elem)
{
    v->data = NULL;
    v->len = v->cap = 0;
    v->elem = elem;
}

void vec_grow(arena *a, vec *v)
{
    /* a first block of about 128 bytes (two elements at least): most
     * vectors stay short (a table cell's galley, an element's kids), and
     * a long table has hundreds of thousands of them */
    size_t first = v->elem >= 64 ? 2 : 128 / (v->elem ? v->elem : 1);
    size_t cap = v->cap ? v->cap * 2 : first;
    /* the copy fills the used part; each slot is cleared as pushed */
    void *data = arena_alloc_uninit(a, cap * v->elem);
    if (v->len)
        memcpy(data, v->data, v->len * v->elem);
    v->data = data;
    v->cap = cap;
}

void *vec_push(arena *a, vec *v)
{
    return vec_push_sized(a, v, v->elem);
}
