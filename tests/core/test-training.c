/* test-training.c: the training loop's core, worked by hand: the catalog file, rules at their edges, states at the due instant, the effect with its interval.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "csm-qa-iqs.h"
#include "csm-time.h"
#include "csm-training.h"

static CsmQaScorecard *
card (void)
{
  const CsmQaCategory categories[] = {
    { (char *) "Empathy", 50, 5, TRUE, FALSE, NULL },
    { (char *) "Process", 50, 2, TRUE, FALSE, NULL },
  };
  g_autoptr(GError) error = NULL;
  CsmQaScorecard *s = csm_qa_scorecard_new ("Two", 1, categories, 2, &error);

  g_assert_no_error (error);
  return s;
}

static gint64
at (const char *iso)
{
  gint64 t = 0;

  g_assert_true (csm_time_parse_iso8601 (iso, &t));
  return t;
}

static guint serial;

/* Long after every review of these tests. */
#define LATER ((gint64) 1830000000)

static CsmQaReview *
review_at (CsmQaScorecard *s,
           const char     *agent,
           gint64          when,
           int             empathy,
           int             process)
{
  CsmQaReview *r = csm_qa_review_new (s);

  serial++;
  r->conversation = g_strdup_printf ("%u", serial);
  r->id = g_strdup_printf ("r%u", serial);
  r->agent = g_strdup (agent);
  r->reviewer = g_strdup ("rosa");
  r->submitted = when;
  r->ratings[0] = empathy;
  r->ratings[1] = process;
  return r;
}

static GPtrArray *
new_reviews (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) csm_qa_review_free);
}

static const char catalog_json[] =
  "{\"modules\": ["
  "  {\"name\": \"Listening first\", \"description\": \"Acknowledge, then solve.\","
  "   \"link\": \"https://lms.example.com/listening\", \"minutes\": 45,"
  "   \"categories\": [\"Empathy\", \"Process\"]},"
  "  {\"name\": \"Refund process\", \"minutes\": 20, \"categories\": [\"Process\"]}],"
  " \"rules\": ["
  "  {\"name\": \"Low empathy\", \"category\": \"Empathy\", \"below\": 50, \"min_reviews\": 3,"
  "   \"days\": 7, \"module\": \"Listening first\", \"due_days\": 5}]}";

static CsmTrainingCatalog *
catalog (void)
{
  g_autoptr(GError) error = NULL;
  CsmTrainingCatalog *c = csm_training_catalog_from_json (catalog_json, &error);

  g_assert_no_error (error);
  g_assert_true (csm_training_catalog_validate (c, &error));
  g_assert_no_error (error);
  return c;
}

static void
test_catalog_json (void)
{
  g_autoptr(CsmTrainingCatalog) c = catalog ();
  g_autoptr(CsmTrainingCatalog) again = NULL;
  g_autofree char *json = csm_training_catalog_to_json (c);
  g_autofree char *json_again = NULL;
  g_autoptr(GError) error = NULL;
  const CsmTrainingModule *m;
  const CsmTrainingRule *r;

  g_assert_cmpuint (c->modules->len, ==, 2);
  g_assert_cmpuint (c->rules->len, ==, 1);
  m = csm_training_catalog_find_module (c, "Listening first");
  g_assert_nonnull (m);
  g_assert_cmpuint (m->minutes, ==, 45);
  g_assert_cmpstr (m->link, ==, "https://lms.example.com/listening");
  g_assert_cmpuint (g_strv_length (m->categories), ==, 2);
  m = csm_training_catalog_find_module (c, "Refund process");
  g_assert_cmpstr (m->description, ==, "");
  g_assert_null (m->link);
  r = g_ptr_array_index (c->rules, 0);
  g_assert_cmpfloat (r->below, ==, 50);
  g_assert_cmpuint (r->min_reviews, ==, 3);
  g_assert_cmpuint (r->days, ==, 7);
  g_assert_cmpuint (r->due_days, ==, 5);

  /* What it writes, it reads back the same. */
  again = csm_training_catalog_from_json (json, &error);
  g_assert_no_error (error);
  json_again = csm_training_catalog_to_json (again);
  g_assert_cmpstr (json, ==, json_again);
  g_assert_nonnull (strstr (json, "\"link\" : null"));
}

