/* csm-demo.h: the built-in demo helpdesk: a simulated contact centre served on loopback.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "csm-account.h"

G_BEGIN_DECLS

#define CSM_TYPE_DEMO (csm_demo_get_type ())

G_DECLARE_FINAL_TYPE (CsmDemo, csm_demo, CSM, DEMO, GObject)

CsmDemo    *csm_demo_new          (guint64              seed,
                                   double               speed,
                                   gint64               start);
void        csm_demo_start_async  (CsmDemo             *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
gboolean    csm_demo_start_finish (CsmDemo             *self,
                                   GAsyncResult        *result,
                                   GError             **error);
CsmAccount *csm_demo_get_account  (CsmDemo             *self);
const char *csm_demo_get_token    (CsmDemo             *self);
gint64      csm_demo_get_now      (CsmDemo             *self);
void        csm_demo_stop         (CsmDemo             *self);

G_END_DECLS
