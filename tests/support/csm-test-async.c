/* csm-test-async.c: waiting in a test, on the default main context: for an async result, or for a condition.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "csm-test-async.h"

void
csm_test_store_result (GObject      *object,
                       GAsyncResult *result,
                       gpointer      slot)
{
  *(GAsyncResult **) slot = g_object_ref (result);
}

static gboolean
gave_up_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* A result that never comes fails the test after a minute (longer under
 * the sanitizers) instead of hanging until meson's timeout. */
GAsyncResult *
csm_test_await (GAsyncResult **slot)
{
  gboolean gave_up = FALSE;
  guint id = g_timeout_add_seconds (60 * CSM_TEST_TIME_SCALE, gave_up_cb, &gave_up);

  while (*slot == NULL && !gave_up)
    g_main_context_iteration (NULL, TRUE);
  if (!gave_up)
    g_source_remove (id);
  g_assert_nonnull (*slot);
  return *slot;
}

/**
 * csm_test_wait_until:
 *
 * Runs the main loop until @condition holds or @timeout_ms pass. In a
 * sanitizer build, which records a full stack for every allocation, the
 * time allowed is CSM_TEST_TIME_SCALE times longer: those runs check memory
 * safety; the plain run checks the time goals.
 *
 * Returns: whether the condition came true
 */
gboolean
csm_test_wait_until (CsmTestCondition condition,
                     gpointer         user_data,
                     guint            timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000 * CSM_TEST_TIME_SCALE;

  while (!condition (user_data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return TRUE;
}
