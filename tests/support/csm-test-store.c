/* csm-test-store.c: opening and closing a real cache (a SQLite file, or in memory) in a test.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "csm-test-async.h"
#include "csm-test-store.h"

/**
 * csm_test_store_open:
 * @path: (nullable): the file; NULL keeps the cache in memory
 *
 * Returns: (transfer full): the open cache; a failure fails the test
 */
CsmStore *
csm_test_store_open (const char *path)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  CsmStore *store;

  csm_store_open_async (path, NULL, csm_test_store_result, &result);
  store = csm_store_open_finish (csm_test_await (&result), &error);
  g_assert_no_error (error);
  return store;
}

/* Closes @store, waiting for what it still writes; a failure fails the test. */
void
csm_test_store_close (CsmStore *store)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  csm_store_close_async (store, NULL, csm_test_store_result, &result);
  g_assert_true (csm_store_close_finish (store, csm_test_await (&result), &error));
  g_assert_no_error (error);
}
