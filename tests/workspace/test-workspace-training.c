/* test-workspace-training.c: the training catalog and assignments in the QA workspace, on a real SQLite file or a real PostgreSQL server; on PostgreSQL, who does what, proven in SQL as each role.
 *
 * With CSM_TEST_WORKSPACE=postgresql the console's calls run on a
 * throw-away cluster this program starts and stops: rosa an admin who
 * reviews, sam a reviewer, lea a lead, alice and bob agents, each their
 * own role. Plain libpq connections prove the row-level security.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "csm-test-async.h"
#include "csm-test-workspace.h"
#include "csm-time.h"
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
  CsmWorkspace *rosa;  /* admin and reviewer; on SQLite, the owner */
  CsmWorkspace *sam;   /* reviewer */
  CsmWorkspace *lea;   /* lead */
  CsmWorkspace *alice; /* agent */
  GTimeZone *tz;
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
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("csm-workspace-training-XXXXXX", &error);
  g_assert_no_error (error);
  f->tz = g_time_zone_new_identifier ("Europe/Berlin");
#if HAVE_LIBPQ
  if (postgresql)
    {
      static const char * const members[][2] = {
        { "rosa", "admin" }, { "rosa", "reviewer" }, { "sam", "reviewer" }, { "lea", "lead" },
        { "alice", "agent" }, { "bob", "agent" },
      };
      g_autofree char *name = g_strdup_printf ("training%u", ++databases);

      f->location = csm_test_pg_team (pg, name, NULL, members, G_N_ELEMENTS (members));
    }
#endif
  if (f->location == NULL)
    f->location = g_build_filename (f->dir, "workspace.sqlite", NULL);
  f->rosa = open_as (f->location, "rosa");
  /* This computer's own workspace has one person, who may do all. */
  f->sam = open_as (f->location, postgresql ? "sam" : "rosa");
  f->lea = open_as (f->location, postgresql ? "lea" : "rosa");
  f->alice = open_as (f->location, postgresql ? "alice" : "rosa");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->rosa);
  g_clear_object (&f->sam);
  g_clear_object (&f->lea);
  g_clear_object (&f->alice);
  g_clear_pointer (&f->tz, g_time_zone_unref);
  csm_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->location);
}

static const char catalog_json[] =
  "{\"modules\": ["
  "  {\"name\": \"Listening first\", \"description\": \"Acknowledge, then solve.\","
  "   \"link\": \"https://lms.example.com/listening\", \"minutes\": 45,"
  "   \"categories\": [\"Empathy\"]},"
  "  {\"name\": \"Refund process\", \"minutes\": 20, \"categories\": [\"Process\"]}],"
  " \"rules\": ["
  "  {\"name\": \"Low empathy\", \"category\": \"Empathy\", \"below\": 50, \"min_reviews\": 3,"
  "   \"days\": 7, \"module\": \"Listening first\", \"due_days\": 5}]}";

static CsmTrainingCatalog *
update (CsmWorkspace             *ws,
        const CsmTrainingCatalog *upsert,
        const char * const       *delete_modules,
        const char * const       *delete_rules,
        GError                  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  csm_workspace_update_training_async (ws, upsert, delete_modules, delete_rules, T0, NULL,
                                       csm_test_store_result, &result);
  return csm_workspace_update_training_finish (ws, csm_test_await (&result), error);
}

static CsmTrainingCatalog *
catalog_of (CsmWorkspace *ws)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  CsmTrainingCatalog *catalog;

  csm_workspace_get_training_async (ws, NULL, csm_test_store_result, &result);
  catalog = csm_workspace_get_training_finish (ws, csm_test_await (&result), &error);
  g_assert_no_error (error);
  return catalog;
}

static CsmTrainingCatalog *
file_catalog (void)
{
  g_autoptr(GError) error = NULL;
  CsmTrainingCatalog *c = csm_training_catalog_from_json (catalog_json, &error);

  g_assert_no_error (error);
  return c;
}

