/* test-workspace-rls.c: who sees and writes what in a team's PostgreSQL workspace, proven in SQL, each person connecting as their own role.
 *
 * Not through the console: plain libpq connections send plain SQL, so
 * what is refused is refused by the database's grants and row-level
 * security. The workspace is set up as --workspace-init and
 * --workspace-add-member do.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <sys/wait.h>
#include <stdlib.h>
#include <string.h>

#include "csm-test-async.h"
#include "csm-test-pg.h"
#include "csm-test-workspace.h"
#include "csm-qa-review.h"
#include "csm-workspace.h"

static CsmTestPg *pg;
static char *uri;

#define REVIEW(id, agent, reviewer, calibration) \
  "INSERT INTO reviews (id, conversation, agent, reviewer, scorecard, scorecard_version, " \
  "submitted, calibration_session, ratings) VALUES ('" id "', '" id "', '" agent "', '" \
  reviewer "', 'Default', 1, 1795000000, " calibration ", '{}')"

static void
test_roles (void)
{
  /* The admin writes a scorecard (the default one); a reviewer may not. */
  {
    g_autoptr(CsmQaScorecard) card = csm_qa_scorecard_new_default ();
    g_autofree char *json = csm_qa_scorecard_to_json (card);
    g_autofree char *sql = g_strdup_printf ("INSERT INTO scorecards (name, version, definition, "
                                            "created_by, created) VALUES ('Default', 1, "
                                            "$json$%s$json$, 'ada', 1)", json);

    g_assert_null (csm_test_pg_run_as (uri, "ada", sql, NULL));
  }
  csm_test_pg_assert_refused (uri, "rosa", "INSERT INTO scorecards (name, version, definition, created_by, "
                          "created) VALUES ('Default', 2, '{}', 'rosa', 1)");
  csm_test_pg_assert_refused (uri, "rosa", "UPDATE scorecards SET definition = '{\"x\": 1}'");
  /* An admin writes versions as herself, not in another's name. */
  csm_test_pg_assert_refused (uri, "ada", "INSERT INTO scorecards (name, version, definition, created_by, "
                         "created) VALUES ('Default', 9, '{}', 'rosa', 1)");
  csm_test_pg_assert_refused (uri, "lea", "DELETE FROM scorecards");

  /* A reviewer writes reviews as herself only. */
  g_assert_null (csm_test_pg_run_as (uri, "rosa", REVIEW ("r1", "alice", "rosa", "NULL"), NULL));
  g_assert_null (csm_test_pg_run_as (uri, "rosa", REVIEW ("r2", "bob", "rosa", "NULL"), NULL));
  /* A calibration review, in a session the lead set up for Rosa and Sam. */
  g_assert_null (csm_test_pg_run_as (uri, "lea", "INSERT INTO calibration_sessions (name, "
                                     "scorecard, created_by, created, deadline) VALUES "
                                     "('week 46', 'Default', 'lea', 1, 2); "
                                     "INSERT INTO calibration_conversations VALUES "
                                     "('week 46', 'r3'); INSERT INTO calibration_reviewers "
                                     "VALUES ('week 46', 'rosa'), ('week 46', 'sam')", NULL));
  g_assert_null (csm_test_pg_run_as (uri, "rosa", REVIEW ("r3", "alice", "rosa", "'week 46'"), NULL));
  csm_test_pg_assert_refused (uri, "rosa", REVIEW ("r4", "alice", "sam", "NULL"));
  csm_test_pg_assert_refused (uri, "rosa", "UPDATE reviews SET agent = 'bob' WHERE id = 'r1'");
  csm_test_pg_assert_refused (uri, "rosa", "DELETE FROM reviews");

  /* An agent reads their own submitted reviews, not calibration ones,
   * not another agent's, and writes none. */
  g_assert_cmpint (csm_test_pg_count_as (uri, "alice", "SELECT COUNT (*) FROM reviews"), ==, 1);
  g_assert_cmpint (csm_test_pg_count_as (uri, "alice", "SELECT COUNT (*) FROM reviews WHERE agent = 'bob'"), ==,
                   0);
  g_assert_cmpint (csm_test_pg_count_as (uri, "bob", "SELECT COUNT (*) FROM reviews"), ==, 1);
  csm_test_pg_assert_refused (uri, "alice", REVIEW ("a1", "alice", "alice", "NULL"));
  csm_test_pg_assert_refused (uri, "alice", "UPDATE reviews SET agent = 'alice'");

  /* Reviewers read the others' reviews (not, while Sam has not
   * submitted his, Rosa's calibration review); the lead and the admin
   * read all. */
  g_assert_cmpint (csm_test_pg_count_as (uri, "sam", "SELECT COUNT (*) FROM reviews"), ==, 2);
  g_assert_cmpint (csm_test_pg_count_as (uri, "lea", "SELECT COUNT (*) FROM reviews"), ==, 3);
  g_assert_cmpint (csm_test_pg_count_as (uri, "ada", "SELECT COUNT (*) FROM reviews"), ==, 3);
  csm_test_pg_assert_refused (uri, "lea", REVIEW ("l1", "alice", "lea", "NULL"));

  /* A login of no group reads nothing. */
  csm_test_pg_assert_refused (uri, "nemo", "SELECT COUNT (*) FROM reviews");
  csm_test_pg_assert_refused (uri, "nemo", "SELECT COUNT (*) FROM scorecards");
}

