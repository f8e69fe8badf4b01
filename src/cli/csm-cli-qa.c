/* csm-cli-qa.c: the QA workspace from the command line: scorecards and reviews in and out as JSON, IQS as JSON or CSV.
 *
 *   --import=scorecard FILE   store a scorecard (other content under a
 *                             name already there: its next version)
 *   --import=reviews FILE     store reviews, all or none: a bad row is
 *                             named with its field, and exits with 1
 *   --export=scorecards       every version of every scorecard
 *   --export=reviews          every review, with its score
 *   --export=qa               IQS, optionally by agent, queue (the
 *                             helpdesk at --url says each conversation's
 *                             queue), category or reviewer, in
 *                             [--from, --to)
 *   --export=calibration      α, its interval and the spread per
 *                             calibration session and category, of
 *                             every session or --session=NAME
 *   --export=calibration-reviewers  each reviewer's bias and agreement
 *                             per session
 *   --export=disputes         every dispute the user may read
 *   --export=precision        each agent's IQS in [--from, --to) with its
 *                             95 % margin, the reviews --target=N (5:
 *                             ±5 points) needs, and the sample-weighted IQS
 *   --export=assignments      every assignment the user may read, with its
 *                             state at --now (open, done, overdue)
 *   --export=consistency      the spread of agents' category IQS, week by
 *                             week (Monday 00:00 here), in [--from, --to)
 *   training: see csm-cli-training.c
 *
 * and for a team's PostgreSQL workspace, as its admin:
 *
 *   --workspace-init=URI                    schema, roles and row-level
 *                                           security, idempotent
 *   --workspace-add-member=NAME --role=R    a login role NAME (password
 *                                           from --password-file) in
 *                                           group csm_R
 *
 * --workspace names the workspace (the local SQLite one by default); the
 * writes are made as the system user, who on PostgreSQL connects as the
 * role of that name unless the URI names another (its password from
 * ~/.pgpass). Exit status: 0 done, 1 the workspace, a file or the helpdesk
 * failed, 2 the command line is wrong.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-cli"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "csm-cli.h"
#include "csm-cli-private.h"
#include "csm-enums.h"
#include "csm-export.h"
#include "csm-json-writer.h"
#include "csm-time.h"
#include "csm-qa-calibration.h"
#include "csm-qa-consistency.h"
#include "csm-qa-dispute.h"
#include "csm-qa-iqs.h"
#include "csm-qa-precision.h"
#include "csm-ticket-list.h"
#include "csm-ticket.h"
#include "csm-workspace.h"

/* A failure of the workspace, named without its password. */
int
_csm_cli_fail_at (CsmWorkspace *ws,
                  const GError *error)
{
  g_autofree char *shown = csm_db_redact_location (csm_workspace_get_location (ws));

  return _csm_cli_fail (shown, error);
}

int
_csm_cli_print (const char *document)
{
  if (fputs (document, stdout) == EOF || fflush (stdout) != 0)
    {
      g_printerr (_("csm-console: cannot write the export: %s\n"), g_strerror (errno));
      return 1;
    }
  return 0;
}

static CsmQaScorecard *
find_scorecard (const char *name,
                int         version,
                gpointer    user_data)
{
  GPtrArray *cards = user_data;

  for (guint i = 0; i < cards->len; i++)
    if (g_strcmp0 (csm_qa_scorecard_get_name (cards->pdata[i]), name) == 0 &&
        csm_qa_scorecard_get_version (cards->pdata[i]) == version)
      return cards->pdata[i];
  return NULL;
}

static int
import_reviews (CsmWorkspace *ws,
                CsmCliWait   *wait,
                const char   *file,
                const char   *contents,
                gint64        now,
                GTimeZone    *tz)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GPtrArray) reviews = NULL;
  guint added = 0;

  csm_workspace_list_scorecards_async (ws, NULL, _csm_cli_wait_cb, wait);
  cards = csm_workspace_list_scorecards_finish (ws, _csm_cli_wait_for (wait), &error);
  if (cards == NULL)
    return _csm_cli_fail_at (ws, error);
  reviews = csm_qa_reviews_from_json (contents, find_scorecard, cards, &error);
  if (reviews == NULL)
    return _csm_cli_fail (file, error);
  csm_workspace_submit_reviews_async (ws, reviews, NULL, _csm_cli_wait_cb, wait);
  if (!csm_workspace_submit_reviews_finish (ws, _csm_cli_wait_for (wait), &added, &error))
    return _csm_cli_fail (file, error);
  /* Translators: "12 reviews imported, 3 were there already" */
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u review imported, %u were there already\n",
                        "%u reviews imported, %u were there already\n", added),
           added, reviews->len - added);
  /* New reviews may make a training rule fire. */
  return _csm_cli_apply_training_rules (ws, wait, now, tz);
}

