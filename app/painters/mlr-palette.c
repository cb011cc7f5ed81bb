/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mlr-palette.h"

#include <math.h>
#include <string.h>

/* viridis and cividis (public domain / CC0, by Smith, van der Walt, Nuñez et al.), sampled at
 * 33 evenly spaced points; linear interpolation between samples stays within 1/255 of the
 * full tables. */
static const float viridis_table[33][3] = {
  { 0.2670f, 0.0049f, 0.3294f },
  { 0.2770f, 0.0503f, 0.3757f },
  { 0.2823f, 0.0950f, 0.4173f },
  { 0.2829f, 0.1359f, 0.4534f },
  { 0.2788f, 0.1755f, 0.4834f },
  { 0.2706f, 0.2141f, 0.5071f },
  { 0.2590f, 0.2515f, 0.5247f },
  { 0.2450f, 0.2877f, 0.5373f },
  { 0.2297f, 0.3224f, 0.5457f },
  { 0.2143f, 0.3556f, 0.5512f },
  { 0.1994f, 0.3876f, 0.5546f },
  { 0.1856f, 0.4186f, 0.5568f },
  { 0.1727f, 0.4488f, 0.5579f },
  { 0.1607f, 0.4785f, 0.5581f },
  { 0.1490f, 0.5081f, 0.5573f },
  { 0.1378f, 0.5375f, 0.5549f },
  { 0.1276f, 0.5669f, 0.5506f },
  { 0.1206f, 0.5964f, 0.5436f },
  { 0.1206f, 0.6258f, 0.5335f },
  { 0.1323f, 0.6550f, 0.5197f },
  { 0.1579f, 0.6838f, 0.5017f },
  { 0.1966f, 0.7118f, 0.4792f },
  { 0.2461f, 0.7389f, 0.4520f },
  { 0.3041f, 0.7647f, 0.4199f },
  { 0.3692f, 0.7889f, 0.3829f },
  { 0.4401f, 0.8111f, 0.3410f },
  { 0.5160f, 0.8312f, 0.2943f },
  { 0.5958f, 0.8487f, 0.2433f },
  { 0.6785f, 0.8637f, 0.1895f },
  { 0.7624f, 0.8764f, 0.1371f },
  { 0.8456f, 0.8873f, 0.0997f },
  { 0.9261f, 0.8973f, 0.1041f },
  { 0.9932f, 0.9062f, 0.1439f },
};

static const float cividis_table[33][3] = {
  { 0.0000f, 0.1351f, 0.3048f },
  { 0.0000f, 0.1579f, 0.3575f },
  { 0.0000f, 0.1788f, 0.4148f },
  { 0.0179f, 0.1985f, 0.4412f },
  { 0.1034f, 0.2204f, 0.4358f },
  { 0.1543f, 0.2425f, 0.4301f },
  { 0.1951f, 0.2644f, 0.4259f },
  { 0.2309f, 0.2861f, 0.4235f },
  { 0.2637f, 0.3078f, 0.4228f },
  { 0.2947f, 0.3295f, 0.4237f },
  { 0.3242f, 0.3513f, 0.4263f },
  { 0.3529f, 0.3732f, 0.4302f },
  { 0.3808f, 0.3952f, 0.4357f },
  { 0.4082f, 0.4174f, 0.4426f },
  { 0.4352f, 0.4398f, 0.4511f },
  { 0.4616f, 0.4624f, 0.4620f },
  { 0.4887f, 0.4853f, 0.4710f },
  { 0.5179f, 0.5085f, 0.4727f },
  { 0.5478f, 0.5319f, 0.4717f },
  { 0.5782f, 0.5557f, 0.4687f },
  { 0.6091f, 0.5798f, 0.4636f },
  { 0.6404f, 0.6044f, 0.4568f },
  { 0.6720f, 0.6293f, 0.4480f },
  { 0.7040f, 0.6547f, 0.4371f },
  { 0.7365f, 0.6806f, 0.4240f },
  { 0.7694f, 0.7070f, 0.4085f },
  { 0.8027f, 0.7340f, 0.3902f },
  { 0.8364f, 0.7615f, 0.3687f },
  { 0.8707f, 0.7896f, 0.3433f },
  { 0.9056f, 0.8183f, 0.3129f },
  { 0.9411f, 0.8475f, 0.2758f },
  { 0.9778f, 0.8773f, 0.2280f },
  { 0.9957f, 0.9093f, 0.2178f },
};

