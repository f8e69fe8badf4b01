/* csm-workspace-pg-training.c: who may do what with training on a team's PostgreSQL workspace: grants and row-level security.
 *
 *   - everyone in the team reads the catalog; leads and admins change it,
 *     each change signed as themselves (updated_by = session_user);
 *   - an agent reads their own assignments and nobody else's; reviewers,
 *     leads and admins read all;
 *   - leads and admins assign by hand, as themselves, nothing recorded
 *     yet; a reviewer's console stores only what a rule of the catalog
 *     assigns (the rule named, assigning that module);
 *   - an assignment's categories are its module's; a rule named is one
 *     of the catalog that assigns that module;
 *   - an agent records start and completion of their own open
 *     assignments, as themselves; a lead or an admin records completion of
 *     anyone's, as themselves; a step is recorded once (a trigger), never
 *     before the assignment (the table's checks), and a completed
 *     assignment is not changed.
 * The rules policy reads training_rules, whose own policies have no
 * subquery (PostgreSQL's recursion rule).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "csm-workspace-private.h"

const char _csm_workspace_pg_training_security[] =
  "GRANT SELECT ON training_modules, training_rules"
  "  TO csm_agent, csm_reviewer, csm_lead, csm_admin;"
  "GRANT INSERT, UPDATE, DELETE ON training_modules, training_rules TO csm_lead, csm_admin;"
  "ALTER TABLE training_modules ENABLE ROW LEVEL SECURITY;"
  "ALTER TABLE training_modules FORCE ROW LEVEL SECURITY;"
  "ALTER TABLE training_rules ENABLE ROW LEVEL SECURITY;"
  "ALTER TABLE training_rules FORCE ROW LEVEL SECURITY;"
  "DROP POLICY IF EXISTS csm_members_read_modules ON training_modules;"
  "CREATE POLICY csm_members_read_modules ON training_modules FOR SELECT"
  "  TO csm_agent, csm_reviewer, csm_lead, csm_admin USING (true);"
  "DROP POLICY IF EXISTS csm_lead_adds_modules ON training_modules;"
  "CREATE POLICY csm_lead_adds_modules ON training_modules FOR INSERT TO csm_lead, csm_admin"
  "  WITH CHECK (updated_by = session_user);"
  "DROP POLICY IF EXISTS csm_lead_changes_modules ON training_modules;"
  "CREATE POLICY csm_lead_changes_modules ON training_modules FOR UPDATE TO csm_lead, csm_admin"
  "  USING (true) WITH CHECK (updated_by = session_user);"
  "DROP POLICY IF EXISTS csm_lead_removes_modules ON training_modules;"
  "CREATE POLICY csm_lead_removes_modules ON training_modules FOR DELETE TO csm_lead, csm_admin"
  "  USING (true);"
  "DROP POLICY IF EXISTS csm_members_read_rules ON training_rules;"
  "CREATE POLICY csm_members_read_rules ON training_rules FOR SELECT"
  "  TO csm_agent, csm_reviewer, csm_lead, csm_admin USING (true);"
  "DROP POLICY IF EXISTS csm_lead_adds_rules ON training_rules;"
  "CREATE POLICY csm_lead_adds_rules ON training_rules FOR INSERT TO csm_lead, csm_admin"
  "  WITH CHECK (updated_by = session_user);"
  "DROP POLICY IF EXISTS csm_lead_changes_rules ON training_rules;"
  "CREATE POLICY csm_lead_changes_rules ON training_rules FOR UPDATE TO csm_lead, csm_admin"
  "  USING (true) WITH CHECK (updated_by = session_user);"
  "DROP POLICY IF EXISTS csm_lead_removes_rules ON training_rules;"
  "CREATE POLICY csm_lead_removes_rules ON training_rules FOR DELETE TO csm_lead, csm_admin"
  "  USING (true);"
  "GRANT SELECT ON training_assignments TO csm_agent, csm_reviewer, csm_lead, csm_admin;"
  "GRANT INSERT ON training_assignments TO csm_reviewer, csm_lead, csm_admin;"
  "GRANT UPDATE (started, started_by, completed, completed_by) ON training_assignments"
  "  TO csm_agent;"
  "GRANT UPDATE (completed, completed_by) ON training_assignments TO csm_lead, csm_admin;"
  "ALTER TABLE training_assignments ENABLE ROW LEVEL SECURITY;"
  "ALTER TABLE training_assignments FORCE ROW LEVEL SECURITY;"
  "DROP POLICY IF EXISTS csm_agent_reads_training ON training_assignments;"
  "CREATE POLICY csm_agent_reads_training ON training_assignments FOR SELECT TO csm_agent"
  "  USING (agent = session_user);"
  "DROP POLICY IF EXISTS csm_team_reads_training ON training_assignments;"
  "CREATE POLICY csm_team_reads_training ON training_assignments FOR SELECT"
  "  TO csm_reviewer, csm_lead, csm_admin USING (true);"
  "DROP POLICY IF EXISTS csm_lead_assigns_training ON training_assignments;"
  "CREATE POLICY csm_lead_assigns_training ON training_assignments FOR INSERT"
  "  TO csm_lead, csm_admin WITH CHECK (assigned_by = session_user"
  "    AND started IS NULL AND started_by IS NULL AND completed IS NULL"
  "    AND completed_by IS NULL"
  "    AND categories::jsonb = (SELECT m.categories::jsonb FROM training_modules m"
  "                             WHERE m.name = training_assignments.module)"
  "    AND (rule IS NULL OR EXISTS (SELECT 1 FROM training_rules r"
  "         WHERE r.name = training_assignments.rule"
  "         AND r.module = training_assignments.module)));"
  "DROP POLICY IF EXISTS csm_rule_assigns_training ON training_assignments;"
  "CREATE POLICY csm_rule_assigns_training ON training_assignments FOR INSERT TO csm_reviewer"
  "  WITH CHECK (assigned_by = session_user"
  "    AND started IS NULL AND started_by IS NULL AND completed IS NULL"
  "    AND completed_by IS NULL AND note IS NULL AND fired_on IS NOT NULL"
  "    AND rule IS NOT NULL"
  "    AND categories::jsonb = (SELECT m.categories::jsonb FROM training_modules m"
  "                             WHERE m.name = training_assignments.module)"
  "    AND EXISTS (SELECT 1 FROM training_rules r WHERE r.name = training_assignments.rule"
  "                AND r.module = training_assignments.module));"
  "DROP POLICY IF EXISTS csm_agent_records_training ON training_assignments;"
  "CREATE POLICY csm_agent_records_training ON training_assignments FOR UPDATE TO csm_agent"
  "  USING (agent = session_user AND completed IS NULL)"
  "  WITH CHECK (agent = session_user"
  "    AND (started IS NULL OR started_by = session_user)"
  "    AND (completed IS NULL OR completed_by = session_user));"
  "DROP POLICY IF EXISTS csm_lead_records_completion ON training_assignments;"
  "CREATE POLICY csm_lead_records_completion ON training_assignments FOR UPDATE"
  "  TO csm_lead, csm_admin USING (completed IS NULL)"
  "  WITH CHECK (completed IS NOT NULL AND completed_by = session_user);"
  /* A step is recorded once: what is recorded is not changed after. */
  "CREATE OR REPLACE FUNCTION csm_training_steps_once () RETURNS trigger"
  "  LANGUAGE plpgsql AS $f$ BEGIN"
  "  IF OLD.started IS NOT NULL AND (NEW.started IS DISTINCT FROM OLD.started"
  "      OR NEW.started_by IS DISTINCT FROM OLD.started_by) THEN"
  "    RAISE EXCEPTION 'a training assignment is started once' USING ERRCODE = '42501';"
  "  END IF;"
  "  IF OLD.completed IS NOT NULL AND (NEW.completed IS DISTINCT FROM OLD.completed"
  "      OR NEW.completed_by IS DISTINCT FROM OLD.completed_by) THEN"
  "    RAISE EXCEPTION 'a training assignment is completed once' USING ERRCODE = '42501';"
  "  END IF;"
  "  RETURN NEW; END $f$;"
  "DROP TRIGGER IF EXISTS csm_training_steps_once ON training_assignments;"
  "CREATE TRIGGER csm_training_steps_once BEFORE UPDATE ON training_assignments"
  "  FOR EACH ROW EXECUTE FUNCTION csm_training_steps_once ();";
