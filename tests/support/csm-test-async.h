/* csm-test-async.h: waiting in a test, on the default main context: for an async result, or for a condition.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A GAsyncReadyCallback that keeps a reference to @result in the
 * GAsyncResult * that @slot points to. */
void          csm_test_store_result (GObject       *object,
                                     GAsyncResult  *result,
                                     gpointer       slot);
/* Runs the default main context until @slot holds a result; returns it. */
GAsyncResult *csm_test_await        (GAsyncResult **slot);

typedef gboolean (*CsmTestCondition) (gpointer user_data);

gboolean      csm_test_wait_until   (CsmTestCondition   condition,
                                     gpointer           user_data,
                                     guint              timeout_ms);

G_END_DECLS
