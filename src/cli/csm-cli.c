/* csm-cli.c: the console without a display: export helpdesk state for scripts and cron.
 *
 * The export syncs straight from the helpdesk into memory (no cache, no
 * window), computes with the same core code the window uses and prints one
 * JSON or CSV document to stdout. Exit status: 0 done, 1 the helpdesk or the
 * keyring failed, 2 the command line is wrong.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-cli"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csm-account.h"
#include "csm-agent.h"
#include "csm-agent-board.h"
#include "csm-monitor-settings.h"
#include "csm-sla-board.h"
#include "csm-sla-policy.h"
#include "csm-cli.h"
#include "csm-cli-private.h"
#include "csm-clock.h"
#include "csm-enums.h"
#include "csm-export.h"
#include "csm-kpi.h"
#include "csm-provider.h"
#include "csm-queue-summary.h"
#include "csm-secret-store.h"
#include "csm-sync-engine.h"
#include "csm-ticket-list.h"
#include "csm-time.h"
#include "csm-transaction.h"

#define MAX_SECRET_FILE 4096

/**
 * csm_cli_read_secret_file:
 * @path: a file holding a token or password (a trailing newline is dropped)
 *
 * Refuses a file that group or others may read: a secret that leaked to
 * other users is no longer a secret, and the console will not be the tool
 * that makes that normal.
 *
 * Returns: (transfer full) (nullable): the secret
 */
char *
csm_cli_read_secret_file (const char  *path,
                          GError     **error)
{
  g_autofree char *contents = NULL;
  struct stat st;
  int fd;
  gssize n;
  gsize len;

  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW, 0);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Cannot open the token file %s: %s"), path, g_strerror (saved));
      return NULL;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   _("The token file %s is not a regular file."), path);
      return NULL;
    }
  if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0)
    {
      close (fd);
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_PERM,
                   _("The token file %s can be read by other users; refusing to use it. "
                     "Run: chmod 600 %s"), path, path);
      return NULL;
    }

  contents = g_malloc0 (MAX_SECRET_FILE + 1);
  n = read (fd, contents, MAX_SECRET_FILE + 1);
  close (fd);
  if (n < 0 || n > MAX_SECRET_FILE)
    {
      memset (contents, 0, MAX_SECRET_FILE + 1);
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   _("The token file %s is not a token (unreadable or too long)."), path);
      return NULL;
    }

  len = (gsize) n;
  while (len > 0 && (contents[len - 1] == '\n' || contents[len - 1] == '\r'))
    contents[--len] = '\0';
  if (len == 0 || memchr (contents, '\n', len) != NULL || memchr (contents, '\0', len) != NULL)
    {
      memset (contents, 0, MAX_SECRET_FILE + 1);
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   _("The token file %s must hold exactly one line."), path);
      return NULL;
    }
  return g_steal_pointer (&contents);
}

static void
wipe (char *secret)
{
  if (secret != NULL)
    {
      memset (secret, 0, strlen (secret));
      g_free (secret);
    }
}

void
_csm_cli_wait_clear (CsmCliWait *wait)
{
  g_clear_object (&wait->result);
}

/* A GAsyncReadyCallback: keeps the answer, ends the loop. */
void
_csm_cli_wait_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  CsmCliWait *wait = user_data;

  wait->result = g_object_ref (result);
  g_main_loop_quit (wait->loop);
}

/* Runs the loop until the call answers (the previous answer dropped);
 * the answer stays the wait's. */
GAsyncResult *
_csm_cli_wait_for (CsmCliWait *wait)
{
  g_clear_object (&wait->result);
  g_main_loop_run (wait->loop);
  return wait->result;
}

int
_csm_cli_fail (const char   *what,
               const GError *error)
{
  g_printerr ("csm-console: %s: %s\n", what, error->message);
  return 1;
}

/* The settings' account, when it is the one being exported: it knows the
 * auth method, user and agents group. Without an installed schema (a build
 * tree run, a bare server) there is simply no such account. */