static gboolean
add_member (CsmWorkspace *admin,
            const char   *name,
            const char   *role,
            GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  csm_workspace_add_member_async (admin, name, role, NULL, NULL, csm_test_store_result, &result);
  return csm_workspace_add_member_finish (admin, csm_test_await (&result), error);
}


/* A member is a person: not a group role, not a role no one logs in as. */
static void
test_members_are_people (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CsmWorkspace) admin = NULL;
  g_autoptr(GError) error = NULL;

  csm_workspace_open_full_async (uri, CSM_TEST_PG_SUPERUSER, csm_test_pg_superuser_password (pg),
                                 FALSE, NULL, csm_test_store_result, &result);
  admin = csm_workspace_open_finish (csm_test_await (&result), &error);
  g_assert_no_error (error);
  g_assert_false (add_member (admin, "csm_agent", "admin", &error));
  g_assert_nonnull (strstr (error->message, "roles, not people"));
  g_clear_error (&error);
  g_assert_false (add_member (admin, "pg_monitor", "lead", &error));
  g_clear_error (&error);
  csm_test_pg_exec (pg, "postgres", "CREATE ROLE batch_jobs NOLOGIN");
  g_assert_false (add_member (admin, "batch_jobs", "admin", &error));
  g_assert_nonnull (strstr (error->message, "no one logs in as"));
  g_clear_error (&error);
  g_assert_false (add_member (admin, "zoe", "superhero", &error));
  g_assert_nonnull (strstr (error->message, "--role must be"));
}

/* What the console says each person may do is what the database lets
 * them: each role's permissions, read when the workspace opens. */
static void
test_permissions (void)
{
  static const struct
  {
    const char *user;
    const char *role;
    CsmWorkspacePermissions permissions;
  } people[] = {
    { "alice", "agent", 0 },
    { "rosa", "reviewer", CSM_WORKSPACE_REVIEWS | CSM_WORKSPACE_READS_ALL },
    { "lea", "lead", CSM_WORKSPACE_READS_ALL | CSM_WORKSPACE_ASSIGNS },
    { "ada", "admin", CSM_WORKSPACE_READS_ALL | CSM_WORKSPACE_EDITS_SCORECARDS |
                      CSM_WORKSPACE_SEES_PERSONAL_DATA | CSM_WORKSPACE_ASSIGNS },
  };

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      g_autofree char *password = g_strdup_printf ("%s-secret", people[i].user);
      g_autoptr(GError) error = NULL;
      g_autoptr(CsmWorkspace) ws = csm_test_workspace_open (uri, people[i].user, password, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (csm_workspace_get_role (ws), ==, people[i].role);
      g_assert_cmpuint (csm_workspace_get_permissions (ws), ==, people[i].permissions);
    }

  /* A lead who also reviews has both parts' permissions, and is called
   * by the higher. */
  csm_test_pg_exec (pg, "postgres", "CREATE ROLE kim LOGIN PASSWORD 'kim-secret' IN ROLE "
                                    "csm_lead, csm_reviewer");
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CsmWorkspace) ws = csm_test_workspace_open (uri, "kim", "kim-secret", &error);

    g_assert_no_error (error);
    g_assert_cmpstr (csm_workspace_get_role (ws), ==, "lead");
    g_assert_cmpuint (csm_workspace_get_permissions (ws), ==,
                      CSM_WORKSPACE_REVIEWS | CSM_WORKSPACE_READS_ALL | CSM_WORKSPACE_ASSIGNS);
  }
}

#define ASSIGNMENT(conversation, reviewer, by) \
  "INSERT INTO assignments (conversation, reviewer, assigned_by, assigned) VALUES ('" \
  conversation "', '" reviewer "', '" by "', 1795000000)"

/* Assignments, proven in SQL as each role: leads and admins assign as
 * themselves; a reviewer reads only the ones made to them and makes none;
 * an agent reads none. */
