/* test-cli-qa.c: the QA command line against the real binary and a real SQLite workspace: scorecards and reviews in and out, IQS, a bad row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "csm-test-async.h"
#include "csm-test-workspace.h"
#include "csm-time.h"

typedef struct
{
  char *dir;
  char *workspace;
} Fixture;

/* Runs csm-console with @args (NULL-terminated) on the fixture's workspace;
 * returns its exit status and what it printed. */
static int
run (Fixture     *f,
     char       **out,
     char       **err,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;
  int status;

  g_ptr_array_add (argv, g_strdup (g_getenv ("CSM_CONSOLE")));
  g_ptr_array_add (argv, g_strdup_printf ("--workspace=%s", f->workspace));
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               out, err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static char *
write_file (Fixture    *f,
            const char *name,
            const char *contents)
{
  char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, contents, -1, &error));
  return path;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("csm-cli-qa-XXXXXX", NULL);
  f->workspace = g_build_filename (f->dir, "workspace.sqlite", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->workspace);
  g_free (f->dir);
}

/* Two categories of 50: Accuracy (5 points) and Process (binary, critical). */
static const char scorecard[] =
  "{\"name\": \"Support\", \"version\": 1, \"categories\": ["
  " {\"name\": \"Accuracy\", \"weight\": 50, \"scale\": 5, \"na_allowed\": true,"
  "  \"guidance\": {\"1\": \"Wrong\", \"5\": \"Right and complete\"}},"
  " {\"name\": \"Process\", \"weight\": 50, \"scale\": 2, \"critical\": true}]}";

#define REVIEW(conversation, agent, submitted, accuracy, process) \
  "{\"conversation\": " conversation ", \"agent\": \"" agent "\", \"reviewer\": \"rosa\"," \
  " \"scorecard\": \"Support\", \"scorecard_version\": 1, \"submitted\": \"" submitted "\"," \
  " \"calibration_session\": null, \"ratings\": {\"Accuracy\": " accuracy ", \"Process\": " \
  process "}, \"comment\": \"\"}"

/* alice: Accuracy 4 (75) and Process 2 (100): 87.5; bob: Accuracy 5 and
 * Process 1, critical under 50 %: 0; alice again in December: 100. */
