/* Embedding images: PNG as decoded 8-bit samples with a soft mask for
 * alpha, JPEG as its original DCT data. Each image is embedded once. */
#include "render_internal.h"

HPDF_Image render_image(render_ctx *r, const image *img)
{
    if (img->id < 0)
        return NULL;
    if (img->id >= r->nimages) {
        int n = img->id + 16;
        HPDF_Image *grown = ARENA_ARRAY(r->a, HPDF_Image, n);
        for (int i = 0; i < r->nimages; i++)
            grown[i] = r->image_by_id[i];
        r->image_by_id = grown;
        r->nimages = n;
    }
    if (r->image_by_id[img->id])
        return r->image_by_id[img->id];
    HPDF_Image h = NULL;
    if (img->format == IMAGE_JPEG) {
        h = HPDF_LoadJpegImageFromMem(r->pdf, img->data, (HPDF_UINT)img->data_len);
    } else {
        HPDF_ColorSpace cs = img->components == 1 ? HPDF_CS_DEVICE_GRAY : HPDF_CS_DEVICE_RGB;
        const uint8_t *pixels = img->pixels;
        bool flatten = r->opt->pdfa && r->opt->pdfa_part != 2;
        if (img->alpha && flatten) {
            /* PDF/A-1 allows no transparency: flatten onto white paper */
            size_t n = (size_t)img->width * (size_t)img->height, ch = (size_t)img->components;
            uint8_t *flat = arena_alloc(r->a, n * ch);
            for (size_t i = 0; i < n; i++)
                for (size_t k = 0; k < ch; k++)
                    flat[i * ch + k] = (uint8_t)((img->pixels[i * ch + k] * img->alpha[i] + 255 * (255 - img->alpha[i]) + 127) / 255);
            pixels = flat;
        }
        h = HPDF_LoadRawImageFromMem(r->pdf, pixels, (HPDF_UINT)img->width, (HPDF_UINT)img->height, cs, 8);
        if (h && img->alpha && !flatten) {
            HPDF_Image mask = HPDF_LoadRawImageFromMem(r->pdf, img->alpha, (HPDF_UINT)img->width,
                                                       (HPDF_UINT)img->height, HPDF_CS_DEVICE_GRAY, 8);
            if (mask)
                HPDF_Image_AddSMask(h, mask);
        }
    }
    if (!render_check(r, arena_printf(r->a, "embedding image '%s'", img->path)))
        return NULL;
    r->image_by_id[img->id] = h;
    return h;
}