static void
refused (const char *json,
         const char *words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsmTrainingCatalog) c = csm_training_catalog_from_json (json, &error);

  if (c != NULL)
    csm_training_catalog_validate (c, &error);
  g_assert_nonnull (error);
  if (strstr (error->message, words) == NULL)
    g_error ("“%s” does not say “%s”", error->message, words);
}

static void
test_catalog_refused (void)
{
  /* One bad row is named by its place, and the file is refused. */
  refused ("{\"modules\": [{\"name\": \"A\", \"minutes\": 5, \"categories\": [\"Empathy\"]},"
           " {\"name\": \"B\", \"minutes\": \"ten\", \"categories\": [\"Empathy\"]}]}",
           "Module 2: “minutes” must be a whole number");
  refused ("{\"modules\": [{\"name\": \"A\", \"minutes\": 5, \"categories\": []}]}",
           "name the scorecard categories it trains");
  refused ("{\"modules\": [{\"name\": \" A\", \"minutes\": 5, \"categories\": [\"E\"]}]}",
           "no space at either end");
  refused ("{\"modules\": [{\"name\": \"A\", \"minutes\": 5, \"categories\": [\"E\"],"
           " \"link\": \"javascript:alert(1)\"}]}", "http, https or mailto");
  refused ("{\"modules\": [{\"name\": \"A\", \"minutes\": 5, \"categories\": [\"E\"]},"
           " {\"name\": \"A\", \"minutes\": 6, \"categories\": [\"E\"]}]}",
           "Two modules are called “A”");
  refused ("{\"rules\": [{\"name\": \"R\", \"category\": \"E\", \"below\": 120,"
           " \"min_reviews\": 3, \"days\": 7, \"module\": \"A\", \"due_days\": 5}]}",
           "Rule 1: Rule “R”: the threshold must be above 0 and at most 100");
  refused ("{\"rules\": [{\"name\": \"R\", \"category\": \"E\", \"below\": 50,"
           " \"min_reviews\": 0, \"days\": 7, \"module\": \"A\", \"due_days\": 5}]}",
           "1 to 1000 reviews");
  /* Rules may name a workspace's own modules; a catalog checked whole may
   * not name one it lacks. */
  refused ("{\"rules\": [{\"name\": \"R\", \"category\": \"E\", \"below\": 50,"
           " \"min_reviews\": 3, \"days\": 7, \"module\": \"A\", \"due_days\": 5}]}",
           "“A”, which is not a module of the catalog");
  refused ("[1, 2]", "must be an object");
  refused ("{\"modules\": [", "not JSON");
}

/* The rule "Low empathy": below 50 over at least 3 reviews in the last 7
 * days. Empathy is 5 points (0, 25, 50, 75, 100). */
