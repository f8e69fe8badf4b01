/* csm-workspace-schema.c: the workspace's tables, as one list of versioned migrations for both databases.
 *
 * Each step is portable SQL (TEXT, INTEGER, BIGINT; no generated ids:
 * reviews carry ids made by the client) and runs in one transaction with
 * the row that records it, so a workspace is always at a version some
 * console knows. A newer workspace than this console is refused.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-workspace"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csm-workspace-private.h"

static const char * const migrations[] = {
  /* 1: scorecards, each version a row holding its JSON; reviews, a row a
   * submission, the same submission never twice. */
  "CREATE TABLE scorecards ("
  "  name TEXT NOT NULL,"
  "  version INTEGER NOT NULL,"
  "  definition TEXT NOT NULL,"
  "  created_by TEXT NOT NULL,"
  "  created BIGINT NOT NULL,"
  "  PRIMARY KEY (name, version));"
  "CREATE TABLE reviews ("
  "  id TEXT PRIMARY KEY,"
  "  conversation TEXT NOT NULL,"
  "  agent TEXT NOT NULL,"
  "  reviewer TEXT NOT NULL,"
  "  scorecard TEXT NOT NULL,"
  "  scorecard_version INTEGER NOT NULL,"
  "  submitted BIGINT NOT NULL,"
  "  calibration_session TEXT,"
  "  ratings TEXT NOT NULL,"
  "  notes TEXT,"
  "  comment TEXT,"
  "  replaces TEXT,"
  "  UNIQUE (conversation, reviewer, scorecard, scorecard_version, submitted),"
  "  FOREIGN KEY (scorecard, scorecard_version) REFERENCES scorecards (name, version));"
  "CREATE INDEX reviews_submitted ON reviews (submitted);"
  "CREATE INDEX reviews_agent ON reviews (agent);",
  /* 2: conversations assigned to reviewers, by a lead or an admin. */
  "CREATE TABLE assignments ("
  "  conversation TEXT NOT NULL,"
  "  reviewer TEXT NOT NULL,"
  "  assigned_by TEXT NOT NULL,"
  "  assigned BIGINT NOT NULL,"
  "  PRIMARY KEY (conversation, reviewer));",
  /* 3: due dates, and the probability a sample picked a conversation
   * with (for an unbiased IQS); calibration sessions (their conversations, reviewers,
   * and which reviewer has submitted which conversation: who may see the
   * others' scores); agents' disputes of a rating, each step with who and
   * when. */
  "ALTER TABLE assignments ADD COLUMN due BIGINT;"
  "ALTER TABLE assignments ADD COLUMN probability DOUBLE PRECISION;"
  "CREATE TABLE calibration_sessions ("
  "  name TEXT PRIMARY KEY,"
  "  scorecard TEXT NOT NULL,"
  "  created_by TEXT NOT NULL,"
  "  created BIGINT NOT NULL,"
  "  deadline BIGINT NOT NULL,"
  "  gold_reviewer TEXT);"
  "CREATE TABLE calibration_conversations ("
  "  session TEXT NOT NULL REFERENCES calibration_sessions (name),"
  "  conversation TEXT NOT NULL,"
  "  PRIMARY KEY (session, conversation));"
  "CREATE TABLE calibration_reviewers ("
  "  session TEXT NOT NULL REFERENCES calibration_sessions (name),"
  "  reviewer TEXT NOT NULL,"
  "  PRIMARY KEY (session, reviewer));"
  "CREATE TABLE calibration_progress ("
  "  session TEXT NOT NULL REFERENCES calibration_sessions (name),"
  "  reviewer TEXT NOT NULL,"
  "  conversation TEXT NOT NULL,"
  "  review TEXT NOT NULL,"
  "  PRIMARY KEY (session, reviewer, conversation));"
  "CREATE TABLE disputes ("
  "  id TEXT PRIMARY KEY,"
  "  review TEXT NOT NULL REFERENCES reviews (id),"
  "  conversation TEXT NOT NULL,"
  "  agent TEXT NOT NULL,"
  "  reviewer TEXT NOT NULL,"
  "  category TEXT NOT NULL,"
  "  rating INTEGER NOT NULL,"
  "  proposed INTEGER,"
  "  reason TEXT NOT NULL,"
  "  opened_by TEXT NOT NULL,"
  "  opened BIGINT NOT NULL,"
  "  state TEXT NOT NULL,"
  "  decided_by TEXT,"
  "  decided BIGINT,"
  "  decision TEXT,"
  "  new_rating INTEGER,"
  "  new_review TEXT,"
  "  UNIQUE (review, category));"
  "CREATE INDEX disputes_agent ON disputes (agent);"
  "CREATE TABLE workspace_settings ("
  "  name TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL);"
  "INSERT INTO workspace_settings (name, value) VALUES ('dispute_window_days', '14');",
  /* 4: training: how many reviews each side of an effect takes; the catalog's modules (their categories a JSON list) and
   * rules; assignments, by hand or by a rule (which says on which reviews
   * it fired), each step with who and when, none before the assignment.
   * An agent has a module open once at most. */
  "CREATE TABLE training_modules ("
  "  name TEXT PRIMARY KEY,"
  "  description TEXT NOT NULL,"
  "  link TEXT,"
  "  minutes INTEGER NOT NULL,"
  "  categories TEXT NOT NULL,"
  "  updated_by TEXT NOT NULL,"
  "  updated BIGINT NOT NULL);"
  "CREATE TABLE training_rules ("
  "  name TEXT PRIMARY KEY,"
  "  category TEXT NOT NULL,"
  "  below DOUBLE PRECISION NOT NULL,"
  "  min_reviews INTEGER NOT NULL,"
  "  days INTEGER NOT NULL,"
  "  module TEXT NOT NULL,"
  "  due_days INTEGER NOT NULL,"
  "  updated_by TEXT NOT NULL,"
  "  updated BIGINT NOT NULL);"
  "CREATE TABLE training_assignments ("
  "  id TEXT PRIMARY KEY,"
  "  agent TEXT NOT NULL,"
  "  module TEXT NOT NULL,"
  "  categories TEXT NOT NULL,"
  "  assigned BIGINT NOT NULL,"
  "  assigned_by TEXT NOT NULL,"
  "  due BIGINT NOT NULL,"
  "  rule TEXT,"
  "  fired_on TEXT,"
  "  note TEXT,"
  "  started BIGINT,"
  "  started_by TEXT,"
  "  completed BIGINT,"
  "  completed_by TEXT,"
  "  CHECK (due > assigned),"
  "  CHECK (started IS NULL OR started >= assigned),"
  "  CHECK (completed IS NULL OR completed >= assigned),"
  "  CHECK (completed IS NULL OR started IS NULL OR completed >= started),"
  "  CHECK ((started IS NULL) = (started_by IS NULL)),"
  "  CHECK ((completed IS NULL) = (completed_by IS NULL)));"
  "CREATE UNIQUE INDEX training_open ON training_assignments (agent, module)"
  "  WHERE completed IS NULL;"
  "CREATE INDEX training_agent ON training_assignments (agent);"
  "INSERT INTO workspace_settings (name, value) VALUES ('training_effect_reviews', '5');",
};

