/* csm-sla-level-row.h: one SLA level in the preferences, editable in place.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "csm-sla-policy.h"

G_BEGIN_DECLS

#define CSM_TYPE_SLA_LEVEL_ROW (csm_sla_level_row_get_type ())

G_DECLARE_FINAL_TYPE (CsmSlaLevelRow, csm_sla_level_row, CSM, SLA_LEVEL_ROW, AdwExpanderRow)

CsmSlaLevelRow *csm_sla_level_row_new        (const CsmSlaLevel *level);
void            csm_sla_level_row_get_level  (CsmSlaLevelRow    *self,
                                              CsmSlaLevel       *out_level);

G_END_DECLS