static CsmAccount *
account_from_settings (const char *provider,
                       const char *url)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *normalized = NULL;
  CsmAuthMethod method;
  g_autofree char *user = NULL;
  g_autofree char *group = NULL;
  CsmAccount *account;

  if (source == NULL)
    return NULL;
  schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    return NULL;

  settings = g_settings_new (APP_ID);
  stored = g_settings_get_string (settings, "account-url");
  normalized = *stored ? csm_account_normalize_url (stored, NULL) : NULL;
  if (normalized == NULL || g_strcmp0 (normalized, url) != 0)
    return NULL;

  method = g_settings_get_enum (settings, "account-auth-method");
  user = g_settings_get_string (settings, "account-username");
  group = g_settings_get_string (settings, "agents-group");
  account = csm_account_new (provider, url,
                             method,
                             *user ? user : NULL);
  csm_account_set_agents_group (account, group);
  return account;
}

typedef enum
{
  EXPORT_QUEUES,
  EXPORT_TICKETS,
  EXPORT_AGENTS,
  EXPORT_SLA,
  EXPORT_KPIS,
  EXPORT_STAFFING,
} ExportKind;

/* The user's settings, for the figures' options (capacities, thresholds, SLA
 * levels), or NULL without an installed schema: then the defaults count. */
static GSettings *
open_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source == NULL)
    return NULL;
  schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  return schema != NULL ? g_settings_new (APP_ID) : NULL;
}

static char *
export_agents (CsmSyncEngine    *engine,
               CsmStore         *store,
               CsmClock         *clock,
               CsmExportFormat   format,
               GError          **error)
{
  g_autoptr(GSettings) settings = open_settings ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GPtrArray) agents = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) transactions = NULL;
  g_autoptr(GPtrArray) stats = NULL;
  GListModel *model = csm_sync_engine_get_agents (engine);
  CsmAgentBoardOptions options;
  gint64 now = csm_clock_get_now (clock);
  g_auto(CsmCliWait) wait = { loop, NULL };
  char *document;

  if (settings != NULL)
    csm_agent_board_options_from_settings (&options, settings);
  else
    {
      csm_agent_board_options_init (&options);
      options.tz = g_time_zone_new_local ();
    }

  /* Today's activity (and the occupancy window's) from the synced cache. */
  csm_store_load_transactions_between_async (store, csm_agent_board_transactions_from (&options, now),
                                             G_MAXINT64, NULL, _csm_cli_wait_cb, &wait);
  transactions = csm_store_load_transactions_between_finish (store, _csm_cli_wait_for (&wait), error);
  g_clear_object (&wait.result);
  if (transactions == NULL)
    {
      csm_agent_board_options_clear (&options);
      return NULL;
    }

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (agents, g_list_model_get_item (model, i));
  stats = csm_agent_board_compute (agents, csm_ticket_list_get_array (csm_sync_engine_get_tickets (engine)),
                                   transactions, &options, now);
  document = csm_export_agents (stats, format);
  csm_agent_board_options_clear (&options);
  return document;
}

static char *
export_sla (CsmSyncEngine    *engine,
            CsmClock         *clock,
            CsmExportFormat   format,
            GError          **error)
{
  g_autoptr(GSettings) settings = open_settings ();
  g_autoptr(CsmSlaPolicy) policy = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  CsmSlaBoardOptions options;

  csm_sla_board_options_init (&options);
  if (settings != NULL)
    {
      policy = csm_sla_policy_from_settings (settings, error);
      if (policy == NULL)
        return NULL;
      csm_sla_board_options_from_settings (&options, settings);
    }
  else
    policy = csm_sla_policy_new_from_json ("", NULL);

  entries = csm_sla_board_compute (policy, csm_ticket_list_get_array (csm_sync_engine_get_tickets (engine)),
                                   &options, csm_clock_get_now (clock));
  return csm_export_sla (entries, format);
}

