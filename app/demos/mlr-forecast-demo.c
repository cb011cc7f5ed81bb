/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mlr-forecast-demo.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ml/mlr-csv.h"
#include "painters/mlr-forecast-painter.h"

struct _MlrForecastDemo
{
  MlrDemo parent_instance;
};

G_DEFINE_FINAL_TYPE (MlrForecastDemo, mlr_forecast_demo, MLR_TYPE_DEMO)

static MlrForecastState *
state_of (MlrForecastDemo *self)
{
  return mlr_demo_get_state (MLR_DEMO (self));
}

static const char *
series_name (const char *id)
{
  static const struct { const char *id, *name; } names[] = {
    { "demand", N_("The monthly demand series") }, { "trend", N_("The trending series") },
    { "stock", N_("The random-walk stock price") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (names[i].id, id) == 0)
      return _(names[i].name);
  return id;
}

/* The method's name inside a sentence. */
static const char *
method_words (MlrForecastMethod method)
{
  static const char * const words[] = {
    N_("the naive method"), N_("seasonal naive"), N_("the drift method"),
    N_("simple exponential smoothing"), N_("Holt's linear trend"), N_("Holt–Winters"),
  };
  return _(words[method]);
}

static char *
fmt (double v)
{
  double a = fabs (v);
  return g_strdup_printf ("%.*f", a >= 100 ? 1 : a >= 1 ? 2 : 3, v);
}

/**
 * mlr_forecast_demo_describe_state:
 * The picture in words: "The monthly demand series, 96 values, the last 12 held out.
 * Holt–Winters (season 12) forecasts them with MAE 7.14, RMSE 7.57 and MASE 0.69; the lowest
 * MASE is that of seasonal naive, 0.59. 12 steps past the data it forecasts 172.7, 95%
 * interval 138.6 to 206.8."
 */
char *
mlr_forecast_demo_describe_state (const MlrForecastState *state)
{
  guint n, test = mlr_forecast_state_get_test (state);
  const char *own = mlr_forecast_state_get_own_name (state);
  MlrForecastMethod method = mlr_forecast_state_get_method (state);
  const MlrForecastSettings *set = mlr_forecast_state_get_settings (state);
  const MlrForecastScore *sc = mlr_forecast_state_get_score (state, method);
  int best = mlr_forecast_state_best_method (state);
  const MlrForecast *ffc = mlr_forecast_state_get_future_forecast (state, NULL, NULL);
  g_autofree char *series = own ? g_strdup_printf (_("Your series “%s”"), own)
                                : g_strdup (series_name (mlr_forecast_state_get_series_id (state)));
  GString *s = g_string_new (NULL);

  mlr_forecast_state_get_series (state, &n);
  g_string_append_printf (s, _("%s, %u values, the last %u held out."), series, n,
                          MIN (test, n));
  if (sc->status == MLR_FORECAST_OK)
    {
      g_autofree char *mae = fmt (sc->accuracy.mae), *rmse = fmt (sc->accuracy.rmse);
      g_autofree char *mase = g_strdup_printf ("%.2f", sc->accuracy.mase);
      g_string_append_printf (s, mlr_forecast_state_get_rolling (state)
                              ? _(" %s (season %u), one step ahead from each origin, forecasts "
                                  "them with MAE %s, RMSE %s and MASE %s.")
                              : _(" %s (season %u), from the end of the training part, "
                                  "forecasts them with MAE %s, RMSE %s and MASE %s."),
                              mlr_forecast_painter_method_name (method), set->season, mae, rmse,
                              mase);
    }
  else
    g_string_append_printf (s, _(" %s cannot be scored with these settings (see the "
                                 "picture)."), mlr_forecast_painter_method_name (method));
  if (best >= 0)
    {
      g_autofree char *mase = g_strdup_printf ("%.2f",
                                               mlr_forecast_state_get_score (state, best)
                                               ->accuracy.mase);
      if (best == (int) method)
        g_string_append_printf (s, _(" That is the lowest MASE of the six methods."));
      else
        g_string_append_printf (s, _(" The lowest MASE is that of %s, %s."),
                                method_words (best), mase);
    }
  if (ffc != NULL)
    {
      guint h = ffc->horizon;
      g_autofree char *v = fmt (ffc->mean[h - 1]), *lo = fmt (ffc->lo95[h - 1]);
      g_autofree char *hi = fmt (ffc->hi95[h - 1]);
      g_string_append_printf (s, _(" %u steps past the data it forecasts %s, 95%% interval "
                                   "%s to %s."), h, v, lo, hi);
    }
  return g_string_free (s, FALSE);
}

static char *
mlr_forecast_demo_describe (MlrDemo *demo)
{
  return mlr_forecast_demo_describe_state (mlr_demo_get_state (demo));
}

static void
mlr_forecast_demo_draw (MlrDemo          *demo,
                        cairo_t          *cr,
                        int               width,
                        int               height,
                        const MlrPalette *palette)
{
  mlr_forecast_painter_draw (cr, width, height, palette, mlr_demo_get_state (demo));
}

/* Sets integer @key to its value plus @delta, within its range. */
static void
nudge (MlrForecastDemo *self,
       const char      *key,
       int              delta)
{
  MlrDemo *demo = MLR_DEMO (self);
  const MlrParamSpec *spec = mlr_params_lookup_spec (mlr_demo_get_params (demo), key);
  gint64 v = mlr_params_get_int (mlr_demo_get_params (demo), key) + delta;
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT,
                                           CLAMP (v, (gint64) spec->min, (gint64) spec->max));

  mlr_demo_set_param (demo, key, text, NULL);
}