/* Okabe & Ito (2008), "Color Universal Design": distinguishable with protanopia,
 * deuteranopia and tritanopia. Order chosen so the first classes contrast most. */
static const MlrColor okabe_ito[8] = {
  { 0.000, 0.447, 0.698, 1 },  /* blue */
  { 0.902, 0.624, 0.000, 1 },  /* orange */
  { 0.000, 0.620, 0.451, 1 },  /* bluish green */
  { 0.800, 0.475, 0.655, 1 },  /* reddish purple */
  { 0.337, 0.706, 0.914, 1 },  /* sky blue */
  { 0.835, 0.369, 0.000, 1 },  /* vermillion */
  { 0.941, 0.894, 0.259, 1 },  /* yellow */
  { 0.500, 0.500, 0.500, 1 },  /* grey */
};

static MlrColor
rgb (double r, double g, double b)
{
  MlrColor c = { r, g, b, 1.0 };
  return c;
}

/**
 * mlr_palette_init_default:
 * Adwaita's light or dark colours, for painting with no theme at hand (the CLI, tests).
 */
void
mlr_palette_init_default (MlrPalette *p,
                          gboolean    dark)
{
  memset (p, 0, sizeof *p);
  p->dark = dark;
  if (dark)
    {
      p->background = rgb (0.188, 0.188, 0.188);   /* #303030 */
      p->foreground = rgb (1.0, 1.0, 1.0);
      p->dim = rgb (0.70, 0.70, 0.70);
      p->grid = rgb (0.35, 0.35, 0.35);
      p->accent = rgb (0.471, 0.682, 0.929);       /* #78aeed */
      p->success = rgb (0.561, 0.941, 0.643);
      p->warning = rgb (0.973, 0.894, 0.361);
      p->error = rgb (1.0, 0.482, 0.388);
    }
  else
    {
      p->background = rgb (0.980, 0.980, 0.980);   /* #fafafa */
      p->foreground = rgb (0.0, 0.0, 0.0);
      p->foreground.a = 0.8;
      p->dim = rgb (0.40, 0.40, 0.40);
      p->grid = rgb (0.85, 0.85, 0.85);
      p->accent = rgb (0.110, 0.443, 0.847);       /* #1c71d8 */
      p->success = rgb (0.149, 0.635, 0.412);
      p->warning = rgb (0.612, 0.431, 0.012);
      p->error = rgb (0.753, 0.110, 0.157);
    }
  for (int i = 0; i < MLR_PALETTE_N_CLASSES; i++)
    p->classes[i] = okabe_ito[i];
  /* Trajectories over a viridis heatmap: avoid the map's own blues and greens. */
  p->series[0] = rgb (1.0, 1.0, 1.0);
  p->series[1] = okabe_ito[1];
  p->series[2] = okabe_ito[5];
  p->series[3] = okabe_ito[3];
  p->series[4] = okabe_ito[4];
  p->series[5] = okabe_ito[6];
  p->font_size = 12;
  g_strlcpy (p->font_family, "Cantarell, sans-serif", sizeof p->font_family);
}

void
mlr_colormap_eval (MlrColormap  map,
                   double       t,
                   MlrColor    *out)
{
  const float (*table)[3] = map == MLR_COLORMAP_CIVIDIS ? cividis_table : viridis_table;
  double x;
  int i;

  if (!isfinite (t))
    t = 0;
  t = CLAMP (t, 0.0, 1.0);
  x = t * 32.0;
  i = MIN ((int) x, 31);
  x -= i;
  out->r = table[i][0] + (table[i + 1][0] - table[i][0]) * x;
  out->g = table[i][1] + (table[i + 1][1] - table[i][1]) * x;
  out->b = table[i][2] + (table[i + 1][2] - table[i][2]) * x;
  out->a = 1.0;
}

