/* csm-workspace-pg.c: a team's PostgreSQL workspace: its group roles, grants and row-level security, and its members.
 *
 * The database, not the console, decides who sees and writes what:
 *   - csm_agent reads its own reviews (agent = session_user, the login:
 *     SET ROLE cannot pass for another) and nothing else of them, and
 *     writes none;
 *   - csm_reviewer writes reviews as itself (reviewer = session_user) and
 *     reads every review;
 *   - csm_lead reads everything and assigns conversations to reviewers
 *     (as itself), who each read the assignments made to them;
 *   - csm_admin does what a lead does and alone writes scorecards;
 *   - calibration is blind: a reviewer reads the others' reviews of a
 *     session only after submitting every conversation of it;
 *   - an agent disputes ratings of their own reviews; the review's reviewer
 *     or a lead decides, once, as themselves.
 * A person is a login role named as their helpdesk user, granted one of
 * these. Setting it all up is idempotent, and brings an older schema up.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-workspace"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csm-workspace-private.h"

static const char security[] =
  "DO $$ BEGIN"
  "  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'csm_agent') THEN"
  "    CREATE ROLE csm_agent NOLOGIN; END IF;"
  "  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'csm_reviewer') THEN"
  "    CREATE ROLE csm_reviewer NOLOGIN; END IF;"
  "  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'csm_lead') THEN"
  "    CREATE ROLE csm_lead NOLOGIN; END IF;"
  "  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'csm_admin') THEN"
  "    CREATE ROLE csm_admin NOLOGIN; END IF;"
  "END $$;"
  "REVOKE ALL ON csm_schema, scorecards, reviews, assignments, calibration_sessions,"
  "  calibration_conversations, calibration_reviewers, calibration_progress, disputes,"
  "  workspace_settings, training_modules, training_rules, training_assignments FROM PUBLIC;"
  /* The team's settings: all read them; an admin changes them. */
  "GRANT SELECT ON workspace_settings TO csm_agent, csm_reviewer, csm_lead, csm_admin;"
  "GRANT UPDATE (value) ON workspace_settings TO csm_admin;"
  "GRANT SELECT ON csm_schema, scorecards TO csm_agent, csm_reviewer, csm_lead, csm_admin;"
  "GRANT INSERT ON scorecards TO csm_admin;"
  "ALTER TABLE scorecards ENABLE ROW LEVEL SECURITY;"
  "ALTER TABLE scorecards FORCE ROW LEVEL SECURITY;"
  "DROP POLICY IF EXISTS csm_members_read_scorecards ON scorecards;"
  "CREATE POLICY csm_members_read_scorecards ON scorecards FOR SELECT"
  "  TO csm_agent, csm_reviewer, csm_lead, csm_admin USING (true);"
  "DROP POLICY IF EXISTS csm_admin_writes_scorecards ON scorecards;"
  "CREATE POLICY csm_admin_writes_scorecards ON scorecards FOR INSERT TO csm_admin"
  "  WITH CHECK (created_by = session_user);"
  "GRANT SELECT ON reviews TO csm_agent, csm_reviewer, csm_lead, csm_admin;"
  "GRANT INSERT ON reviews TO csm_reviewer;"
  "ALTER TABLE reviews ENABLE ROW LEVEL SECURITY;"
  "ALTER TABLE reviews FORCE ROW LEVEL SECURITY;"
  "DROP POLICY IF EXISTS csm_agent_reads_own ON reviews;"
  "CREATE POLICY csm_agent_reads_own ON reviews FOR SELECT TO csm_agent"
  "  USING (agent = session_user AND calibration_session IS NULL);"
  /* Calibration is blind: a reviewer reads others' reviews of a session
   * only once they have submitted a review of each of its conversations
   * (calibration_progress, which they can add to only for a review of
   * their own). */
  "DROP POLICY IF EXISTS csm_reviewer_reads ON reviews;"
  "CREATE POLICY csm_reviewer_reads ON reviews FOR SELECT TO csm_reviewer USING ("
  "  reviews.calibration_session IS NULL OR reviews.reviewer = session_user OR ("
  "    EXISTS (SELECT 1 FROM calibration_reviewers m"
  "            WHERE m.session = reviews.calibration_session AND m.reviewer = session_user)"
  "    AND NOT EXISTS (SELECT 1 FROM calibration_conversations c"
  "                    WHERE c.session = reviews.calibration_session AND NOT EXISTS ("
  "                      SELECT 1 FROM calibration_progress p WHERE p.session = c.session"
  "                      AND p.conversation = c.conversation AND p.reviewer = session_user))));"
  "DROP POLICY IF EXISTS csm_reviewer_writes_own ON reviews;"
  /* A calibration review only in a session one is in, and one a
   * conversation: once submitted (progress names it), no other, however
   * dated, takes its place. */
  "CREATE POLICY csm_reviewer_writes_own ON reviews FOR INSERT TO csm_reviewer"
  "  WITH CHECK (reviews.reviewer = session_user AND (reviews.calibration_session IS NULL OR ("
  "    EXISTS (SELECT 1 FROM calibration_reviewers m"
  "            WHERE m.session = reviews.calibration_session AND m.reviewer = session_user)"
  "    AND NOT EXISTS (SELECT 1 FROM calibration_progress p"
  "                    WHERE p.session = reviews.calibration_session"
  "                    AND p.reviewer = session_user AND p.conversation = reviews.conversation"
  "                    AND p.review <> reviews.id))));"
  /* A lead writes a review in another's name only as the new version an
   * accepted dispute they decided names. */
  "GRANT INSERT ON reviews TO csm_lead, csm_admin;"
  "DROP POLICY IF EXISTS csm_lead_corrects ON reviews;"
  "CREATE POLICY csm_lead_corrects ON reviews FOR INSERT TO csm_lead, csm_admin"
  "  WITH CHECK (reviews.replaces IS NOT NULL AND reviews.calibration_session IS NULL"
  "    AND EXISTS (SELECT 1 FROM disputes d"
  "    WHERE d.new_review = reviews.id AND d.decided_by = session_user"
  "    AND d.state = 'accepted' AND d.conversation = reviews.conversation"
  "    AND d.agent = reviews.agent AND d.reviewer = reviews.reviewer"
  "    AND reviews.submitted >= d.decided));"
  /* Leads and admins read all, but a calibration session they review in
   * is as blind to them as to any reviewer. */
  "DROP POLICY IF EXISTS csm_lead_reads ON reviews;"
  "CREATE POLICY csm_lead_reads ON reviews FOR SELECT TO csm_lead, csm_admin USING ("
  "  reviews.calibration_session IS NULL OR reviews.reviewer = session_user"
  "  OR NOT EXISTS (SELECT 1 FROM calibration_reviewers m"
  "                 WHERE m.session = reviews.calibration_session AND m.reviewer = session_user)"
  "  OR NOT EXISTS (SELECT 1 FROM calibration_conversations c"
  "                 WHERE c.session = reviews.calibration_session AND NOT EXISTS ("
  "                   SELECT 1 FROM calibration_progress p WHERE p.session = c.session"
  "                   AND p.conversation = c.conversation AND p.reviewer = session_user)));"
  "DROP POLICY IF EXISTS csm_admin_reads ON reviews;"
  /* Assignments: a reviewer reads their own; leads and admins read all and
   * assign as themselves. */
  "GRANT SELECT ON assignments TO csm_reviewer, csm_lead, csm_admin;"
  "GRANT INSERT ON assignments TO csm_lead, csm_admin;"
  "ALTER TABLE assignments ENABLE ROW LEVEL SECURITY;"
  "ALTER TABLE assignments FORCE ROW LEVEL SECURITY;"
  "DROP POLICY IF EXISTS csm_reviewer_reads_assigned ON assignments;"
  "CREATE POLICY csm_reviewer_reads_assigned ON assignments FOR SELECT TO csm_reviewer"
  "  USING (reviewer = session_user);"
  "DROP POLICY IF EXISTS csm_lead_reads_assignments ON assignments;"
  "CREATE POLICY csm_lead_reads_assignments ON assignments FOR SELECT TO csm_lead, csm_admin"
  "  USING (true);"
  "DROP POLICY IF EXISTS csm_lead_assigns ON assignments;"
  "CREATE POLICY csm_lead_assigns ON assignments FOR INSERT TO csm_lead, csm_admin"
  "  WITH CHECK (assigned_by = session_user);"
  /* Calibration sessions: leads and admins set them up as themselves and
   * read them all; a reviewer reads the sessions they are in, their
   * conversations, and their own membership. Progress (who has submitted
   * which conversation, no score) is read by all who review or lead;
   * its policy has no subquery, so the reviews policy can read it. */
  "GRANT SELECT ON calibration_sessions, calibration_conversations, calibration_reviewers,"
  "  calibration_progress TO csm_reviewer, csm_lead, csm_admin;"
  "GRANT INSERT ON calibration_sessions, calibration_conversations, calibration_reviewers"
  "  TO csm_lead, csm_admin;"
  "GRANT INSERT ON calibration_progress TO csm_reviewer;"
  "ALTER TABLE calibration_sessions ENABLE ROW LEVEL SECURITY;"
  "ALTER TABLE calibration_sessions FORCE ROW LEVEL SECURITY;"
  "ALTER TABLE calibration_conversations ENABLE ROW LEVEL SECURITY;"
  "ALTER TABLE calibration_conversations FORCE ROW LEVEL SECURITY;"
  "ALTER TABLE calibration_reviewers ENABLE ROW LEVEL SECURITY;"
  "ALTER TABLE calibration_reviewers FORCE ROW LEVEL SECURITY;"
  "ALTER TABLE calibration_progress ENABLE ROW LEVEL SECURITY;"
  "ALTER TABLE calibration_progress FORCE ROW LEVEL SECURITY;"
  "DROP POLICY IF EXISTS csm_lead_reads_sessions ON calibration_sessions;"
  "CREATE POLICY csm_lead_reads_sessions ON calibration_sessions FOR SELECT"
  "  TO csm_lead, csm_admin USING (true);"
  "DROP POLICY IF EXISTS csm_reviewer_reads_sessions ON calibration_sessions;"
  "CREATE POLICY csm_reviewer_reads_sessions ON calibration_sessions FOR SELECT TO csm_reviewer"
  "  USING (EXISTS (SELECT 1 FROM calibration_reviewers m"
  "                 WHERE m.session = calibration_sessions.name AND m.reviewer = session_user));"
  "DROP POLICY IF EXISTS csm_lead_makes_sessions ON calibration_sessions;"
  "CREATE POLICY csm_lead_makes_sessions ON calibration_sessions FOR INSERT"
  "  TO csm_lead, csm_admin WITH CHECK (created_by = session_user);"
  "DROP POLICY IF EXISTS csm_lead_reads_members ON calibration_reviewers;"
  "CREATE POLICY csm_lead_reads_members ON calibration_reviewers FOR SELECT"
  "  TO csm_lead, csm_admin USING (true);"
  "DROP POLICY IF EXISTS csm_reviewer_reads_membership ON calibration_reviewers;"
  "CREATE POLICY csm_reviewer_reads_membership ON calibration_reviewers FOR SELECT"
  "  TO csm_reviewer USING (reviewer = session_user);"
  "DROP POLICY IF EXISTS csm_lead_adds_members ON calibration_reviewers;"
  "CREATE POLICY csm_lead_adds_members ON calibration_reviewers FOR INSERT TO csm_lead, csm_admin"
  "  WITH CHECK (EXISTS (SELECT 1 FROM calibration_sessions s"
  "    WHERE s.name = calibration_reviewers.session AND s.created_by = session_user));"
  "DROP POLICY IF EXISTS csm_lead_reads_session_conversations ON calibration_conversations;"
  "CREATE POLICY csm_lead_reads_session_conversations ON calibration_conversations FOR SELECT"
  "  TO csm_lead, csm_admin USING (true);"
  "DROP POLICY IF EXISTS csm_reviewer_reads_session_conversations ON calibration_conversations;"
  "CREATE POLICY csm_reviewer_reads_session_conversations ON calibration_conversations"
  "  FOR SELECT TO csm_reviewer USING (EXISTS (SELECT 1 FROM calibration_reviewers m"
  "    WHERE m.session = calibration_conversations.session AND m.reviewer = session_user));"
  "DROP POLICY IF EXISTS csm_lead_adds_session_conversations ON calibration_conversations;"
  "CREATE POLICY csm_lead_adds_session_conversations ON calibration_conversations FOR INSERT"
  "  TO csm_lead, csm_admin WITH CHECK (EXISTS (SELECT 1 FROM calibration_sessions s"
  "    WHERE s.name = calibration_conversations.session AND s.created_by = session_user));"
  "DROP POLICY IF EXISTS csm_members_read_progress ON calibration_progress;"
  "CREATE POLICY csm_members_read_progress ON calibration_progress FOR SELECT"
  "  TO csm_reviewer, csm_lead, csm_admin USING (true);"
  "DROP POLICY IF EXISTS csm_reviewer_progresses ON calibration_progress;"
  "CREATE POLICY csm_reviewer_progresses ON calibration_progress FOR INSERT TO csm_reviewer"
  "  WITH CHECK (calibration_progress.reviewer = session_user AND EXISTS ("
  "    SELECT 1 FROM reviews v WHERE v.id = calibration_progress.review"
  "    AND v.calibration_session = calibration_progress.session"
  "    AND v.conversation = calibration_progress.conversation AND v.reviewer = session_user));"
  /* Disputes: an agent opens one, as themselves, on a review of their own
   * they can read (never a calibration review) and reads their own; the
   * review's reviewer reads and decides the ones on their reviews; leads
   * and admins read and decide all. A decision is made once, as oneself. */
  "GRANT SELECT, INSERT ON disputes TO csm_agent;"
  "GRANT SELECT ON disputes TO csm_reviewer, csm_lead, csm_admin;"
  "GRANT UPDATE (state, decided_by, decided, decision, new_rating, new_review) ON disputes"
  "  TO csm_reviewer, csm_lead, csm_admin;"
  "ALTER TABLE disputes ENABLE ROW LEVEL SECURITY;"
  "ALTER TABLE disputes FORCE ROW LEVEL SECURITY;"
  "DROP POLICY IF EXISTS csm_agent_reads_disputes ON disputes;"
  "CREATE POLICY csm_agent_reads_disputes ON disputes FOR SELECT TO csm_agent"
  "  USING (agent = session_user);"
  "DROP POLICY IF EXISTS csm_agent_disputes ON disputes;"
  "CREATE POLICY csm_agent_disputes ON disputes FOR INSERT TO csm_agent WITH CHECK ("
  "  disputes.agent = session_user AND disputes.opened_by = session_user"
  "  AND disputes.state = 'open' AND disputes.decided_by IS NULL AND disputes.decided IS NULL"
  "  AND disputes.new_review IS NULL AND disputes.decision IS NULL"
  "  AND disputes.new_rating IS NULL AND EXISTS (SELECT 1 FROM reviews r"
  "    WHERE r.id = disputes.review AND r.agent = session_user"
  "    AND r.reviewer = disputes.reviewer AND r.conversation = disputes.conversation"
  "    AND r.calibration_session IS NULL AND r.ratings::jsonb ? disputes.category"
  /* Within the team's window after the review (the time is the console's). */
  "    AND disputes.opened >= r.submitted AND disputes.opened <= r.submitted + 86400 *"
  "        COALESCE ((SELECT value::bigint FROM workspace_settings"
  "                   WHERE name = 'dispute_window_days'), 14)"
  "    AND COALESCE (NULLIF (r.ratings::jsonb ->> disputes.category, 'n/a'), '0')::int"
  "        = disputes.rating));"
  "DROP POLICY IF EXISTS csm_reviewer_reads_disputes ON disputes;"
  "CREATE POLICY csm_reviewer_reads_disputes ON disputes FOR SELECT TO csm_reviewer"
  "  USING (reviewer = session_user);"
  "DROP POLICY IF EXISTS csm_reviewer_decides ON disputes;"
  "CREATE POLICY csm_reviewer_decides ON disputes FOR UPDATE TO csm_reviewer"
  "  USING (reviewer = session_user AND state = 'open')"
  "  WITH CHECK (reviewer = session_user AND decided_by = session_user"
  "              AND state IN ('accepted', 'rejected'));"
  "DROP POLICY IF EXISTS csm_lead_reads_disputes ON disputes;"
  "CREATE POLICY csm_lead_reads_disputes ON disputes FOR SELECT TO csm_lead, csm_admin"
  "  USING (true);"
  "DROP POLICY IF EXISTS csm_lead_decides ON disputes;"
  "CREATE POLICY csm_lead_decides ON disputes FOR UPDATE TO csm_lead, csm_admin"
  "  USING (state = 'open')"
  "  WITH CHECK (decided_by = session_user AND state IN ('accepted', 'rejected'));";

