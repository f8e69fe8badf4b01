/* csm-test-workspace.c: what the QA workspace's tests share: opening, reading and saving, awaited.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "csm-test-async.h"
#include "csm-test-workspace.h"

/**
 * csm_test_workspace_open:
 * @password: (nullable): a PostgreSQL role's password
 *
 * Returns: (transfer full) (nullable): the workspace open as @user
 */
CsmWorkspace *
csm_test_workspace_open (const char  *location,
                         const char  *user,
                         const char  *password,
                         GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  csm_workspace_open_full_async (location, user, password, FALSE, NULL, csm_test_store_result,
                                 &result);
  return csm_workspace_open_finish (csm_test_await (&result), error);
}

/* Every version of every scorecard; the test fails on an error. */
GPtrArray *
csm_test_workspace_scorecards (CsmWorkspace *ws)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *cards;

  csm_workspace_list_scorecards_async (ws, NULL, csm_test_store_result, &result);
  cards = csm_workspace_list_scorecards_finish (ws, csm_test_await (&result), &error);
  g_assert_no_error (error);
  return cards;
}

/* The reviews @ws may read; the test fails on an error. */
GPtrArray *
csm_test_workspace_reviews (CsmWorkspace *ws)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *reviews;

  csm_workspace_list_reviews_async (ws, NULL, csm_test_store_result, &result);
  reviews = csm_workspace_list_reviews_finish (ws, csm_test_await (&result), &error);
  g_assert_no_error (error);
  return reviews;
}

CsmQaScorecard *
csm_test_workspace_save (CsmWorkspace    *ws,
                         CsmQaScorecard  *card,
                         int              based_on,
                         GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  csm_workspace_save_scorecard_async (ws, card, based_on, NULL, csm_test_store_result, &result);
  return csm_workspace_save_scorecard_finish (ws, csm_test_await (&result), error);
}

/* @card with one category's weight changed: other content, same name and
 * version. */
CsmQaScorecard *
csm_test_scorecard_reweighted (CsmQaScorecard *card,
                               guint           category,
                               int             weight)
{
  guint n = csm_qa_scorecard_get_n_categories (card);
  g_autofree CsmQaCategory *categories = g_new0 (CsmQaCategory, n);
  g_autoptr(GError) error = NULL;
  CsmQaScorecard *other;

  g_assert_cmpuint (category, <, n);
  for (guint i = 0; i < n; i++)
    categories[i] = *csm_qa_scorecard_get_category (card, i);
  categories[category].weight = weight;
  other = csm_qa_scorecard_new (csm_qa_scorecard_get_name (card),
                                csm_qa_scorecard_get_version (card), categories, n, &error);
  g_assert_no_error (error);
  return other;
}

/* Removes a folder the test made, and all in it. */
void
csm_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        csm_test_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}