/* Each queue's staffing for the rest of today, with the agents active on
 * it now (their transactions of the presence window, from the cache). */
static char *
export_staffing (CsmSyncEngine    *engine,
                 CsmStore         *store,
                 CsmClock         *clock,
                 int               history_days,
                 CsmExportFormat   format,
                 GError          **error)
{
  g_autoptr(GSettings) settings = open_settings ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_auto(CsmCliWait) wait = { loop, NULL };
  g_auto(CsmStaffingOptions) options = { 0 };
  g_autoptr(GHashTable) agents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) transactions = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  GListModel *model = csm_sync_engine_get_agents (engine);
  gint64 now = csm_clock_get_now (clock);

  if (settings != NULL)
    csm_staffing_options_from_settings (&options, settings);
  else
    {
      csm_staffing_options_init (&options);
      g_time_zone_unref (options.tz);
      options.tz = g_time_zone_new_local ();
    }
  /* The export read --history-days of tickets (90 unless given, 0 = all). */
  options.history_days = history_days < 0 ? 90 : (guint) history_days;
  csm_store_load_transactions_between_async (store, now - (gint64) options.active_minutes * 60,
                                             G_MAXINT64, NULL, _csm_cli_wait_cb, &wait);
  transactions = csm_store_load_transactions_between_finish (store, _csm_cli_wait_for (&wait), error);
  g_clear_object (&wait.result);
  if (transactions == NULL)
    return NULL;
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CsmAgent) agent = g_list_model_get_item (model, i);

      g_hash_table_add (agents, g_strdup (csm_agent_get_name (agent)));
    }
  rows = csm_staffing_plan_compute (csm_ticket_list_get_array (csm_sync_engine_get_tickets (engine)),
                                    transactions, agents, &options, now);
  return csm_export_staffing (rows, format);
}

/**
 * csm_cli_parse_instant:
 * @text: an instant ("2026-11-01T00:00:00Z") or a date ("2026-11-01")
 * @tz: where a date's midnight is
 *
 * Returns: whether @text was one of the two
 */
gboolean
csm_cli_parse_instant (const char *text,
                       GTimeZone  *tz,
                       gint64     *out_unix)
{
  int year, month, day;
  char tail;

  if (text == NULL || *text == '\0')
    return FALSE;
  /* RT writes "unset" as the epoch: no period starts or ends there. */
  if (csm_time_parse_iso8601 (text, out_unix))
    return *out_unix != CSM_TIME_UNSET;
  if (sscanf (text, "%4d-%2d-%2d%c", &year, &month, &day, &tail) == 3 &&
      g_date_valid_dmy (day, month, year))
    {
      g_autoptr(GDateTime) midnight = g_date_time_new (tz, year, month, day, 0, 0, 0);

      if (midnight == NULL)
        return FALSE;
      *out_unix = g_date_time_to_unix (midnight);
      return TRUE;
    }
  return FALSE;
}

/* Each ticket's status changes and reopens, from the history the sync
 * brought into the cache. */
static GHashTable *
load_histories (CsmStore  *store,
                GError   **error)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_auto(CsmCliWait) wait = { loop, NULL };
  GHashTable *histories;

  csm_store_load_kpi_histories_async (store, NULL, _csm_cli_wait_cb, &wait);
  histories = csm_store_load_kpi_histories_finish (store, _csm_cli_wait_for (&wait), error);
  g_clear_object (&wait.result);
  return histories;
}

static char *
export_kpis (CsmSyncEngine             *engine,
             CsmStore                  *store,
             CsmClock                  *clock,
             const CsmKpiOptions       *options,
             gint64                     from,
             gint64                     to,
             CsmExportFormat            format,
             GError                   **error)
{
  g_autoptr(GHashTable) histories = load_histories (store, error);
  g_autoptr(GPtrArray) rows = NULL;

  if (histories == NULL)
    return NULL;
  rows = csm_kpi_compute (csm_ticket_list_get_array (csm_sync_engine_get_tickets (engine)),
                          histories, options, from, to, csm_clock_get_now (clock));
  return csm_export_kpis (rows, options, format);
}