/**
 * _csm_workspace_pg_init:
 *
 * Makes or migrates the schema and sets up the roles, grants and
 * policies, in one transaction after the migrations. The connection's
 * role must own the tables (or be a superuser) and may create roles.
 */
gboolean
_csm_workspace_pg_init (CsmDb   *db,
                        GError **error)
{
  if (!_csm_workspace_migrate (db, error) || !csm_db_begin_write (db, error))
    return FALSE;
  if (!csm_db_exec (db, security, error) ||
      !csm_db_exec (db, _csm_workspace_pg_training_security, error) ||
      !csm_db_exec (db, "COMMIT", error))
    {
      csm_db_exec (db, "ROLLBACK", NULL);
      return FALSE;
    }
  return TRUE;
}

/**
 * _csm_workspace_pg_check:
 *
 * A person's connection does not change the schema: it must be there, at
 * this console's version.
 */
gboolean
_csm_workspace_pg_check (CsmDb       *db,
                         const char  *location,
                         GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(CsmDbRows) rows = csm_db_query (db, "SELECT COALESCE (MAX (version), 0) FROM "
                                                "csm_schema", NULL, 0, &local_error);
  int version = rows != NULL ? (int) csm_db_rows_get_int (rows, 0, 0) : 0;

  g_autofree char *shown = csm_db_redact_location (location);

  /* Unreachable, or a login of no group: said as it is. */
  if (rows == NULL && (g_error_matches (local_error, CSM_WORKSPACE_ERROR,
                                        CSM_WORKSPACE_ERROR_UNAVAILABLE) ||
                       g_error_matches (local_error, CSM_WORKSPACE_ERROR,
                                        CSM_WORKSPACE_ERROR_DENIED)))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (version > _csm_workspace_schema_version ())
    {
      g_set_error (error, CSM_WORKSPACE_ERROR, CSM_WORKSPACE_ERROR_FAILED,
                   _("The workspace is at version %d, newer than this console knows (%d): "
                     "update the console"), version, _csm_workspace_schema_version ());
      return FALSE;
    }
  if (version < _csm_workspace_schema_version ())
    {
      g_set_error (error, CSM_WORKSPACE_ERROR, CSM_WORKSPACE_ERROR_FAILED,
                   _("The workspace %s is not set up for this console (schema %d of %d): its "
                     "admin runs csm-console --workspace-init"), shown, version,
                   _csm_workspace_schema_version ());
      return FALSE;
    }
  return TRUE;
}

