/* csm-test-gui.h: helpers for tests that open windows: frames and screenshots.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "csm-test-async.h"

G_BEGIN_DECLS

void      csm_test_wait_frames    (GtkWidget        *widget,
                                   guint             n_frames);
char     *csm_test_screenshot     (GtkWidget        *widget,
                                   const char       *name);

G_END_DECLS