/**
 * csm_cli_run_export:
 *
 * Returns: the process exit status
 */
/**
 * csm_cli_sync:
 * @since: the earliest instant the export counts (tickets changed since
 *   are read), or 0 for --history-days (90 days unless given)
 * @out_clock: (out) (transfer full): "now", fixed by --now
 * @out_store: (out) (transfer full): the in-memory cache
 * @out_engine: (out) (transfer full): synced from the helpdesk
 *
 * Reads the helpdesk --url names, afresh, into memory, with the token of
 * --token-file or the keyring.
 *
 * Returns: 0, or the exit status (2 for the command line, 1 for the
 *   helpdesk or keyring), the reason printed
 */
int
csm_cli_sync (const CsmCliExportOptions  *options,
              gint64                      since,
              CsmClock                  **out_clock,
              CsmStore                  **out_store,
              CsmSyncEngine             **out_engine)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autoptr(CsmAccount) account = NULL;
  g_autoptr(CsmProvider) provider = NULL;
  g_autoptr(CsmClock) clock = NULL;
  g_autoptr(CsmStore) store = NULL;
  g_autoptr(CsmSyncEngine) engine = NULL;
  const char *kind = options->provider ? options->provider : "rt";
  char *secret = NULL;
  g_auto(CsmCliWait) wait = { loop, NULL };

  if (g_strcmp0 (kind, "rt") != 0)
    {
      g_printerr (_("csm-console: --provider must be “rt”\n"));
      return 2;
    }
  if (options->url == NULL)
    {
      g_printerr (_("csm-console: --export needs --url=URL\n"));
      return 2;
    }
  url = csm_account_normalize_url (options->url, &error);
  if (url == NULL)
    {
      g_printerr ("csm-console: %s\n", error->message);
      return 2;
    }
  /* A fixed "now" makes a report reproducible (and two helpdesks
   * comparable): ages and the history window are computed at it. */
  if (options->now != NULL)
    {
      gint64 fixed;

      if (!csm_time_parse_iso8601 (options->now, &fixed) || fixed == CSM_TIME_UNSET)
        {
          g_printerr (_("csm-console: --now must be a time such as 2026-11-23T12:00:00Z\n"));
          return 2;
        }
      clock = csm_clock_new_fixed (fixed);
    }
  else
    clock = csm_clock_new_system ();

  account = account_from_settings (kind, url);
  if (options->token_file != NULL)
    {
      secret = csm_cli_read_secret_file (options->token_file, &error);
      if (secret == NULL)
        {
          g_printerr ("csm-console: %s\n", error->message);
          return 2;
        }
      if (account == NULL)
        account = csm_account_new (kind, url, CSM_AUTH_TOKEN, NULL);
    }
  else
    {
      g_autoptr(CsmAccount) found = NULL;

      csm_secret_store_find_async (kind, url, NULL, _csm_cli_wait_cb, &wait);
      found = csm_secret_store_find_finish (_csm_cli_wait_for (&wait), &secret, &error);
      g_clear_object (&wait.result);
      if (found == NULL)
        return _csm_cli_fail (_("no secret in the keyring for this helpdesk (use --token-file)"), error);
      if (account == NULL)
        account = g_steal_pointer (&found);
    }

  provider = csm_provider_new_for_account (account, secret, &error);
  wipe (secret);
  if (provider == NULL)
    return _csm_cli_fail (url, error);

  /* The export reads the helpdesk afresh: its cache lives in memory only. */
  csm_store_open_async (NULL, NULL, _csm_cli_wait_cb, &wait);
  store = csm_store_open_finish (_csm_cli_wait_for (&wait), &error);
  g_clear_object (&wait.result);
  if (store == NULL)
    return _csm_cli_fail (url, error);

  engine = csm_sync_engine_new (provider, store, clock);
  if (since != 0 && options->history_days < 0)
    {
      /* Every ticket the period can count: those changed since it began. */
      gint64 days = (csm_clock_get_now (clock) - since) / 86400 + 2;

      csm_sync_engine_set_history_days (engine, (guint) CLAMP (days, 1, G_MAXINT));
    }
  else
    csm_sync_engine_set_history_days (engine, options->history_days < 0
                                              ? 90 : (guint) options->history_days);
  csm_sync_engine_sync_async (engine, CSM_SYNC_FULL, NULL, _csm_cli_wait_cb, &wait);
  if (!csm_sync_engine_sync_finish (engine, _csm_cli_wait_for (&wait), NULL, &error))
    {
      g_clear_object (&wait.result);
      return _csm_cli_fail (url, error);
    }
  g_clear_object (&wait.result);
  *out_clock = g_steal_pointer (&clock);
  *out_store = g_steal_pointer (&store);
  *out_engine = g_steal_pointer (&engine);
  return 0;
}

