/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the demo UI tests share: the demo a lesson builds for some attributes, alone in a window
 * with a "lesson.toast" action that records what it is asked to show; waiting for its canvas
 * to draw or a toast; keys as the canvas's bindings take them; metrics as challenges see them;
 * closing it and checking nothing still holds it.
 */
#pragma once

#include <gtk/gtk.h>

#include "lessons/mlr-lesson.h"
#include "ui-test-init.h"

G_BEGIN_DECLS

typedef struct {
  GtkWidget *window;
  gpointer   demo;     /* the MlrDemo subclass the test asked for */
  MlrBlock   block;
  GString   *toasts;   /* one line per toast */
} DemoFixture;

void demo_fixture_open_valist (DemoFixture *f,
                               const char  *kind,
                               GType        type,
                               int          width,
                               int          height,
                               const char  *first_key,
                               va_list      ap);
void demo_fixture_close       (DemoFixture *f);
void demo_fixture_wait_for_draw (DemoFixture *f);
void demo_fixture_wait_for_toast (DemoFixture *f,
                                  gsize        before);
gboolean demo_fixture_press_key (DemoFixture    *f,
                                 guint           keyval,
                                 GdkModifierType mods);
void demo_fixture_assert_metric (DemoFixture *f,
                                 const char  *name,
                                 double       want);

/* Finding parts of a widget tree: the first controller of @type (for a gesture, of @button;
 * 0 for any) on @widget, asserted to exist; the first descendant named @name, or NULL. */
gpointer   demo_fixture_find_controller (GtkWidget  *widget,
                                         GType       type,
                                         guint       button);
GtkWidget *demo_fixture_find_named      (GtkWidget  *widget,
                                         const char *name);

G_END_DECLS