static void
test_rule_edges (void)
{
  g_autoptr(CsmQaScorecard) s = card ();
  g_autoptr(CsmTrainingCatalog) c = catalog ();
  g_autoptr(GPtrArray) reviews = new_reviews ();
  g_autoptr(GPtrArray) made = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  gint64 now = at ("2026-11-10T12:00:00+01:00");
  gint64 week = 7 * 24 * 3600;
  const CsmTrainingAssignment *a;

  /* ann: 50, 50, 25: 41.7 < 50, fires. */
  g_ptr_array_add (reviews, review_at (s, "ann", now - 3600, 3, 2));
  g_ptr_array_add (reviews, review_at (s, "ann", now - 7200, 3, 2));
  g_ptr_array_add (reviews, review_at (s, "ann", now - 10800, 2, 2));
  /* bob: 50, 50, 50: exactly the threshold, not below. */
  for (int i = 1; i <= 3; i++)
    g_ptr_array_add (reviews, review_at (s, "bob", now - i * 3600, 3, 1));
  /* cat: two reviews of 0, one short of the minimum. */
  for (int i = 1; i <= 2; i++)
    g_ptr_array_add (reviews, review_at (s, "cat", now - i * 3600, 1, 1));
  /* dan: three of 0, the oldest exactly 7 days ago: in the window. */
  g_ptr_array_add (reviews, review_at (s, "dan", now - week, 1, 1));
  g_ptr_array_add (reviews, review_at (s, "dan", now - 60, 1, 1));
  g_ptr_array_add (reviews, review_at (s, "dan", now, 1, 1));
  /* eve: three of 0, the oldest a second before the window. */
  g_ptr_array_add (reviews, review_at (s, "eve", now - week - 1, 1, 1));
  g_ptr_array_add (reviews, review_at (s, "eve", now - 60, 1, 1));
  g_ptr_array_add (reviews, review_at (s, "eve", now - 120, 1, 1));
  /* fay: three of 0, one a calibration review, which never counts. */
  for (int i = 1; i <= 3; i++)
    g_ptr_array_add (reviews, review_at (s, "fay", now - i * 3600, 1, 1));
  ((CsmQaReview *) reviews->pdata[reviews->len - 1])->calibration_session = g_strdup ("S");
  /* gus: three reviews of Empathy N/A and one of 0: one rates it. */
  for (int i = 1; i <= 3; i++)
    g_ptr_array_add (reviews, review_at (s, "gus", now - i * 3600, CSM_QA_NA, 1));
  g_ptr_array_add (reviews, review_at (s, "gus", now - 4 * 3600, 1, 1));
  /* hal: two of 0 and one a second after now: not yet. */
  g_ptr_array_add (reviews, review_at (s, "hal", now - 60, 1, 1));
  g_ptr_array_add (reviews, review_at (s, "hal", now - 120, 1, 1));
  g_ptr_array_add (reviews, review_at (s, "hal", now + 1, 1, 1));

  made = csm_training_rules_evaluate (c, reviews, NULL, now, berlin);
  g_assert_cmpuint (made->len, ==, 2);
  a = g_ptr_array_index (made, 0);
  g_assert_cmpstr (a->agent, ==, "ann");
  g_assert_cmpstr (a->module, ==, "Listening first");
  g_assert_cmpstr (a->rule, ==, "Low empathy");
  g_assert_cmpint (a->assigned, ==, now);
  /* Due in 5 days: the end of Sunday 15 November, Berlin. */
  g_assert_cmpint (a->due, ==, at ("2026-11-16T00:00:00+01:00"));
  g_assert_cmpuint (g_strv_length (a->fired_on), ==, 3);
  g_assert_true (g_strv_contains ((const char * const *) a->fired_on, "r1"));
  g_assert_true (g_strv_contains ((const char * const *) a->fired_on, "r3"));
  g_assert_cmpuint (g_strv_length (a->categories), ==, 2);
  {
    g_autofree char *id = csm_training_assignment_make_id ("ann", "Listening first", now);

    g_assert_cmpstr (a->id, ==, id);
  }
  a = g_ptr_array_index (made, 1);
  g_assert_cmpstr (a->agent, ==, "dan");
  g_assert_cmpuint (g_strv_length (a->fired_on), ==, 3);

  /* Judged again, with those open: nothing twice. */
  again = csm_training_rules_evaluate (c, reviews, made, now, berlin);
  g_assert_cmpuint (again->len, ==, 0);
  g_clear_pointer (&again, g_ptr_array_unref);
  /* An hour on, hal's third review is in the past: it fires for him. */
  again = csm_training_rules_evaluate (c, reviews, made, now + 3600, berlin);
  g_assert_cmpuint (again->len, ==, 1);
  g_assert_cmpstr (((CsmTrainingAssignment *) g_ptr_array_index (again, 0))->agent, ==, "hal");
}

