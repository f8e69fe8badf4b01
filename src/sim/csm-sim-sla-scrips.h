/* csm-sim-sla-scrips.h: RT's service-level scrips over the world: Starts and Due after each transaction.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "csm-sim-world.h"

G_BEGIN_DECLS

void csm_sim_sla_scrips_after (CsmSimWorld             *world,
                               const CsmSimTransaction *txn);
void csm_sim_sla_set_due      (CsmSimWorld             *world,
                               const CsmSimTicket      *ticket);

G_END_DECLS
