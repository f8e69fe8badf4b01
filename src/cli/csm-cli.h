/* csm-cli.h: the console without a display: export helpdesk state for scripts and cron.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "csm-clock.h"
#include "csm-store.h"
#include "csm-sync-engine.h"

G_BEGIN_DECLS

typedef struct
{
  const char *export_what;   /* "queues", "tickets", "agents", "sla" or "kpis" */
  const char *format;        /* "json" (default) or "csv" */
  const char *url;
  const char *provider;      /* "rt" (default) */
  const char *token_file;    /* (nullable) */
  int history_days;          /* -1: the setting or 90; 0: every ticket */
  const char *now;           /* (nullable): ISO 8601 instant to compute ages at */
  const char *from;          /* (nullable): kpis: the period's start, an instant or a date */
  const char *to;            /* (nullable): kpis: the period's end (excluded) */
  const char *group_by;      /* (nullable): kpis: queue, agent or channel */
  const char *fcr;           /* (nullable): kpis: reply or repeat (default: the setting) */
  const char *time;          /* (nullable): kpis: calendar or business (default: the setting) */
} CsmCliExportOptions;

typedef struct
{
  const char *workspace;     /* (nullable): a file or postgresql:// URI; the local one */
  const char *import_what;   /* (nullable): "scorecard", "reviews" or "training" */
  const char *export_what;   /* (nullable): "scorecards", "reviews", "qa", "calibration",
                              * "calibration-reviewers" or "disputes" */
  const char *session;       /* (nullable): calibration: the one session */
  const char *target;        /* (nullable): precision: the margin wanted, in points */
  const char *now;           /* (nullable): assignments: the instant of their state */
  const char *file;          /* (nullable): what --import reads */
  const char *format;        /* "json" (default) or "csv" (qa) */
  const char *group_by;      /* (nullable): qa: agent, queue, category or reviewer */
  const char *from;          /* (nullable): qa: the period's start */
  const char *to;            /* (nullable): qa: its end (excluded) */
  const char *url;           /* (nullable): qa by queue: the helpdesk */
  const char *provider;
  const char *token_file;
  const char *init;          /* (nullable): --workspace-init's postgresql:// URI */
  const char *add_member;    /* (nullable): a person to add to the --workspace */
  const char *role;          /* (nullable): their role */
  const char *password_file; /* (nullable): their password */
} CsmCliQaOptions;

int       csm_cli_run_export        (const CsmCliExportOptions  *options);
int       csm_cli_run_qa            (const CsmCliQaOptions      *options);
int       csm_cli_sync              (const CsmCliExportOptions  *options,
                                     gint64                      since,
                                     CsmClock                  **out_clock,
                                     CsmStore                  **out_store,
                                     CsmSyncEngine             **out_engine);
char     *csm_cli_read_secret_file  (const char                 *path,
                                     GError                    **error);
gboolean  csm_cli_parse_instant     (const char                 *text,
                                     GTimeZone                  *tz,
                                     gint64                     *out_unix);

G_END_DECLS
