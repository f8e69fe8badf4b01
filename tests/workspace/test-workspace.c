/* test-workspace.c: the QA workspace on a real SQLite file or a real PostgreSQL server: the schema, scorecard versions and conflicts, reviews stored once, all or nothing.
 *
 * The same tests run on both backends: with CSM_TEST_WORKSPACE=postgresql,
 * on a throw-away cluster this program starts and stops, a database a
 * test, set up by its superuser (--workspace-init's work) with rosa and
 * sam as admins and reviewers, each connecting as their own role.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "csm-test-async.h"
#include "csm-test-tickets.h"
#include "csm-test-workspace.h"
#include "csm-workspace.h"
#if HAVE_LIBPQ
#include "csm-test-pg.h"

static CsmTestPg *pg;
#endif
static gboolean postgresql;
static guint databases;

typedef struct
{
  char *dir;
  char *path;
  CsmWorkspace *rosa;
} Fixture;

/* Each person's password on the test cluster. */
static char *
password_of (const char *user)
{
  return g_strdup_printf ("%s-secret", user);
}

static CsmWorkspace *
open_as (const char *location,
         const char *user,
         GError    **error)
{
  g_autofree char *password = postgresql ? password_of (user) : NULL;

  return csm_test_workspace_open (location, user, password, error);
}

#if HAVE_LIBPQ
/* A new database set up as --workspace-init and --workspace-add-member
 * do, by the superuser. */
static char *
new_pg_workspace (const char *before)
{
  g_autofree char *name = g_strdup_printf ("ws%u", ++databases);
  static const char * const members[][2] = {
    { "rosa", "admin" }, { "rosa", "reviewer" }, { "sam", "admin" }, { "sam", "reviewer" },
  };

  return csm_test_pg_team (pg, name, before, members, G_N_ELEMENTS (members));
}
#endif

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("csm-workspace-XXXXXX", &error);
  g_assert_no_error (error);
#if HAVE_LIBPQ
  if (postgresql)
    f->path = new_pg_workspace (NULL);
#endif
  /* A folder the workspace makes itself. */
  if (f->path == NULL)
    f->path = g_build_filename (f->dir, "team", "workspace.sqlite", NULL);
  f->rosa = open_as (f->path, "rosa", &error);
  g_assert_no_error (error);
}

/* This computer's own workspace is its owner's; on PostgreSQL rosa is an
 * admin who reviews (new_pg_workspace ()): the same parts either way. */
static void
test_permissions (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_cmpstr (csm_workspace_get_role (f->rosa), ==, "admin");
  g_assert_cmpuint (csm_workspace_get_permissions (f->rosa), ==,
                    CSM_WORKSPACE_REVIEWS | CSM_WORKSPACE_READS_ALL |
                    CSM_WORKSPACE_EDITS_SCORECARDS | CSM_WORKSPACE_SEES_PERSONAL_DATA |
                    CSM_WORKSPACE_ASSIGNS);
}

static gboolean
assign (CsmWorkspace       *ws,
        const char * const *conversations,
        const char         *reviewer,
        gint64              when,
        guint              *added,
        GError            **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  /* Due two days later. */
  csm_workspace_assign_async (ws, conversations, NULL, reviewer, when, when + 2 * 86400, NULL,
                              csm_test_store_result, &result);
  return csm_workspace_assign_finish (ws, csm_test_await (&result), added, error);
}

/* A lead (here the admin) assigns conversations to a reviewer: the same
 * one twice is one assignment; a bad one is named, and nothing of its
 * batch is assigned. */
