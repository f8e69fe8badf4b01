/* csm-sla-board.h: the SLA page's lanes (breached, at risk, predicted to breach) and attainment.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "csm-sla-entry.h"
#include "csm-sla-policy.h"

G_BEGIN_DECLS

#define CSM_SLA_DEFAULT_HORIZON      1800
#define CSM_SLA_DEFAULT_RATE_WINDOW  3600

/**
 * CsmSlaBoardOptions:
 * @horizon_seconds: at risk when 0 <= remaining <= horizon; default 1800
 * @rate_window_seconds: first replies counted over this past window;
 *   default 3600
 */
typedef struct
{
  gint64 horizon_seconds;
  gint64 rate_window_seconds;
} CsmSlaBoardOptions;

void        csm_sla_board_options_init  (CsmSlaBoardOptions       *options);
GPtrArray  *csm_sla_board_compute       (CsmSlaPolicy             *policy,
                                         GPtrArray                *tickets,
                                         const CsmSlaBoardOptions *options,
                                         gint64                    now);

/**
 * CsmSlaAttainmentRow:
 * @key: the SLA level or queue name
 *
 * Targets met and missed over a period; see csm_sla_attainment_compute().
 */
typedef struct
{
  char *key;
  guint response_met;
  guint response_missed;
  guint resolve_met;
  guint resolve_missed;
} CsmSlaAttainmentRow;

GPtrArray  *csm_sla_attainment_compute          (CsmSlaPolicy              *policy,
                                                 GPtrArray                 *tickets,
                                                 gboolean                   by_queue,
                                                 gint64                     from,
                                                 gint64                     to,
                                                 gint64                     now);
double      csm_sla_attainment_row_response_percent (const CsmSlaAttainmentRow *row);
double      csm_sla_attainment_row_resolve_percent  (const CsmSlaAttainmentRow *row);
void        csm_sla_attainment_row_free         (CsmSlaAttainmentRow       *row);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsmSlaAttainmentRow, csm_sla_attainment_row_free)

char       *csm_sla_board_dup_formula   (const char               *what,
                                         const CsmSlaBoardOptions *options);

G_END_DECLS