static void
test_assignment_rls (void)
{
  g_assert_null (csm_test_pg_run_as (uri, "lea", ASSIGNMENT ("a1", "rosa", "lea"), NULL));
  g_assert_null (csm_test_pg_run_as (uri, "lea", ASSIGNMENT ("a2", "sam", "lea"), NULL));
  g_assert_null (csm_test_pg_run_as (uri, "ada", ASSIGNMENT ("a3", "sam", "ada"), NULL));
  csm_test_pg_assert_refused (uri, "lea", ASSIGNMENT ("a4", "rosa", "ada"));
  csm_test_pg_assert_refused (uri, "rosa", ASSIGNMENT ("a5", "rosa", "rosa"));
  csm_test_pg_assert_refused (uri, "alice", ASSIGNMENT ("a6", "alice", "alice"));
  csm_test_pg_assert_refused (uri, "lea", "UPDATE assignments SET reviewer = 'rosa'");
  csm_test_pg_assert_refused (uri, "rosa", "DELETE FROM assignments");

  g_assert_cmpint (csm_test_pg_count_as (uri, "rosa", "SELECT COUNT (*) FROM assignments"), ==, 1);
  g_assert_cmpint (csm_test_pg_count_as (uri, "sam", "SELECT COUNT (*) FROM assignments"), ==, 2);
  g_assert_cmpint (csm_test_pg_count_as (uri, "lea", "SELECT COUNT (*) FROM assignments"), ==, 3);
  g_assert_cmpint (csm_test_pg_count_as (uri, "ada", "SELECT COUNT (*) FROM assignments"), ==, 3);
  csm_test_pg_assert_refused (uri, "alice", "SELECT COUNT (*) FROM assignments");
  csm_test_pg_assert_refused (uri, "nemo", "SELECT COUNT (*) FROM assignments");
}

/* A database nobody set up is refused, saying who sets it up; a login of
 * no group is refused as denied, not as "not set up". */
static void
test_not_set_up (void)
{
  g_autofree char *bare = csm_test_pg_uri (pg, "bare");
  g_autoptr(CsmWorkspace) ws = NULL;
  g_autoptr(CsmWorkspace) nobody = NULL;
  g_autoptr(GError) error = NULL;

  csm_test_pg_exec (pg, "postgres", "CREATE DATABASE bare");
  ws = csm_test_workspace_open (bare, "rosa", "rosa-secret", &error);
  g_assert_null (ws);
  g_assert_error (error, CSM_WORKSPACE_ERROR, CSM_WORKSPACE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "--workspace-init"));
  g_clear_error (&error);
  nobody = csm_test_workspace_open (uri, "nemo", "nemo-secret", &error);
  g_assert_null (nobody);
  g_assert_error (error, CSM_WORKSPACE_ERROR, CSM_WORKSPACE_ERROR_DENIED);
}

/* The server drops the connection between two writes: the next write
 * fails as unavailable, in words, and the process goes on. */
static void
test_connection_lost (void)
{
  g_autoptr(CsmWorkspace) ws = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CsmQaScorecard) card = csm_qa_scorecard_new_default ();
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_qa_review_free);
  g_autoptr(GAsyncResult) result = NULL;
  CsmQaReview *r = csm_qa_review_new (card);

  ws = csm_test_workspace_open (uri, "rosa", "rosa-secret", &error);
  g_assert_no_error (error);
  csm_test_pg_exec (pg, "postgres", "SELECT pg_terminate_backend (pid) FROM pg_stat_activity "
                                    "WHERE usename = 'rosa'");
  r->conversation = g_strdup ("9");
  r->agent = g_strdup ("alice");
  r->reviewer = g_strdup ("rosa");
  r->submitted = 1795000000;
  for (guint i = 0; i < r->n_ratings; i++)
    r->ratings[i] = 1;
  g_ptr_array_add (batch, r);
  csm_workspace_submit_reviews_async (ws, batch, NULL, csm_test_store_result, &result);
  g_assert_false (csm_workspace_submit_reviews_finish (ws, csm_test_await (&result), NULL,
                                                       &error));
  g_assert_error (error, CSM_WORKSPACE_ERROR, CSM_WORKSPACE_ERROR_UNAVAILABLE);
  g_clear_error (&error);

  /* The next call connects again. */
  g_clear_object (&result);
  csm_workspace_list_reviews_async (ws, NULL, csm_test_store_result, &result);
  {
    g_autoptr(GPtrArray) reviews = csm_workspace_list_reviews_finish (ws, csm_test_await (&result),
                                                                      &error);

    g_assert_no_error (error);
    g_assert_nonnull (reviews);
  }
}

/* Whether the batch queue_reviews () queued last was itself refused. */
static gboolean last_queued_refused;