int
csm_cli_run_export (const CsmCliExportOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autoptr(CsmClock) clock = NULL;
  g_autoptr(CsmStore) store = NULL;
  g_autoptr(CsmSyncEngine) engine = NULL;
  g_autofree char *document = NULL;
  CsmExportFormat format;
  ExportKind what;
  g_auto(CsmKpiOptions) kpi_options = { 0 };
  int fcr_rule = -1, time_basis = -1, status;
  gint64 from = 0, to = 0;

  if (g_strcmp0 (options->export_what, "queues") == 0)
    what = EXPORT_QUEUES;
  else if (g_strcmp0 (options->export_what, "tickets") == 0)
    what = EXPORT_TICKETS;
  else if (g_strcmp0 (options->export_what, "agents") == 0)
    what = EXPORT_AGENTS;
  else if (g_strcmp0 (options->export_what, "sla") == 0)
    what = EXPORT_SLA;
  else if (g_strcmp0 (options->export_what, "kpis") == 0)
    what = EXPORT_KPIS;
  else if (g_strcmp0 (options->export_what, "staffing") == 0)
    what = EXPORT_STAFFING;
  else
    {
      g_printerr (_("csm-console: --export must be “queues”, “tickets”, “agents”, “sla”, "
                    "“kpis” or “staffing”\n"));
      return 2;
    }
  if (what != EXPORT_KPIS &&
      (options->from || options->to || options->group_by || options->fcr || options->time))
    {
      g_printerr (_("csm-console: --from, --to, --group-by, --fcr and --time go with "
                    "--export=kpis\n"));
      return 2;
    }
  csm_kpi_options_init (&kpi_options);
  if (what == EXPORT_KPIS)
    {
      g_autoptr(GTimeZone) local = g_time_zone_new_local ();
      g_autoptr(GEnumClass) groupings = g_type_class_ref (CSM_TYPE_KPI_GROUPING);
      g_autoptr(GEnumClass) rules = g_type_class_ref (CSM_TYPE_KPI_FCR_RULE);
      g_autoptr(GEnumClass) bases = g_type_class_ref (CSM_TYPE_KPI_TIME_BASIS);
      GEnumValue *found;

      if (!csm_cli_parse_instant (options->from, local, &from) ||
          !csm_cli_parse_instant (options->to, local, &to) || to <= from)
        {
          g_printerr (_("csm-console: --export=kpis needs --from and --to, each a time such as "
                        "2026-11-01T00:00:00Z or a date such as 2026-11-01, --to after --from\n"));
          return 2;
        }
      found = options->group_by ? g_enum_get_value_by_nick (groupings, options->group_by) : NULL;
      if (options->group_by != NULL && (found == NULL || found->value == CSM_KPI_GROUP_NONE))
        {
          g_printerr (_("csm-console: --group-by must be “queue”, “agent” or “channel”\n"));
          return 2;
        }
      if (found != NULL)
        kpi_options.group_by = found->value;
      found = options->fcr ? g_enum_get_value_by_nick (rules, options->fcr) : NULL;
      if (options->fcr != NULL && found == NULL)
        {
          g_printerr (_("csm-console: --fcr must be “reply” or “repeat”\n"));
          return 2;
        }
      if (found != NULL)
        fcr_rule = found->value;
      found = options->time ? g_enum_get_value_by_nick (bases, options->time) : NULL;
      if (options->time != NULL && found == NULL)
        {
          g_printerr (_("csm-console: --time must be “calendar” or “business”\n"));
          return 2;
        }
      if (found != NULL)
        time_basis = found->value;
    }
  if (!csm_export_format_from_string (options->format ? options->format : "json", &format))
    {
      g_printerr (_("csm-console: --format must be “json” or “csv”\n"));
      return 2;
    }
  status = csm_cli_sync (options, what == EXPORT_KPIS ? from : 0, &clock, &store, &engine);
  if (status != 0)
    return status;
  url = csm_account_normalize_url (options->url, NULL);

  if (what == EXPORT_AGENTS)
    {
      document = export_agents (engine, store, clock, format, &error);
      if (document == NULL)
        return _csm_cli_fail (url, error);
    }
  else if (what == EXPORT_KPIS)
    {
      g_autoptr(GSettings) settings = open_settings ();

      if (settings != NULL)
        {
          if (!csm_kpi_options_from_settings (&kpi_options, settings, &error))
            return _csm_cli_fail (_("the SLA levels in the settings"), error);
        }
      if (fcr_rule >= 0)
        kpi_options.fcr = fcr_rule;
      if (time_basis == CSM_KPI_TIME_CALENDAR)
        csm_kpi_options_set_hours (&kpi_options, NULL);
      else if (time_basis == CSM_KPI_TIME_BUSINESS)
        {
          CsmBusinessHours *hours = kpi_options.policy != NULL
                                    ? csm_sla_policy_get_hours (kpi_options.policy) : NULL;

          if (hours == NULL || csm_business_hours_is_always_open (hours))
            {
              g_printerr (_("csm-console: --time=business needs business hours, and the SLA "
                            "levels in the preferences describe none\n"));
              return 2;
            }
          csm_kpi_options_set_hours (&kpi_options, hours);
        }
      document = export_kpis (engine, store, clock, &kpi_options, from, to, format, &error);
      if (document == NULL)
        return _csm_cli_fail (url, error);
    }
  else if (what == EXPORT_STAFFING)
    {
      document = export_staffing (engine, store, clock, options->history_days, format, &error);
      if (document == NULL)
        return _csm_cli_fail (url, error);
    }
  else if (what == EXPORT_SLA)
    {
      document = export_sla (engine, clock, format, &error);
      if (document == NULL)
        return _csm_cli_fail (_("the SLA levels in the settings"), error);
    }
  else if (what == EXPORT_QUEUES)
    {
      GListModel *model = csm_sync_engine_get_queues (engine);
      g_autoptr(GPtrArray) queue_array = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GPtrArray) summaries = NULL;

      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        g_ptr_array_add (queue_array, g_list_model_get_item (model, i));
      summaries = csm_queue_summaries_compute (
        csm_ticket_list_get_array (csm_sync_engine_get_tickets (engine)), queue_array,
        csm_clock_get_now (clock));
      document = csm_export_queues (summaries, format);
    }
  else
    document = csm_export_tickets (csm_ticket_list_get_array (csm_sync_engine_get_tickets (engine)),
                                   format);

  if (fputs (document, stdout) == EOF || fflush (stdout) != 0)
    {
      g_printerr (_("csm-console: cannot write the export: %s\n"), g_strerror (errno));
      return 1;
    }
  return 0;
}