static void
test_assignments (Fixture       *f,
                  gconstpointer  data)
{
  static const char * const first[] = { "7", "8", NULL };
  static const char * const second[] = { "8", "9", NULL };
  static const char * const bad[] = { "10", "", NULL };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  guint added = 99;

  g_assert_true (assign (f->rosa, first, "sam", 1795000000, &added, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 2);
  g_assert_true (assign (f->rosa, second, "sam", 1795000100, &added, &error));
  g_assert_cmpuint (added, ==, 1);
  g_assert_false (assign (f->rosa, bad, "sam", 1795000200, NULL, &error));
  g_assert_nonnull (strstr (error->message, "Conversation 2 has no number"));
  g_clear_error (&error);
  g_assert_false (assign (f->rosa, first, "", 1795000200, NULL, &error));
  g_assert_nonnull (strstr (error->message, "Name the reviewer"));
  g_clear_error (&error);
  /* On a team's workspace, only to a reviewer of it. */
  if (postgresql)
    {
      g_assert_false (assign (f->rosa, first, "nobody-here", 1795000200, NULL, &error));
      g_assert_nonnull (strstr (error->message, "nobody-here is not a reviewer"));
      g_clear_error (&error);
    }

  csm_workspace_list_assignments_async (f->rosa, NULL, csm_test_store_result, &result);
  all = csm_workspace_list_assignments_finish (f->rosa, csm_test_await (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 3);
  for (guint i = 0; i < all->len; i++)
    {
      static const char * const numbers[] = { "7", "8", "9" };
      const CsmQaAssignment *a = all->pdata[i];

      g_assert_cmpstr (a->conversation, ==, numbers[i]);
      g_assert_cmpstr (a->reviewer, ==, "sam");
      g_assert_cmpstr (a->assigned_by, ==, "rosa");
      g_assert_cmpint (a->assigned, ==, i < 2 ? 1795000000 : 1795000100);
      g_assert_cmpint (a->due, ==, a->assigned + 2 * 86400);
    }
}


static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->rosa);
  csm_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static CsmQaScorecard *
import (CsmWorkspace   *ws,
        CsmQaScorecard *card,
        GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  csm_workspace_import_scorecard_async (ws, card, NULL, csm_test_store_result, &result);
  return csm_workspace_import_scorecard_finish (ws, csm_test_await (&result), error);
}



static gboolean
submit (CsmWorkspace *ws,
        GPtrArray    *reviews,
        guint        *added,
        GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  csm_workspace_submit_reviews_async (ws, reviews, NULL, csm_test_store_result, &result);
  return csm_workspace_submit_reviews_finish (ws, csm_test_await (&result), added, error);
}



/* A file shared by name: the same content is the version there; other
 * content the next version; every version kept. */
static void
test_scorecard_versions (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(CsmQaScorecard) card = csm_qa_scorecard_new_default ();
  g_autoptr(CsmQaScorecard) other = csm_test_scorecard_reweighted (card, 0, 30);
  g_autoptr(CsmQaScorecard) first = NULL;
  g_autoptr(CsmQaScorecard) again = NULL;
  g_autoptr(CsmQaScorecard) second = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;

  first = import (f->rosa, card, &error);
  g_assert_no_error (error);
  g_assert_cmpint (csm_qa_scorecard_get_version (first), ==, 1);
  again = import (f->rosa, card, &error);
  g_assert_no_error (error);
  g_assert_cmpint (csm_qa_scorecard_get_version (again), ==, 1);
  second = import (f->rosa, other, &error);
  g_assert_no_error (error);
  g_assert_cmpint (csm_qa_scorecard_get_version (second), ==, 2);

  all = csm_test_workspace_scorecards (f->rosa);
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_true (csm_qa_scorecard_same_content (all->pdata[0], card));
  g_assert_cmpint (csm_qa_scorecard_get_version (all->pdata[1]), ==, 2);
  g_assert_true (csm_qa_scorecard_same_content (all->pdata[1], other));
}

/* Two people edit version 1 at once: the first save is version 2, the
 * second is refused, naming who saved, and writes nothing. */
static void
test_scorecard_conflict (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(CsmQaScorecard) card = csm_qa_scorecard_new_default ();
  g_autoptr(CsmQaScorecard) rosa_edit = csm_test_scorecard_reweighted (card, 0, 25);
  g_autoptr(CsmQaScorecard) sam_edit = csm_test_scorecard_reweighted (card, 0, 35);
  g_autoptr(CsmWorkspace) sam = NULL;
  g_autoptr(CsmQaScorecard) v1 = NULL;
  g_autoptr(CsmQaScorecard) v2 = NULL;
  g_autoptr(CsmQaScorecard) refused = NULL;
  g_autoptr(CsmQaScorecard) nothing_new = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;

  v1 = csm_test_workspace_save (f->rosa, card, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (csm_qa_scorecard_get_version (v1), ==, 1);
  sam = open_as (f->path, "sam", &error);
  g_assert_no_error (error);

  v2 = csm_test_workspace_save (f->rosa, rosa_edit, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (csm_qa_scorecard_get_version (v2), ==, 2);
  refused = csm_test_workspace_save (sam, sam_edit, 1, &error);
  g_assert_null (refused);
  g_assert_error (error, CSM_WORKSPACE_ERROR, CSM_WORKSPACE_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "rosa saved version 2"));
  g_clear_error (&error);

  /* A new scorecard of a name that exists is a conflict too. */
  g_assert_null (csm_test_workspace_save (sam, sam_edit, 0, &error));
  g_assert_error (error, CSM_WORKSPACE_ERROR, CSM_WORKSPACE_ERROR_CONFLICT);
  g_clear_error (&error);
  /* Saving what is there writes nothing. */
  nothing_new = csm_test_workspace_save (sam, rosa_edit, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpint (csm_qa_scorecard_get_version (nothing_new), ==, 2);
  /* Nor is it a conflict from an older version: the same change made
   * twice (or delivered twice) is the version that has it. */
  g_clear_pointer (&nothing_new, csm_qa_scorecard_unref);
  nothing_new = csm_test_workspace_save (sam, rosa_edit, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (csm_qa_scorecard_get_version (nothing_new), ==, 2);

  all = csm_test_workspace_scorecards (f->rosa);
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_true (csm_qa_scorecard_same_content (all->pdata[1], rosa_edit));
}

typedef struct
{
  CsmWorkspace *ws;
  GAsyncResult *result;
} Saver;

/* Two people save a change of version 1 at the same moment: one is
 * version 2, the other is refused, naming who saved. */
static void
test_concurrent_saves (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(CsmQaScorecard) card = csm_qa_scorecard_new_default ();
  g_autoptr(CsmQaScorecard) v1 = NULL;
  g_autoptr(GError) error = NULL;
  Saver savers[2] = { { 0, } };
  CsmQaScorecard *edits[2] = { csm_test_scorecard_reweighted (card, 0, 25), csm_test_scorecard_reweighted (card, 0, 35) };
  guint saved = 0, refused = 0;

  v1 = csm_test_workspace_save (f->rosa, card, 0, &error);
  g_assert_no_error (error);
  savers[0].ws = g_object_ref (f->rosa);
  savers[1].ws = open_as (f->path, "sam", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 2; i++)
    csm_workspace_save_scorecard_async (savers[i].ws, edits[i], 1, NULL, csm_test_store_result,
                                        &savers[i].result);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(CsmQaScorecard) stored = NULL;
      g_autoptr(GError) e = NULL;

      stored = csm_workspace_save_scorecard_finish (savers[i].ws,
                                                    csm_test_await (&savers[i].result), &e);
      if (stored != NULL)
        {
          g_assert_cmpint (csm_qa_scorecard_get_version (stored), ==, 2);
          saved++;
        }
      else
        {
          g_assert_error (e, CSM_WORKSPACE_ERROR, CSM_WORKSPACE_ERROR_CONFLICT);
          g_assert_nonnull (strstr (e->message, "saved version 2"));
          refused++;
        }
      g_clear_object (&savers[i].result);
      g_object_unref (savers[i].ws);
      csm_qa_scorecard_unref (edits[i]);
    }
  g_assert_cmpuint (saved, ==, 1);
  g_assert_cmpuint (refused, ==, 1);
}

static CsmQaReview *
review_by (CsmQaScorecard *card,
           const char     *conversation,
           const char     *agent,
           const char     *submitted,
           const char     *reviewer)
{
  CsmQaReview *r = csm_qa_review_new (card);

  r->conversation = g_strdup (conversation);
  r->agent = g_strdup (agent);
  r->reviewer = g_strdup (reviewer);
  r->submitted = csm_test_at (submitted);
  for (guint i = 0; i < r->n_ratings; i++)
    r->ratings[i] = csm_qa_scorecard_get_category (card, i)->scale;
  return r;
}

static CsmQaReview *
review (CsmQaScorecard *card,
        const char     *conversation,
        const char     *agent,
        const char     *submitted)
{
  return review_by (card, conversation, agent, submitted, "rosa");
}

/* Reviews stored with what they say (ratings, N/A, notes, comment), the
 * same submission never twice. */
static void
test_reviews (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(CsmQaScorecard) card = csm_qa_scorecard_new_default ();
  g_autoptr(CsmQaScorecard) stored = NULL;
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_qa_review_free);
  g_autoptr(GPtrArray) back = NULL;
  g_autoptr(GError) error = NULL;
  CsmQaReview *r;
  guint added = 0;

  stored = import (f->rosa, card, &error);
  g_assert_no_error (error);
  r = review (stored, "1042", "alice", "2026-11-20T10:00:00Z");
  r->ratings[0] = 2;                     /* Empathy 25 % */
  r->ratings[2] = CSM_QA_NA;             /* Tenacity */
  r->notes[0] = g_strdup ("Did not acknowledge the outage");
  r->comment = g_strdup ("Accurate, a little cold");
  g_ptr_array_add (batch, r);
  g_ptr_array_add (batch, review (stored, "1043", "bob", "2026-11-21T10:00:00Z"));

  g_assert_true (submit (f->rosa, batch, &added, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 2);
  /* The same submissions again: none added. */
  g_assert_true (submit (f->rosa, batch, &added, &error));
  g_assert_cmpuint (added, ==, 0);

  back = csm_test_workspace_reviews (f->rosa);
  g_assert_cmpuint (back->len, ==, 2);
  r = back->pdata[0];
  g_assert_cmpstr (r->conversation, ==, "1042");
  g_assert_cmpstr (r->agent, ==, "alice");
  g_assert_cmpint (r->submitted, ==, csm_test_at ("2026-11-20T10:00:00Z"));
  g_assert_cmpint (r->ratings[0], ==, 2);
  g_assert_cmpint (r->ratings[2], ==, CSM_QA_NA);
  g_assert_cmpstr (r->notes[0], ==, "Did not acknowledge the outage");
  g_assert_null (r->notes[1]);
  g_assert_cmpstr (r->comment, ==, "Accurate, a little cold");
  g_assert_true (csm_qa_review_same (r, batch->pdata[0]));
  g_assert_cmpfloat_with_epsilon (csm_qa_review_get_score (r).value,
                                  csm_qa_review_get_score (batch->pdata[0]).value, 1e-9);
}

/* A batch with one review on a scorecard version the workspace lacks:
 * refused, naming it, and nothing of the batch stored. */
static void
test_reviews_all_or_nothing (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(CsmQaScorecard) card = csm_qa_scorecard_new_default ();
  g_autoptr(CsmQaScorecard) unknown = csm_qa_scorecard_copy_as_version (card, 7);
  g_autoptr(CsmQaScorecard) stored = NULL;
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_qa_review_free);
  g_autoptr(GPtrArray) back = NULL;
  g_autoptr(GError) error = NULL;
  guint added = 99;

  stored = import (f->rosa, card, &error);
  g_assert_no_error (error);
  g_ptr_array_add (batch, review (stored, "1", "alice", "2026-11-20T10:00:00Z"));
  g_ptr_array_add (batch, review (unknown, "2", "alice", "2026-11-20T11:00:00Z"));
  g_assert_false (submit (f->rosa, batch, &added, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "Review 2 (conversation 2, scorecard “Default” "
                                            "version 7)"));
  g_assert_cmpuint (added, ==, 99);
  back = csm_test_workspace_reviews (f->rosa);
  g_assert_cmpuint (back->len, ==, 0);
}

/* Submissions go through this machine's queue: delivered at once to a
 * workspace that is there, and the same submission queued twice is
 * stored once. */
static void
test_queue (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(CsmQaScorecard) card = csm_qa_scorecard_new_default ();
  g_autoptr(CsmQaScorecard) stored = NULL;
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_qa_review_free);
  g_autoptr(GPtrArray) back = NULL;
  g_autoptr(GError) error = NULL;

  stored = import (f->rosa, card, &error);
  g_assert_no_error (error);
  g_ptr_array_add (batch, review (stored, "q1", "alice", "2026-11-20T10:00:00Z"));
  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      CsmWorkspaceQueueState state;

      csm_workspace_queue_reviews_async (f->rosa, batch, NULL, csm_test_store_result, &result);
      g_assert_true (csm_workspace_queue_finish (f->rosa, csm_test_await (&result), &state,
                                                 &error));
      g_assert_no_error (error);
      g_assert_cmpuint (state.pending, ==, 0);
      g_assert_cmpuint (state.refused, ==, 0);
      g_assert_false (state.queued_refused);
      g_assert_null (state.refusal);
    }
  back = csm_test_workspace_reviews (f->rosa);
  g_assert_cmpuint (back->len, ==, 1);
  g_assert_true (csm_qa_review_same (back->pdata[0], batch->pdata[0]));
}

