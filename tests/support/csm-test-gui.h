/* csm-test-gui.h: helpers for tests that open windows: frames and screenshots.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "csm-test-async.h"

G_BEGIN_DECLS

void      csm_test_gui_init       (int              *argc,
                                   char           ***argv);
void      csm_test_drain          (void);

void      csm_test_wait_frames    (GtkWidget        *widget,
                                   guint             n_frames);
char     *csm_test_screenshot     (GtkWidget        *widget,
                                   const char       *name);
char     *csm_test_screenshot_scaled (GtkWidget     *widget,
                                   const char       *name,
                                   double            scale);

/* Walking the widget tree depth first, in the order it is laid out, as a
 * person reads the window. */
GtkWidget *csm_test_next_widget   (GtkWidget        *root,
                                   GtkWidget        *widget);
GtkWidget *csm_test_find_label    (GtkWidget        *root,
                                   const char       *text,
                                   gboolean          prefix);
GtkWidget *csm_test_find_named    (GtkWidget        *root,
                                   const char       *name);
GPtrArray *csm_test_find_all      (GtkWidget        *root,
                                   GType             type);
GtkWindow *csm_test_find_window   (GType             type);

G_END_DECLS
