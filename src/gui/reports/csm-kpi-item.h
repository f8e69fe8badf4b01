/* csm-kpi-item.h: one row of a KPI table (an agent, a queue or a channel), as a list model item.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "csm-kpi.h"

G_BEGIN_DECLS

#define CSM_TYPE_KPI_ITEM (csm_kpi_item_get_type ())

G_DECLARE_FINAL_TYPE (CsmKpiItem, csm_kpi_item, CSM, KPI_ITEM, GObject)

CsmKpiItem      *csm_kpi_item_new      (const CsmKpiRow *row,
                                        const char      *name);
void             csm_kpi_item_set_row  (CsmKpiItem      *self,
                                        const CsmKpiRow *row);
const CsmKpiRow *csm_kpi_item_get_row  (CsmKpiItem      *self);
const char      *csm_kpi_item_get_name (CsmKpiItem      *self);
const char      *csm_kpi_item_get_sort_key (CsmKpiItem  *self);

G_END_DECLS
