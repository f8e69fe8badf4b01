/* csm-outbox.h: durable write-backs to the helpdesk (reassign, status), delivered exactly once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "csm-clock.h"
#include "csm-outbox-item.h"
#include "csm-provider.h"
#include "csm-store.h"

G_BEGIN_DECLS

#define CSM_TYPE_OUTBOX (csm_outbox_get_type ())

G_DECLARE_FINAL_TYPE (CsmOutbox, csm_outbox, CSM, OUTBOX, GObject)

/* Back-off after a transient failure: 5 s, 10 s, 20 s … up to 5 min,
 * unless the helpdesk names its own wait (Retry-After). */
#define CSM_OUTBOX_FIRST_BACKOFF_SECONDS 5
#define CSM_OUTBOX_MAX_BACKOFF_SECONDS   300

CsmOutbox  *csm_outbox_new              (CsmStore            *store,
                                         CsmProvider         *provider,
                                         CsmClock            *clock);
void        csm_outbox_start            (CsmOutbox           *self);
void        csm_outbox_start_async      (CsmOutbox           *self,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gboolean    csm_outbox_start_finish     (CsmOutbox           *self,
                                         GAsyncResult        *result,
                                         GError             **error);
void        csm_outbox_stop             (CsmOutbox           *self);
void        csm_outbox_queue_async      (CsmOutbox           *self,
                                         gint64               ticket_id,
                                         const char          *field,
                                         const char          *value,
                                         const char          *previous,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gint64      csm_outbox_queue_finish     (CsmOutbox           *self,
                                         GAsyncResult        *result,
                                         GError             **error);
GListModel *csm_outbox_get_items        (CsmOutbox           *self);
gboolean    csm_outbox_retry            (CsmOutbox           *self,
                                         gint64               id);
gboolean    csm_outbox_discard          (CsmOutbox           *self,
                                         gint64               id);
void        csm_outbox_wake             (CsmOutbox           *self);
gboolean    csm_outbox_is_idle          (CsmOutbox           *self);
void        csm_outbox_set_time_unit_ms (CsmOutbox           *self,
                                         guint                ms);

G_END_DECLS