/* The catalog is stored as a whole that holds together, by leads. */
static void
test_catalog (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(CsmTrainingCatalog) upsert = file_catalog ();
  g_autoptr(CsmTrainingCatalog) stored = NULL;
  g_autoptr(CsmTrainingCatalog) read = NULL;
  g_autoptr(CsmTrainingCatalog) orphan = csm_training_catalog_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *file_json = NULL;
  g_autofree char *read_json = NULL;
  CsmTrainingRule *rule;
  const char *in_use[] = { "Listening first", NULL };
  const char *low[] = { "Low empathy", NULL };

  stored = update (f->lea, upsert, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->modules->len, ==, 2);
  /* Everyone in the team reads it, agents too. */
  read = catalog_of (f->alice);
  file_json = csm_training_catalog_to_json (upsert);
  read_json = csm_training_catalog_to_json (read);
  g_assert_cmpstr (read_json, ==, file_json);

  /* A rule of a module the workspace lacks: refused, nothing written. */
  rule = csm_training_rule_copy (g_ptr_array_index (upsert->rules, 0));
  g_free (rule->name);
  rule->name = g_strdup ("Orphan");
  g_free (rule->module);
  rule->module = g_strdup ("No such module");
  g_ptr_array_add (orphan->rules, rule);
  g_clear_pointer (&stored, csm_training_catalog_free);
  stored = update (f->lea, orphan, NULL, NULL, &error);
  g_assert_null (stored);
  g_assert_nonnull (strstr (error->message, "not a module of the catalog"));
  g_clear_error (&error);
  g_clear_pointer (&read, csm_training_catalog_free);
  read = catalog_of (f->lea);
  g_assert_cmpuint (read->rules->len, ==, 1);

  /* A module a rule assigns cannot go while the rule stays. */
  stored = update (f->lea, NULL, in_use, NULL, &error);
  g_assert_null (stored);
  g_assert_nonnull (error);
  g_clear_error (&error);
  stored = update (f->lea, NULL, in_use, low, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->modules->len, ==, 1);
  g_assert_cmpuint (stored->rules->len, ==, 0);

  if (!postgresql)
    return;
  /* On a team's workspace, reviewers and agents do not change it. */
  g_clear_pointer (&stored, csm_training_catalog_free);
  stored = update (f->sam, upsert, NULL, NULL, &error);
  g_assert_null (stored);
  g_assert_error (error, CSM_WORKSPACE_ERROR, CSM_WORKSPACE_ERROR_DENIED);
  g_clear_error (&error);
  stored = update (f->alice, upsert, NULL, NULL, &error);
  g_assert_error (error, CSM_WORKSPACE_ERROR, CSM_WORKSPACE_ERROR_DENIED);
}

static CsmTrainingAssignment *
assignment (const char *agent,
            const char *module,
            gint64      assigned,
            const char *rule)
{
  CsmTrainingAssignment *a = g_new0 (CsmTrainingAssignment, 1);
  const char *categories[] = { "Empathy", NULL };
  const char *fired_on[] = { "r1", "r2", "r3", NULL };

  a->id = csm_training_assignment_make_id (agent, module, assigned);
  a->agent = g_strdup (agent);
  a->module = g_strdup (module);
  a->categories = g_strdupv ((char **) categories);
  a->assigned = assigned;
  a->due = assigned + 5 * 86400;
  a->rule = g_strdup (rule);
  a->fired_on = rule != NULL ? g_strdupv ((char **) fired_on) : NULL;
  a->note = rule == NULL ? g_strdup ("Listen to the calls of 3 November first") : NULL;
  return a;
}

static gboolean
assign (CsmWorkspace          *ws,
        CsmTrainingAssignment *a,
        guint                 *added,
        GError               **error)
{
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (
    (GDestroyNotify) csm_training_assignment_free);
  g_autoptr(GAsyncResult) result = NULL;

  g_ptr_array_add (batch, a);
  csm_workspace_assign_training_async (ws, batch, NULL, csm_test_store_result, &result);
  return csm_workspace_assign_training_finish (ws, csm_test_await (&result), added, error);
}