static const char reviews[] =
  "[" REVIEW ("101", "alice", "2026-11-10T09:00:00Z", "4", "2") ","
  REVIEW ("102", "bob", "2026-11-11T09:00:00Z", "5", "1") ","
  REVIEW ("103", "alice", "2026-12-01T09:00:00Z", "\"n/a\"", "2") "]";

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *card_file = write_file (f, "scorecard.json", scorecard);
  g_autofree char *reviews_file = write_file (f, "reviews.json", reviews);
  g_autofree char *bad_file = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *rows;

  g_assert_cmpint (run (f, &out, &err, "--import=scorecard", card_file, NULL), ==, 0);
  g_assert_cmpstr (out, ==, "Scorecard “Support” is version 1\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* One bad row (the second rates Process 3 on a binary scale): named,
   * status 1, nothing stored. */
  bad_file = write_file (f, "bad.json",
                         "[" REVIEW ("201", "alice", "2026-11-10T09:00:00Z", "4", "2") ","
                         REVIEW ("202", "bob", "2026-11-11T09:00:00Z", "5", "3") "]");
  g_assert_cmpint (run (f, &out, &err, "--import=reviews", bad_file, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "row 2: “ratings”: “Process” is 3, outside its scale of 1 to 2"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (f, &out, &err, "--export=reviews", NULL), ==, 0);
  g_assert_cmpstr (g_strstrip (out), ==, "[]");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The good file, then again: stored once. */
  g_assert_cmpint (run (f, &out, &err, "--import=reviews", reviews_file, NULL), ==, 0);
  g_assert_cmpstr (out, ==, "3 reviews imported, 0 were there already\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (f, &out, &err, "--import=reviews", reviews_file, NULL), ==, 0);
  g_assert_cmpstr (out, ==, "0 reviews imported, 3 were there already\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Reviews back, with their scores. */
  g_assert_cmpint (run (f, &out, &err, "--export=reviews", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  rows = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (rows), ==, 3);
  g_assert_cmpfloat (json_object_get_double_member (json_array_get_object_element (rows, 0),
                                                    "score"), ==, 87.5);
  g_assert_cmpfloat (json_object_get_double_member (json_array_get_object_element (rows, 1),
                                                    "score"), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* IQS over November: (87.5 + 0) ÷ 2; by agent in CSV; by category,
   * Accuracy over the two that rated it. */
  g_assert_cmpint (run (f, &out, &err, "--export=qa", "--from=2026-11-01", "--to=2026-12-01",
                        NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\"reviews\" : 2"));
  g_assert_nonnull (strstr (out, "\"iqs\" : 43.8"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (f, &out, &err, "--export=qa", "--group-by=agent", "--format=csv", NULL),
                   ==, 0);
  g_assert_cmpstr (out, ==, "group,reviews,iqs\r\nalice,2,93.8\r\nbob,1,0.0\r\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (f, &out, &err, "--export=qa", "--group-by=category", "--format=csv",
                        NULL), ==, 0);
  g_assert_cmpstr (out, ==, "group,reviews,iqs\r\nAccuracy,2,87.5\r\nProcess,3,66.7\r\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The scorecards, as imported. */
  g_assert_cmpint (run (f, &out, &err, "--export=scorecards", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\"Right and complete\""));
  g_assert_nonnull (strstr (out, "\"critical\" : true"));
}

/* Imports the scorecard and reviews files, both fine. */
static void
import_both (Fixture    *f,
             const char *card_file,
             const char *reviews_file)
{
  const char *files[][2] = { { "--import=scorecard", card_file },
                             { "--import=reviews", reviews_file } };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_assert_cmpint (run (f, &out, &err, files[i][0], files[i][1], NULL), ==, 0);
    }
}

#define CALIBRATION(conversation, reviewer, accuracy, process) \
  "{\"conversation\": " conversation ", \"agent\": \"alice\", \"reviewer\": \"" reviewer \
  "\", \"scorecard\": \"Support\", \"scorecard_version\": 1, \"submitted\": " \
  "\"2026-11-20T09:00:00Z\", \"calibration_session\": \"Week 46\", \"ratings\": " \
  "{\"Accuracy\": " accuracy ", \"Process\": " process "}}"

static JsonArray *
parse_rows (JsonParser *parser,
            const char *out)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  return json_node_get_array (json_parser_get_root (parser));
}

/* Calibration reviews imported with their session: its α, spread and
 * reviewers' bias, worked by hand; never in IQS. */
static void
test_calibration (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *card_file = write_file (f, "scorecard.json", scorecard);
  g_autofree char *reviews_file = write_file (
    f, "calibration.json",
    "[" CALIBRATION ("301", "rosa", "4", "2") "," CALIBRATION ("301", "sam", "4", "2") ","
    CALIBRATION ("301", "tom", "4", "2") "," CALIBRATION ("302", "rosa", "5", "2") ","
    CALIBRATION ("302", "sam", "5", "2") "," CALIBRATION ("302", "tom", "5", "1") "]");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *rows;
  JsonObject *accuracy, *process;

  import_both (f, card_file, reviews_file);

  g_assert_cmpint (run (f, &out, &err, "--export=calibration", "--session=Week 46", NULL), ==, 0);
  rows = parse_rows (parser, out);
  g_assert_cmpuint (json_array_get_length (rows), ==, 2);
  accuracy = json_array_get_object_element (rows, 0);
  g_assert_cmpstr (json_object_get_string_member (accuracy, "session"), ==, "Week 46");
  g_assert_cmpstr (json_object_get_string_member (accuracy, "category"), ==, "Accuracy");
  g_assert_cmpstr (json_object_get_string_member (accuracy, "level"), ==, "ordinal");
  g_assert_cmpint (json_object_get_int_member (accuracy, "reviewers"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (accuracy, "conversations"), ==, 2);
  /* Every reviewer agrees, on different values: α = 1, no spread. */
  g_assert_cmpfloat (json_object_get_double_member (accuracy, "alpha"), ==, 1.0);
  g_assert_cmpfloat (json_object_get_double_member (accuracy, "spread"), ==, 0.0);
  g_assert_false (json_object_get_boolean_member (accuracy, "flagged"));
  /* Process: 301 (2, 2, 2), 302 (2, 2, 1): o22 = 4, o12 = o21 = 1;
   * n1 = 1, n2 = 5, n = 6; α = 1 − 5 · 2 / (2 · 1 · 5) = 0: flagged.
   * Spread: 302's scores (100, 100, 0), sd √(20000/3 − (200/3)²) = 47.14,
   * over two conversations: 23.6. */
  process = json_array_get_object_element (rows, 1);
  g_assert_cmpstr (json_object_get_string_member (process, "level"), ==, "nominal");
  g_assert_cmpfloat (json_object_get_double_member (process, "alpha"), ==, 0.0);
  g_assert_cmpfloat (json_object_get_double_member (process, "spread"), ==, 23.6);
  g_assert_true (json_object_get_boolean_member (process, "flagged"));
  /* The intervals hold α (a resample of one conversation twice over may
   * leave α undefined: those are not counted). */
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);

      g_assert_false (json_object_get_null_member (row, "alpha_low"));
      g_assert_cmpfloat (json_object_get_double_member (row, "alpha_low"), <=,
                         json_object_get_double_member (row, "alpha"));
      g_assert_cmpfloat (json_object_get_double_member (row, "alpha_high"), >=,
                         json_object_get_double_member (row, "alpha"));
    }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Bias against the others' mean: Rosa and Sam +50 on one Process
   * rating of four (+12.5, agreement 87.5); Tom −100 (−25, 75). Then by
   * category: in Process alone, Tom −100 over two (−50, 50). */
  g_assert_cmpint (run (f, &out, &err, "--export=calibration-reviewers", NULL), ==, 0);
  rows = parse_rows (parser, out);
  g_assert_cmpuint (json_array_get_length (rows), ==, 9);
  {
    JsonObject *tom = json_array_get_object_element (rows, 8);

    g_assert_cmpstr (json_object_get_string_member (tom, "category"), ==, "Process");
    g_assert_cmpstr (json_object_get_string_member (tom, "reviewer"), ==, "tom");
    g_assert_cmpint (json_object_get_int_member (tom, "compared"), ==, 2);
    g_assert_cmpfloat (json_object_get_double_member (tom, "bias"), ==, -50);
    g_assert_cmpfloat (json_object_get_double_member (tom, "agreement"), ==, 50);
    g_assert_true (json_object_get_null_member (json_array_get_object_element (rows, 0),
                                                "category"));
  }
  {
    static const struct { const char *name; double bias, agreement; } expected[] = {
      { "rosa", 12.5, 87.5 }, { "sam", 12.5, 87.5 }, { "tom", -25, 75 },
    };

    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      {
        JsonObject *row = json_array_get_object_element (rows, i);

        g_assert_cmpstr (json_object_get_string_member (row, "reviewer"), ==, expected[i].name);
        g_assert_cmpstr (json_object_get_string_member (row, "reference"), ==, "consensus");
        g_assert_cmpint (json_object_get_int_member (row, "compared"), ==, 4);
        g_assert_cmpfloat (json_object_get_double_member (row, "bias"), ==, expected[i].bias);
        g_assert_cmpfloat (json_object_get_double_member (row, "agreement"), ==,
                           expected[i].agreement);
      }
  }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A session there is not, named; calibration reviews not in IQS. */
  g_assert_cmpint (run (f, &out, &err, "--export=calibration", "--session=Week 47", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "“Week 47”"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (f, &out, &err, "--export=qa", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\"reviews\" : 0"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (f, &out, &err, "--export=disputes", NULL), ==, 0);
  g_assert_cmpstr (g_strstrip (out), ==, "[]");
}

/* Each agent's IQS with its margin, and assignments with their state:
 * alice's 87.5 and 100 (mean 93.75, sd 8.84, t(0.975, 1) = 12.706: ±79.4);
 * bob's one review has no margin. #101 was assigned to rosa (reviewed:
 * done), #105 to sam due on the 20th (overdue on the 21st). */
static void
test_precision_and_assignments (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *card_file = write_file (f, "scorecard.json", scorecard);
  g_autofree char *reviews_file = write_file (f, "reviews.json", reviews);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *rows;
  JsonObject *alice, *bob;

  import_both (f, card_file, reviews_file);

  g_assert_cmpint (run (f, &out, &err, "--export=precision", "--target=5", NULL), ==, 0);
  rows = parse_rows (parser, out);
  g_assert_cmpuint (json_array_get_length (rows), ==, 2);
  alice = json_array_get_object_element (rows, 0);
  bob = json_array_get_object_element (rows, 1);
  g_assert_cmpstr (json_object_get_string_member (alice, "agent"), ==, "alice");
  g_assert_cmpint (json_object_get_int_member (alice, "reviews"), ==, 2);
  g_assert_cmpfloat (json_object_get_double_member (alice, "iqs"), ==, 93.8);
  g_assert_cmpfloat (json_object_get_double_member (alice, "margin"), ==, 79.4);
  g_assert_cmpint (json_object_get_int_member (alice, "needed"), >, 2);
  g_assert_true (json_object_get_null_member (bob, "margin"));
  g_assert_true (json_object_get_null_member (bob, "weighted_iqs"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CsmWorkspace) ws = csm_test_workspace_open (f->workspace, g_get_user_name (), NULL,
                                                          &error);
    const char * const done[] = { "101", NULL };
    const char * const late[] = { "105", NULL };
    const double chance[] = { 0.5 };
    g_autoptr(GAsyncResult) result = NULL;

    g_assert_no_error (error);
    csm_workspace_assign_async (ws, done, NULL, "rosa", 1794900000, 0, NULL,
                                csm_test_store_result, &result);
    g_assert_true (csm_workspace_assign_finish (ws, csm_test_await (&result), NULL, &error));
    g_clear_object (&result);
    /* Due 2026-11-20T00:00:00Z. */
    csm_workspace_assign_async (ws, late, chance, "sam", 1794900000, 1795132800, NULL,
                                csm_test_store_result, &result);
    g_assert_true (csm_workspace_assign_finish (ws, csm_test_await (&result), NULL, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (run (f, &out, &err, "--export=assignments", "--now=2026-11-21T00:00:00Z",
                        NULL), ==, 0);
  rows = parse_rows (parser, out);
  g_assert_cmpuint (json_array_get_length (rows), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (rows, 0),
                                                  "state"), ==, "done");
  g_assert_true (json_object_get_null_member (json_array_get_object_element (rows, 0),
                                              "probability"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (rows, 1),
                                                  "state"), ==, "overdue");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (rows, 1),
                                                  "due"), ==, "2026-11-20T00:00:00Z");
  g_assert_cmpfloat (json_object_get_double_member (json_array_get_object_element (rows, 1),
                                                    "probability"), ==, 0.5);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (f, &out, &err, "--export=assignments", "--now=2026-11-19T00:00:00Z",
                        NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\"state\" : \"open\""));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The week of Monday 9 November (UTC here): Accuracy alice 75, bob 100
   * (mean 87.5, spread 12.5); Process 100 and 0 (50, 50). December's week
   * has alice alone: no spread, no row. */
  g_assert_cmpint (run (f, &out, &err, "--export=consistency", NULL), ==, 0);
  rows = parse_rows (parser, out);
  g_assert_cmpuint (json_array_get_length (rows), ==, 2);
  {
    JsonObject *accuracy = json_array_get_object_element (rows, 0);
    JsonObject *process = json_array_get_object_element (rows, 1);

    g_assert_cmpstr (json_object_get_string_member (accuracy, "category"), ==, "Accuracy");
    g_assert_cmpstr (json_object_get_string_member (accuracy, "week"), ==, "2026-11-09");
    g_assert_cmpint (json_object_get_int_member (accuracy, "agents"), ==, 2);
    g_assert_cmpfloat (json_object_get_double_member (accuracy, "iqs_mean"), ==, 87.5);
    g_assert_cmpfloat (json_object_get_double_member (accuracy, "iqs_sd"), ==, 12.5);
    g_assert_cmpfloat (json_object_get_double_member (process, "iqs_sd"), ==, 50);
    g_assert_cmpfloat (json_object_get_double_member (process, "iqs_min"), ==, 0);
  }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (f, &out, &err, "--export=consistency", "--from=2026-11-16", NULL), ==, 0);
  g_assert_cmpstr (g_strstrip (out), ==, "[]");
}

static const char training[] =
  "{\"modules\": [{\"name\": \"Accuracy drill\", \"description\": \"Check before you send.\","
  "  \"link\": \"https://lms.example.com/accuracy\", \"minutes\": 30,"
  "  \"categories\": [\"Accuracy\"]}],"
  " \"rules\": [{\"name\": \"Low accuracy\", \"category\": \"Accuracy\", \"below\": 50,"
  "  \"min_reviews\": 3, \"days\": 7, \"module\": \"Accuracy drill\", \"due_days\": 5}]}";

static JsonObject *
only_object (JsonParser *parser,
             const char *json)
{
  JsonArray *rows;

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  rows = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (rows), ==, 1);
  return json_array_get_object_element (rows, 0);
}

/* The loop from the command line: the catalog in; weak reviews in, and
 * the rule assigns (once); the agent completes; better reviews in; the
 * effect out. Alice: five reviews of Accuracy 2 (25) before, then 4, 4,
 * 4, 5, 5 (85): +60; Welch with s = 0 and 13.69 over 5 gives ν = 4 and
 * 60 ± 2.776 × 6.124 = [43.0, 77.0]. */
static void
test_training (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *card_file = write_file (f, "scorecard.json", scorecard);
  g_autofree char *catalog_file = write_file (f, "training.json", training);
  g_autofree char *bad_file = NULL;
  g_autofree char *before_file = NULL;
  g_autofree char *after_file = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *due = NULL;
  g_autofree char *id = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(CsmWorkspace) ws = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *row;

  g_assert_cmpint (run (f, &out, &err, "--import=scorecard", card_file, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (f, &out, &err, "--import=training", catalog_file, NULL), ==, 0);
  g_assert_cmpstr (out, ==, "Modules in the training catalog: 1\nRules in the training catalog: 1\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  /* A file with one bad row changes nothing. */
  bad_file = write_file (f, "bad-training.json",
                         "{\"modules\": [{\"name\": \"New\", \"minutes\": 5, \"categories\": "
                         "[\"Process\"]}, {\"name\": \"Broken\", \"minutes\": -1, "
                         "\"categories\": [\"Process\"]}]}");
  g_assert_cmpint (run (f, &out, &err, "--import=training", bad_file, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "Module 2: “minutes” must be a whole number, 0 or more"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (f, &out, &err, "--export=training-catalog", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\"name\" : \"Accuracy drill\""));
  g_assert_null (strstr (out, "\"New\""));
  g_assert_nonnull (strstr (out, "\"due_days\" : 5"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  before_file = write_file (f, "weak.json",
                            "[" REVIEW ("301", "alice", "2026-11-10T09:00:00Z", "2", "2") ","
                            REVIEW ("302", "alice", "2026-11-11T09:00:00Z", "2", "2") ","
                            REVIEW ("303", "alice", "2026-11-12T09:00:00Z", "2", "2") ","
                            REVIEW ("304", "alice", "2026-11-13T09:00:00Z", "2", "2") ","
                            REVIEW ("305", "alice", "2026-11-14T09:00:00Z", "2", "2") ","
                            REVIEW ("306", "bob", "2026-11-12T09:00:00Z", "5", "2") ","
                            REVIEW ("307", "bob", "2026-11-13T09:00:00Z", "5", "2") ","
                            REVIEW ("308", "bob", "2026-11-14T09:00:00Z", "5", "2") "]");
  g_assert_cmpint (run (f, &out, &err, "--import=reviews", before_file,
                        "--now=2026-11-15T12:00:00Z", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "8 reviews imported, 0 were there already\n"
                            "Rule “Low accuracy” assigned “Accuracy drill” to alice (5 reviews)\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  /* Again, an hour on: nothing twice. */
  g_assert_cmpint (run (f, &out, &err, "--import=reviews", before_file,
                        "--now=2026-11-15T13:00:00Z", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "0 reviews imported, 8 were there already\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (f, &out, &err, "--export=training", "--now=2026-11-15T13:00:00Z", NULL),
                   ==, 0);
  row = only_object (parser, out);
  g_assert_cmpstr (json_object_get_string_member (row, "agent"), ==, "alice");
  g_assert_cmpstr (json_object_get_string_member (row, "module"), ==, "Accuracy drill");
  g_assert_cmpstr (json_object_get_string_member (row, "state"), ==, "assigned");
  g_assert_cmpstr (json_object_get_string_member (row, "reason"), ==, "Low accuracy");
  g_assert_cmpstr (json_object_get_string_member (row, "assigned"), ==, "2026-11-15T12:00:00Z");
  due = csm_time_format_iso8601 (csm_training_due (1794744000 /* 15 Nov 12:00 UTC */, 5, local));
  g_assert_cmpstr (json_object_get_string_member (row, "due"), ==, due);
  g_assert_cmpfloat (json_object_get_double_member (row, "iqs_before"), ==, 25);
  g_assert_cmpint (json_object_get_int_member (row, "reviews_before"), ==, 5);
  g_assert_true (json_object_get_null_member (row, "iqs_after"));
  g_assert_cmpint (json_object_get_int_member (row, "reviews_needed_after"), ==, 5);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (row, "fired_on")), ==, 5);
  id = g_strdup (json_object_get_string_member (row, "id"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Alice completes it the next day. */
  ws = csm_test_workspace_open (f->workspace, "alice", NULL, &error);
  g_assert_no_error (error);
  csm_workspace_record_training_async (ws, id, TRUE, 1794830400 /* 16 Nov 12:00 UTC */, NULL,
                                       csm_test_store_result, &result);
  g_assert_true (csm_workspace_record_training_finish (ws, csm_test_await (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&ws);

  after_file = write_file (f, "better.json",
                           "[" REVIEW ("311", "alice", "2026-11-17T09:00:00Z", "4", "2") ","
                           REVIEW ("312", "alice", "2026-11-18T09:00:00Z", "4", "2") ","
                           REVIEW ("313", "alice", "2026-11-19T09:00:00Z", "4", "2") ","
                           REVIEW ("314", "alice", "2026-11-20T09:00:00Z", "5", "2") ","
                           REVIEW ("315", "alice", "2026-11-21T09:00:00Z", "5", "2") "]");
  g_assert_cmpint (run (f, &out, &err, "--import=reviews", after_file,
                        "--now=2026-11-22T12:00:00Z", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "5 reviews imported, 0 were there already\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (f, &out, &err, "--export=training", "--now=2026-11-22T12:00:00Z", NULL),
                   ==, 0);
  row = only_object (parser, out);
  g_assert_cmpstr (json_object_get_string_member (row, "state"), ==, "completed");
  g_assert_cmpstr (json_object_get_string_member (row, "completed"), ==, "2026-11-16T12:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (row, "completed_by"), ==, "alice");
  g_assert_cmpfloat (json_object_get_double_member (row, "iqs_after"), ==, 85);
  g_assert_cmpint (json_object_get_int_member (row, "reviews_after"), ==, 5);
  g_assert_cmpfloat (json_object_get_double_member (row, "difference"), ==, 60);
  g_assert_cmpfloat (json_object_get_double_member (row, "difference_low"), ==, 43);
  g_assert_cmpfloat (json_object_get_double_member (row, "difference_high"), ==, 77);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (f, &out, &err, "--export=training-modules", NULL), ==, 0);
  row = only_object (parser, out);
  g_assert_cmpstr (json_object_get_string_member (row, "module"), ==, "Accuracy drill");
  g_assert_cmpint (json_object_get_int_member (row, "completed"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (row, "measured"), ==, 1);
  g_assert_cmpfloat (json_object_get_double_member (row, "mean_effect"), ==, 60);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Only the assignments made in [--from, --to). */
  g_assert_cmpint (run (f, &out, &err, "--export=training", "--from=2026-11-16T00:00:00Z", NULL),
                   ==, 0);
  g_assert_cmpstr (g_strstrip (out), ==, "[]");
}

/* A command line that cannot work says so, status 2. */
static void
test_wrong_lines (Fixture       *f,
                  gconstpointer  data)
{
  static const char * const lines[][3] = {
    { "--import=scorecard", NULL, NULL },
    { "--import=tickets", "x.json", NULL },
    { "--import=training", NULL, NULL },
    { "--export=qa", "--group-by=channel", NULL },
    { "--export=qa", "--group-by=queue", NULL },
    { "--export=reviews", "--format=csv", NULL },
    { "--export=qa", "--from=yesterday", NULL },
    { "--export=reviews", "--session=Week 46", NULL },
    { "--export=precision", "--target=0", NULL },
    { "--export=qa", "--target=5", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      int status = run (f, &out, &err, lines[i][0], lines[i][1], NULL);

      if (status != 2 || strstr (err, "csm-console: ") == NULL)
        g_test_fail_printf ("line %u: status %d, “%s”", i, status, err);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli/qa/round-trip", Fixture, NULL, fixture_set_up, test_round_trip,
              fixture_tear_down);
  g_test_add ("/cli/qa/calibration", Fixture, NULL, fixture_set_up, test_calibration,
              fixture_tear_down);
  g_test_add ("/cli/qa/precision-and-assignments", Fixture, NULL, fixture_set_up,
              test_precision_and_assignments, fixture_tear_down);
  g_test_add ("/cli/qa/training", Fixture, NULL, fixture_set_up, test_training,
              fixture_tear_down);
  g_test_add ("/cli/qa/wrong-lines", Fixture, NULL, fixture_set_up, test_wrong_lines,
              fixture_tear_down);

  return g_test_run ();
}
