/* csm-cli.h: the console without a display: export helpdesk state for scripts and cron.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *export_what;   /* "queues", "tickets", "agents" or "sla" */
  const char *format;        /* "json" (default) or "csv" */
  const char *url;
  const char *provider;      /* "rt" (default) */
  const char *token_file;    /* (nullable) */
  int history_days;          /* -1: the setting or 90; 0: every ticket */
  const char *now;           /* (nullable): ISO 8601 instant to compute ages at */
} CsmCliExportOptions;

int       csm_cli_run_export        (const CsmCliExportOptions  *options);
char     *csm_cli_read_secret_file  (const char                 *path,
                                     GError                    **error);

G_END_DECLS