/**
 * _csm_workspace_schema_version:
 *
 * Returns: the schema version this console writes
 */
int
_csm_workspace_schema_version (void)
{
  return G_N_ELEMENTS (migrations);
}

static gboolean
rollback (CsmDb   *db,
          GError **error)
{
  csm_db_exec (db, "ROLLBACK", NULL);
  return FALSE;
}

/**
 * _csm_workspace_migrate:
 *
 * Brings the database to the schema version of this console, a step a
 * transaction; idempotent.
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
gboolean
_csm_workspace_migrate (CsmDb   *db,
                        GError **error)
{
  int current;

  if (!csm_db_exec (db, "CREATE TABLE IF NOT EXISTS csm_schema (version INTEGER NOT NULL)",
                    error))
    return FALSE;
  /* The version is read in the transaction that migrates, holding the
   * write lock: two consoles opening a new workspace at once migrate it
   * once. */
  for (;;)
    {
      g_autoptr(CsmDbRows) rows = NULL;
      g_autofree char *record = NULL;

      if (!csm_db_begin_write (db, error))
        return FALSE;
      rows = csm_db_query (db, "SELECT COALESCE (MAX (version), 0) FROM csm_schema", NULL, 0,
                           error);
      if (rows == NULL)
        return rollback (db, error);
      current = (int) csm_db_rows_get_int (rows, 0, 0);
      if (current > (int) G_N_ELEMENTS (migrations))
        {
          rollback (db, NULL);
          g_set_error (error, CSM_WORKSPACE_ERROR, CSM_WORKSPACE_ERROR_FAILED,
                       _("The workspace is at version %d, newer than this console knows (%d): "
                         "update the console"), current, (int) G_N_ELEMENTS (migrations));
          return FALSE;
        }
      if (current == (int) G_N_ELEMENTS (migrations))
        return csm_db_exec (db, "COMMIT", error) || rollback (db, error);
      record = g_strdup_printf ("INSERT INTO csm_schema (version) VALUES (%d)", current + 1);
      if (!csm_db_exec (db, migrations[current], error) || !csm_db_exec (db, record, error) ||
          !csm_db_exec (db, "COMMIT", error))
        return rollback (db, error);
    }
  return TRUE;
}
