/* bench-sim.h: what bench-sim's files share: the children's environment and small helpers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "csm-clock.h"
#include "csm-context.h"
#include "csm-store.h"
#include "csm-sync-engine.h"

#define TOKEN_ENV "CSM_BENCH_TOKEN_FILE"
#define URL_ENV "CSM_BENCH_URL"
/* The children's clock: the simulated "now" when they start, and how many
 * of the console's seconds pass per real one from then on. */
#define NOW_ENV "CSM_BENCH_NOW"
#define SPEED_ENV "CSM_BENCH_SPEED"

void          result_cb         (GObject       *object,
                                 GAsyncResult  *result,
                                 gpointer       user_data);
GAsyncResult *await_result      (GAsyncResult **slot);
long          rss_kib           (void);
void          shut_down         (CsmContext    *context);
CsmClock     *child_clock_new   (void);
int           compare_double    (const void    *a,
                                 const void    *b);

/* bench-sim-reports.c */
void          bench_kpi_report  (CsmStore      *store,
                                 CsmSyncEngine *engine,
                                 gint64         now);
int           run_reports_child (void);