/* Left/Right: the horizon; Up/Down: the held-out window. */
static void
horizon_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  nudge (MLR_FORECAST_DEMO (widget), "horizon", g_variant_get_int32 (parameter));
}

static void
test_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  nudge (MLR_FORECAST_DEMO (widget), "test", g_variant_get_int32 (parameter));
}

/* R: another draw of the built-in series. */
static void
seed_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MlrForecastDemo *self = MLR_FORECAST_DEMO (widget);
  gint64 seed = mlr_params_get_int (mlr_demo_get_params (MLR_DEMO (self)), "seed");
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, seed % 9999 + 1);

  mlr_demo_set_param (MLR_DEMO (self), "seed", text, NULL);
}

/* Page Down / Page Up: the next or previous method. */
static void
method_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MlrForecastDemo *self = MLR_FORECAST_DEMO (widget);
  int m = (int) mlr_forecast_state_get_method (state_of (self)) + g_variant_get_int32 (parameter);

  m = (m % MLR_FORECAST_N_METHODS + MLR_FORECAST_N_METHODS) % MLR_FORECAST_N_METHODS;
  mlr_demo_set_param (MLR_DEMO (self), "method", mlr_forecast_method_id (m), NULL);
}

/* E: the test window or walk-forward. */
static void
evaluation_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  MlrForecastDemo *self = MLR_FORECAST_DEMO (widget);

  mlr_demo_set_param (MLR_DEMO (self), "evaluation",
                      mlr_forecast_state_get_rolling (state_of (self)) ? "window" : "rolling",
                      NULL);
}

/* ---- Import Series… */

/**
 * mlr_forecast_demo_import_file:
 * Reads one numeric column from the CSV at @path (a header line optional; see
 * ml/mlr-csv.h) and shows it in place of the built-in series.
 */
gboolean
mlr_forecast_demo_import_file (MlrForecastDemo  *self,
                               const char       *path,
                               GError          **error)
{
  g_autofree double *y = NULL;
  g_autofree char *base = g_path_get_basename (path);
  gsize n = 0;

  y = mlr_csv_load_column (path, &n, error);
  if (y == NULL)
    return FALSE;
  if (!mlr_forecast_state_set_series (state_of (self), y, (guint) MIN (n, G_MAXUINT), base,
                                      error))
    return FALSE;
  mlr_demo_changed (MLR_DEMO (self));
  return TRUE;
}

