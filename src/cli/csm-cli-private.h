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

G_END_DECLS