static void
test_no_duplicate (void)
{
  g_autoptr(CsmQaScorecard) s = card ();
  g_autoptr(CsmTrainingCatalog) c = catalog ();
  g_autoptr(GPtrArray) reviews = new_reviews ();
  g_autoptr(GPtrArray) made = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) later = NULL;
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  gint64 now = at ("2026-11-10T12:00:00+01:00");
  CsmTrainingRule *second;
  CsmTrainingAssignment *a;

  /* A second rule assigning the same module, on Process. */
  second = csm_training_rule_copy (g_ptr_array_index (c->rules, 0));
  g_free (second->name);
  second->name = g_strdup ("Skipped steps");
  g_free (second->category);
  second->category = g_strdup ("Process");
  g_ptr_array_add (c->rules, second);
  for (int i = 1; i <= 3; i++)
    g_ptr_array_add (reviews, review_at (s, "ann", now - i * 3600, 1, 1));

  /* Both rules would fire; the module is assigned once. */
  made = csm_training_rules_evaluate (c, reviews, NULL, now, berlin);
  g_assert_cmpuint (made->len, ==, 1);
  a = g_ptr_array_index (made, 0);
  g_assert_cmpstr (a->rule, ==, "Low empathy");

  /* Overdue is still open: nothing new. */
  after = csm_training_rules_evaluate (c, reviews, made, a->due + 1, berlin);
  g_assert_cmpuint (after->len, ==, 0);

  /* Completed: the reviews that made it do not make it again... */
  a->completed = now + 86400;
  g_clear_pointer (&after, g_ptr_array_unref);
  after = csm_training_rules_evaluate (c, reviews, made, now + 2 * 86400, berlin);
  g_assert_cmpuint (after->len, ==, 0);
  /* ...but three weak ones after the completion do. */
  for (int i = 1; i <= 3; i++)
    g_ptr_array_add (reviews, review_at (s, "ann", now + 86400 + i * 3600, 1, 2));
  later = csm_training_rules_evaluate (c, reviews, made, now + 2 * 86400, berlin);
  g_assert_cmpuint (later->len, ==, 1);
  a = g_ptr_array_index (later, 0);
  g_assert_cmpstr (a->rule, ==, "Low empathy");
  g_assert_cmpuint (g_strv_length (a->fired_on), ==, 3);
}

/* Europe/Berlin moves to CEST on Sunday 29 March 2026. Assigned on
 * Saturday, due in one day: overdue from 00:00 on Monday 30, which is
 * 22:00 UTC on the 29th. */
static void
test_overdue_instant (void)
{
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  CsmTrainingAssignment a = { 0 };
  gint64 due;
  g_autoptr(GPtrArray) list = g_ptr_array_new ();
  g_autoptr(GPtrArray) overdue = NULL;
  g_autoptr(GDate) date = g_date_new_dmy (29, G_DATE_MARCH, 2026);

  due = csm_training_due (at ("2026-03-28T10:00:00+01:00"), 1, berlin);
  g_assert_cmpint (due, ==, at ("2026-03-29T22:00:00Z"));
  g_assert_cmpint (csm_training_due_on_date (date, berlin), ==, due);
  /* Due in 0 days: the end of the same day. */
  g_assert_cmpint (csm_training_due (at ("2026-03-28T23:59:00+01:00"), 0, berlin), ==,
                   at ("2026-03-29T00:00:00+01:00"));

  a.assigned = at ("2026-03-28T10:00:00+01:00");
  a.due = due;
  g_assert_cmpint (csm_training_assignment_state (&a, due - 1), ==, CSM_TRAINING_ASSIGNED);
  a.started = due - 3600;
  g_assert_cmpint (csm_training_assignment_state (&a, due - 1), ==, CSM_TRAINING_IN_PROGRESS);
  g_assert_cmpint (csm_training_assignment_state (&a, due), ==, CSM_TRAINING_OVERDUE);
  g_assert_cmpstr (csm_training_state_to_string (CSM_TRAINING_IN_PROGRESS), ==, "in_progress");
  g_assert_true (csm_training_assignment_open (&a));

  /* The daily summary: overdue after the last one, by now. */
  g_ptr_array_add (list, &a);
  overdue = csm_training_newly_overdue (list, CSM_TIME_UNSET, due);
  g_assert_cmpuint (overdue->len, ==, 1);
  g_clear_pointer (&overdue, g_ptr_array_unref);
  overdue = csm_training_newly_overdue (list, due, due + 86400);
  g_assert_cmpuint (overdue->len, ==, 0);
  g_clear_pointer (&overdue, g_ptr_array_unref);
  overdue = csm_training_newly_overdue (list, CSM_TIME_UNSET, due - 1);
  g_assert_cmpuint (overdue->len, ==, 0);

  a.completed = due + 7200;
  g_assert_cmpint (csm_training_assignment_state (&a, due + 3600), ==, CSM_TRAINING_OVERDUE);
  g_assert_cmpint (csm_training_assignment_state (&a, due + 7200), ==, CSM_TRAINING_COMPLETED);
  g_assert_false (csm_training_assignment_open (&a));
}