static int
import (CsmWorkspace          *ws,
        CsmCliWait            *wait,
        const CsmCliQaOptions *options,
        gint64                 now,
        GTimeZone             *tz)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  if (!g_file_get_contents (options->file, &contents, NULL, &error))
    return _csm_cli_fail (options->file, error);
  if (g_strcmp0 (options->import_what, "reviews") == 0)
    return import_reviews (ws, wait, options->file, contents, now, tz);
  if (g_strcmp0 (options->import_what, "training") == 0)
    return _csm_cli_import_training (ws, wait, options->file, contents, now, tz);

  {
    g_autoptr(CsmQaScorecard) card = csm_qa_scorecard_new_from_json (contents, &error);
    g_autoptr(CsmQaScorecard) stored = NULL;

    if (card == NULL)
      return _csm_cli_fail (options->file, error);
    csm_workspace_import_scorecard_async (ws, card, NULL, _csm_cli_wait_cb, wait);
    stored = csm_workspace_import_scorecard_finish (ws, _csm_cli_wait_for (wait), &error);
    if (stored == NULL)
      return _csm_cli_fail (options->file, error);
    /* Translators: "Scorecard “Default” is version 2" */
    g_print (_("Scorecard “%s” is version %d\n"), csm_qa_scorecard_get_name (stored),
             csm_qa_scorecard_get_version (stored));
  }
  return 0;
}

static char *
scorecards_json (GPtrArray *cards)
{
  g_autoptr(CsmJsonWriter) w = csm_json_writer_new (TRUE);

  csm_json_writer_begin_array (w);
  for (guint i = 0; i < cards->len; i++)
    {
      g_autofree char *json = csm_qa_scorecard_to_json (cards->pdata[i]);

      csm_json_writer_raw (w, json);
    }
  csm_json_writer_end_array (w);
  return csm_json_writer_free_to_string (g_steal_pointer (&w), NULL);
}

/* Each conversation's queue, from the helpdesk --url names. */
static int
queues_of_conversations (const CsmCliQaOptions  *options,
                         gint64                  since,
                         GHashTable            **out)
{
  CsmCliExportOptions helpdesk = {
    .url = options->url,
    .provider = options->provider,
    .token_file = options->token_file,
    .history_days = -1,
  };
  g_autoptr(CsmClock) clock = NULL;
  g_autoptr(CsmStore) store = NULL;
  g_autoptr(CsmSyncEngine) engine = NULL;
  GPtrArray *tickets;
  int status;

  if (options->url == NULL)
    {
      g_printerr (_("csm-console: --export=qa --group-by=queue needs --url=URL, the helpdesk "
                    "that knows each conversation’s queue\n"));
      return 2;
    }
  /* Reviews are of resolved conversations: a year back finds the queue of
   * any reviewed in it. */
  status = csm_cli_sync (&helpdesk, since != 0 ? since - 365 * 86400 : 0, &clock, &store,
                         &engine);
  if (status != 0)
    return status;
  *out = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  tickets = csm_ticket_list_get_array (csm_sync_engine_get_tickets (engine));
  for (guint i = 0; i < tickets->len; i++)
    g_hash_table_insert (*out, g_strdup_printf ("%" G_GINT64_FORMAT,
                                                csm_ticket_get_id (tickets->pdata[i])),
                         g_strdup (csm_ticket_get_queue_name (tickets->pdata[i])));
  return 0;
}

