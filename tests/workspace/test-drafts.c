/* test-drafts.c: review drafts on a real SQLite file: kept as typed, the newest state of each, discarded once submitted, and a kill -9 in the middle of typing loses at most the last second.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include "csm-draft-store.h"
#include <gio/gunixinputstream.h>

#include "csm-test-async.h"

static CsmQaScorecard *card;

static CsmQaScorecard *
lookup (const char *name,
        int         version,
        gpointer    data)
{
  return g_strcmp0 (name, csm_qa_scorecard_get_name (card)) == 0 &&
         version == csm_qa_scorecard_get_version (card) ? card : NULL;
}

static CsmQaReview *
draft (const char *conversation,
       const char *comment)
{
  CsmQaReview *r = csm_qa_review_new (card);

  r->conversation = g_strdup (conversation);
  r->agent = g_strdup ("alice");
  r->reviewer = g_strdup ("rosa");
  r->comment = g_strdup (comment);
  return r;
}

static GPtrArray *
list (CsmDraftStore *store)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *drafts;

  csm_draft_store_list_async (store, lookup, NULL, NULL, NULL, csm_test_store_result, &result);
  drafts = csm_draft_store_list_finish (store, csm_test_await (&result), &error);
  g_assert_no_error (error);
  return drafts;
}

static char *
temp_path (char **dir)
{
  *dir = g_dir_make_tmp ("csm-drafts-XXXXXX", NULL);
  return g_build_filename (*dir, "drafts.sqlite", NULL);
}

static void
remove_files (const char *dir,
              const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (dir);
}

/* What a draft holds comes back (ratings, N/A, unrated, notes, comment);
 * of many changes the newest stays; a discarded draft is gone; and all of
 * it is on disk for the next start. */
static void
test_round_trip (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = temp_path (&dir);
  g_autoptr(CsmDraftStore) store = csm_draft_store_new (path);
  g_autoptr(CsmDraftStore) again = NULL;
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GPtrArray) later = NULL;
  g_autoptr(CsmQaReview) first = draft ("1042", "Accurate");
  CsmQaReview *back;

  first->ratings[0] = 4;
  first->ratings[2] = CSM_QA_NA;
  first->notes[0] = g_strdup ("Warm opening");
  csm_draft_store_save (store, first);
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *comment = g_strdup_printf ("typed %u", i);
      g_autoptr(CsmQaReview) other = draft ("1043", comment);

      csm_draft_store_save (store, other);
    }
  {
    g_autoptr(CsmQaReview) gone = draft ("1044", "submitted");

    csm_draft_store_save (store, gone);
    csm_draft_store_discard (store, "1044", csm_qa_scorecard_get_name (card), NULL);
  }

  drafts = list (store);
  g_assert_cmpuint (drafts->len, ==, 2);
  back = g_ptr_array_index (drafts, 0);
  if (g_strcmp0 (back->conversation, "1042") != 0)
    back = g_ptr_array_index (drafts, 1);
  g_assert_cmpstr (back->conversation, ==, "1042");
  g_assert_cmpint (back->ratings[0], ==, 4);
  g_assert_cmpint (back->ratings[1], ==, CSM_QA_UNRATED);
  g_assert_cmpint (back->ratings[2], ==, CSM_QA_NA);
  g_assert_cmpstr (back->notes[0], ==, "Warm opening");
  g_assert_cmpstr (back->comment, ==, "Accurate");
  g_assert_cmpint (back->submitted, ==, 0);

  /* The next start: the same file, another store. */
  g_clear_object (&store);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  again = csm_draft_store_new (path);
  later = list (again);
  g_assert_cmpuint (later->len, ==, 2);
  for (guint i = 0; i < later->len; i++)
    if (g_strcmp0 (((CsmQaReview *) later->pdata[i])->conversation, "1043") == 0)
      g_assert_cmpstr (((CsmQaReview *) later->pdata[i])->comment, ==, "typed 199");
  g_clear_object (&again);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  remove_files (dir, path);
}

