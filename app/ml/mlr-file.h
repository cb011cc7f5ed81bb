/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-file: writing a file whose name the user gave (an export, a command's -o).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean mlr_file_set_contents (const char  *path,
                                const char  *data,
                                gsize        len,
                                GError     **error);

G_END_DECLS