typedef struct
{
  CsmWorkspace *ws;
  GPtrArray *batch;
  GAsyncResult *result;
} Client;

/* Two clients on the same file submit at once: every review lands. */
static void
test_two_clients (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(CsmQaScorecard) card = csm_qa_scorecard_new_default ();
  g_autoptr(CsmQaScorecard) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) back = NULL;
  Client clients[2] = { { 0, } };

  stored = import (f->rosa, card, &error);
  g_assert_no_error (error);
  for (guint c = 0; c < 2; c++)
    {
      clients[c].ws = c == 0 ? g_object_ref (f->rosa) : open_as (f->path, "sam", &error);
      g_assert_no_error (error);
      clients[c].batch = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_qa_review_free);
      for (guint i = 0; i < 50; i++)
        {
          g_autofree char *conversation = g_strdup_printf ("%u", c * 1000 + i);

          g_ptr_array_add (clients[c].batch,
                           review_by (stored, conversation, "alice", "2026-11-20T10:00:00Z",
                                      csm_workspace_get_user (clients[c].ws)));
        }
    }
  for (guint c = 0; c < 2; c++)
    csm_workspace_submit_reviews_async (clients[c].ws, clients[c].batch, NULL,
                                        csm_test_store_result, &clients[c].result);
  for (guint c = 0; c < 2; c++)
    {
      guint added = 0;

      g_assert_true (csm_workspace_submit_reviews_finish (clients[c].ws,
                                                          csm_test_await (&clients[c].result),
                                                          &added, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (added, ==, 50);
      g_clear_object (&clients[c].result);
      g_ptr_array_unref (clients[c].batch);
      g_object_unref (clients[c].ws);
    }
  back = csm_test_workspace_reviews (f->rosa);
  g_assert_cmpuint (back->len, ==, 100);
}

/* Opened again, the schema is the same; a workspace newer than this
 * console is refused in words; one that cannot be made or reached, too. */
static void
test_schema (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsmWorkspace) again = open_as (f->path, "rosa", &error);
  g_autoptr(CsmWorkspace) newer = NULL;
  g_autoptr(CsmWorkspace) nowhere = NULL;

  g_assert_no_error (error);
  g_clear_object (&again);
  g_clear_object (&f->rosa);
#if HAVE_LIBPQ
  if (postgresql)
    {
      g_autofree char *database = g_path_get_basename (f->path);

      csm_test_pg_exec (pg, database, "INSERT INTO csm_schema (version) VALUES (99)");
    }
#endif
  if (!postgresql)
    {
      g_autoptr(CsmDbRows) rows = NULL;
      CsmDb *db = csm_db_sqlite_open (f->path, &error);

      g_assert_no_error (error);
      rows = csm_db_query (db, "SELECT COUNT (*), MAX (version) FROM csm_schema", NULL, 0,
                           &error);
      g_assert_no_error (error);
      g_assert_cmpint (csm_db_rows_get_int (rows, 0, 0), ==, csm_db_rows_get_int (rows, 0, 1));
      g_assert_true (csm_db_exec (db, "INSERT INTO csm_schema (version) VALUES (99)", &error));
      csm_db_close (db);
    }

  newer = open_as (f->path, "rosa", &error);
  g_assert_null (newer);
  g_assert_error (error, CSM_WORKSPACE_ERROR, CSM_WORKSPACE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "newer than this console"));
  g_clear_error (&error);

  nowhere = open_as (postgresql ? "postgresql://127.0.0.1:1/nowhere"
                                : "/proc/csm-no-such/workspace.sqlite", "rosa", &error);
  g_assert_null (nowhere);
  g_assert_error (error, CSM_WORKSPACE_ERROR, CSM_WORKSPACE_ERROR_UNAVAILABLE);
}