/* --workspace-init and --workspace-add-member. */
static int
administer (const CsmCliQaOptions *options,
            CsmCliWait                  *wait)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsmWorkspace) ws = NULL;
  g_autofree char *password = NULL;
  const char *location = options->init != NULL ? options->init : options->workspace;
  g_autofree char *shown = csm_db_redact_location (location);

  if (options->init != NULL && options->add_member != NULL)
    {
      g_printerr (_("csm-console: --workspace-init and --workspace-add-member go one at a "
                    "time\n"));
      return 2;
    }
  if (!csm_db_is_postgresql_uri (location) ||
      (options->add_member != NULL && options->role == NULL))
    {
      g_printerr (_("csm-console: --workspace-init=postgresql://… sets up a team's workspace; "
                    "--workspace-add-member=NAME needs --workspace=postgresql://… and "
                    "--role=agent|reviewer|lead|admin\n"));
      return 2;
    }
  if (options->password_file != NULL)
    {
      if (options->add_member == NULL)
        {
          g_printerr (_("csm-console: --password-file goes with --workspace-add-member\n"));
          return 2;
        }
      password = csm_cli_read_secret_file (options->password_file, &error);
      if (password == NULL)
        return _csm_cli_fail (options->password_file, error);
    }

  csm_workspace_open_full_async (location, g_get_user_name (), NULL, options->init != NULL, NULL,
                                 _csm_cli_wait_cb, wait);
  ws = csm_workspace_open_finish (_csm_cli_wait_for (wait), &error);
  if (password != NULL && ws == NULL)
    memset (password, 0, strlen (password));
  if (ws == NULL)
    return _csm_cli_fail (shown, error);
  if (options->init != NULL)
    {
      g_print (_("The workspace is set up: its tables, the roles csm_agent, csm_reviewer, "
                 "csm_lead and csm_admin, and who may see and write what\n"));
      return 0;
    }
  csm_workspace_add_member_async (ws, options->add_member, options->role, password, NULL,
                                  _csm_cli_wait_cb, wait);
  if (password != NULL)
    memset (password, 0, strlen (password));
  if (!csm_workspace_add_member_finish (ws, _csm_cli_wait_for (wait), &error))
    return _csm_cli_fail (options->add_member, error);
  /* Translators: "alice is a reviewer in the workspace" (the role is untranslated: reviewer) */
  g_print (_("%s is a %s in the workspace\n"), options->add_member, options->role);
  return 0;
}

static int run_qa (const CsmCliQaOptions *options);

/**
 * csm_cli_run_qa:
 *
 * Returns: the exit status
 */
int
csm_cli_run_qa (const CsmCliQaOptions *options)
{
  int status = run_qa (options);

  /* The workspace's worker hands its last tasks back to this thread:
   * taken, they let the workspace go, which closes its connection and
   * joins the worker before the process ends. */
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  return status;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The sessions to export: those set up (by when), then those only
 * reviews name (imported), by name; or the one --session names. */
static GPtrArray *
calibrations_of (GPtrArray             *sessions,
                 GPtrArray             *reviews,
                 const CsmCliQaOptions *options)
{
  GPtrArray *results = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_qa_calibration_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GHashTable) gold = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) only_reviewed = g_ptr_array_new ();

  for (guint i = 0; i < sessions->len; i++)
    {
      CsmQaCalibrationSession *session = sessions->pdata[i];

      g_ptr_array_add (names, session->name);
      g_hash_table_add (seen, session->name);
      if (session->gold != NULL)
        g_hash_table_insert (gold, session->name, session->gold);
    }
  for (guint i = 0; i < reviews->len; i++)
    {
      const char *name = ((CsmQaReview *) reviews->pdata[i])->calibration_session;

      if (name != NULL && !g_hash_table_contains (seen, name))
        {
          g_hash_table_add (seen, (gpointer) name);
          g_ptr_array_add (only_reviewed, (gpointer) name);
        }
    }
  g_ptr_array_sort (only_reviewed, compare_names);
  g_ptr_array_extend (names, only_reviewed, NULL, NULL);
  for (guint i = 0; i < names->len; i++)
    if (options->session == NULL || g_strcmp0 (options->session, names->pdata[i]) == 0)
      g_ptr_array_add (results,
                       csm_qa_calibration_compute (reviews, names->pdata[i],
                                                   g_hash_table_lookup (gold, names->pdata[i]),
                                                   CSM_QA_CALIBRATION_RESAMPLES,
                                                   CSM_QA_CALIBRATION_SEED));
  return results;
}