static guint
queue_reviews (CsmWorkspace *ws,
               CsmQaReview  *review,
               guint        *refused)
{
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_qa_review_free);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  CsmWorkspaceQueueState state;
  guint pending;

  g_ptr_array_add (batch, review);
  csm_workspace_queue_reviews_async (ws, batch, NULL, csm_test_store_result, &result);
  g_assert_true (csm_workspace_queue_finish (ws, csm_test_await (&result), &state, &error));
  g_assert_no_error (error);
  /* This very batch refused: said so, and why. */
  if (state.queued_refused)
    g_assert_nonnull (state.refusal);
  last_queued_refused = state.queued_refused;
  if (refused != NULL)
    *refused = state.refused;
  pending = state.pending;
  csm_workspace_queue_state_clear (&state);
  return pending;
}

/* Tries the refused ones again; returns how many are still refused. */
static guint
retry_refused (CsmWorkspace  *ws,
               char         **refusal)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  CsmWorkspaceQueueState state;
  guint refused;

  csm_workspace_retry_refused_async (ws, NULL, csm_test_store_result, &result);
  g_assert_true (csm_workspace_queue_finish (ws, csm_test_await (&result), &state, &error));
  g_assert_no_error (error);
  refused = state.refused;
  if (refusal != NULL)
    *refusal = g_steal_pointer (&state.refusal);
  csm_workspace_queue_state_clear (&state);
  return refused;
}


static guint
deliver (CsmWorkspace *ws)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  CsmWorkspaceQueueState state;
  guint pending;

  csm_workspace_deliver_async (ws, NULL, csm_test_store_result, &result);
  g_assert_true (csm_workspace_queue_finish (ws, csm_test_await (&result), &state, &error));
  g_assert_no_error (error);
  pending = state.pending;
  csm_workspace_queue_state_clear (&state);
  return pending;
}

static CsmQaReview *
submitted (CsmQaScorecard *card,
           const char     *conversation,
           const char     *reviewer)
{
  CsmQaReview *r = csm_qa_review_new (card);

  r->conversation = g_strdup (conversation);
  r->agent = g_strdup ("alice");
  r->reviewer = g_strdup (reviewer);
  r->submitted = 1795000000;
  for (guint i = 0; i < r->n_ratings; i++)
    r->ratings[i] = 1;
  return r;
}

static int
stored (const char *conversation)
{
  g_autofree char *sql = g_strdup_printf ("SELECT COUNT (*) FROM reviews WHERE conversation = "
                                          "'%s'", conversation);

  return csm_test_pg_count_as (uri, "ada", sql);
}

