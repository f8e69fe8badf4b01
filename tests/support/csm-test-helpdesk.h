/* csm-test-helpdesk.h: a simulated helpdesk for a test: a scenario's world served on 127.0.0.1 like RT's REST2.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "csm-sim-server.h"
#include "csm-sim-world.h"

G_BEGIN_DECLS

typedef struct
{
  CsmSimWorld *world;
  CsmSimServer *server;
} CsmTestHelpdesk;

CsmTestHelpdesk *csm_test_helpdesk_start   (const char      *scenario,
                                            const char      *token);
const char      *csm_test_helpdesk_get_url (CsmTestHelpdesk *helpdesk);
void             csm_test_helpdesk_stop    (CsmTestHelpdesk *helpdesk);

G_END_DECLS