static int
export_calibration (CsmWorkspace          *ws,
                    CsmCliWait            *wait,
                    const CsmCliQaOptions *options)
{
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GPtrArray) reviews = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *document = NULL;

  csm_workspace_list_calibrations_async (ws, NULL, _csm_cli_wait_cb, wait);
  sessions = csm_workspace_list_calibrations_finish (ws, _csm_cli_wait_for (wait), &error);
  if (sessions == NULL)
    return _csm_cli_fail_at (ws, error);
  csm_workspace_list_reviews_async (ws, NULL, _csm_cli_wait_cb, wait);
  reviews = csm_workspace_list_reviews_finish (ws, _csm_cli_wait_for (wait), &error);
  if (reviews == NULL)
    return _csm_cli_fail_at (ws, error);
  results = calibrations_of (sessions, reviews, options);
  if (options->session != NULL && results->len == 0)
    {
      g_printerr (_("csm-console: the workspace has no calibration session named “%s” that you "
                    "may read\n"), options->session);
      return 1;
    }
  document = g_str_equal (options->export_what, "calibration")
             ? csm_qa_calibrations_to_json (results)
             : csm_qa_calibration_reviewers_to_json (results);
  return _csm_cli_print (document);
}

static int
export_disputes (CsmWorkspace *ws,
                 CsmCliWait   *wait)
{
  g_autoptr(GPtrArray) disputes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *document = NULL;

  csm_workspace_list_disputes_async (ws, NULL, _csm_cli_wait_cb, wait);
  disputes = csm_workspace_list_disputes_finish (ws, _csm_cli_wait_for (wait), &error);
  if (disputes == NULL)
    return _csm_cli_fail_at (ws, error);
  document = csm_qa_disputes_to_json (disputes);
  return _csm_cli_print (document);
}

/* Each agent's precision, over the sample probabilities the assignments
 * keep. */
static int
export_precision (CsmWorkspace *ws,
                  CsmCliWait   *wait,
                  gint64        from,
                  gint64        to,
                  double        target)
{
  g_autoptr(GPtrArray) reviews = NULL;
  g_autoptr(GPtrArray) assignments = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GHashTable) probabilities = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  g_autofree char *document = NULL;

  csm_workspace_list_reviews_async (ws, NULL, _csm_cli_wait_cb, wait);
  reviews = csm_workspace_list_reviews_finish (ws, _csm_cli_wait_for (wait), &error);
  if (reviews == NULL)
    return _csm_cli_fail_at (ws, error);
  csm_workspace_list_assignments_async (ws, NULL, _csm_cli_wait_cb, wait);
  assignments = csm_workspace_list_assignments_finish (ws, _csm_cli_wait_for (wait), &error);
  /* An agent reads no assignment: their precision has no sample. */
  if (assignments == NULL && !g_error_matches (error, CSM_WORKSPACE_ERROR,
                                               CSM_WORKSPACE_ERROR_DENIED))
    return _csm_cli_fail_at (ws, error);
  for (guint i = 0; assignments != NULL && i < assignments->len; i++)
    {
      CsmQaAssignment *a = g_ptr_array_index (assignments, i);

      if (a->probability > 0)
        g_hash_table_insert (probabilities, a->conversation, &a->probability);
    }
  rows = csm_qa_precision_compute (reviews, from, to, NULL, probabilities, target);
  document = csm_qa_precision_to_json (rows, target);
  return _csm_cli_print (document);
}

static int
export_assignments (CsmWorkspace *ws,
                    CsmCliWait   *wait,
                    gint64        now)
{
  g_autoptr(GPtrArray) reviews = NULL;
  g_autoptr(GPtrArray) assignments = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CsmJsonWriter) w = csm_json_writer_new (TRUE);
  g_autofree char *document = NULL;

  csm_workspace_list_assignments_async (ws, NULL, _csm_cli_wait_cb, wait);
  assignments = csm_workspace_list_assignments_finish (ws, _csm_cli_wait_for (wait), &error);
  if (assignments == NULL)
    return _csm_cli_fail_at (ws, error);
  csm_workspace_list_reviews_async (ws, NULL, _csm_cli_wait_cb, wait);
  reviews = csm_workspace_list_reviews_finish (ws, _csm_cli_wait_for (wait), &error);
  if (reviews == NULL)
    return _csm_cli_fail_at (ws, error);
  csm_json_writer_begin_array (w);
  for (guint i = 0; i < assignments->len; i++)
    {
      const CsmQaAssignment *a = g_ptr_array_index (assignments, i);
      CsmQaAssignmentState state = csm_qa_assignment_state (a->conversation, a->reviewer, a->due,
                                                            reviews, now);
      g_autofree char *assigned = csm_time_format_iso8601 (a->assigned);
      g_autofree char *due = a->due != 0 ? csm_time_format_iso8601 (a->due) : NULL;

      csm_json_writer_begin_object (w);
      csm_json_writer_member_string (w, "conversation", a->conversation);
      csm_json_writer_member_string (w, "reviewer", a->reviewer);
      csm_json_writer_member_string (w, "assigned_by", a->assigned_by);
      csm_json_writer_member_string (w, "assigned", assigned);
      csm_json_writer_key (w, "due");
      if (due != NULL)
        csm_json_writer_string (w, due);
      else
        csm_json_writer_null (w);
      csm_json_writer_member_string (w, "state", csm_qa_assignment_state_to_string (state));
      csm_json_writer_key (w, "probability");
      if (a->probability > 0)
        csm_json_writer_double (w, a->probability);
      else
        csm_json_writer_null (w);
      csm_json_writer_end_object (w);
    }
  csm_json_writer_end_array (w);
  document = csm_json_writer_free_to_string (g_steal_pointer (&w), NULL);
  return _csm_cli_print (document);
}

