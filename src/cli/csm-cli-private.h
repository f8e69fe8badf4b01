/* csm-cli-private.h: what the command line's files share: waiting for an async call, and failing in words.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A main loop to run until an async call answers, and its answer. */
typedef struct
{
  GMainLoop *loop;
  GAsyncResult *result;
} CsmCliWait;

void          _csm_cli_wait_clear (CsmCliWait    *wait);
void          _csm_cli_wait_cb    (GObject       *object,
                                   GAsyncResult  *result,
                                   gpointer       user_data);
GAsyncResult *_csm_cli_wait_for   (CsmCliWait    *wait);
int           _csm_cli_fail       (const char    *what,
                                   const GError  *error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CsmCliWait, _csm_cli_wait_clear)

/* The QA workspace's (csm-cli-qa.c, csm-cli-training.c). */
typedef struct _CsmWorkspace CsmWorkspace;

int  _csm_cli_print                   (const char    *document);
int  _csm_cli_fail_at                 (CsmWorkspace  *ws,
                                       const GError  *error);
int  _csm_cli_apply_training_rules    (CsmWorkspace  *ws,
                                       CsmCliWait    *wait,
                                       gint64         now,
                                       GTimeZone     *tz);
int  _csm_cli_import_training         (CsmWorkspace  *ws,
                                       CsmCliWait    *wait,
                                       const char    *file,
                                       const char    *contents,
                                       gint64         now,
                                       GTimeZone     *tz);
int  _csm_cli_export_training_catalog (CsmWorkspace  *ws,
                                       CsmCliWait    *wait);
int  _csm_cli_export_training         (CsmWorkspace  *ws,
                                       CsmCliWait    *wait,
                                       gboolean       modules,
                                       gint64         from,
                                       gint64         to,
                                       gint64         now);

G_END_DECLS