void
mlr_colormap_eval_rgb8 (MlrColormap map,
                        double      t,
                        guint8      out[3])
{
  MlrColor c;

  mlr_colormap_eval (map, t, &c);
  out[0] = (guint8) lround (c.r * 255);
  out[1] = (guint8) lround (c.g * 255);
  out[2] = (guint8) lround (c.b * 255);
}

void
mlr_cairo_set_color (cairo_t        *cr,
                     const MlrColor *c)
{
  cairo_set_source_rgba (cr, c->r, c->g, c->b, c->a);
}

void
mlr_cairo_set_color_alpha (cairo_t        *cr,
                           const MlrColor *c,
                           double          alpha)
{
  cairo_set_source_rgba (cr, c->r, c->g, c->b, c->a * alpha);
}

MlrColor
mlr_color_mix (const MlrColor *a,
               const MlrColor *b,
               double          t)
{
  MlrColor c = {
    a->r + (b->r - a->r) * t,
    a->g + (b->g - a->g) * t,
    a->b + (b->b - a->b) * t,
    a->a + (b->a - a->a) * t,
  };
  return c;
}

/* Relative luminance (sRGB, approximate gamma 2.2), to choose readable text colours. */
double
mlr_color_luminance (const MlrColor *c)
{
  return 0.2126 * pow (c->r, 2.2) + 0.7152 * pow (c->g, 2.2) + 0.0722 * pow (c->b, 2.2);
}

/* Lightness of white and of black in a diagram recoloured for the dark style: white becomes the
 * dark style's card (#303030 on the #242424 page), black its text. */
#define DARK_FIGURE_BG 0.19
#define DARK_FIGURE_FG 0.93

/**
 * mlr_recolor_for_dark:
 * Recolours a diagram drawn for a light page (white ground, dark ink, coloured marks) for the
 * dark style, in place: each pixel's HSL lightness L becomes
 * DARK_FIGURE_BG + (1 − L) · (DARK_FIGURE_FG − DARK_FIGURE_BG), with its hue and saturation
 * kept. White turns into the dark card colour, black into light text, and a mid-tone blue
 * stays blue, a little lighter. @pixels are 8-bit RGB or RGBA (@n_channels 3 or 4, alpha not
 * premultiplied, as in a GdkPixbuf); alpha is kept. Meant for diagrams, not photographs.
 */
void
mlr_recolor_for_dark (guint8 *pixels,
                      int     width,
                      int     height,
                      int     rowstride,
                      int     n_channels)
{
  g_return_if_fail (pixels != NULL && (n_channels == 3 || n_channels == 4));

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint8 *p = pixels + (gsize) y * rowstride + (gsize) x * n_channels;
        double r = p[0] / 255.0, g = p[1] / 255.0, b = p[2] / 255.0;
        double mx = MAX (r, MAX (g, b)), mn = MIN (r, MIN (g, b));
        double l = (mx + mn) / 2, nl = DARK_FIGURE_BG + (1 - l) * (DARK_FIGURE_FG - DARK_FIGURE_BG);
        double c[3] = { r, g, b };

        /* Keep hue and saturation: scale each channel's distance from the grey of the same
         * lightness by the ratio of the chromas HSL allows at the old and new lightness. */
        double room_old = MIN (l, 1 - l), room_new = MIN (nl, 1 - nl);
        double k = room_old > 1e-9 ? room_new / room_old : 0;
        for (int i = 0; i < 3; i++)
          {
            double v = nl + (c[i] - l) * k;
            p[i] = (guint8) CLAMP (lround (v * 255), 0, 255);
          }
      }
}
