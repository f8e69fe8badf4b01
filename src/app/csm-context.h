/* csm-context.h: what every page shares: settings, clock, the account and its sync engine.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "csm-account.h"
#include "csm-agent-monitor.h"
#include "csm-clock.h"
#include "csm-outbox.h"
#include "csm-sla-monitor.h"
#include "csm-sync-engine.h"

G_BEGIN_DECLS

#define CSM_TYPE_CONTEXT (csm_context_get_type ())

G_DECLARE_FINAL_TYPE (CsmContext, csm_context, CSM, CONTEXT, GObject)

CsmContext    *csm_context_new                     (GSettings     *settings,
                                                    CsmClock      *clock);
GSettings     *csm_context_get_settings            (CsmContext    *self);
CsmClock      *csm_context_get_clock               (CsmContext    *self);
CsmAccount    *csm_context_get_account             (CsmContext    *self);
const char    *csm_context_get_person              (CsmContext    *self);
char          *csm_context_dup_qa_workspace        (CsmContext    *self);
CsmSyncEngine *csm_context_get_engine              (CsmContext    *self);
const char    *csm_context_get_problem             (CsmContext    *self);
void           csm_context_set_account             (CsmContext    *self,
                                                    CsmAccount    *account,
                                                    const char    *secret);
CsmAccount    *csm_context_load_account_from_settings (CsmContext *self);
void           csm_context_save_account_to_settings   (CsmContext *self,
                                                       CsmAccount *account);
void           csm_context_forget_account          (CsmContext    *self);
void           csm_context_start_demo_async        (CsmContext    *self,
                                                    guint64        seed,
                                                    double         speed,
                                                    gint64         start,
                                                    GCancellable  *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer       user_data);
gboolean       csm_context_start_demo_finish       (CsmContext    *self,
                                                    GAsyncResult  *result,
                                                    GError       **error);
gboolean       csm_context_get_demo_running        (CsmContext    *self);
CsmOutbox     *csm_context_get_outbox              (CsmContext    *self);
CsmSlaMonitor *csm_context_get_sla_monitor         (CsmContext    *self);
CsmAgentMonitor *csm_context_get_agent_monitor     (CsmContext    *self);
const char    *csm_context_get_policy_problem      (CsmContext    *self);
void           csm_context_shutdown_async          (CsmContext    *self,
                                                    GCancellable  *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer       user_data);
gboolean       csm_context_shutdown_finish         (CsmContext    *self,
                                                    GAsyncResult  *result,
                                                    GError       **error);

G_END_DECLS