/* A folder that cannot be made: saving goes on (nothing blocks), and the
 * list and a flush say why. */
static void
test_unusable_file (void)
{
  g_autoptr(CsmDraftStore) store = csm_draft_store_new ("/proc/csm-no-such/drafts.sqlite");
  g_autoptr(CsmQaReview) one = draft ("1", "x");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  csm_draft_store_save (store, one);
  csm_draft_store_flush_async (store, NULL, csm_test_store_result, &result);
  g_assert_false (csm_draft_store_flush_finish (store, csm_test_await (&result), &error));
  g_assert_nonnull (error);
  g_clear_object (&store);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

/* The child types: a change every 5 ms, each announced on stdout once
 * saved (handed to the store), until killed. */
static int
typist (const char *path)
{
  g_autoptr(CsmDraftStore) store = csm_draft_store_new (path);

  for (guint i = 1;; i++)
    {
      g_autofree char *comment = g_strdup_printf ("%u", i);
      g_autoptr(CsmQaReview) d = draft ("1042", comment);

      csm_draft_store_save (store, d);
      printf ("%u\n", i);
      fflush (stdout);
      g_usleep (5000);
    }
  return 0;
}

typedef struct
{
  guint number;
  gint64 at;
} Typed;

/* kill -9 in the middle of typing: the draft read back afterwards has
 * every change announced a second before the kill. */
static void
test_kill_while_typing (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = temp_path (&dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) typed = g_array_new (FALSE, FALSE, sizeof (Typed));
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GInputStream) out = NULL;
  g_autoptr(CsmDraftStore) store = NULL;
  g_autoptr(GPtrArray) drafts = NULL;
  const char *argv[] = { g_test_get_filename (G_TEST_BUILT, "test-drafts", NULL), "--typist",
                         path, NULL };
  gint64 killed_at, started;
  guint safe = 0, recovered;
  int out_fd, status;
  GPid pid;

  g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                           NULL, NULL, &pid, NULL, &out_fd, NULL, &error));
  g_assert_no_error (error);
  out = g_unix_input_stream_new (out_fd, TRUE);
  lines = g_data_input_stream_new (out);
  started = g_get_monotonic_time ();
  while (g_get_monotonic_time () - started < 3 * G_USEC_PER_SEC)
    {
      g_autofree char *line = g_data_input_stream_read_line (lines, NULL, NULL, &error);
      Typed t;

      g_assert_no_error (error);
      g_assert_nonnull (line);
      t.number = (guint) g_ascii_strtoull (line, NULL, 10);
      t.at = g_get_monotonic_time ();
      g_array_append_val (typed, t);
    }
  killed_at = g_get_monotonic_time ();
  kill (pid, SIGKILL);
  waitpid (pid, &status, 0);
  g_spawn_close_pid (pid);
  g_assert_true (WIFSIGNALED (status));

  for (guint i = 0; i < typed->len; i++)
    if (g_array_index (typed, Typed, i).at <= killed_at - G_USEC_PER_SEC)
      safe = g_array_index (typed, Typed, i).number;
  g_assert_cmpuint (safe, >, 100);

  store = csm_draft_store_new (path);
  drafts = list (store);
  g_assert_cmpuint (drafts->len, ==, 1);
  recovered = (guint) g_ascii_strtoull (((CsmQaReview *) drafts->pdata[0])->comment, NULL, 10);
  g_test_message ("typed %u changes, killed; %u recovered, %u announced a second before",
                  g_array_index (typed, Typed, typed->len - 1).number, recovered, safe);
  g_assert_cmpuint (recovered, >=, safe);
  g_clear_object (&store);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  remove_files (dir, path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CsmQaScorecard) scorecard = csm_qa_scorecard_new_default ();

  card = scorecard;
  if (argc == 3 && g_str_equal (argv[1], "--typist"))
    return typist (argv[2]);

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/drafts/round-trip", test_round_trip);
  g_test_add_func ("/drafts/unusable-file", test_unusable_file);
  g_test_add_func ("/drafts/kill-while-typing", test_kill_while_typing);

  return g_test_run ();
}
