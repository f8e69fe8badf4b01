/* test-workspace-qa.c: calibration sessions and disputes in the QA workspace, on a real SQLite file or a real PostgreSQL server; on PostgreSQL, who sees and does what, proven in SQL as each role.
 *
 * With CSM_TEST_WORKSPACE=postgresql the console's calls run on a
 * throw-away cluster this program starts and stops (rosa an admin who
 * reviews, sam a reviewer, alice an agent, each their own role), and
 * plain libpq connections prove the row-level security of blind
 * calibration and of disputes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "csm-qa-iqs.h"
#include "csm-test-async.h"
#include "csm-time.h"
#include "csm-test-workspace.h"
#include "csm-workspace.h"
#if HAVE_LIBPQ
#include "csm-test-pg.h"

static CsmTestPg *pg;
#endif
static gboolean postgresql;
static guint databases;

#define T0 1795000000 /* 2026-11-18 */

typedef struct
{
  char *dir;
  char *location;
  CsmWorkspace *rosa;
  CsmWorkspace *sam;
  CsmWorkspace *alice; /* the agent; on this computer's own workspace, its owner */
  CsmQaScorecard *card;
} Fixture;

static CsmWorkspace *
open_as (const char *location,
         const char *user)
{
  g_autofree char *password = postgresql ? g_strdup_printf ("%s-secret", user) : NULL;
  g_autoptr(GError) error = NULL;
  CsmWorkspace *ws = csm_test_workspace_open (location, user, password, &error);

  g_assert_no_error (error);
  return ws;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(CsmQaScorecard) card = csm_qa_scorecard_new_default ();
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("csm-workspace-qa-XXXXXX", &error);
  g_assert_no_error (error);
#if HAVE_LIBPQ
  if (postgresql)
    {
      static const char * const members[][2] = {
        { "rosa", "admin" }, { "rosa", "reviewer" }, { "sam", "reviewer" }, { "alice", "agent" },
      };
      g_autofree char *name = g_strdup_printf ("qa%u", ++databases);

      f->location = csm_test_pg_team (pg, name, NULL, members, G_N_ELEMENTS (members));
    }
#endif
  if (f->location == NULL)
    f->location = g_build_filename (f->dir, "workspace.sqlite", NULL);
  f->rosa = open_as (f->location, "rosa");
  f->sam = open_as (f->location, "sam");
  f->alice = open_as (f->location, postgresql ? "alice" : "rosa");
  f->card = csm_test_workspace_save (f->rosa, card, 0, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->rosa);
  g_clear_object (&f->sam);
  g_clear_object (&f->alice);
  g_clear_pointer (&f->card, csm_qa_scorecard_unref);
  csm_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->location);
}

static CsmQaReview *
review (Fixture    *f,
        const char *conversation,
        const char *reviewer,
        const char *session,
        gint64      submitted,
        int         empathy)
{
  CsmQaReview *r = csm_qa_review_new (f->card);

  r->conversation = g_strdup (conversation);
  r->agent = g_strdup ("alice");
  r->reviewer = g_strdup (reviewer);
  r->calibration_session = g_strdup (session);
  r->submitted = submitted;
  for (guint i = 0; i < r->n_ratings; i++)
    r->ratings[i] = csm_qa_scorecard_get_category (f->card, i)->scale;
  r->ratings[0] = empathy;
  return r;
}

static void
submit (CsmWorkspace *ws,
        CsmQaReview  *r)
{
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_qa_review_free);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (batch, r);
  csm_workspace_submit_reviews_async (ws, batch, NULL, csm_test_store_result, &result);
  g_assert_true (csm_workspace_submit_reviews_finish (ws, csm_test_await (&result), NULL,
                                                      &error));
  g_assert_no_error (error);
}

static gboolean
create (CsmWorkspace                  *ws,
        const CsmQaCalibrationSession *session,
        GError                       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  csm_workspace_create_calibration_async (ws, session, NULL, csm_test_store_result, &result);
  return csm_workspace_create_calibration_finish (ws, csm_test_await (&result), error);
}

static GPtrArray *
sessions_of (CsmWorkspace *ws)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *sessions;

  csm_workspace_list_calibrations_async (ws, NULL, csm_test_store_result, &result);
  sessions = csm_workspace_list_calibrations_finish (ws, csm_test_await (&result), &error);
  g_assert_no_error (error);
  return sessions;
}

/* A session is checked before anything is written, set up once, and
 * says who has submitted every conversation. Its reviews are never in
 * IQS, and its results are the core's. */