static CsmTrainingAssignment *
listening (gint64 assigned,
           gint64 completed)
{
  CsmTrainingAssignment *a = g_new0 (CsmTrainingAssignment, 1);
  const char *categories[] = { "Empathy", "Process", NULL };

  a->id = g_strdup ("t1");
  a->agent = g_strdup ("ann");
  a->module = g_strdup ("Listening first");
  a->categories = g_strdupv ((char **) categories);
  a->assigned = assigned;
  a->due = assigned + 7 * 86400;
  a->assigned_by = g_strdup ("lena");
  a->completed = completed;
  return a;
}

/* N = 3. Before the assignment: 0 (fourth from last: not taken), then
 * 25, 50, 75: mean 50, s 25. Between assignment and completion: one
 * review, taken by neither side. After: 50 (Process N/A), 75 (Empathy
 * 50, Process 100), 100: mean 75, s 25. Another agent's and a calibration
 * review are not hers. Welch: v = 625/3 each, se = √(1250/3) = 20.412,
 * ν = 4, t(0.975, 4) = 2.776445, so 25 ± 56.673: [−31.7, 81.7]. */
static void
test_effect (void)
{
  g_autoptr(CsmQaScorecard) s = card ();
  g_autoptr(GPtrArray) reviews = new_reviews ();
  gint64 assigned = at ("2026-11-02T09:00:00Z");
  gint64 completed = at ("2026-11-06T09:00:00Z");
  g_autoptr(CsmTrainingAssignment) a = listening (assigned, completed);
  CsmTrainingEffect e;

  g_ptr_array_add (reviews, review_at (s, "ann", assigned - 4 * 3600, 1, CSM_QA_NA));
  g_ptr_array_add (reviews, review_at (s, "ann", assigned - 3 * 3600, 2, CSM_QA_NA));
  g_ptr_array_add (reviews, review_at (s, "ann", assigned - 2 * 3600, 3, CSM_QA_NA));
  g_ptr_array_add (reviews, review_at (s, "ann", assigned - 1, 4, CSM_QA_NA));
  g_ptr_array_add (reviews, review_at (s, "ann", assigned + 3600, 5, 2));
  g_ptr_array_add (reviews, review_at (s, "ann", completed, 3, CSM_QA_NA));
  g_ptr_array_add (reviews, review_at (s, "ann", completed + 3600, 3, 2));
  g_ptr_array_add (reviews, review_at (s, "bob", completed + 3600, 1, 1));
  g_ptr_array_add (reviews, review_at (s, "ann", completed + 5400, 1, 1));
  ((CsmQaReview *) reviews->pdata[reviews->len - 1])->calibration_session = g_strdup ("S");

  /* Two after: not enough yet, one more needed. */
  e = csm_training_effect (a, reviews, 3, LATER);
  g_assert_true (e.before.defined);
  g_assert_cmpuint (e.before.n, ==, 3);
  g_assert_cmpfloat_with_epsilon (e.before.mean, 50, 1e-9);
  g_assert_cmpfloat_with_epsilon (e.before.sd, 25, 1e-9);
  g_assert_false (e.after.defined);
  g_assert_cmpuint (e.after.n, ==, 2);
  g_assert_cmpuint (e.after_missing, ==, 1);
  g_assert_false (e.defined);

  /* The third: exactly N. */
  g_ptr_array_add (reviews, review_at (s, "ann", completed + 7200, 5, 2));
  e = csm_training_effect (a, reviews, 3, LATER);
  g_assert_true (e.after.defined);
  g_assert_cmpuint (e.after.n, ==, 3);
  g_assert_cmpfloat_with_epsilon (e.after.mean, 75, 1e-9);
  g_assert_cmpuint (e.after_missing, ==, 0);
  g_assert_true (e.defined);
  g_assert_cmpfloat_with_epsilon (e.difference, 25, 1e-9);
  g_assert_cmpfloat_with_epsilon (e.low, 25 - 2.7764451052 * sqrt (1250.0 / 3), 1e-6);
  g_assert_cmpfloat_with_epsilon (e.high, 25 + 2.7764451052 * sqrt (1250.0 / 3), 1e-6);
  g_assert_cmpfloat_with_epsilon (e.low, -31.673, 1e-3);

  /* A fourth after changes nothing: the first N after completion. */
  g_ptr_array_add (reviews, review_at (s, "ann", completed + 9000, 1, 1));
  e = csm_training_effect (a, reviews, 3, LATER);
  g_assert_cmpfloat_with_epsilon (e.after.mean, 75, 1e-9);

  /* N = 5: four before is too few; the effect waits. */
  e = csm_training_effect (a, reviews, 5, LATER);
  g_assert_false (e.before.defined);
  g_assert_cmpuint (e.before.n, ==, 4);
  g_assert_false (e.defined);
  g_assert_cmpuint (e.after_missing, ==, 1);

  /* Not completed: the after side needs all N. */
  a->completed = CSM_TIME_UNSET;
  e = csm_training_effect (a, reviews, 3, LATER);
  g_assert_true (e.before.defined);
  g_assert_cmpuint (e.after.n, ==, 0);
  g_assert_cmpuint (e.after_missing, ==, 3);
}

