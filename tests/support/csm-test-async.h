/* csm-test-async.h: waiting for an async call's result in a test, on the default main context.
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

G_END_DECLS