/* Week by week over [@from, @to), or over every review's weeks. */
static int
export_consistency (CsmWorkspace *ws,
                    CsmCliWait   *wait,
                    gint64        from,
                    gint64        to,
                    GTimeZone    *tz)
{
  g_autoptr(GPtrArray) reviews = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *document = NULL;
  gboolean want_from, want_to;

  csm_workspace_list_reviews_async (ws, NULL, _csm_cli_wait_cb, wait);
  reviews = csm_workspace_list_reviews_finish (ws, _csm_cli_wait_for (wait), &error);
  if (reviews == NULL)
    return _csm_cli_fail_at (ws, error);
  /* Without --from or --to, from the first review or to the last. */
  want_from = from == 0;
  want_to = to == 0;
  for (guint i = 0; i < reviews->len; i++)
    {
      gint64 t = ((CsmQaReview *) reviews->pdata[i])->submitted;

      if (want_from && (from == 0 || t < from))
        from = t;
      if (want_to && t + 1 > to)
        to = t + 1;
    }
  rows = csm_qa_consistency_compute (reviews, from, to, tz);
  document = csm_qa_consistency_to_json (rows, tz);
  return _csm_cli_print (document);
}

static int
run_qa (const CsmCliQaOptions *options)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(CsmWorkspace) ws = NULL;
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(GEnumClass) groupings = g_type_class_ref (CSM_TYPE_QA_GROUPING);
  g_auto(CsmCliWait) wait = { loop, NULL };
  CsmExportFormat format;
  CsmQaGrouping grouping = CSM_QA_GROUP_NONE;
  gint64 from = 0, to = 0, now = g_get_real_time () / G_USEC_PER_SEC;
  double target = 5;
  int status;

  if (options->import_what != NULL && options->export_what != NULL)
    {
      g_printerr (_("csm-console: --import and --export go one at a time\n"));
      return 2;
    }
  if (options->import_what != NULL &&
      ((g_strcmp0 (options->import_what, "scorecard") != 0 &&
        g_strcmp0 (options->import_what, "reviews") != 0 &&
        g_strcmp0 (options->import_what, "training") != 0) || options->file == NULL))
    {
      g_printerr (_("csm-console: --import must be “scorecard FILE”, “reviews FILE” or "
                    "“training FILE”\n"));
      return 2;
    }
  if (!csm_export_format_from_string (options->format ? options->format : "json", &format) ||
      (format == CSM_EXPORT_CSV && g_strcmp0 (options->export_what, "qa") != 0))
    {
      g_printerr (_("csm-console: --format must be “json”, or “csv” for --export=qa\n"));
      return 2;
    }
  if (options->group_by != NULL)
    {
      GEnumValue *found = g_enum_get_value_by_nick (groupings, options->group_by);

      if (found == NULL || found->value == CSM_QA_GROUP_NONE)
        {
          g_printerr (_("csm-console: --group-by must be “agent”, “queue”, “category” or "
                        "“reviewer” for --export=qa\n"));
          return 2;
        }
      grouping = found->value;
    }
  if ((options->from != NULL && !csm_cli_parse_instant (options->from, local, &from)) ||
      (options->to != NULL && !csm_cli_parse_instant (options->to, local, &to)) ||
      (from != 0 && to != 0 && to <= from))
    {
      g_printerr (_("csm-console: --from and --to must each be a time such as "
                    "2026-11-01T00:00:00Z or a date such as 2026-11-01, --to after --from\n"));
      return 2;
    }

  if (options->now != NULL && !csm_cli_parse_instant (options->now, local, &now))
    {
      g_printerr (_("csm-console: --now must be a time such as 2026-11-01T00:00:00Z\n"));
      return 2;
    }
  if (options->target != NULL)
    {
      char *end = NULL;

      target = g_ascii_strtod (options->target, &end);
      if (end == options->target || *end != '\0' || !(target > 0 && target <= 100) ||
          g_strcmp0 (options->export_what, "precision") != 0)
        {
          g_printerr (_("csm-console: --target goes with --export=precision: a margin in "
                        "points, such as 5\n"));
          return 2;
        }
    }
  if (options->session != NULL && !g_str_has_prefix (options->export_what != NULL
                                                     ? options->export_what : "", "calibration"))
    {
      g_printerr (_("csm-console: --session goes with --export=calibration or "
                    "--export=calibration-reviewers\n"));
      return 2;
    }

  if (options->init != NULL || options->add_member != NULL)
    return administer (options, &wait);

  csm_workspace_open_async (options->workspace, g_get_user_name (), NULL, _csm_cli_wait_cb, &wait);
  ws = csm_workspace_open_finish (_csm_cli_wait_for (&wait), &error);
  if (ws == NULL)
    {
      g_autofree char *shown = csm_db_redact_location (options->workspace);

      return _csm_cli_fail (shown != NULL ? shown : _("the workspace"), error);
    }

  if (options->import_what != NULL)
    status = import (ws, &wait, options, now, local);
  else if (g_strcmp0 (options->export_what, "calibration") == 0 ||
           g_strcmp0 (options->export_what, "calibration-reviewers") == 0)
    status = export_calibration (ws, &wait, options);
  else if (g_strcmp0 (options->export_what, "disputes") == 0)
    status = export_disputes (ws, &wait);
  else if (g_strcmp0 (options->export_what, "precision") == 0)
    status = export_precision (ws, &wait, from, to, target);
  else if (g_strcmp0 (options->export_what, "assignments") == 0)
    status = export_assignments (ws, &wait, now);
  else if (g_strcmp0 (options->export_what, "consistency") == 0)
    status = export_consistency (ws, &wait, from, to, local);
  else if (g_strcmp0 (options->export_what, "training-catalog") == 0)
    status = _csm_cli_export_training_catalog (ws, &wait);
  else if (g_strcmp0 (options->export_what, "training") == 0 ||
           g_strcmp0 (options->export_what, "training-modules") == 0)
    status = _csm_cli_export_training (ws, &wait,
                                       g_str_equal (options->export_what, "training-modules"),
                                       from, to, now);
  else if (g_strcmp0 (options->export_what, "scorecards") == 0)
    {
      g_autoptr(GPtrArray) cards = NULL;
      g_autofree char *document = NULL;

      csm_workspace_list_scorecards_async (ws, NULL, _csm_cli_wait_cb, &wait);
      cards = csm_workspace_list_scorecards_finish (ws, _csm_cli_wait_for (&wait), &error);
      if (cards == NULL)
        return _csm_cli_fail_at (ws, error);
      document = scorecards_json (cards);
      status = _csm_cli_print (document);
    }
  else
    {
      g_autoptr(GPtrArray) reviews = NULL;
      g_autoptr(GHashTable) queues = NULL;
      g_autoptr(GPtrArray) rows = NULL;
      g_autofree char *document = NULL;

      csm_workspace_list_reviews_async (ws, NULL, _csm_cli_wait_cb, &wait);
      reviews = csm_workspace_list_reviews_finish (ws, _csm_cli_wait_for (&wait), &error);
      if (reviews == NULL)
        return _csm_cli_fail_at (ws, error);
      if (g_strcmp0 (options->export_what, "reviews") == 0)
        {
          document = csm_qa_reviews_to_json (reviews);
          return _csm_cli_print (document);
        }
      if (grouping == CSM_QA_GROUP_QUEUE &&
          (status = queues_of_conversations (options, from, &queues)) != 0)
        return status;
      rows = csm_qa_iqs_compute (reviews, grouping, queues, from, to);
      document = csm_export_qa (rows, format);
      status = _csm_cli_print (document);
    }
  return status;
}
