/* csm-outbox-row.h: one change waiting for the helpdesk, with what became of it and, if refused, retry or discard.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "csm-outbox-item.h"

G_BEGIN_DECLS

#define CSM_TYPE_OUTBOX_ROW (csm_outbox_row_get_type ())

G_DECLARE_FINAL_TYPE (CsmOutboxRow, csm_outbox_row, CSM, OUTBOX_ROW, AdwActionRow)

GtkWidget     *csm_outbox_row_new      (CsmOutboxItem *item);
CsmOutboxItem *csm_outbox_row_get_item (CsmOutboxRow  *self);

G_END_DECLS
