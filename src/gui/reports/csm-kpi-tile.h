/* csm-kpi-tile.h: one KPI of the period: its value, its variant, its change, its population and its formula.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "csm-kpi-catalog.h"

G_BEGIN_DECLS

#define CSM_TYPE_KPI_TILE (csm_kpi_tile_get_type ())

G_DECLARE_FINAL_TYPE (CsmKpiTile, csm_kpi_tile, CSM, KPI_TILE, GtkWidget)

GtkWidget  *csm_kpi_tile_new          (CsmKpi               kpi);
CsmKpi      csm_kpi_tile_get_kpi      (CsmKpiTile          *self);
void        csm_kpi_tile_update       (CsmKpiTile          *self,
                                       const CsmKpiRow     *current,
                                       const CsmKpiRow     *previous,
                                       const CsmKpiOptions *options,
                                       CsmKpiStatistic      statistic,
                                       const char          *previous_name);
const char *csm_kpi_tile_get_value_text  (CsmKpiTile       *self);
const char *csm_kpi_tile_get_change_text (CsmKpiTile       *self);
const char *csm_kpi_tile_get_formula     (CsmKpiTile       *self);

G_END_DECLS