static void
test_calibration (Fixture       *f,
                  gconstpointer  data)
{
  char *conversations[] = { (char *) "11", (char *) "12", NULL };
  char *one[] = { (char *) "rosa", NULL };
  char *two[] = { (char *) "rosa", (char *) "sam", NULL };
  CsmQaCalibrationSession session = {
    (char *) " November ", (char *) "Default", NULL, T0, T0 + 7 * 86400, NULL,
    conversations, two, NULL,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GPtrArray) reviews = NULL;
  g_autoptr(GPtrArray) iqs = NULL;
  g_autoptr(CsmQaCalibration) results = NULL;
  const CsmQaCalibrationSession *listed;

  session.reviewers = one;
  g_assert_false (create (f->rosa, &session, &error));
  g_assert_nonnull (strstr (error->message, "at least two"));
  g_clear_error (&error);
  session.reviewers = two;
  session.gold = (char *) "tom";
  g_assert_false (create (f->rosa, &session, &error));
  g_assert_nonnull (strstr (error->message, "gold-standard"));
  g_clear_error (&error);
  session.gold = (char *) "sam";
  session.deadline = T0 - 1;
  g_assert_false (create (f->rosa, &session, &error));
  g_assert_nonnull (strstr (error->message, "deadline"));
  g_clear_error (&error);
  session.deadline = T0 + 7 * 86400;
  g_assert_cmpuint ((sessions = sessions_of (f->rosa))->len, ==, 0);
  g_clear_pointer (&sessions, g_ptr_array_unref);

  g_assert_true (create (f->rosa, &session, &error));
  g_assert_no_error (error);
  g_assert_false (create (f->rosa, &session, &error));
  g_assert_error (error, CSM_WORKSPACE_ERROR, CSM_WORKSPACE_ERROR_CONFLICT);
  g_clear_error (&error);

  sessions = sessions_of (f->rosa);
  g_assert_cmpuint (sessions->len, ==, 1);
  listed = sessions->pdata[0];
  g_assert_cmpstr (listed->name, ==, "November");
  g_assert_cmpstr (listed->scorecard, ==, "Default");
  g_assert_cmpstr (listed->created_by, ==, "rosa");
  g_assert_cmpint (listed->created, ==, T0);
  g_assert_cmpint (listed->deadline, ==, T0 + 7 * 86400);
  g_assert_cmpstr (listed->gold, ==, "sam");
  g_assert_cmpstrv (listed->conversations, conversations);
  g_assert_cmpstrv (listed->reviewers, two);
  g_assert_cmpuint (g_strv_length (listed->finished), ==, 0);
  g_clear_pointer (&sessions, g_ptr_array_unref);

  /* Rosa submits both, Sam one: Rosa alone has finished. */
  submit (f->rosa, review (f, "11", "rosa", "November", T0 + 100, 5));
  submit (f->rosa, review (f, "12", "rosa", "November", T0 + 200, 4));
  submit (f->sam, review (f, "11", "sam", "November", T0 + 300, 3));
  sessions = sessions_of (f->rosa);
  {
    const char * const finished[] = { "rosa", NULL };

    g_assert_cmpstrv (((CsmQaCalibrationSession *) sessions->pdata[0])->finished, finished);
  }

  /* On a team's workspace, Sam, who has not finished, reads his own
   * calibration review alone. */
  if (postgresql)
    {
      g_autoptr(GPtrArray) sams = csm_test_workspace_reviews (f->sam);

      g_assert_cmpuint (sams->len, ==, 1);
      g_assert_cmpstr (((CsmQaReview *) sams->pdata[0])->reviewer, ==, "sam");
    }

  /* Rosa, who finished, reads Sam's; with Sam as the gold standard, her
   * Empathy on 11 is 5 against his 3: +50 points, one rating compared
   * (12 has none of his). */
  reviews = csm_test_workspace_reviews (f->rosa);
  g_assert_cmpuint (reviews->len, ==, 3);
  results = csm_qa_calibration_compute (reviews, "November", "sam",
                                        CSM_QA_CALIBRATION_RESAMPLES, CSM_QA_CALIBRATION_SEED);
  g_assert_cmpuint (results->reviews, ==, 3);
  g_assert_cmpuint (results->reviewers->len, ==, 1);
  {
    const CsmQaCalibrationReviewer *rosa = results->reviewers->pdata[0];
    /* Every category of 11 but Empathy agrees (both gave the top). */
    guint compared = csm_qa_scorecard_get_n_categories (f->card);

    g_assert_cmpstr (rosa->reviewer, ==, "rosa");
    g_assert_cmpuint (rosa->compared, ==, compared);
    g_assert_cmpfloat_with_epsilon (rosa->bias, 50.0 / compared, 1e-9);
  }
  /* Calibration reviews never count in IQS. */
  iqs = csm_qa_iqs_compute (reviews, CSM_QA_GROUP_NONE, NULL, CSM_TIME_UNSET, CSM_TIME_UNSET);
  g_assert_cmpuint (iqs->len, ==, 1);
  g_assert_false (((CsmQaIqsRow *) iqs->pdata[0])->defined);
}