/**
 * _csm_workspace_pg_add_member:
 * @name: the person's helpdesk user name, which becomes their role
 * @role: "agent", "reviewer", "lead" or "admin"
 * @password: (nullable): the login's password when it is made; %NULL: the
 *   admin sets one out of band. A login that exists keeps its password.
 *
 * Makes the login role if there is none, and grants it the group role.
 */
gboolean
_csm_workspace_pg_add_member (CsmDb       *db,
                              const char  *name,
                              const char  *role,
                              const char  *password,
                              GError     **error)
{
  static const char * const roles[] = { "agent", "reviewer", "lead", "admin", NULL };
  g_autofree char *group = NULL;
  g_autoptr(CsmDbRows) existing = NULL;
  g_autoptr(CsmDbRows) create = NULL;
  g_autoptr(CsmDbRows) grant = NULL;

  if (!g_strv_contains (roles, role))
    {
      g_set_error (error, CSM_WORKSPACE_ERROR, CSM_WORKSPACE_ERROR_FAILED,
                   _("--role must be “agent”, “reviewer”, “lead” or “admin”"));
      return FALSE;
    }
  /* A person, not one of the groups or the server's own roles. */
  if (name == NULL || *name == '\0' || g_str_has_prefix (name, "csm_") ||
      g_str_has_prefix (name, "pg_"))
    {
      g_set_error (error, CSM_WORKSPACE_ERROR, CSM_WORKSPACE_ERROR_FAILED,
                   _("“%s” cannot be a member: names beginning csm_ or pg_ are roles, not "
                     "people"), name != NULL ? name : "");
      return FALSE;
    }
  group = g_strconcat ("csm_", role, NULL);
  {
    const char *by_name[] = { name };

    existing = csm_db_query (db, "SELECT rolcanlogin FROM pg_roles WHERE rolname = $1", by_name,
                             1, error);
  }
  if (existing == NULL)
    return FALSE;
  if (existing->n_rows > 0 && g_strcmp0 (csm_db_rows_get (existing, 0, 0), "t") != 0)
    {
      g_set_error (error, CSM_WORKSPACE_ERROR, CSM_WORKSPACE_ERROR_FAILED,
                   _("“%s” is a role no one logs in as, not a person"), name);
      return FALSE;
    }
  if (existing->n_rows == 0)
    {
      /* The password goes to the server only as its SCRAM verifier, in a
       * statement the server's format() quotes. */
      g_autofree char *verifier = password != NULL
                                  ? csm_db_pg_encrypt_password (db, name, password) : NULL;
      const char *params[] = { name, verifier };

      if (password != NULL && verifier == NULL)
        {
          g_set_error (error, CSM_WORKSPACE_ERROR, CSM_WORKSPACE_ERROR_FAILED,
                       _("The password could not be prepared for the server"));
          return FALSE;
        }
      create = csm_db_query (db, verifier != NULL
                                 ? "SELECT format ('CREATE ROLE %I LOGIN PASSWORD %L', "
                                   "$1::text, $2::text)"
                                 : "SELECT format ('CREATE ROLE %I LOGIN', $1::text)",
                             params, verifier != NULL ? 2 : 1, error);
      if (create == NULL || !csm_db_exec (db, csm_db_rows_get (create, 0, 0), error))
        return FALSE;
    }
  {
    const char *grant_params[] = { group, name };

    grant = csm_db_query (db, "SELECT format ('GRANT %I TO %I', $1::text, $2::text)",
                          grant_params, 2, error);
  }
  return grant != NULL && csm_db_exec (db, csm_db_rows_get (grant, 0, 0), error);
}