/* A workspace of schema 1 (before assignments), as an older console left
 * it, with a scorecard and a review. */
#define SCHEMA_1 \
  "CREATE TABLE csm_schema (version INTEGER NOT NULL);" \
  "INSERT INTO csm_schema (version) VALUES (1);" \
  "CREATE TABLE scorecards (name TEXT NOT NULL, version INTEGER NOT NULL, definition TEXT NOT " \
  "  NULL, created_by TEXT NOT NULL, created BIGINT NOT NULL, PRIMARY KEY (name, version));" \
  "CREATE TABLE reviews (id TEXT PRIMARY KEY, conversation TEXT NOT NULL, agent TEXT NOT NULL," \
  "  reviewer TEXT NOT NULL, scorecard TEXT NOT NULL, scorecard_version INTEGER NOT NULL," \
  "  submitted BIGINT NOT NULL, calibration_session TEXT, ratings TEXT NOT NULL, notes TEXT," \
  "  comment TEXT, replaces TEXT, UNIQUE (conversation, reviewer, scorecard," \
  "  scorecard_version, submitted), FOREIGN KEY (scorecard, scorecard_version) REFERENCES" \
  "  scorecards (name, version));" \
  "CREATE INDEX reviews_submitted ON reviews (submitted);" \
  "CREATE INDEX reviews_agent ON reviews (agent);"

