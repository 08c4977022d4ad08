/* Makes a Latin-only TrueType font for the fallback test: the printable
 * ASCII characters of a given font, under a family name of its own, so
 * that every other character must come from a fallback face.
 *
 *   latin_font IN.ttf OUT.ttf "Family Name" PostScriptName
 *
 * HarfBuzz's subsetter cuts the glyphs; the name table is then replaced by
 * one that names the new family (Windows and Macintosh records). */
#include <hb-subset.h>
#include <hb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_NAME 200

typedef struct {
    unsigned char *data;
    size_t len, cap;
} bytes;

static void put(bytes *b, const void *p, size_t n)
{
    if (b->len + n > b->cap) {
        b->cap = (b->len + n) * 2;
        b->data = realloc(b->data, b->cap);
        if (!b->data) {
            perror("latin_font");
            exit(1);
        }
    }
    memcpy(b->data + b->len, p, n);
    b->len += n;
}

static void put16(bytes *b, unsigned v)
{
    unsigned char be[2] = {(unsigned char)(v >> 8), (unsigned char)v};
    put(b, be, 2);
}

/* A 'name' table, format 0: family (1), subfamily (2), unique id (3),
 * full name (4), PostScript name (6), for Macintosh Roman (1, 0, 0) and
 * Windows Unicode BMP (3, 1, 0x409). Records sorted as the format wants. */
static hb_blob_t *name_table(const char *family, const char *psname)
{
    const char *strings[] = {family, "Regular", psname, family, psname};
    const unsigned ids[] = {1, 2, 3, 4, 6};
    enum { N = 5 };
    const struct {
        unsigned platform, encoding, language, wide;
    } plats[] = {{1, 0, 0, 0}, {3, 1, 0x409, 1}};
    bytes head = {0}, store = {0};
    put16(&head, 0);
    put16(&head, 2 * N);
    put16(&head, 6 + 12 * 2 * N);
    for (int p = 0; p < 2; p++) {
        for (int i = 0; i < N; i++) {
            size_t len = strlen(strings[i]);
            put16(&head, plats[p].platform);
            put16(&head, plats[p].encoding);
            put16(&head, plats[p].language);
            put16(&head, ids[i]);
            put16(&head, (unsigned)(plats[p].wide ? 2 * len : len));
            put16(&head, (unsigned)store.len);
            for (size_t k = 0; k < len; k++) {
                if (plats[p].wide)
                    put16(&store, (unsigned char)strings[i][k]); /* ASCII names only */
                else
                    put(&store, &strings[i][k], 1);
            }
        }
    }
    put(&head, store.data, store.len);
    free(store.data);
    return hb_blob_create((const char *)head.data, (unsigned)head.len, HB_MEMORY_MODE_WRITABLE, head.data, free);
}

int main(int argc, char **argv)
{
    if (argc != 5 || strlen(argv[3]) > MAX_NAME || strlen(argv[4]) > MAX_NAME) {
        fprintf(stderr, "usage: latin_font IN.ttf OUT.ttf \"Family Name\" PostScriptName\n");
        return 2;
    }
    hb_blob_t *in = hb_blob_create_from_file_or_fail(argv[1]);
    if (!in) {
        fprintf(stderr, "latin_font: cannot read %s\n", argv[1]);
        return 1;
    }
    hb_face_t *face = hb_face_create(in, 0);
    hb_subset_input_t *input = hb_subset_input_create_or_fail();
    if (!input)
        return 1;
    hb_set_add_range(hb_subset_input_unicode_set(input), 0x20, 0x7E);
    hb_face_t *subset = hb_subset_or_fail(face, input);
    if (!subset) {
        fprintf(stderr, "latin_font: cannot subset %s\n", argv[1]);
        return 1;
    }
    /* a subset face cannot list its tables; its serialised form can */
    hb_blob_t *sub_bytes = hb_face_reference_blob(subset);
    hb_face_t *sub = hb_face_create(sub_bytes, 0);
    hb_face_t *out = hb_face_builder_create();
    unsigned start = 0, count;
    hb_tag_t tags[64];
    do {
        count = 64;
        hb_face_get_table_tags(sub, start, &count, tags);
        for (unsigned i = 0; i < count; i++) {
            if (tags[i] == HB_TAG('n', 'a', 'm', 'e'))
                continue;
            hb_blob_t *t = hb_face_reference_table(sub, tags[i]);
            hb_face_builder_add_table(out, tags[i], t);
            hb_blob_destroy(t);
        }
        start += count;
    } while (count == 64);
    hb_blob_t *names = name_table(argv[3], argv[4]);
    hb_face_builder_add_table(out, HB_TAG('n', 'a', 'm', 'e'), names);
    hb_blob_destroy(names);

    hb_blob_t *result = hb_face_reference_blob(out);
    unsigned len = 0;
    const char *data = hb_blob_get_data(result, &len);
    FILE *f = fopen(argv[2], "wb");
    int status = 0;
    if (!f || len == 0 || fwrite(data, 1, len, f) != len || fclose(f) != 0) {
        fprintf(stderr, "latin_font: cannot write %s\n", argv[2]);
        status = 1;
    }
    hb_blob_destroy(result);
    hb_face_destroy(out);
    hb_face_destroy(sub);
    hb_blob_destroy(sub_bytes);
    hb_face_destroy(subset);
    hb_subset_input_destroy(input);
    hb_face_destroy(face);
    hb_blob_destroy(in);
    return status;
}
