/* csm-outbox-item.h: one queued write-back as the UI lists it (pending, being sent, failed).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "csm-store.h"

G_BEGIN_DECLS

#define CSM_TYPE_OUTBOX_ITEM (csm_outbox_item_get_type ())

G_DECLARE_FINAL_TYPE (CsmOutboxItem, csm_outbox_item, CSM, OUTBOX_ITEM, GObject)

CsmOutboxItem  *csm_outbox_item_new            (const CsmOutboxEntry *entry);
gint64          csm_outbox_item_get_id         (CsmOutboxItem        *self);
gint64          csm_outbox_item_get_ticket_id  (CsmOutboxItem        *self);
const char     *csm_outbox_item_get_field      (CsmOutboxItem        *self);
const char     *csm_outbox_item_get_value      (CsmOutboxItem        *self);
const char     *csm_outbox_item_get_previous   (CsmOutboxItem        *self);
gint64          csm_outbox_item_get_queued     (CsmOutboxItem        *self);
CsmOutboxState  csm_outbox_item_get_state      (CsmOutboxItem        *self);
guint           csm_outbox_item_get_attempts   (CsmOutboxItem        *self);
gint64          csm_outbox_item_get_next_attempt (CsmOutboxItem      *self);
const char     *csm_outbox_item_get_error      (CsmOutboxItem        *self);

/* For CsmOutbox: takes over @entry's state, attempts, next attempt and
 * error, notifying what changed. */
void            csm_outbox_item_update         (CsmOutboxItem        *self,
                                                const CsmOutboxEntry *entry);

G_END_DECLS
