/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the demo UI tests share: the demo a lesson builds for some attributes, alone in a window
 * with a "lesson.toast" action that records what it is asked to show; waiting for its canvas
 * to draw; closing it and checking nothing still holds it.
 */
#pragma once

#include <gtk/gtk.h>

#include "lessons/mlr-lesson.h"

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
void demo_fixture_wait_ms     (int          ms);
void demo_fixture_wait_for_draw (DemoFixture *f);

G_END_DECLS
