/* bench-qa.c: QA at scale: IQS over 50,000 reviews by every grouping, and the SQLite workspace storing and reading them back.
 *
 * The reviews are made from a fixed seed (200 agents, 20 reviewers, 10
 * queues, 90 days before a fixed instant) on the default scorecard, so
 * every run, on any day of the week, measures the same work.
 *
 *   bench-qa [--reviews N]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "csm-draft-store.h"
#include "csm-qa-iqs.h"
#include "csm-time.h"
#include "csm-workspace.h"

#define END 1795000000        /* 2026-11-18T07:06:40Z */
#define DAYS 90
#define RUNS 5

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static GPtrArray *
make_reviews (CsmQaScorecard *card,
              guint           n,
              GHashTable     *queues)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261206);
  GPtrArray *reviews = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_qa_review_free);

  for (guint i = 0; i < n; i++)
    {
      CsmQaReview *r = csm_qa_review_new (card);

      r->conversation = g_strdup_printf ("%u", 100000 + i);
      r->agent = g_strdup_printf ("agent%03d", g_rand_int_range (rand, 0, 200));
      r->reviewer = g_strdup_printf ("reviewer%02d", g_rand_int_range (rand, 0, 20));
      r->submitted = END - g_rand_int_range (rand, 0, DAYS * 86400);
      for (guint c = 0; c < r->n_ratings; c++)
        {
          const CsmQaCategory *category = csm_qa_scorecard_get_category (card, c);

          r->ratings[c] = category->na_allowed && g_rand_int_range (rand, 0, 10) == 0
                          ? CSM_QA_NA : g_rand_int_range (rand, 1, category->scale + 1);
        }
      g_hash_table_insert (queues, g_strdup (r->conversation),
                           g_strdup_printf ("Queue %d", g_rand_int_range (rand, 0, 10)));
      g_ptr_array_add (reviews, r);
    }
  return reviews;
}

static void
store_result (GObject      *object,
              GAsyncResult *result,
              gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

static GAsyncResult *
await (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

int
main (int   argc,
      char *argv[])
{
  static const struct { CsmQaGrouping grouping; const char *name; } groupings[] = {
    { CSM_QA_GROUP_NONE, "overall" }, { CSM_QA_GROUP_AGENT, "by agent" },
    { CSM_QA_GROUP_QUEUE, "by queue" }, { CSM_QA_GROUP_CATEGORY, "by category" },
    { CSM_QA_GROUP_REVIEWER, "by reviewer" },
  };
  g_autoptr(CsmQaScorecard) card = csm_qa_scorecard_new_default ();
  g_autoptr(GHashTable) queues = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) reviews = NULL;
  g_autofree char *dir = g_dir_make_tmp ("csm-bench-qa-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "workspace.sqlite", NULL);
  guint n = 50000;
  double all_median = 0;

  if (argc == 3 && g_str_equal (argv[1], "--reviews"))
    n = (guint) atoi (argv[2]);
  reviews = make_reviews (card, n, queues);

  g_print ("IQS over %u reviews, the last 30 of %d days:\n", n, DAYS);
  for (guint g = 0; g < G_N_ELEMENTS (groupings); g++)
    {
      double times[RUNS];
      guint rows = 0;

      for (guint run = 0; run < RUNS; run++)
        {
          gint64 t0 = g_get_monotonic_time ();
          g_autoptr(GPtrArray) result = csm_qa_iqs_compute (reviews, groupings[g].grouping, queues,
                                                            END - 30 * 86400, END + 1);

          times[run] = (g_get_monotonic_time () - t0) / 1000.0;
          rows = result->len;
        }
      qsort (times, RUNS, sizeof (double), compare_doubles);
      all_median += times[RUNS / 2];
      g_print ("  %s: %.1f ms median of %d (%u rows)\n", groupings[g].name, times[RUNS / 2],
               RUNS, rows);
    }
  g_print ("  every grouping: %.1f ms (goal <= 100)\n", all_median);

  /* The SQLite workspace: all of them submitted in one go, then read. */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(CsmWorkspace) ws = NULL;
    g_autoptr(GPtrArray) back = NULL;
    g_autoptr(CsmQaScorecard) stored = NULL;
    g_autoptr(GError) error = NULL;
    gint64 t0;
    guint added = 0;

    csm_workspace_open_async (path, "reviewer00", NULL, store_result, &result);
    ws = csm_workspace_open_finish (await (&result), &error);
    g_assert_no_error (error);
    g_clear_object (&result);
    csm_workspace_import_scorecard_async (ws, card, NULL, store_result, &result);
    stored = csm_workspace_import_scorecard_finish (ws, await (&result), &error);
    g_assert_no_error (error);
    g_clear_object (&result);

    t0 = g_get_monotonic_time ();
    csm_workspace_submit_reviews_async (ws, reviews, NULL, store_result, &result);
    g_assert_true (csm_workspace_submit_reviews_finish (ws, await (&result), &added, &error));
    g_assert_no_error (error);
    g_print ("SQLite workspace: %u reviews submitted in %.0f ms", added,
             (g_get_monotonic_time () - t0) / 1000.0);
    g_clear_object (&result);

    t0 = g_get_monotonic_time ();
    csm_workspace_list_reviews_async (ws, NULL, store_result, &result);
    back = csm_workspace_list_reviews_finish (ws, await (&result), &error);
    g_assert_no_error (error);
    g_print (", %u read back in %.0f ms\n", back->len, (g_get_monotonic_time () - t0) / 1000.0);
    g_clear_object (&result);
  }
  /* Autosave: what a keystroke costs the main loop (the draft made JSON
   * and handed to the writer), over 2,000 keystrokes of a long comment. */
  {
    g_autofree char *drafts_path = g_build_filename (dir, "drafts.sqlite", NULL);
    g_autoptr(CsmDraftStore) store = csm_draft_store_new (drafts_path);
    g_autoptr(CsmQaReview) draft = csm_qa_review_new (card);
    g_autoptr(GString) comment = g_string_new (NULL);
    g_autofree double *times = g_new (double, 2000);
    g_autoptr(GAsyncResult) result = NULL;

    draft->conversation = g_strdup ("100001");
    draft->agent = g_strdup ("agent001");
    draft->reviewer = g_strdup ("reviewer00");
    for (guint i = 0; i < 2000; i++)
      {
        gint64 t0 = g_get_monotonic_time ();

        g_string_append_c (comment, "abcdefgh "[i % 9]);
        g_free (draft->comment);
        draft->comment = g_strdup (comment->str);
        draft->ratings[i % draft->n_ratings] = 1 + (int) (i % 2);
        csm_draft_store_save (store, draft);
        times[i] = (g_get_monotonic_time () - t0) / 1000.0;
        g_usleep (1000);
      }
    csm_draft_store_flush_async (store, NULL, store_result, &result);
    g_assert_true (csm_draft_store_flush_finish (store, await (&result), NULL));
    qsort (times, 2000, sizeof (double), compare_doubles);
    g_print ("Autosave, a keystroke on the main loop (2,000, comment up to 2,000 characters): "
             "%.3f ms median, %.3f ms p99, %.3f ms worst (goal <= 2)\n", times[1000],
             times[1980], times[1999]);
    g_clear_object (&store);
    while (g_main_context_pending (NULL))
      g_main_context_iteration (NULL, FALSE);
    g_unlink (drafts_path);
    {
      g_autofree char *wal = g_strconcat (drafts_path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (drafts_path, "-shm", NULL);

      g_unlink (wal);
      g_unlink (shm);
    }
  }

  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  g_unlink (path);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (dir);
  return 0;
}