/* Unequal spreads: before 0, 50, 100 (s = 50), after 75, 75, 100 (s =
 * 14.434). Welch: v = 833.33 and 69.44, se = 30.046, ν = 2.3310, t(0.975,
 * ν) = 3.76703 (by numerical integration of the t density): 33.33 ±
 * 113.19 = [−79.85, 146.52]. At an instant before the completion, or
 * before the last review after it, the effect is not known yet. */
static void
test_effect_welch_and_now (void)
{
  g_autoptr(CsmQaScorecard) s = card ();
  g_autoptr(GPtrArray) reviews = new_reviews ();
  gint64 assigned = at ("2026-11-02T09:00:00Z");
  gint64 completed = at ("2026-11-06T09:00:00Z");
  g_autoptr(CsmTrainingAssignment) a = listening (assigned, completed);
  CsmTrainingEffect e;

  g_ptr_array_add (reviews, review_at (s, "ann", assigned - 3 * 3600, 1, CSM_QA_NA));
  g_ptr_array_add (reviews, review_at (s, "ann", assigned - 2 * 3600, 3, CSM_QA_NA));
  g_ptr_array_add (reviews, review_at (s, "ann", assigned - 3600, 5, CSM_QA_NA));
  g_ptr_array_add (reviews, review_at (s, "ann", completed + 3600, 4, CSM_QA_NA));
  g_ptr_array_add (reviews, review_at (s, "ann", completed + 7200, 4, CSM_QA_NA));
  g_ptr_array_add (reviews, review_at (s, "ann", completed + 10800, 5, CSM_QA_NA));
  e = csm_training_effect (a, reviews, 3, LATER);
  g_assert_true (e.defined);
  g_assert_cmpfloat_with_epsilon (e.difference, 100.0 / 3, 1e-9);
  g_assert_cmpfloat_with_epsilon (e.low, -79.8518, 1e-3);
  g_assert_cmpfloat_with_epsilon (e.high, 146.5185, 1e-3);

  /* An hour before the third review after: two of three. */
  e = csm_training_effect (a, reviews, 3, completed + 10799);
  g_assert_false (e.defined);
  g_assert_cmpuint (e.after.n, ==, 2);
  g_assert_cmpuint (e.after_missing, ==, 1);
  /* Before the completion: not completed yet. */
  e = csm_training_effect (a, reviews, 3, completed - 1);
  g_assert_cmpuint (e.after.n, ==, 0);
  g_assert_cmpuint (e.after_missing, ==, 3);
}

