/* csm-sync-indicator.h: the header's word on freshness: syncing, updated N s ago, offline.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "csm-sync-engine.h"

G_BEGIN_DECLS

#define CSM_TYPE_SYNC_INDICATOR (csm_sync_indicator_get_type ())

G_DECLARE_FINAL_TYPE (CsmSyncIndicator, csm_sync_indicator, CSM, SYNC_INDICATOR, GtkWidget)

void        csm_sync_indicator_set_engine  (CsmSyncIndicator *self,
                                            CsmSyncEngine    *engine);
const char *csm_sync_indicator_get_text    (CsmSyncIndicator *self);

G_END_DECLS