static void
import_path (MlrDemo    *demo,
             const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *msg = NULL;
  guint n;

  if (!mlr_forecast_demo_import_file (MLR_FORECAST_DEMO (demo), path, &error))
    msg = g_strdup_printf (_("Could not import the series: %s"), error->message);
  else
    {
      mlr_forecast_state_get_series (mlr_demo_get_state (demo), &n);
      msg = g_strdup_printf (_("Imported %u values from “%s”"), n, base);
    }
  mlr_demo_toast (demo, msg);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  mlr_demo_choose_csv (MLR_DEMO (widget), FALSE, _("Import Series"),
                       _("CSV with one numeric column"), NULL, import_path);
}

/* Back from an imported series to the built-in one the Series control names. */
static void
builtin_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  MlrDemo *demo = MLR_DEMO (widget);

  if (mlr_forecast_state_get_own_name (mlr_demo_get_state (demo)) == NULL)
    return;
  if (mlr_forecast_state_apply_param (mlr_demo_get_state (demo), mlr_demo_get_params (demo),
                                      "seed", NULL))
    mlr_demo_changed (demo);
}

static void
mlr_forecast_demo_setup (MlrDemo *demo)
{
  mlr_demo_add_menu_item (demo, _("_Import Series…"),
                          _("Forecast your own series: a CSV file with one numeric column, "
                            "one value per line, a header line optional"),
                          "forecast.import");
  mlr_demo_add_menu_item (demo, _("_Built-in Series"),
                          _("Back from your series to the built-in one the Series control "
                            "shows"),
                          "forecast.builtin");
}

static int
mlr_forecast_demo_canvas_height (MlrDemo *demo,
                                 int      width)
{
  return mlr_forecast_painter_preferred_height (width, mlr_demo_get_palette (demo));
}

static void
mlr_forecast_demo_class_init (MlrForecastDemoClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MlrDemoClass *demo_class = MLR_DEMO_CLASS (klass);

  demo_class->describe = mlr_forecast_demo_describe;
  demo_class->draw = mlr_forecast_demo_draw;
  demo_class->setup = mlr_forecast_demo_setup;
  demo_class->canvas_height = mlr_forecast_demo_canvas_height;
  mlr_demo_class_set_keys_help (demo_class,
    N_("Keys (click the picture first): Page Up/Page Down choose the method; Left/Right "
       "shorten or lengthen the horizon; Up/Down hold out one value more or fewer; E switches "
       "between the held-out window and walk-forward; R draws the built-in series again with "
       "another seed."));

  gtk_widget_class_install_action (widget_class, "forecast.horizon", "i", horizon_action);
  gtk_widget_class_install_action (widget_class, "forecast.test", "i", test_action);
  gtk_widget_class_install_action (widget_class, "forecast.method", "i", method_action);
  gtk_widget_class_install_action (widget_class, "forecast.evaluation", NULL,
                                   evaluation_action);
  gtk_widget_class_install_action (widget_class, "forecast.seed", NULL, seed_action);
  gtk_widget_class_install_action (widget_class, "forecast.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "forecast.builtin", NULL, builtin_action);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_Left, 0, "forecast.horizon", "i", -1);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_KP_Left, 0, "forecast.horizon", "i",
                                     -1);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_Right, 0, "forecast.horizon", "i", 1);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_KP_Right, 0, "forecast.horizon", "i",
                                     1);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_Up, 0, "forecast.test", "i", 1);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_KP_Up, 0, "forecast.test", "i", 1);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_Down, 0, "forecast.test", "i", -1);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_KP_Down, 0, "forecast.test", "i", -1);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_Page_Down, 0, "forecast.method", "i",
                                     1);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_Page_Up, 0, "forecast.method", "i",
                                     -1);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_e, 0, "forecast.evaluation", NULL);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_r, 0, "forecast.seed", NULL);
  gtk_widget_class_set_css_name (widget_class, "forecastdemo");
}

static void
mlr_forecast_demo_init (MlrForecastDemo *self)
{
}
