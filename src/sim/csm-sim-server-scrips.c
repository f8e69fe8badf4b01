/* csm-sim-server-scrips.c: RT's service-level scrips, run as RT_System after each ticket write.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-sim-server"

#include "config.h"

#include "csm-sim-server-private.h"
#include "csm-sim-sla-scrips.h"

/* Runs the scrips of every transaction recorded since @mark (an index into
 * the world's transactions), including those the scrips record. */
void
csm_sim_run_scrips (CsmSimRequest *r,
                    guint          mark)
{
  for (guint i = mark; i < csm_sim_world_get_n_transactions (r->world); i++)
    csm_sim_sla_scrips_after (r->world, csm_sim_world_get_transaction_at (r->world, i));
}