static void
drain (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

/* The server stopped between queuing a submission and delivering it:
 * kept on this machine, delivered once it is back, exactly once, even by
 * another console started after this one ended; a refused one is kept
 * with the refusal, and does not hold the others back. */
static void
test_outbox (void)
{
  g_autoptr(CsmQaScorecard) card = NULL;
  g_autoptr(CsmWorkspace) ws = NULL;
  g_autoptr(CsmWorkspace) next = NULL;
  g_autoptr(GError) error = NULL;
  guint refused = 0;

  /* The scorecard test_roles stored: the default one, version 1. */
  card = csm_qa_scorecard_new_default ();
  ws = csm_test_workspace_open (uri, "rosa", "rosa-secret", &error);
  g_assert_no_error (error);

  /* Delivered at once while the server is up. */
  g_assert_cmpuint (queue_reviews (ws, submitted (card, "o1", "rosa"), &refused), ==, 0);
  g_assert_cmpuint (refused, ==, 0);
  g_assert_cmpint (stored ("o1"), ==, 1);

  /* The server stops: kept, waiting. */
  csm_test_pg_pause (pg);
  g_assert_cmpuint (queue_reviews (ws, submitted (card, "o2", "rosa"), NULL), ==, 1);
  g_assert_cmpuint (deliver (ws), ==, 1);
  csm_test_pg_resume (pg);
  g_assert_cmpuint (deliver (ws), ==, 0);
  g_assert_cmpint (stored ("o2"), ==, 1);
  g_assert_cmpuint (deliver (ws), ==, 0);
  g_assert_cmpint (stored ("o2"), ==, 1);

  /* Down again; this console ends with the write waiting; the next one
   * delivers it. */
  csm_test_pg_pause (pg);
  g_assert_cmpuint (queue_reviews (ws, submitted (card, "o3", "rosa"), NULL), ==, 1);
  g_clear_object (&ws);
  drain ();
  csm_test_pg_resume (pg);
  next = csm_test_workspace_open (uri, "rosa", "rosa-secret", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (deliver (next), ==, 0);
  g_assert_cmpint (stored ("o3"), ==, 1);

  /* A review as someone else: the workspace refuses it; it is kept as
   * refused, and the next one goes through. */
  g_assert_cmpuint (queue_reviews (next, submitted (card, "o4", "sam"), &refused), ==, 0);
  g_assert_cmpuint (refused, ==, 1);
  g_assert_true (last_queued_refused);
  /* The next is delivered: the refusal before it is not its own. */
  g_assert_cmpuint (queue_reviews (next, submitted (card, "o5", "rosa"), &refused), ==, 0);
  g_assert_cmpuint (refused, ==, 1);
  g_assert_false (last_queued_refused);
  g_assert_cmpint (stored ("o4"), ==, 0);
  g_assert_cmpint (stored ("o5"), ==, 1);
  /* Tried again, it is refused again, and says why. */
  {
    g_autofree char *refusal = NULL;

    g_assert_cmpuint (retry_refused (next, &refusal), ==, 1);
    g_assert_nonnull (refusal);
    g_test_message ("refused: %s", refusal);
    g_assert_cmpint (stored ("o4"), ==, 0);
  }
  /* Given up on: forgotten, nothing stored, nothing left to try. */
  {
    g_autoptr(GAsyncResult) result = NULL;
    CsmWorkspaceQueueState state;

    csm_workspace_discard_refused_async (next, NULL, csm_test_store_result, &result);
    g_assert_true (csm_workspace_queue_finish (next, csm_test_await (&result), &state, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (state.refused, ==, 0);
    g_assert_cmpuint (state.pending, ==, 0);
    g_assert_null (state.refusal);
    /* The refused review comes back, for its page to keep as a draft. */
    g_assert_nonnull (state.discarded);
    g_assert_cmpuint (g_strv_length (state.discarded), ==, 1);
    g_assert_nonnull (strstr (state.discarded[0], "\"o4\""));
    csm_workspace_queue_state_clear (&state);
    g_assert_cmpuint (retry_refused (next, NULL), ==, 0);
    g_assert_cmpint (stored ("o4"), ==, 0);
  }
  g_clear_object (&next);
  drain ();

  /* An agent who was to become a reviewer submits too early: refused,
   * kept; once the admin grants the role, trying again delivers it. */
  csm_test_pg_exec (pg, "postgres", "CREATE ROLE zed LOGIN PASSWORD 'zed-secret' IN ROLE "
                                    "csm_agent");
  {
    g_autoptr(CsmWorkspace) zed = csm_test_workspace_open (uri, "zed", "zed-secret", &error);
    g_autofree char *refusal = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (queue_reviews (zed, submitted (card, "o6", "zed"), &refused), ==, 0);
    g_assert_cmpuint (refused, ==, 1);
    g_assert_cmpint (stored ("o6"), ==, 0);
    csm_test_pg_exec (pg, "postgres", "GRANT csm_reviewer TO zed");
    g_assert_cmpuint (retry_refused (zed, &refusal), ==, 0);
    g_assert_null (refusal);
    g_assert_cmpint (stored ("o6"), ==, 1);
    /* Delivered once: trying again adds nothing. */
    g_assert_cmpuint (retry_refused (zed, NULL), ==, 0);
    g_assert_cmpint (stored ("o6"), ==, 1);

    /* Every group taken away: the workspace is reached but reads nothing
     * to this login, so what waits is refused, saying why, not left
     * waiting as if the server were down. */
    csm_test_pg_exec (pg, "postgres", "REVOKE csm_agent, csm_reviewer FROM zed");
    g_assert_cmpuint (queue_reviews (zed, submitted (card, "o7", "zed"), &refused), ==, 0);
    g_assert_cmpuint (refused, ==, 1);
    g_assert_cmpuint (retry_refused (zed, &refusal), ==, 1);
    g_assert_nonnull (strstr (refusal, "permission denied"));
    csm_test_pg_exec (pg, "postgres", "GRANT csm_reviewer TO zed");
    g_assert_cmpuint (retry_refused (zed, NULL), ==, 0);
    g_assert_cmpint (stored ("o7"), ==, 1);
  }
  drain ();
}



/* An admin's scorecard change while the server is down is kept on this
 * computer and stored when it is back, once; a change that meets another
 * admin's newer version on delivery is refused, with the reason, never
 * written over it. */
static void
test_scorecard_outbox (void)
{
  g_autoptr(CsmWorkspace) ada = NULL;
  g_autoptr(CsmWorkspace) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(CsmQaScorecard) stored = NULL;
  g_autoptr(CsmQaScorecard) newest = NULL;
  g_autoptr(CsmQaScorecard) kept_edit = NULL;
  g_autoptr(CsmQaScorecard) later_edit = NULL;
  g_autofree char *refusal = NULL;
  guint refused = 0;

  ada = csm_test_workspace_open (uri, "ada", "ada-secret", &error);
  g_assert_no_error (error);
  before = csm_test_workspace_scorecards (ada);
  newest = csm_qa_scorecard_ref (before->pdata[before->len - 1]);

  /* Down: kept, said so. */
  kept_edit = csm_test_scorecard_reweighted (newest, 0, 33);
  csm_test_pg_pause (pg);
  g_assert_null (csm_test_workspace_save (ada, kept_edit, csm_qa_scorecard_get_version (newest), &error));
  g_assert_error (error, CSM_WORKSPACE_ERROR, CSM_WORKSPACE_ERROR_KEPT);
  g_clear_error (&error);
  g_assert_cmpuint (deliver (ada), ==, 1);
  csm_test_pg_resume (pg);
  g_assert_cmpuint (deliver (ada), ==, 0);
  after = csm_test_workspace_scorecards (ada);
  g_assert_cmpuint (after->len, ==, before->len + 1);
  g_assert_true (csm_qa_scorecard_same_content (after->pdata[after->len - 1], kept_edit));
  g_assert_cmpuint (deliver (ada), ==, 0);
  g_clear_pointer (&after, g_ptr_array_unref);
  after = csm_test_workspace_scorecards (ada);
  g_assert_cmpuint (after->len, ==, before->len + 1);

  /* Down again: ada's next change waits; meanwhile another admin (the
   * superuser, on another computer) saves a version. Delivered, ada's is
   * refused, saying so, and nothing is written over. */
  g_clear_pointer (&newest, csm_qa_scorecard_unref);
  newest = csm_qa_scorecard_ref (after->pdata[after->len - 1]);
  later_edit = csm_test_scorecard_reweighted (newest, 0, 44);
  csm_test_pg_pause (pg);
  g_assert_null (csm_test_workspace_save (ada, later_edit, csm_qa_scorecard_get_version (newest), &error));
  g_assert_error (error, CSM_WORKSPACE_ERROR, CSM_WORKSPACE_ERROR_KEPT);
  g_clear_error (&error);
  csm_test_pg_resume (pg);
  root = csm_test_workspace_open (uri, CSM_TEST_PG_SUPERUSER, csm_test_pg_superuser_password (pg), &error);
  g_assert_no_error (error);
  {
    g_autoptr(CsmQaScorecard) other = csm_test_scorecard_reweighted (newest, 0, 55);

    stored = csm_test_workspace_save (root, other, csm_qa_scorecard_get_version (newest), &error);
    g_assert_no_error (error);
  }
  {
    g_autoptr(GAsyncResult) result = NULL;
    CsmWorkspaceQueueState state;

    csm_workspace_deliver_async (ada, NULL, csm_test_store_result, &result);
    g_assert_true (csm_workspace_queue_finish (ada, csm_test_await (&result), &state, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (state.pending, ==, 0);
    refused = state.refused;
    refusal = g_steal_pointer (&state.refusal);
    csm_workspace_queue_state_clear (&state);
  }
  g_assert_cmpuint (refused, ==, 1);
  g_assert_nonnull (strstr (refusal, "was changed meanwhile"));
  g_clear_pointer (&after, g_ptr_array_unref);
  after = csm_test_workspace_scorecards (ada);
  g_assert_true (csm_qa_scorecard_same_content (after->pdata[after->len - 1], stored));
  g_clear_object (&ada);
  drain ();
}

/* The command line, as a team's admin would run it (the superuser's
 * password in a pgpass file, as libpq reads it): set up a workspace,
 * twice, then add a reviewer with a password from a file, who can then
 * write a review as herself and nobody else. */
static void
test_command_line (void)
{
  g_autofree char *dir = g_dir_make_tmp ("csm-rls-cli-XXXXXX", NULL);
  g_autofree char *pgpass = g_build_filename (dir, "pgpass", NULL);
  g_autofree char *password_file = g_build_filename (dir, "carol-password", NULL);
  g_autofree char *port = NULL;
  g_autofree char *admin_uri = NULL;
  g_autofree char *pass_line = NULL;
  g_autofree char *plain = csm_test_pg_uri (pg, "crew");
  g_autofree char *init = NULL;
  g_autofree char *workspace = NULL;
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GError) error = NULL;

  /* "postgresql://127.0.0.1:PORT/crew" → the superuser's. */
  port = g_strndup (plain + strlen ("postgresql://127.0.0.1:"),
                    strcspn (plain + strlen ("postgresql://127.0.0.1:"), "/"));
  admin_uri = g_strdup_printf ("postgresql://%s@127.0.0.1:%s/crew", CSM_TEST_PG_SUPERUSER, port);
  pass_line = g_strdup_printf ("127.0.0.1:%s:*:%s:%s\n", port, CSM_TEST_PG_SUPERUSER,
                               csm_test_pg_superuser_password (pg));
  g_assert_true (g_file_set_contents_full (pgpass, pass_line, -1, G_FILE_SET_CONTENTS_NONE, 0600,
                                           &error));
  g_assert_true (g_file_set_contents_full (password_file, "carol-secret\n", -1,
                                           G_FILE_SET_CONTENTS_NONE, 0600, &error));
  env = g_environ_setenv (env, "PGPASSFILE", pgpass, TRUE);
  csm_test_pg_exec (pg, "postgres", "CREATE DATABASE crew");
  init = g_strdup_printf ("--workspace-init=%s", admin_uri);
  workspace = g_strdup_printf ("--workspace=%s", admin_uri);

  for (guint run = 0; run < 2; run++)
    {
      const char *argv[] = { g_getenv ("CSM_CONSOLE"), init, NULL };
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      int status;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL, &out,
                                   &err, &status, &error));
      g_assert_no_error (error);
      if (!g_spawn_check_wait_status (status, NULL))
        g_error ("--workspace-init failed: %s", err);
      g_assert_nonnull (strstr (out, "The workspace is set up"));
    }
  {
    g_autofree char *password_option = g_strdup_printf ("--password-file=%s", password_file);
    const char *argv[] = { g_getenv ("CSM_CONSOLE"), workspace, "--workspace-add-member=carol",
                           "--role=reviewer", password_option, NULL };
    const char *no_role[] = { g_getenv ("CSM_CONSOLE"), workspace,
                              "--workspace-add-member=dave", NULL };
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    int status;

    g_assert_true (g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL, &out,
                                 &err, &status, &error));
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_cmpstr (out, ==, "carol is a reviewer in the workspace\n");
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_true (g_spawn_sync (NULL, (char **) no_role, env, G_SPAWN_DEFAULT, NULL, NULL, &out,
                                 &err, &status, &error));
    g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 2);
  }

  /* Carol, with the password from the file, writes as herself only. */
  g_free (uri);
  uri = g_steal_pointer (&plain);
  csm_test_pg_exec (pg, "crew", "INSERT INTO scorecards (name, version, definition, created_by, "
                                "created) VALUES ('Default', 1, '{}', 'csm_super', 1)");
  g_assert_null (csm_test_pg_run_as (uri, "carol", REVIEW ("c1", "alice", "carol", "NULL"), NULL));
  csm_test_pg_assert_refused (uri, "carol", REVIEW ("c2", "alice", "rosa", "NULL"));
  g_assert_cmpint (csm_test_pg_count_as (uri, "carol", "SELECT COUNT (*) FROM reviews"), ==, 1);

  g_unlink (pgpass);
  g_unlink (password_file);
  g_rmdir (dir);
}

static void
openssl (const char         *dir,
         const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status;

  g_ptr_array_add (argv, (gpointer) "openssl");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (dir, (char **) argv->pdata, NULL,
                               G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                               &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("openssl %s failed: %s", args[0], err);
}

/* A test authority and a server certificate for 127.0.0.1 it signed, and
 * an authority that signed nothing of the server's. */
static void
make_certificates (const char *dir)
{
  static const char * const ca[] = {
    "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
    "-keyout", "ca.key", "-out", "ca.crt", "-days", "2", "-subj", "/CN=csm-test-ca", NULL };
  static const char * const other[] = {
    "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
    "-keyout", "other.key", "-out", "other.crt", "-days", "2", "-subj", "/CN=csm-other-ca",
    NULL };
  static const char * const request[] = {
    "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
    "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1", NULL };
  static const char * const sign[] = {
    "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
    "-out", "server.crt", "-days", "2", "-extfile", "server.ext", NULL };
  g_autofree char *ext = g_build_filename (dir, "server.ext", NULL);

  g_assert_true (g_file_set_contents (ext, "subjectAltName=IP:127.0.0.1,DNS:localhost\n", -1,
                                      NULL));
  openssl (dir, ca);
  openssl (dir, other);
  openssl (dir, request);
  openssl (dir, sign);
}

static gint64
sessions_over_tls (const char *user)
{
  g_autofree char *sql = g_strdup_printf ("SELECT COUNT (*) FROM pg_stat_ssl s JOIN "
                                          "pg_stat_activity a USING (pid) WHERE a.usename = "
                                          "'%s' AND s.ssl", user);

  return csm_test_pg_count (pg, "postgres", sql);
}

/* A server that offers TLS is spoken to over TLS, its certificate checked
 * against the person's authorities (~/.postgresql/root.crt): one signed
 * by them is taken; with an address that asks for the check
 * (sslmode=verify-full), one they did not sign is refused in words.
 * Without it, a server on this machine is still reached, as the console's
 * rule for loopback says. */
static void
test_tls (void)
{
  g_autofree char *dir = g_dir_make_tmp ("csm-tls-XXXXXX", NULL);
  g_autofree char *certificate = g_build_filename (dir, "server.crt", NULL);
  g_autofree char *key = g_build_filename (dir, "server.key", NULL);
  g_autofree char *authorities = g_build_filename (g_get_home_dir (), ".postgresql", NULL);
  g_autofree char *root = g_build_filename (authorities, "root.crt", NULL);
  g_autofree char *ours = NULL;
  g_autofree char *theirs = NULL;
  g_autofree char *checked = g_strdup_printf ("%s?sslmode=verify-full", uri);

  make_certificates (dir);
  csm_test_pg_enable_tls (pg, certificate, key);
  {
    g_autofree char *ca = g_build_filename (dir, "ca.crt", NULL);
    g_autofree char *other = g_build_filename (dir, "other.crt", NULL);

    g_assert_true (g_file_get_contents (ca, &ours, NULL, NULL));
    g_assert_true (g_file_get_contents (other, &theirs, NULL, NULL));
  }
  g_assert_cmpint (g_mkdir_with_parents (authorities, 0700), ==, 0);

  /* Our authority: TLS, checked (it would not connect otherwise). */
  g_assert_true (g_file_set_contents (root, ours, -1, NULL));
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CsmWorkspace) ws = csm_test_workspace_open (checked, "rosa", "rosa-secret",
                                                          &error);
    g_autoptr(CsmWorkspace) plain = NULL;

    g_assert_no_error (error);
    g_assert_cmpint (sessions_over_tls ("rosa"), ==, 1);
    g_clear_object (&ws);
    drain ();
    plain = csm_test_workspace_open (uri, "rosa", "rosa-secret", &error);
    g_assert_no_error (error);
    g_assert_cmpint (sessions_over_tls ("rosa"), >=, 1);
  }
  drain ();

  /* Another authority: the check fails, said; nothing connects. */
  g_assert_true (g_file_set_contents (root, theirs, -1, NULL));
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CsmWorkspace) ws = csm_test_workspace_open (checked, "sam", "sam-secret", &error);

    g_assert_null (ws);
    g_assert_nonnull (error);
    g_test_message ("refused: %s", error->message);
    g_assert_nonnull (strstr (error->message, "certificate"));
    g_assert_null (strstr (error->message, "sam-secret"));
    g_assert_cmpint (sessions_over_tls ("sam"), ==, 0);
  }
  /* On this machine, without the check asked for, it still connects: no
   * one is in the middle of a loopback connection (the console's rule). */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CsmWorkspace) ws = csm_test_workspace_open (uri, "sam", "sam-secret", &error);

    g_assert_no_error (error);
  }
  drain ();
  g_unlink (root);
  csm_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  static const char * const members[][2] = {
    { "alice", "agent" }, { "bob", "agent" }, { "rosa", "reviewer" }, { "sam", "reviewer" },
    { "lea", "lead" }, { "ada", "admin" },
  };
  char *data_home;
  int status;

  /* This machine's queue of writes, and the home whose ~/.postgresql the
   * TLS test writes, are folders of the test's, set before GLib reads
   * (and keeps) them. */
  data_home = g_dir_make_tmp ("csm-rls-data-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("HOME", data_home, TRUE);
  g_test_init (&argc, &argv, NULL);
  pg = csm_test_pg_start ();
  /* A login that belongs to no group. */
  csm_test_pg_exec (pg, "postgres", "CREATE ROLE nemo LOGIN PASSWORD 'nemo-secret'");
  uri = csm_test_pg_team (pg, "team", NULL, members, G_N_ELEMENTS (members));

  g_test_add_func ("/workspace/postgresql/row-level-security", test_roles);
  g_test_add_func ("/workspace/postgresql/members-are-people", test_members_are_people);
  g_test_add_func ("/workspace/postgresql/permissions", test_permissions);
  g_test_add_func ("/workspace/postgresql/assignment-rls", test_assignment_rls);
  g_test_add_func ("/workspace/postgresql/not-set-up", test_not_set_up);
  g_test_add_func ("/workspace/postgresql/connection-lost", test_connection_lost);
  g_test_add_func ("/workspace/postgresql/outbox", test_outbox);
  g_test_add_func ("/workspace/postgresql/scorecard-outbox", test_scorecard_outbox);
  g_test_add_func ("/workspace/postgresql/command-line", test_command_line);
  g_test_add_func ("/workspace/postgresql/tls", test_tls);
  status = g_test_run ();
  csm_test_pg_stop (pg);
  g_free (uri);
  {
    const char *rm[] = { "rm", "-rf", data_home, NULL };

    g_spawn_sync (NULL, (char **) rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL,
                  NULL);
  }
  g_free (data_home);
  return status;
}