/* One summary a day, the day being Berlin's. */
static void
test_summary_day (void)
{
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GPtrArray) overdue = g_ptr_array_new_with_free_func (
    (GDestroyNotify) csm_training_assignment_free);
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  CsmTrainingAssignment *a = listening (at ("2026-11-02T09:00:00Z"), CSM_TIME_UNSET);

  g_assert_true (csm_training_summary_due (CSM_TIME_UNSET, at ("2026-11-10T08:00:00Z"), berlin));
  g_assert_false (csm_training_summary_due (at ("2026-11-10T08:00:00+01:00"),
                                            at ("2026-11-10T23:59:59+01:00"), berlin));
  g_assert_true (csm_training_summary_due (at ("2026-11-10T23:59:59+01:00"),
                                           at ("2026-11-11T00:00:00+01:00"), berlin));
  /* 23:30 UTC on the 10th is already the 11th in Berlin. */
  g_assert_true (csm_training_summary_due (at ("2026-11-10T08:00:00Z"),
                                           at ("2026-11-10T23:30:00Z"), berlin));
  a->due = at ("2026-11-07T00:00:00+01:00");
  g_ptr_array_add (overdue, a);
  csm_training_overdue_text (overdue, berlin, &title, &body);
  g_assert_cmpstr (title, ==, "1 training assignment became overdue");
  g_assert_cmpstr (body, ==, "ann: Listening first, due Fri 6 Nov");
}

static void
test_module_effects_and_export (void)
{
  g_autoptr(CsmQaScorecard) s = card ();
  g_autoptr(GPtrArray) reviews = new_reviews ();
  g_autoptr(GPtrArray) assignments = g_ptr_array_new_with_free_func (
    (GDestroyNotify) csm_training_assignment_free);
  g_autoptr(GPtrArray) effects = NULL;
  g_autoptr(GHashTable) awaiting = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gint64 assigned = at ("2026-11-02T09:00:00Z");
  gint64 completed = at ("2026-11-06T09:00:00Z");
  const CsmTrainingModuleEffect *m;
  CsmTrainingAssignment *b;
  g_autofree char *json = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *first, *second;

  /* ann: 25, 50 before and 75, 100 after: +50, measured with N = 2. */
  g_ptr_array_add (reviews, review_at (s, "ann", assigned - 7200, 2, CSM_QA_NA));
  g_ptr_array_add (reviews, review_at (s, "ann", assigned - 3600, 3, CSM_QA_NA));
  g_ptr_array_add (reviews, review_at (s, "ann", completed + 3600, 4, CSM_QA_NA));
  g_ptr_array_add (reviews, review_at (s, "ann", completed + 7200, 5, CSM_QA_NA));
  g_ptr_array_add (assignments, listening (assigned, completed));
  /* bob completed it with two reviews of 50 before and nothing after yet;
   * cat has not completed it, and has no review. */
  g_ptr_array_add (reviews, review_at (s, "bob", assigned - 7200, 3, CSM_QA_NA));
  g_ptr_array_add (reviews, review_at (s, "bob", assigned - 3600, 3, CSM_QA_NA));
  b = listening (assigned, completed);
  g_free (b->agent);
  b->agent = g_strdup ("bob");
  b->rule = g_strdup ("Low empathy");
  g_ptr_array_add (assignments, b);
  b = listening (assigned, CSM_TIME_UNSET);
  g_free (b->agent);
  b->agent = g_strdup ("cat");
  g_ptr_array_add (assignments, b);
  /* dan completed it without a review before. */
  b = listening (assigned, completed);
  g_free (b->agent);
  b->agent = g_strdup ("dan");
  g_ptr_array_add (assignments, b);

  effects = csm_training_module_effects (assignments, reviews, 2, LATER);
  g_assert_cmpuint (effects->len, ==, 1);
  m = g_ptr_array_index (effects, 0);
  g_assert_cmpstr (m->module, ==, "Listening first");
  g_assert_cmpuint (m->assigned, ==, 4);
  g_assert_cmpuint (m->completed, ==, 3);
  g_assert_cmpuint (m->measured, ==, 1);
  g_assert_cmpfloat_with_epsilon (m->mean, 50, 1e-9);

  /* bob awaits his after-measurement: two reviews; ann has hers; cat has
   * not completed. Without reviews before, nobody would wait: nothing
   * after could be measured against them. */
  g_assert_cmpuint (csm_training_awaiting_after (assignments, reviews, 2, LATER, awaiting), ==, 1);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (awaiting, "bob")), ==, 2);

  json = csm_training_assignments_to_json (assignments, reviews, 2, completed + 86400);
  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  first = json_array_get_object_element (json_node_get_array (json_parser_get_root (parser)), 0);
  g_assert_cmpstr (json_object_get_string_member (first, "agent"), ==, "ann");
  g_assert_cmpstr (json_object_get_string_member (first, "state"), ==, "completed");
  g_assert_cmpstr (json_object_get_string_member (first, "reason"), ==, "manual");
  g_assert_cmpstr (json_object_get_string_member (first, "assigned"), ==, "2026-11-02T09:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (first, "completed"), ==,
                   "2026-11-06T09:00:00Z");
  g_assert_cmpfloat (json_object_get_double_member (first, "iqs_before"), ==, 37.5);
  g_assert_cmpint (json_object_get_int_member (first, "reviews_before"), ==, 2);
  g_assert_cmpfloat (json_object_get_double_member (first, "iqs_after"), ==, 87.5);
  g_assert_cmpint (json_object_get_int_member (first, "reviews_after"), ==, 2);
  g_assert_cmpfloat (json_object_get_double_member (first, "difference"), ==, 50);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (first, "categories")),
                    ==, 2);
  second = json_array_get_object_element (json_node_get_array (json_parser_get_root (parser)), 1);
  g_assert_cmpstr (json_object_get_string_member (second, "reason"), ==, "Low empathy");
  g_assert_true (json_object_get_null_member (second, "iqs_after"));
  g_assert_cmpfloat (json_object_get_double_member (second, "iqs_before"), ==, 50);
  g_assert_cmpint (json_object_get_int_member (second, "reviews_after"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (second, "reviews_needed_after"), ==, 2);
}

