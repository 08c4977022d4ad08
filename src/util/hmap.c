/* String-keyed hash map with open addressing, storage in the arena. */
#include "util.h"

#include <string.h>

struct hmap_slot {
    const char *key;
    size_t klen;
    uint64_t hash;
    void *value;
};

/* FNV-1a, 64-bit: short keys dominate (names, slugs, code points). */
uint64_t hash_bytes(const void *p, size_t n, uint64_t seed)
{
    const unsigned char *s = p;
    uint64_t h = 0xcbf29ce484222325ull ^ seed;
    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= 0x100000001b3ull;
    }
    return h;
}

/* The table's own hash: eight bytes a step, as a lookup runs several
 * times for every word set (the shaping cache). Only the table sees
 * it, so it may change without changing any output. */
static uint64_t slot_hash(const char *key, size_t n)
{
    const uint64_t mul = 0x9E3779B97F4A7C15ull;
    uint64_t h = 0x243F6A8885A308D3ull ^ (n * mul);
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, key + i, 8);
        h = (h ^ w) * mul;
        h ^= h >> 29;
    }
    uint64_t tail = 0;
    if (i < n)
        memcpy(&tail, key + i, n - i);
    h = (h ^ tail) * mul;
    return h ^ (h >> 32);
}

void hmap_init(hmap *m, arena *a)
{
    memset(m, 0, sizeof *m);
    m->a = a;
}

static struct hmap_slot *find(const hmap *m, const char *key, size_t klen, uint64_t h)
{
    size_t mask = m->cap - 1;
    size_t i = h & mask;
    for (;;) {
        struct hmap_slot *s = &m->slots[i];
        if (!s->key)
            return s;
        if (s->hash == h && s->klen == klen && memcmp(s->key, key, klen) == 0)
            return s;
        i = (i + 1) & mask;
    }
}

void *hmap_get(const hmap *m, const char *key, size_t klen)
{
    if (!m->cap)
        return NULL;
    struct hmap_slot *s = find(m, key, klen, slot_hash(key, klen));
    return s->key ? s->value : NULL;
}

void hmap_put(hmap *m, const char *key, size_t klen, void *value)
{
    if ((m->len + 1) * 4 > m->cap * 3) {
        size_t cap = m->cap ? m->cap * 2 : 16;
        struct hmap_slot *old = m->slots;
        size_t oldcap = m->cap;
        m->slots = ARENA_ARRAY(m->a, struct hmap_slot, cap);
        m->cap = cap;
        for (size_t i = 0; i < oldcap; i++)
            if (old[i].key)
                *find(m, old[i].key, old[i].klen, old[i].hash) = old[i];
    }
    uint64_t h = slot_hash(key, klen);
    struct hmap_slot *s = find(m, key, klen, h);
    if (!s->key) {
        s->key = arena_strndup(m->a, key, klen);
        s->klen = klen;
        s->hash = h;
        m->len++;
    }
    s->value = value;
}