/* An older workspace is brought up to this console's schema when it is
 * opened (SQLite) or set up again by its admin (PostgreSQL,
 * --workspace-init): what it held is kept, and assignments work. */
static void
test_migrates_schema_1 (Fixture       *f,
                        gconstpointer  data)
{
  static const char * const some[] = { "m1", NULL };
  g_autoptr(CsmQaScorecard) card = csm_qa_scorecard_new_default ();
  g_autofree char *json = csm_qa_scorecard_to_json (card);
  g_autofree char *before = g_strdup_printf (SCHEMA_1
                                             "INSERT INTO scorecards VALUES ('Default', 1, "
                                             "'%s', 'rosa', 1);"
                                             "INSERT INTO reviews (id, conversation, agent, "
                                             "reviewer, scorecard, scorecard_version, submitted,"
                                             " ratings) VALUES ('r1', 'm1', 'alice', 'sam', "
                                             "'Default', 1, 1795000000, '{\"Empathy\": 5, "
                                             "\"Competency\": 4, \"Tenacity\": \"n/a\", "
                                             "\"Clarity\": 3, \"Process compliance\": 2}');",
                                             json);
  g_autofree char *old = NULL;
  g_autoptr(CsmWorkspace) ws = NULL;
  g_autoptr(GPtrArray) reviews = NULL;
  g_autoptr(GError) error = NULL;

#if HAVE_LIBPQ
  if (postgresql)
    old = new_pg_workspace (before);
#endif
  if (!postgresql)
    {
      CsmDb *db;

      old = g_build_filename (f->dir, "old.sqlite", NULL);
      db = csm_db_sqlite_open (old, &error);
      g_assert_no_error (error);
      g_assert_true (csm_db_exec (db, before, &error));
      g_assert_no_error (error);
      csm_db_close (db);
    }
  ws = open_as (old, "rosa", &error);
  g_assert_no_error (error);
  reviews = csm_test_workspace_reviews (ws);
  g_assert_cmpuint (reviews->len, ==, 1);
  g_assert_cmpstr (((CsmQaReview *) reviews->pdata[0])->agent, ==, "alice");
  g_assert_cmpfloat_with_epsilon (csm_qa_review_get_score (reviews->pdata[0]).value,
                                  (2000.0 + 1875.0 + 20 * 200.0 / 3 + 1500.0) / 80, 1e-9);
  g_assert_true (assign (ws, some, "sam", 1795000000, NULL, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  char *data_home;
  int status;

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/workspace/scorecard-versions", test_scorecard_versions);
  ADD ("/workspace/scorecard-conflict", test_scorecard_conflict);
  ADD ("/workspace/concurrent-saves", test_concurrent_saves);
  ADD ("/workspace/reviews", test_reviews);
  ADD ("/workspace/reviews-all-or-nothing", test_reviews_all_or_nothing);
  ADD ("/workspace/two-clients", test_two_clients);
  ADD ("/workspace/queue", test_queue);
  ADD ("/workspace/schema", test_schema);
  ADD ("/workspace/permissions", test_permissions);
  ADD ("/workspace/assignments", test_assignments);
  ADD ("/workspace/migrates-schema-1", test_migrates_schema_1);

  postgresql = g_strcmp0 (g_getenv ("CSM_TEST_WORKSPACE"), "postgresql") == 0;
  /* This machine's queue of writes goes in a folder of the test's. */
  data_home = g_dir_make_tmp ("csm-workspace-data-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
#if HAVE_LIBPQ
  if (postgresql)
    pg = csm_test_pg_start ();
#endif
  status = g_test_run ();
#if HAVE_LIBPQ
  csm_test_pg_stop (pg);
#endif
  {
    const char *rm[] = { "rm", "-rf", data_home, NULL };

    g_spawn_sync (NULL, (char **) rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL,
                  NULL);
  }
  g_free (data_home);
  return status;
}
