/* image: reading PNG (libpng: every bit depth, palette,
 * grey, alpha and interlacing) and JPEG (libjpeg) into what the PDF needs.
 * Layout reads the size; the renderer embeds the data. */
#ifndef DOSSIER_IMAGE_H
#define DOSSIER_IMAGE_H

#include "../util/util.h"

typedef enum { IMAGE_PNG, IMAGE_JPEG } image_format;

typedef struct {
    const char *path;
    image_format format;
    int width, height;         /* pixels */
    float dpi;                 /* from the file (pHYs, JFIF), 0 when absent */
    int components;            /* 1 grey, 3 RGB (PNG decoded; JPEG as stored, 4 = CMYK) */
    const uint8_t *pixels;     /* PNG: width*height*components, 8-bit */
    const uint8_t *alpha;      /* PNG: width*height, or NULL when opaque */
    const uint8_t *data;       /* JPEG: the file as is (embedded as DCT) */
    size_t data_len;
    int id;                    /* order of first use, for the renderer's cache */
} image;

/* Loads and fully validates an image file. On failure returns NULL and
 * sets *why_not to the reason, for the caller to report. */
image *image_load(arena *a, const char *path, const char **why_not);

#endif