static gboolean
record (CsmWorkspace *ws,
        const char   *id,
        gboolean      complete,
        gint64        now,
        GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  csm_workspace_record_training_async (ws, id, complete, now, NULL, csm_test_store_result,
                                       &result);
  return csm_workspace_record_training_finish (ws, csm_test_await (&result), error);
}

static GPtrArray *
assignments_of (CsmWorkspace *ws)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *list;

  csm_workspace_list_training_async (ws, NULL, csm_test_store_result, &result);
  list = csm_workspace_list_training_finish (ws, csm_test_await (&result), &error);
  g_assert_no_error (error);
  return list;
}

/* Assigned once; started and completed once each, with who and when; a
 * module open for an agent is not assigned to them again until done. */
static void
test_assignments (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(CsmTrainingCatalog) upsert = file_catalog ();
  g_autoptr(CsmTrainingCatalog) stored = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = csm_training_assignment_make_id ("alice", "Listening first", T0);
  g_autofree char *bobs = csm_training_assignment_make_id ("bob", "Listening first", T0);
  const CsmTrainingAssignment *a;
  guint added = 0;

  stored = update (f->lea, upsert, NULL, NULL, &error);
  g_assert_no_error (error);

  /* A rule's assignment, stored by a reviewer's console. */
  g_assert_true (assign (f->sam, assignment ("alice", "Listening first", T0, "Low empathy"),
                         &added, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 1);
  /* The same again, and the same module while it is open: not twice. */
  g_assert_true (assign (f->sam, assignment ("alice", "Listening first", T0, "Low empathy"),
                         &added, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 0);
  g_assert_true (assign (f->lea, assignment ("alice", "Listening first", T0 + 60, NULL), &added,
                         &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 0);
  /* By hand, to bob, with a note. */
  g_assert_true (assign (f->lea, assignment ("bob", "Listening first", T0, NULL), &added,
                         &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 1);

  list = assignments_of (f->lea);
  g_assert_cmpuint (list->len, ==, 2);
  a = g_ptr_array_index (list, 0);
  g_assert_cmpstr (a->agent, ==, "alice");
  g_assert_cmpstr (a->rule, ==, "Low empathy");
  g_assert_cmpstr (a->assigned_by, ==, postgresql ? "sam" : "rosa");
  g_assert_cmpuint (g_strv_length (a->fired_on), ==, 3);
  g_assert_cmpint (a->due, ==, T0 + 5 * 86400);
  g_assert_cmpint (csm_training_assignment_state (a, T0), ==, CSM_TRAINING_ASSIGNED);
  a = g_ptr_array_index (list, 1);
  g_assert_cmpstr (a->note, ==, "Listen to the calls of 3 November first");
  g_assert_null (a->rule);
  g_assert_null (a->fired_on);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Alice starts and completes her own, once each. */
  g_assert_true (record (f->alice, id, FALSE, T0 + 3600, &error));
  g_assert_no_error (error);
  g_assert_false (record (f->alice, id, FALSE, T0 + 3700, &error));
  g_assert_error (error, CSM_WORKSPACE_ERROR, CSM_WORKSPACE_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_true (record (f->alice, id, TRUE, T0 + 7200, &error));
  g_assert_no_error (error);
  g_assert_false (record (f->alice, id, TRUE, T0 + 7300, &error));
  g_assert_error (error, CSM_WORKSPACE_ERROR, CSM_WORKSPACE_ERROR_DENIED);
  g_clear_error (&error);

  list = assignments_of (f->alice);
  /* An agent reads only their own. */
  g_assert_cmpuint (list->len, ==, postgresql ? 1 : 2);
  a = g_ptr_array_index (list, 0);
  g_assert_cmpint (a->started, ==, T0 + 3600);
  g_assert_cmpint (a->completed, ==, T0 + 7200);
  g_assert_cmpstr (a->completed_by, ==, postgresql ? "alice" : "rosa");
  g_assert_cmpint (csm_training_assignment_state (a, T0 + 7200), ==, CSM_TRAINING_COMPLETED);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Completed, the module may be assigned to her again. */
  g_assert_true (assign (f->lea, assignment ("alice", "Listening first", T0 + 86400, NULL),
                         &added, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 1);
  /* Her console's clock a little behind: the start is recorded at the
   * assignment, not before it. */
  {
    g_autofree char *again = csm_training_assignment_make_id ("alice", "Listening first",
                                                              T0 + 86400);

    g_assert_true (record (f->alice, again, FALSE, T0 + 86400 - 30, &error));
    g_assert_no_error (error);
    list = assignments_of (f->lea);
    for (guint i = 0; i < list->len; i++)
      if (g_strcmp0 (((CsmTrainingAssignment *) list->pdata[i])->id, again) == 0)
        g_assert_cmpint (((CsmTrainingAssignment *) list->pdata[i])->started, ==, T0 + 86400);
    g_clear_pointer (&list, g_ptr_array_unref);
  }

  if (postgresql)
    {
      /* Alice cannot record bob's; a reviewer cannot assign by hand. */
      g_assert_false (record (f->alice, bobs, TRUE, T0 + 7200, &error));
      g_assert_error (error, CSM_WORKSPACE_ERROR, CSM_WORKSPACE_ERROR_DENIED);
      g_clear_error (&error);
      g_assert_false (assign (f->sam, assignment ("bob", "Refund process", T0, NULL), &added,
                              &error));
      g_assert_error (error, CSM_WORKSPACE_ERROR, CSM_WORKSPACE_ERROR_DENIED);
      g_clear_error (&error);
    }
  /* A lead records completion for anyone, as themselves. */
  g_assert_true (record (f->lea, bobs, TRUE, T0 + 9000, &error));
  g_assert_no_error (error);
  list = assignments_of (f->lea);
  for (guint i = 0; i < list->len; i++)
    {
      a = g_ptr_array_index (list, i);
      if (g_strcmp0 (a->id, bobs) == 0)
        g_assert_cmpstr (a->completed_by, ==, postgresql ? "lea" : "rosa");
    }
}

#if HAVE_LIBPQ
static char *team;

#define AS(user, sql) g_assert_null (csm_test_pg_run_as (team, user, sql, NULL))
#define REFUSED(user, sql) csm_test_pg_assert_refused (team, user, sql)
#define COUNT(user, sql) csm_test_pg_count_as (team, user, sql)

#define ASSIGNMENT(id, agent, module, categories, assigned_by, rule, fired_on) \
  "INSERT INTO training_assignments (id, agent, module, categories, assigned, assigned_by, " \
  "due, rule, fired_on) VALUES ('" id "', '" agent "', '" module "', '" categories "', " \
  "1795000000, '" assigned_by "', 1795500000, " rule ", " fired_on ")"
#define EMPATHY "[\"Empathy\"]"
#define ON "'[\"r1\", \"r2\", \"r3\"]'"

static void
check_violated (const char *user,
                const char *sql)
{
  g_autofree char *state = csm_test_pg_run_as (team, user, sql, NULL);

  /* 23514: a check of the table. */
  g_assert_cmpstr (state, ==, "23514");
}

/* Who does what with training, in SQL as each role. */
static void
test_training_rls (void)
{
  static const char * const members[][2] = {
    { "alice", "agent" }, { "bob", "agent" }, { "sam", "reviewer" }, { "lea", "lead" },
    { "ada", "admin" },
  };

  team = csm_test_pg_team (pg, "sqlteam", NULL, members, G_N_ELEMENTS (members));

  /* The catalog: leads and admins write it as themselves; all read it. */
  REFUSED ("alice", "INSERT INTO training_modules VALUES ('M', '', NULL, 10, '" EMPATHY "', "
                    "'alice', 1)");
  REFUSED ("sam", "INSERT INTO training_modules VALUES ('M', '', NULL, 10, '" EMPATHY "', "
                  "'sam', 1)");
  REFUSED ("lea", "INSERT INTO training_modules VALUES ('M', '', NULL, 10, '" EMPATHY "', "
                  "'ada', 1)");
  AS ("lea", "INSERT INTO training_modules VALUES ('M', '', NULL, 10, '" EMPATHY "', 'lea', 1)");
  AS ("lea", "INSERT INTO training_modules VALUES ('N', '', NULL, 10, '[\"Process\"]', 'lea', 1)");
  AS ("ada", "INSERT INTO training_rules VALUES ('R', 'Empathy', 50, 3, 7, 'M', 5, 'ada', 1)");
  REFUSED ("ada", "UPDATE training_rules SET below = 60, updated_by = 'lea'");
  REFUSED ("alice", "UPDATE training_rules SET below = 60, updated_by = 'alice'");
  REFUSED ("alice", "DELETE FROM training_modules");
  g_assert_cmpint (COUNT ("alice", "SELECT count(*) FROM training_modules"), ==, 2);
  g_assert_cmpint (COUNT ("sam", "SELECT count(*) FROM training_rules"), ==, 1);

  /* Assignments: leads by hand as themselves, nothing recorded yet, the
   * module's categories, a rule named only if it assigns that module. */
  REFUSED ("alice", ASSIGNMENT ("a0", "alice", "M", EMPATHY, "alice", "NULL", "NULL"));
  REFUSED ("lea", ASSIGNMENT ("a0", "alice", "M", EMPATHY, "ada", "NULL", "NULL"));
  REFUSED ("lea", ASSIGNMENT ("a0", "alice", "M", "[\"Process\"]", "lea", "NULL", "NULL"));
  REFUSED ("lea", ASSIGNMENT ("a0", "alice", "N", "[\"Process\"]", "lea", "'R'", ON));
  REFUSED ("lea", "INSERT INTO training_assignments (id, agent, module, categories, assigned, "
                  "assigned_by, due, completed, completed_by) VALUES ('a0', 'alice', 'M', '"
                  EMPATHY "', 1795000000, 'lea', 1795500000, 1795000001, 'alice')");
  /* Due before it is made: the table's check. */
  check_violated ("lea", "INSERT INTO training_assignments (id, agent, module, categories, "
                         "assigned, assigned_by, due) VALUES ('a0', 'alice', 'M', '" EMPATHY
                         "', 1795000000, 'lea', 1795000000)");
  AS ("lea", ASSIGNMENT ("a1", "alice", "M", EMPATHY, "lea", "NULL", "NULL"));
  /* A reviewer's console only as a rule of the catalog assigns: that
   * module's, its categories, on reviews, without a note. */
  REFUSED ("sam", ASSIGNMENT ("a2", "bob", "M", EMPATHY, "sam", "NULL", ON));
  REFUSED ("sam", ASSIGNMENT ("a2", "bob", "N", "[\"Process\"]", "sam", "'R'", ON));
  REFUSED ("sam", ASSIGNMENT ("a2", "bob", "M", EMPATHY, "lea", "'R'", ON));
  REFUSED ("sam", ASSIGNMENT ("a2", "bob", "M", "[\"Process\"]", "sam", "'R'", ON));
  REFUSED ("sam", ASSIGNMENT ("a2", "bob", "M", EMPATHY, "sam", "'R'", "NULL"));
  REFUSED ("sam", "INSERT INTO training_assignments (id, agent, module, categories, assigned, "
                  "assigned_by, due, rule, fired_on, note) VALUES ('a2', 'bob', 'M', '" EMPATHY
                  "', 1795000000, 'sam', 1795500000, 'R', " ON ", 'You are slow')");
  AS ("sam", ASSIGNMENT ("a2", "bob", "M", EMPATHY, "sam", "'R'", ON));
  /* One open assignment of a module an agent: the unique index says so. */
  {
    g_autofree char *state = csm_test_pg_run_as (team, "lea",
                                                 ASSIGNMENT ("a3", "bob", "M", EMPATHY, "lea",
                                                             "NULL", "NULL"),
                                                 NULL);

    g_assert_cmpstr (state, ==, "23505");
  }

  /* An agent reads their own only. */
  g_assert_cmpint (COUNT ("alice", "SELECT count(*) FROM training_assignments"), ==, 1);
  g_assert_cmpint (COUNT ("bob", "SELECT count(*) FROM training_assignments WHERE id = 'a1'"),
                   ==, 0);
  g_assert_cmpint (COUNT ("sam", "SELECT count(*) FROM training_assignments"), ==, 2);

  /* An agent records their own, as themselves, and nothing else of it. */
  g_assert_cmpint (COUNT ("alice", "UPDATE training_assignments SET completed = 1795000600, "
                                   "completed_by = 'alice' WHERE id = 'a2'"), ==, 0);
  REFUSED ("alice", "UPDATE training_assignments SET completed = 1795000600, completed_by = "
                    "'lea' WHERE id = 'a1'");
  REFUSED ("alice", "UPDATE training_assignments SET due = 1795900000 WHERE id = 'a1'");
  REFUSED ("alice", "UPDATE training_assignments SET agent = 'bob' WHERE id = 'a1'");
  /* Never before the assignment, never one without the other. */
  check_violated ("alice", "UPDATE training_assignments SET started = 5, started_by = 'alice' "
                           "WHERE id = 'a1'");
  check_violated ("alice", "UPDATE training_assignments SET started_by = 'alice' "
                           "WHERE id = 'a1'");
  g_assert_cmpint (COUNT ("alice", "UPDATE training_assignments SET started = 1795000300, "
                                   "started_by = 'alice' WHERE id = 'a1'"), ==, 1);
  /* Started once: not moved, not undone. */
  REFUSED ("alice", "UPDATE training_assignments SET started = 1795000400 WHERE id = 'a1'");
  REFUSED ("alice", "UPDATE training_assignments SET started = NULL, started_by = NULL "
                    "WHERE id = 'a1'");
  check_violated ("alice", "UPDATE training_assignments SET completed = 1795000200, "
                           "completed_by = 'alice' WHERE id = 'a1'");
  g_assert_cmpint (COUNT ("alice", "UPDATE training_assignments SET completed = 1795000600, "
                                   "completed_by = 'alice' WHERE id = 'a1'"), ==, 1);
  /* Completed is final, for her and for a lead. */
  g_assert_cmpint (COUNT ("alice", "UPDATE training_assignments SET completed = 1795000700, "
                                   "completed_by = 'alice' WHERE id = 'a1'"), ==, 0);
  g_assert_cmpint (COUNT ("lea", "UPDATE training_assignments SET completed = 1795000700, "
                                 "completed_by = 'lea' WHERE id = 'a1'"), ==, 0);
  /* A lead records completion for anyone, as themselves; not a start. */
  REFUSED ("lea", "UPDATE training_assignments SET completed = 1795000700, completed_by = 'bob' "
                  "WHERE id = 'a2'");
  REFUSED ("lea", "UPDATE training_assignments SET started = 1795000700, started_by = 'bob' "
                  "WHERE id = 'a2'");
  REFUSED ("sam", "UPDATE training_assignments SET completed = 1795000700, completed_by = 'sam' "
                  "WHERE id = 'a2'");
  g_assert_cmpint (COUNT ("lea", "UPDATE training_assignments SET completed = 1795000700, "
                                 "completed_by = 'lea' WHERE id = 'a2'"), ==, 1);
  g_assert_cmpint (COUNT ("ada", "SELECT count(*) FROM training_assignments WHERE "
                                 "completed_by = 'lea' AND completed = 1795000700"), ==, 1);
  /* Nobody removes an assignment. */
  REFUSED ("lea", "DELETE FROM training_assignments WHERE id = 'a2'");
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
  ADD ("/workspace-training/catalog", test_catalog);
  ADD ("/workspace-training/assignments", test_assignments);
#if HAVE_LIBPQ
  if (postgresql)
    g_test_add_func ("/workspace-training/postgresql/rls", test_training_rls);
#endif

  data_home = g_dir_make_tmp ("csm-workspace-training-data-XXXXXX", NULL);
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