static CsmQaDispute *
open_dispute (CsmWorkspace      *ws,
              const CsmQaReview *r,
              const char        *category,
              int                proposed,
              const char        *reason,
              gint64             now,
              GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  csm_workspace_open_dispute_async (ws, r, category, proposed, reason, now,
                                    CSM_QA_DISPUTE_WINDOW_DAYS, NULL, csm_test_store_result,
                                    &result);
  return csm_workspace_open_dispute_finish (ws, csm_test_await (&result), error);
}

static CsmQaDispute *
decide (CsmWorkspace  *ws,
        const char    *id,
        gboolean       accept,
        int            rating,
        const char    *decision,
        gint64         now,
        GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  csm_workspace_decide_dispute_async (ws, id, accept, rating, decision, now, NULL,
                                      csm_test_store_result, &result);
  return csm_workspace_decide_dispute_finish (ws, csm_test_await (&result), error);
}

/* An agent disputes two ratings of a review: one accepted (a new version
 * of the review, the old one kept, IQS on the new), one rejected; each
 * step with who and when, and decided once. */
static void
test_disputes (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) reviews = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) disputes = NULL;
  g_autoptr(CsmQaDispute) accepted = NULL;
  g_autoptr(CsmQaDispute) rejected = NULL;
  g_autoptr(CsmQaDispute) d = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  const CsmQaReview *original, *corrected = NULL;
  const char *agent = postgresql ? "alice" : "rosa";
  const char *empathy = csm_qa_scorecard_get_category (f->card, 0)->name;
  const char *clarity = csm_qa_scorecard_get_category (f->card, 3)->name;
  gint64 window_end = T0 + CSM_QA_DISPUTE_WINDOW_DAYS * 86400;

  /* A team's window is its own; this computer's is the console's setting. */
  g_assert_cmpuint (csm_workspace_get_dispute_window_days (f->alice), ==, postgresql ? 14 : 0);
  submit (f->rosa, review (f, "21", "rosa", NULL, T0, 2));
  reviews = csm_test_workspace_reviews (f->alice);
  g_assert_cmpuint (reviews->len, ==, 1);
  original = reviews->pdata[0];
  g_assert_nonnull (original->id);
  g_assert_null (original->replaces);

  /* Refused before anything is written. */
  g_assert_null (open_dispute (f->alice, original, empathy, 4, "Too harsh", window_end + 1,
                               &error));
  g_assert_nonnull (strstr (error->message, "passed"));
  g_clear_error (&error);
  g_assert_null (open_dispute (f->alice, original, empathy, 4, "  ", T0 + 60, &error));
  g_assert_nonnull (strstr (error->message, "why"));
  g_clear_error (&error);
  g_assert_null (open_dispute (f->alice, original, empathy, 2, "Same", T0 + 60, &error));
  g_assert_nonnull (strstr (error->message, "propose"));
  g_clear_error (&error);
  g_assert_null (open_dispute (f->alice, original, "Humour", 2, "No such", T0 + 60, &error));
  g_clear_error (&error);

  d = open_dispute (f->alice, original, empathy, 4, "I apologised twice", window_end - 1,
                    &error);
  g_assert_no_error (error);
  g_assert_cmpstr (d->review, ==, original->id);
  g_assert_cmpstr (d->conversation, ==, "21");
  g_assert_cmpstr (d->agent, ==, "alice");
  g_assert_cmpstr (d->reviewer, ==, "rosa");
  g_assert_cmpstr (d->category, ==, empathy);
  g_assert_cmpint (d->rating, ==, 2);
  g_assert_cmpint (d->proposed, ==, 4);
  g_assert_cmpstr (d->opened_by, ==, agent);
  g_assert_cmpint (d->opened, ==, window_end - 1);
  g_assert_cmpint (d->state, ==, CSM_QA_DISPUTE_OPEN);
  g_assert_null (d->decided_by);
  g_assert_null (open_dispute (f->alice, original, empathy, 3, "Again", window_end, &error));
  g_assert_error (error, CSM_WORKSPACE_ERROR, CSM_WORKSPACE_ERROR_CONFLICT);
  g_clear_error (&error);
  /* The last instant of the window is in it. */
  rejected = open_dispute (f->alice, original, clarity, CSM_QA_UNRATED, "It was clear",
                           window_end, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rejected->proposed, ==, CSM_QA_UNRATED);

  /* The reviewer accepts the first, with the rating proposed. */
  g_assert_null (decide (f->rosa, d->id, TRUE, CSM_QA_UNRATED, "", window_end + 60, &error));
  g_assert_nonnull (strstr (error->message, "why"));
  g_clear_error (&error);
  accepted = decide (f->rosa, d->id, TRUE, CSM_QA_UNRATED, "Fair: the apology is there",
                     window_end + 60, &error);
  g_assert_no_error (error);
  g_assert_cmpint (accepted->state, ==, CSM_QA_DISPUTE_ACCEPTED);
  g_assert_cmpstr (accepted->decided_by, ==, "rosa");
  g_assert_cmpint (accepted->decided, ==, window_end + 60);
  g_assert_cmpstr (accepted->decision, ==, "Fair: the apology is there");
  g_assert_cmpint (accepted->new_rating, ==, 4);
  g_assert_nonnull (accepted->new_review);
  /* Once. */
  g_assert_null (decide (f->rosa, d->id, FALSE, CSM_QA_UNRATED, "No", window_end + 61, &error));
  g_assert_error (error, CSM_WORKSPACE_ERROR, CSM_WORKSPACE_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "rosa accepted"));
  g_clear_error (&error);
  g_clear_pointer (&rejected, csm_qa_dispute_free);
  {
    g_autoptr(GPtrArray) open = NULL;

    csm_workspace_list_disputes_async (f->rosa, NULL, csm_test_store_result, &result);
    open = csm_workspace_list_disputes_finish (f->rosa, csm_test_await (&result), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (open->len, ==, 2);
    rejected = decide (f->rosa, ((CsmQaDispute *) open->pdata[1])->id, FALSE, 3,
                       "Clarity was the problem", window_end + 120, &error);
    g_assert_no_error (error);
    g_assert_cmpint (rejected->state, ==, CSM_QA_DISPUTE_REJECTED);
    g_assert_cmpint (rejected->new_rating, ==, CSM_QA_UNRATED);
    g_assert_null (rejected->new_review);
    g_clear_object (&result);
  }

  /* A dispute of another rating on the version first disputed, accepted:
   * its new version is made from the latest, so Empathy's correction
   * stays. */
  {
    const char *competency = csm_qa_scorecard_get_category (f->card, 1)->name;
    g_autoptr(CsmQaDispute) third = open_dispute (f->alice, original, competency, 3, "Accurate",
                                                  window_end - 1, &error);
    g_autoptr(CsmQaDispute) done = NULL;

    g_assert_no_error (error);
    done = decide (f->rosa, third->id, TRUE, 3, "Agreed", window_end + 60, &error);
    g_assert_no_error (error);
    g_assert_cmpint (done->new_rating, ==, 3);
  }

  /* The old versions kept; the first correction the same but for
   * Empathy; the newest with both corrections. */
  after = csm_test_workspace_reviews (f->alice);
  g_assert_cmpuint (after->len, ==, 3);
  for (guint i = 0; i < after->len; i++)
    if (g_strcmp0 (((CsmQaReview *) after->pdata[i])->id, accepted->new_review) == 0)
      corrected = after->pdata[i];
  g_assert_nonnull (corrected);
  g_assert_cmpstr (corrected->replaces, ==, original->id);
  g_assert_cmpstr (corrected->reviewer, ==, "rosa");
  g_assert_cmpint (corrected->submitted, ==, window_end + 60);
  g_assert_cmpint (corrected->ratings[0], ==, 4);
  for (guint i = 1; i < corrected->n_ratings; i++)
    g_assert_cmpint (corrected->ratings[i], ==, original->ratings[i]);
  {
    const CsmQaReview *newest = after->pdata[2];
    g_autoptr(GPtrArray) iqs = csm_qa_iqs_compute (after, CSM_QA_GROUP_NONE, NULL,
                                                   CSM_TIME_UNSET, CSM_TIME_UNSET);
    const CsmQaIqsRow *row = iqs->pdata[0];

    g_assert_cmpstr (newest->replaces, ==, corrected->id);
    g_assert_cmpint (newest->submitted, ==, corrected->submitted + 1);
    g_assert_cmpint (newest->ratings[0], ==, 4);
    g_assert_cmpint (newest->ratings[1], ==, 3);
    g_assert_cmpuint (row->reviews, ==, 1);
    g_assert_cmpfloat_with_epsilon (row->iqs, csm_qa_review_get_score (newest).value, 1e-9);
  }

  csm_workspace_list_disputes_async (f->alice, NULL, csm_test_store_result, &result);
  disputes = csm_workspace_list_disputes_finish (f->alice, csm_test_await (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (disputes->len, ==, 3);
  for (guint i = 0; i < disputes->len; i++)
    {
      const CsmQaDispute *each = disputes->pdata[i];

      g_assert_cmpint (each->state, ==, g_strcmp0 (each->category, clarity) == 0
                                        ? CSM_QA_DISPUTE_REJECTED : CSM_QA_DISPUTE_ACCEPTED);
      if (each->state == CSM_QA_DISPUTE_REJECTED)
        g_assert_cmpstr (each->decision, ==, "Clarity was the problem");
    }
}


/* A sample's picks are assigned with the probability each was picked
 * with, and a due date; one assigned by hand has none. */
static void
test_sample_assignments (Fixture       *f,
                         gconstpointer  data)
{
  const char * const conversations[] = { "31", "32", NULL };
  const double probabilities[] = { 0.25, 0 };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) assignments = NULL;
  g_autoptr(GError) error = NULL;

  csm_workspace_assign_async (f->rosa, conversations, probabilities, "sam", T0, T0 + 86400, NULL,
                              csm_test_store_result, &result);
  g_assert_true (csm_workspace_assign_finish (f->rosa, csm_test_await (&result), NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  csm_workspace_list_assignments_async (f->rosa, NULL, csm_test_store_result, &result);
  assignments = csm_workspace_list_assignments_finish (f->rosa, csm_test_await (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (assignments->len, ==, 2);
  g_assert_cmpfloat (((CsmQaAssignment *) assignments->pdata[0])->probability, ==, 0.25);
  g_assert_cmpfloat (((CsmQaAssignment *) assignments->pdata[1])->probability, ==, 0);
  g_assert_cmpint (((CsmQaAssignment *) assignments->pdata[1])->due, ==, T0 + 86400);
}

#if HAVE_LIBPQ
static char *team;

#define AS(user, sql) g_assert_null (csm_test_pg_run_as (team, user, sql, NULL))
#define REFUSED(user, sql) csm_test_pg_assert_refused (team, user, sql)
#define COUNT(user, sql) csm_test_pg_count_as (team, user, sql)

#define REVIEW(id, conversation, agent, reviewer, session) \
  "INSERT INTO reviews (id, conversation, agent, reviewer, scorecard, scorecard_version, " \
  "submitted, calibration_session, ratings) VALUES ('" id "', '" conversation "', '" agent \
  "', '" reviewer "', 'Default', 1, 1795000000, " session ", '{\"Empathy\": 3}')"
#define PROGRESS(reviewer, conversation, review) \
  "INSERT INTO calibration_progress VALUES ('Nov', '" reviewer "', '" conversation "', '" \
  review "')"

/* Roles are the cluster's: Rita is here what Rosa, an admin in the
 * tests above, is not: a reviewer only. */
/* A team of two agents, three reviewers, two leads and an admin, and the
 * default scorecard, set up once for the SQL tests. */
static void
set_up_team (void)
{
  static const char * const members[][2] = {
    { "alice", "agent" }, { "bob", "agent" }, { "rita", "reviewer" }, { "sam", "reviewer" },
    { "tom", "reviewer" }, { "lea", "lead" }, { "leo", "lead" }, { "ada", "admin" },
    { "lia", "lead" }, { "lia", "reviewer" },
  };
  g_autoptr(CsmQaScorecard) card = NULL;
  g_autofree char *json = NULL;
  g_autofree char *sql = NULL;

  if (team != NULL)
    return;
  team = csm_test_pg_team (pg, "team", NULL, members, G_N_ELEMENTS (members));
  card = csm_qa_scorecard_new_default ();
  json = csm_qa_scorecard_to_json (card);
  sql = g_strdup_printf ("INSERT INTO scorecards (name, version, definition, created_by, "
                         "created) VALUES ('Default', 1, $json$%s$json$, 'ada', 1)", json);
  AS ("ada", sql);
}

/* Blind calibration, in SQL as each role: a reviewer reads the others'
 * scores of a session only after submitting every conversation of it,
 * and cannot pretend to have; sessions are set up by leads as
 * themselves; agents see none of it. */
static void
test_blind_calibration_rls (void)
{
  set_up_team ();
  AS ("lea", "INSERT INTO calibration_sessions (name, scorecard, created_by, created, deadline, "
             "gold_reviewer) VALUES ('Nov', 'Default', 'lea', 1, 2, 'sam')");
  AS ("lea", "INSERT INTO calibration_conversations VALUES ('Nov', 'c1'), ('Nov', 'c2')");
  AS ("lea", "INSERT INTO calibration_reviewers VALUES ('Nov', 'rita'), ('Nov', 'sam'), "
             "('Nov', 'lia')");
  /* Not in another's name, not by a reviewer, not into another lead's. */
  REFUSED ("lea", "INSERT INTO calibration_sessions (name, scorecard, created_by, created, "
                  "deadline) VALUES ('Dec', 'Default', 'ada', 1, 2)");
  REFUSED ("rita", "INSERT INTO calibration_sessions (name, scorecard, created_by, created, "
                   "deadline) VALUES ('Dec', 'Default', 'rita', 1, 2)");
  REFUSED ("leo", "INSERT INTO calibration_reviewers VALUES ('Nov', 'tom')");
  REFUSED ("leo", "INSERT INTO calibration_conversations VALUES ('Nov', 'c9')");
  REFUSED ("rita", "INSERT INTO calibration_reviewers VALUES ('Nov', 'tom')");

  /* Only the session's reviewers write its reviews, as themselves. */
  REFUSED ("tom", REVIEW ("t1", "c1", "alice", "tom", "'Nov'"));
  REFUSED ("rita", REVIEW ("x1", "c1", "alice", "sam", "'Nov'"));
  /* Progress only for a review of one's own. */
  REFUSED ("rita", PROGRESS ("rita", "c1", "r1"));
  AS ("rita", REVIEW ("r1", "c1", "alice", "rita", "'Nov'"));
  AS ("rita", PROGRESS ("rita", "c1", "r1"));
  REFUSED ("rita", PROGRESS ("rita", "c2", "r1"));
  REFUSED ("rita", PROGRESS ("sam", "c1", "r1"));
  AS ("sam", REVIEW ("s1", "c1", "alice", "sam", "'Nov'"));
  AS ("sam", PROGRESS ("sam", "c1", "s1"));
  AS ("sam", REVIEW ("s2", "c2", "alice", "sam", "'Nov'"));
  AS ("sam", PROGRESS ("sam", "c2", "s2"));
  /* Once submitted, no second review of the conversation, however dated,
   * takes the first one's place. */
  REFUSED ("sam", REVIEW ("s1b", "c1", "alice", "sam", "'Nov'"));
  /* Lia leads and reviews: in the session, she is as blind as anyone. */
  AS ("lia", REVIEW ("l1", "c1", "alice", "lia", "'Nov'"));
  AS ("lia", PROGRESS ("lia", "c1", "l1"));
  g_assert_cmpint (COUNT ("lia", "SELECT COUNT (*) FROM reviews WHERE calibration_session = "
                                 "'Nov'"), ==, 1);

  /* Sam has submitted both: he reads Rita's and Lia's. Rita, one of two:
   * only her own. */
  g_assert_cmpint (COUNT ("sam", "SELECT COUNT (*) FROM reviews WHERE calibration_session = "
                                 "'Nov'"), ==, 4);
  g_assert_cmpint (COUNT ("rita", "SELECT COUNT (*) FROM reviews WHERE calibration_session = "
                                  "'Nov'"), ==, 1);
  g_assert_cmpint (COUNT ("rita", "SELECT COUNT (*) FROM reviews WHERE reviewer = 'sam'"), ==,
                   0);
  AS ("rita", REVIEW ("r2", "c2", "alice", "rita", "'Nov'"));
  g_assert_cmpint (COUNT ("rita", "SELECT COUNT (*) FROM reviews WHERE calibration_session = "
                                  "'Nov'"), ==, 2);
  AS ("rita", PROGRESS ("rita", "c2", "r2"));
  g_assert_cmpint (COUNT ("rita", "SELECT COUNT (*) FROM reviews WHERE calibration_session = "
                                  "'Nov'"), ==, 5);

  /* Tom is in no session: he reads none of it; leads read all; the agent
   * reviewed reads no calibration review and no session. */
  g_assert_cmpint (COUNT ("tom", "SELECT COUNT (*) FROM reviews WHERE calibration_session IS "
                                 "NOT NULL"), ==, 0);
  g_assert_cmpint (COUNT ("tom", "SELECT COUNT (*) FROM calibration_sessions"), ==, 0);
  g_assert_cmpint (COUNT ("tom", "SELECT COUNT (*) FROM calibration_conversations"), ==, 0);
  g_assert_cmpint (COUNT ("rita", "SELECT COUNT (*) FROM calibration_sessions"), ==, 1);
  g_assert_cmpint (COUNT ("rita", "SELECT COUNT (*) FROM calibration_conversations"), ==, 2);
  g_assert_cmpint (COUNT ("rita", "SELECT COUNT (*) FROM calibration_reviewers"), ==, 1);
  g_assert_cmpint (COUNT ("leo", "SELECT COUNT (*) FROM reviews WHERE calibration_session = "
                                 "'Nov'"), ==, 5);
  g_assert_cmpint (COUNT ("lia", "SELECT COUNT (*) FROM reviews WHERE calibration_session = "
                                 "'Nov'"), ==, 1);
  g_assert_cmpint (COUNT ("ada", "SELECT COUNT (*) FROM calibration_reviewers"), ==, 3);
  g_assert_cmpint (COUNT ("alice", "SELECT COUNT (*) FROM reviews"), ==, 0);
  REFUSED ("alice", "SELECT COUNT (*) FROM calibration_sessions");
  REFUSED ("alice", "SELECT COUNT (*) FROM calibration_progress");
  REFUSED ("sam", "DELETE FROM calibration_progress");
  REFUSED ("lea", "UPDATE calibration_sessions SET gold_reviewer = 'rita'");
}

#define DISPUTE(id, review, conversation, agent, reviewer, opened_by, state) \
  "INSERT INTO disputes (id, review, conversation, agent, reviewer, category, rating, " \
  "reason, opened_by, opened, state) VALUES ('" id "', '" review "', '" conversation "', '" \
  agent "', '" reviewer "', 'Empathy', 3, 'Too harsh', '" opened_by "', 1795000100, '" \
  state "')"
#define DECIDE(id, by, state, new_review) \
  "UPDATE disputes SET state = '" state "', decided_by = '" by "', decided = 1795000200, " \
  "decision = 'Fair', new_rating = 4, new_review = " new_review " WHERE id = '" id "'"
#define CORRECTION_OF(id, replaces, reviewer, submitted) \
  "INSERT INTO reviews (id, conversation, agent, reviewer, scorecard, scorecard_version, " \
  "submitted, ratings, replaces) VALUES ('" id "', 'd1', 'alice', '" reviewer "', 'Default', " \
  "1, " submitted ", '{\"Empathy\": 4}', '" replaces "')"
#define CORRECTION(id, replaces) CORRECTION_OF (id, replaces, "rita", "1795000200")

/* Disputes, in SQL as each role: an agent opens them on their own
 * reviews, as themselves; the review's reviewer and the leads read and
 * decide them, once, as themselves; a lead writes a corrected review in
 * the reviewer's name only as the accepted dispute says. */
static void
test_dispute_rls (void)
{
  set_up_team ();
  AS ("rita", REVIEW ("d1", "d1", "alice", "rita", "NULL"));
  AS ("rita", REVIEW ("d2", "d2", "bob", "rita", "NULL"));
  AS ("sam", REVIEW ("d3", "d3", "alice", "sam", "NULL"));
  /* A calibration review of Alice's conversation, in a session of Rita's. */
  AS ("lea", "INSERT INTO calibration_sessions (name, scorecard, created_by, created, deadline) "
             "VALUES ('Dis', 'Default', 'lea', 1, 2)");
  AS ("lea", "INSERT INTO calibration_reviewers VALUES ('Dis', 'rita')");
  AS ("rita", REVIEW ("cd1", "d9", "alice", "rita", "'Dis'"));

  AS ("alice", DISPUTE ("p1", "d1", "d1", "alice", "rita", "alice", "open"));
  AS ("alice", DISPUTE ("p3", "d3", "d3", "alice", "sam", "alice", "open"));
  /* Not another's review, not in another's name, not decided already,
   * not a review she cannot read, not by a reviewer. */
  REFUSED ("alice", DISPUTE ("x1", "d2", "d2", "bob", "rita", "alice", "open"));
  REFUSED ("alice", DISPUTE ("x2", "d2", "d2", "alice", "rita", "alice", "open"));
  REFUSED ("alice", DISPUTE ("x3", "d1", "d1", "alice", "rita", "alice", "accepted"));
  REFUSED ("alice", DISPUTE ("x4", "cd1", "d9", "alice", "rita", "alice", "open"));
  /* Not a rating the review does not have, not decided in advance. */
  REFUSED ("alice", "INSERT INTO disputes (id, review, conversation, agent, reviewer, category, "
                    "rating, reason, opened_by, opened, state) VALUES ('x7', 'd1', 'd1', "
                    "'alice', 'rita', 'Empathy', 1, 'Harsh', 'alice', 1795000100, 'open')");
  REFUSED ("alice", "INSERT INTO disputes (id, review, conversation, agent, reviewer, category, "
                    "rating, reason, opened_by, opened, state) VALUES ('x8', 'd1', 'd1', "
                    "'alice', 'rita', 'Humour', 3, 'Harsh', 'alice', 1795000100, 'open')");
  /* Not past the team's window (14 days after the review), which only an
   * admin changes. */
  REFUSED ("alice", "INSERT INTO disputes (id, review, conversation, agent, reviewer, category, "
                    "rating, reason, opened_by, opened, state) VALUES ('x10', 'd1', 'd1', "
                    "'alice', 'rita', 'Empathy', 3, 'Late', 'alice', 1796296000, 'open')");
  REFUSED ("lea", "UPDATE workspace_settings SET value = '30'");
  g_assert_cmpint (COUNT ("alice", "SELECT value::int FROM workspace_settings"), ==, 14);
  AS ("ada", "UPDATE workspace_settings SET value = '14' WHERE name = 'dispute_window_days'");
  REFUSED ("alice", "INSERT INTO disputes (id, review, conversation, agent, reviewer, category, "
                    "rating, reason, opened_by, opened, state, decision, new_rating) VALUES "
                    "('x9', 'd1', 'd1', 'alice', 'rita', 'Empathy', 3, 'Harsh', 'alice', "
                    "1795000100, 'open', 'Fair', 5)");
  REFUSED ("bob", DISPUTE ("x5", "d1", "d1", "alice", "rita", "bob", "open"));
  REFUSED ("rita", DISPUTE ("x6", "d2", "d2", "bob", "rita", "rita", "open"));

  /* Who reads which. */
  g_assert_cmpint (COUNT ("alice", "SELECT COUNT (*) FROM disputes"), ==, 2);
  g_assert_cmpint (COUNT ("bob", "SELECT COUNT (*) FROM disputes"), ==, 0);
  g_assert_cmpint (COUNT ("rita", "SELECT COUNT (*) FROM disputes"), ==, 1);
  g_assert_cmpint (COUNT ("sam", "SELECT COUNT (*) FROM disputes"), ==, 1);
  g_assert_cmpint (COUNT ("tom", "SELECT COUNT (*) FROM disputes"), ==, 0);
  g_assert_cmpint (COUNT ("lea", "SELECT COUNT (*) FROM disputes"), ==, 2);
  g_assert_cmpint (COUNT ("ada", "SELECT COUNT (*) FROM disputes"), ==, 2);

  /* Deciding: not another reviewer's dispute (it is not there for him),
   * not in another's name, not by the agent. */
  g_assert_cmpint (COUNT ("sam", DECIDE ("p1", "sam", "rejected", "NULL")), ==, 0);
  REFUSED ("rita", DECIDE ("p1", "lea", "rejected", "NULL"));
  REFUSED ("alice", DECIDE ("p1", "alice", "accepted", "NULL"));
  /* A lead's correction needs the accepted dispute that names it. */
  REFUSED ("lea", CORRECTION ("d1v2", "d1"));
  g_assert_cmpint (COUNT ("lea", DECIDE ("p1", "lea", "accepted", "'d1v2'")), ==, 1);
  /* Only in the reviewer's name, dated after the decision. */
  REFUSED ("lea", CORRECTION_OF ("d1v2", "d1", "sam", "1795000200"));
  REFUSED ("lea", CORRECTION_OF ("d1v2", "d1", "rita", "1795000100"));
  AS ("lea", CORRECTION ("d1v2", "d1"));
  REFUSED ("lea", CORRECTION ("d1v3", "d1"));
  /* Decided once: no one decides it again. */
  g_assert_cmpint (COUNT ("rita", DECIDE ("p1", "rita", "rejected", "NULL")), ==, 0);
  g_assert_cmpint (COUNT ("ada", DECIDE ("p1", "ada", "rejected", "NULL")), ==, 0);
  g_assert_cmpint (COUNT ("lea", "SELECT COUNT (*) FROM disputes WHERE state = 'accepted' AND "
                                 "decided_by = 'lea'"), ==, 1);
  REFUSED ("lea", "DELETE FROM disputes");
  /* The agent reads the outcome and both versions. */
  g_assert_cmpint (COUNT ("alice", "SELECT COUNT (*) FROM disputes WHERE state = 'accepted'"),
                   ==, 1);
  g_assert_cmpint (COUNT ("alice", "SELECT COUNT (*) FROM reviews WHERE conversation = 'd1'"),
                   ==, 2);
}
#endif

int
main (int   argc,
      char *argv[])
{
  char *data_home;
  int status;

  g_test_init (&argc, &argv, NULL);
  postgresql = g_strcmp0 (g_getenv ("CSM_TEST_WORKSPACE"), "postgresql") == 0;

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/workspace-qa/calibration", test_calibration);
  ADD ("/workspace-qa/disputes", test_disputes);
  ADD ("/workspace-qa/sample-assignments", test_sample_assignments);
#if HAVE_LIBPQ
  if (postgresql)
    {
      g_test_add_func ("/workspace-qa/postgresql/blind-calibration", test_blind_calibration_rls);
      g_test_add_func ("/workspace-qa/postgresql/dispute-visibility", test_dispute_rls);
    }
#endif

  /* This machine's queue of writes goes in a folder of the test's. */
  data_home = g_dir_make_tmp ("csm-workspace-qa-data-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
#if HAVE_LIBPQ
  if (postgresql)
    pg = csm_test_pg_start ();
#endif
  status = g_test_run ();
#if HAVE_LIBPQ
  if (postgresql)
    csm_test_pg_stop (pg);
#endif
  csm_test_remove_tree (data_home);
  g_free (data_home);
  return status;
}
