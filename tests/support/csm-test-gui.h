/* csm-test-gui.h: helpers for tests that open windows: waiting, and screenshots.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef gboolean (*CsmTestCondition) (gpointer user_data);

gboolean  csm_test_wait_until     (CsmTestCondition  condition,
                                   gpointer          user_data,
                                   guint             timeout_ms);
void      csm_test_wait_frames    (GtkWidget        *widget,
                                   guint             n_frames);
char     *csm_test_screenshot     (GtkWidget        *widget,
                                   const char       *name);

G_END_DECLS
