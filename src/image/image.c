/* Reading images. PNG goes through libpng, which handles every bit depth,
 * palette, grey, alpha and interlacing, into 8-bit samples (the PDF
 * library corrupts 16-bit and interlaced PNGs itself).
 * JPEG is decoded once with libjpeg to prove it whole, then embedded as
 * the original DCT data. */
#include "image.h"

#include <errno.h>
#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>

#define IMAGE_MAX_BYTES (64u << 20)
#define IMAGE_MAX_PIXELS (100u * 1000u * 1000u)

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* The pHYs chunk, when present, gives the intended resolution. */
static float png_dpi(const unsigned char *data, size_t len)
{
    size_t i = 8;
    while (i + 12 <= len) {
        uint32_t n = be32(data + i);
        const unsigned char *type = data + i + 4;
        if (memcmp(type, "pHYs", 4) == 0 && n >= 9 && i + 8 + 9 <= len) {
            uint32_t ppu = be32(data + i + 8);
            if (data[i + 16] == 1 && ppu > 0)
                return (float)ppu * 0.0254f;
            return 0;
        }
        if (memcmp(type, "IDAT", 4) == 0 || n > len)
            return 0;
        i += 12 + (size_t)n;
    }
    return 0;
}

/* libpng reads from memory and reports through these. */
typedef struct {
    const unsigned char *data;
    size_t len, pos;
    char message[200];
} png_source;

static void png_read_mem(png_structp png, png_bytep out, size_t n)
{
    png_source *s = png_get_io_ptr(png);
    if (n > s->len - s->pos)
        png_error(png, "the file ends before the image does (truncated)");
    memcpy(out, s->data + s->pos, n);
    s->pos += n;
}

static void png_fail(png_structp png, png_const_charp msg)
{
    png_source *s = png_get_error_ptr(png);
    snprintf(s->message, sizeof s->message, "%s", msg ? msg : "damaged PNG data");
    png_longjmp(png, 1);
}

static void png_quiet(png_structp png, png_const_charp msg)
{
    (void)png;
    (void)msg; /* ancillary-chunk trouble: the image itself is fine */
}

/* libpng's own transforms, not its simplified API: that one takes 16-bit
 * samples without a gAMA chunk for linear light and darkens them into
 * sRGB, where every viewer shows them as sRGB already. Here samples keep
 * their values: palette and low bit depths expand, 16 bits scale to 8,
 * tRNS becomes alpha, interlacing is undone. */
static bool load_png(arena *a, image *img, const unsigned char *data, size_t len, const char **why)
{
    png_source src = {data, len, 0, ""};
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &src, png_fail, png_quiet);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    if (!png || !info) {
        png_destroy_read_struct(&png, &info, NULL);
        *why = "out of memory";
        return false;
    }
    if (setjmp(png_jmpbuf(png))) {
        *why = arena_strdup(a, src.message[0] ? src.message : "damaged PNG data");
        png_destroy_read_struct(&png, &info, NULL);
        return false;
    }
    png_set_read_fn(png, &src, png_read_mem);
    png_set_user_limits(png, 1000000, 1000000);
    png_read_info(png, info);
    png_uint_32 w = png_get_image_width(png, info), h = png_get_image_height(png, info);
    if ((uint64_t)w * h > IMAGE_MAX_PIXELS || w == 0 || h == 0)
        png_fail(png, "image dimensions are out of range");
    png_set_expand(png);
    png_set_scale_16(png);
    png_set_interlace_handling(png);
    png_read_update_info(png, info);
    int channels = png_get_channels(png, info);
    size_t rowbytes = png_get_rowbytes(png, info);
    if (png_get_bit_depth(png, info) != 8 || channels < 1 || channels > 4 || rowbytes != (size_t)w * (size_t)channels)
        png_fail(png, "unsupported PNG sample layout");
    unsigned char *buf = arena_alloc(a, rowbytes * h);
    png_bytep *rows = arena_alloc(a, sizeof(png_bytep) * h);
    for (png_uint_32 y = 0; y < h; y++)
        rows[y] = buf + (size_t)y * rowbytes;
    png_read_image(png, rows);
    png_read_end(png, NULL);
    png_destroy_read_struct(&png, &info, NULL);

    bool alpha = channels == 2 || channels == 4;
    int ch = alpha ? channels - 1 : channels;
    size_t npix = (size_t)w * h;
    uint8_t *pix = arena_alloc(a, npix * (size_t)ch);
    uint8_t *al = alpha ? arena_alloc(a, npix) : NULL;
    bool opaque = true;
    for (size_t i = 0; i < npix; i++) {
        memcpy(pix + i * (size_t)ch, buf + i * (size_t)channels, (size_t)ch);
        if (al) {
            al[i] = buf[i * (size_t)channels + (size_t)ch];
            if (al[i] != 255)
                opaque = false;
        }
    }
    img->format = IMAGE_PNG;
    img->width = (int)w;
    img->height = (int)h;
    img->components = ch;
    img->pixels = pix;
    img->alpha = opaque ? NULL : al;
    img->dpi = png_dpi(data, len);
    return true;
}

