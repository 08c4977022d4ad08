/* Writes the test images: PNG of every kind libpng writes (8- and 16-bit,
 * palette with and without transparency, grey at 1, 4, 8 and 16 bits,
 * grey with alpha, RGBA, interlaced) and JPEG (RGB, grey, progressive),
 * all showing one known pattern, so a test can compare what the PDF
 * carries with what was meant.
 *
 * usage: mkimages DIR
 *
 * The pattern, in 8-bit sRGB at pixel (x, y) of a W x H image:
 *   red = x * 255 / (W - 1), green = y * 255 / (H - 1), blue = 128 + 64 * ((x / 8 + y / 8) % 2)
 *   alpha = 255 - x * 200 / (W - 1) (images with alpha)
 *   grey = red (grey images); palette images use 16 grey-blue steps of x.
 * 16-bit samples are the 8-bit value times 257, which is the same value. */
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>

#define W 48
#define H 32

static unsigned red(int x) { return (unsigned)(x * 255 / (W - 1)); }
static unsigned green(int y) { return (unsigned)(y * 255 / (H - 1)); }
static unsigned blue(int x, int y) { return 128u + 64u * (unsigned)((x / 8 + y / 8) % 2); }
static unsigned alpha(int x) { return 255u - (unsigned)(x * 200 / (W - 1)); }

enum kind { RGB, RGBA, GREY, GREY_ALPHA, PALETTE, PALETTE_TRNS };

static int write_png(const char *dir, const char *name, enum kind k, int depth, int interlace)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f) {
        perror(path);
        return 1;
    }
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png_create_info_struct(png);
    if (setjmp(png_jmpbuf(png))) {
        fprintf(stderr, "%s: libpng failed\n", path);
        fclose(f);
        return 1;
    }
    png_init_io(png, f);
    int type = k == RGB            ? PNG_COLOR_TYPE_RGB
               : k == RGBA         ? PNG_COLOR_TYPE_RGBA
               : k == GREY         ? PNG_COLOR_TYPE_GRAY
               : k == GREY_ALPHA   ? PNG_COLOR_TYPE_GRAY_ALPHA
                                   : PNG_COLOR_TYPE_PALETTE;
    png_set_IHDR(png, info, W, H, depth, type, interlace ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    if (k == PALETTE || k == PALETTE_TRNS) {
        png_color pal[16];
        png_byte trans[16];
        for (int i = 0; i < 16; i++) {
            pal[i].red = (png_byte)(i * 17);
            pal[i].green = (png_byte)(i * 17);
            pal[i].blue = 200;
            trans[i] = (png_byte)(255 - i * 10);
        }
        png_set_PLTE(png, info, pal, 16);
        if (k == PALETTE_TRNS)
            png_set_tRNS(png, info, trans, 16, NULL);
    }
    png_write_info(png, info);
    if (depth < 8)
        png_set_packing(png);
    int ch = k == RGB ? 3 : k == RGBA ? 4 : k == GREY_ALPHA ? 2 : 1;
    int bytes = depth == 16 ? 2 : 1;
    size_t stride = (size_t)W * (size_t)ch * (size_t)bytes;
    png_bytep img = calloc((size_t)H, stride);
    png_bytep *rows = malloc(sizeof(png_bytep) * H);
    for (int y = 0; y < H; y++) {
        rows[y] = img + (size_t)y * stride;
        for (int x = 0; x < W; x++) {
            unsigned v[4];
            int n = 0;
            if (k == RGB || k == RGBA) {
                v[n++] = red(x);
                v[n++] = green(y);
                v[n++] = blue(x, y);
            } else if (k == GREY || k == GREY_ALPHA) {
                unsigned g = red(x);
                if (depth < 8)
                    g = g >> (8 - depth); /* the top bits: 1-bit black then white */
                v[n++] = g;
            } else {
                v[n++] = (unsigned)(x * 16 / W);
            }
            if (k == RGBA || k == GREY_ALPHA)
                v[n++] = alpha(x);
            for (int i = 0; i < n; i++) {
                if (bytes == 2) {
                    /* big-endian, as PNG stores it */
                    png_bytep at = rows[y] + ((size_t)x * (size_t)ch + (size_t)i) * 2;
                    at[0] = (png_byte)v[i];
                    at[1] = (png_byte)v[i];
                } else {
                    rows[y][(size_t)x * (size_t)ch + (size_t)i] = (png_byte)v[i];
                }
            }
        }
    }
    png_write_image(png, rows);
    png_write_end(png, NULL);
    png_destroy_write_struct(&png, &info);
    fclose(f);
    free(rows);
    free(img);
    return 0;
}

static int write_jpeg(const char *dir, const char *name, int grey, int progressive)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f) {
        perror(path);
        return 1;
    }
    struct jpeg_compress_struct c;
    struct jpeg_error_mgr err;
    c.err = jpeg_std_error(&err);
    jpeg_create_compress(&c);
    jpeg_stdio_dest(&c, f);
    c.image_width = W;
    c.image_height = H;
    c.input_components = grey ? 1 : 3;
    c.in_color_space = grey ? JCS_GRAYSCALE : JCS_RGB;
    jpeg_set_defaults(&c);
    jpeg_set_quality(&c, 95, TRUE);
    if (progressive)
        jpeg_simple_progression(&c);
    jpeg_start_compress(&c, TRUE);
    JSAMPLE row[W * 3];
    while (c.next_scanline < H) {
        int y = (int)c.next_scanline;
        for (int x = 0; x < W; x++) {
            if (grey) {
                row[x] = (JSAMPLE)red(x);
            } else {
                row[x * 3] = (JSAMPLE)red(x);
                row[x * 3 + 1] = (JSAMPLE)green(y);
                row[x * 3 + 2] = (JSAMPLE)blue(x, y);
            }
        }
        JSAMPROW rp[1] = {row};
        jpeg_write_scanlines(&c, rp, 1);
    }
    jpeg_finish_compress(&c);
    jpeg_destroy_compress(&c);
    fclose(f);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: mkimages DIR\n");
        return 2;
    }
    const char *d = argv[1];
    int bad = 0;
    bad |= write_png(d, "rgb8.png", RGB, 8, 0);
    bad |= write_png(d, "rgb16.png", RGB, 16, 0);
    bad |= write_png(d, "rgba8.png", RGBA, 8, 0);
    bad |= write_png(d, "rgba16.png", RGBA, 16, 0);
    bad |= write_png(d, "grey1.png", GREY, 1, 0);
    bad |= write_png(d, "grey4.png", GREY, 4, 0);
    bad |= write_png(d, "grey8.png", GREY, 8, 0);
    bad |= write_png(d, "grey16.png", GREY, 16, 0);
    bad |= write_png(d, "greyalpha8.png", GREY_ALPHA, 8, 0);
    bad |= write_png(d, "palette4.png", PALETTE, 4, 0);
    bad |= write_png(d, "palette8-trns.png", PALETTE_TRNS, 8, 0);
    bad |= write_png(d, "interlaced-rgb8.png", RGB, 8, 1);
    bad |= write_png(d, "interlaced-rgba16.png", RGBA, 16, 1);
    bad |= write_jpeg(d, "rgb.jpg", 0, 0);
    bad |= write_jpeg(d, "grey.jpg", 1, 0);
    bad |= write_jpeg(d, "progressive.jpg", 0, 1);
    return bad;
}