static void
test_weakest (void)
{
  g_autoptr(CsmQaScorecard) s = card ();
  g_autoptr(GPtrArray) reviews = new_reviews ();
  g_autoptr(GPtrArray) rows = NULL;
  gint64 t = at ("2026-11-02T09:00:00Z");
  const CsmQaIqsRow *row;

  g_ptr_array_add (reviews, review_at (s, "ann", t, 5, 1));
  g_ptr_array_add (reviews, review_at (s, "bob", t, 2, 2));
  g_ptr_array_add (reviews, review_at (s, "ann", t + 1, 3, 1));
  g_ptr_array_add (reviews, review_at (s, "cat", t, CSM_QA_NA, 1));
  rows = csm_training_weakest_agents (reviews, "Empathy", CSM_TIME_UNSET, CSM_TIME_UNSET);
  g_assert_cmpuint (rows->len, ==, 2);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (row->group, ==, "bob");
  g_assert_cmpfloat (row->iqs, ==, 25);
  g_assert_cmpuint (g_array_index (row->members, guint, 0), ==, 1);
  row = g_ptr_array_index (rows, 1);
  g_assert_cmpstr (row->group, ==, "ann");
  g_assert_cmpfloat (row->iqs, ==, 75);
  g_assert_cmpuint (row->members->len, ==, 2);
  g_assert_cmpuint (g_array_index (row->members, guint, 1), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/training/catalog-json", test_catalog_json);
  g_test_add_func ("/training/catalog-refused", test_catalog_refused);
  g_test_add_func ("/training/rule-edges", test_rule_edges);
  g_test_add_func ("/training/no-duplicate", test_no_duplicate);
  g_test_add_func ("/training/overdue-instant", test_overdue_instant);
  g_test_add_func ("/training/effect", test_effect);
  g_test_add_func ("/training/effect-welch-and-now", test_effect_welch_and_now);
  g_test_add_func ("/training/summary-day", test_summary_day);
  g_test_add_func ("/training/module-effects-export", test_module_effects_and_export);
  g_test_add_func ("/training/weakest", test_weakest);
  return g_test_run ();
}