typedef struct {
    struct jpeg_error_mgr pub;
    jmp_buf jump;
    char message[JMSG_LENGTH_MAX];
} jpeg_err;

static void jpeg_fail(j_common_ptr c)
{
    jpeg_err *e = (jpeg_err *)c->err;
    (*c->err->format_message)(c, e->message);
    longjmp(e->jump, 1);
}

static void jpeg_quiet(j_common_ptr c, int level)
{
    /* corrupt-data warnings (level -1) mean a damaged file: fail on them */
    if (level < 0)
        jpeg_fail(c);
}

static bool load_jpeg(arena *a, image *img, const unsigned char *data, size_t len, const char **why)
{
    struct jpeg_decompress_struct c;
    jpeg_err err;
    c.err = jpeg_std_error(&err.pub);
    err.pub.error_exit = jpeg_fail;
    err.pub.emit_message = jpeg_quiet;
    JSAMPLE *row = NULL;
    if (setjmp(err.jump)) {
        *why = arena_strdup(a, err.message);
        free(row);
        jpeg_destroy_decompress(&c);
        return false;
    }
    jpeg_create_decompress(&c);
    jpeg_mem_src(&c, data, (unsigned long)len);
    jpeg_read_header(&c, TRUE);
    if ((uint64_t)c.image_width * c.image_height > IMAGE_MAX_PIXELS) {
        jpeg_destroy_decompress(&c);
        *why = "image dimensions are out of range";
        return false;
    }
    jpeg_start_decompress(&c);
    row = malloc((size_t)c.output_width * (size_t)c.output_components);
    while (c.output_scanline < c.output_height) {
        JSAMPROW rows[1] = {row};
        jpeg_read_scanlines(&c, rows, 1);
    }
    jpeg_finish_decompress(&c);
    free(row);
    row = NULL;
    img->format = IMAGE_JPEG;
    img->width = (int)c.image_width;
    img->height = (int)c.image_height;
    img->components = c.num_components;
    if (c.density_unit == 1 && c.X_density > 0)
        img->dpi = c.X_density;
    else if (c.density_unit == 2 && c.X_density > 0)
        img->dpi = (float)c.X_density * 2.54f;
    img->data = arena_memdup(a, data, len);
    img->data_len = len;
    jpeg_destroy_decompress(&c);
    return true;
}

image *image_load(arena *a, const char *path, const char **why_not)
{
    bool too_big = false;
    size_t len = 0;
    char *data = read_file(a, path, IMAGE_MAX_BYTES, &len, &too_big);
    if (!data) {
        *why_not = strerror(errno);
        return NULL;
    }
    if (too_big) {
        *why_not = arena_printf(a, "larger than %u MB", IMAGE_MAX_BYTES >> 20);
        return NULL;
    }
    image *img = ARENA_NEW(a, image);
    img->path = path;
    const unsigned char *u = (const unsigned char *)data;
    const char *why = NULL;
    bool ok;
    if (len >= 8 && memcmp(u, "\x89PNG\r\n\x1a\n", 8) == 0)
        ok = load_png(a, img, u, len, &why);
    else if (len >= 3 && u[0] == 0xFF && u[1] == 0xD8 && u[2] == 0xFF)
        ok = load_jpeg(a, img, u, len, &why);
    else {
        ok = false;
        why = "not a PNG or JPEG file";
    }
    if (!ok) {
        *why_not = why;
        return NULL;
    }
    return img;
}
