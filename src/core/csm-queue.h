/* csm-queue.h: a helpdesk queue (RT queue, Zammad group, Zendesk group).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "csm-types.h"

G_BEGIN_DECLS

#define CSM_TYPE_QUEUE (csm_queue_get_type ())

G_DECLARE_FINAL_TYPE (CsmQueue, csm_queue, CSM, QUEUE, GObject)

CsmQueue   *csm_queue_new                (gint64      id,
                                          const char *name,
                                          const char *description);
gint64      csm_queue_get_id             (CsmQueue   *self);
const char *csm_queue_get_name           (CsmQueue   *self);
const char *csm_queue_get_description    (CsmQueue   *self);
gboolean    csm_queue_get_sla_enabled    (CsmQueue   *self);
void        csm_queue_set_sla_enabled    (CsmQueue   *self,
                                          gboolean    enabled);
gboolean    csm_queue_equal              (CsmQueue   *a,
                                          CsmQueue   *b);

G_END_DECLS
