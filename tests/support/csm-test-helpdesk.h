/* csm-test-helpdesk.h: a simulated helpdesk for a test: a scenario's or a generated world served on 127.0.0.1 like RT's REST2, stopped and started again at will.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "csm-sim-model.h"
#include "csm-sim-server.h"
#include "csm-sim-world.h"

G_BEGIN_DECLS

typedef struct
{
  CsmSimWorld *world;
  CsmSimServer *server;     /* (nullable): NULL while stopped */
  CsmSimModel *model;       /* (nullable): for a generated world */
  guint port;
  char *token;
} CsmTestHelpdesk;

CsmTestHelpdesk *csm_test_helpdesk_start   (const char      *scenario,
                                            const char      *token);
CsmTestHelpdesk *csm_test_helpdesk_generate (const CsmSimConfig *config,
                                             gint64            now,
                                             const char       *token);
void             csm_test_helpdesk_stop_server  (CsmTestHelpdesk *helpdesk);
void             csm_test_helpdesk_start_server (CsmTestHelpdesk *helpdesk);
const char      *csm_test_helpdesk_get_url (CsmTestHelpdesk *helpdesk);
void             csm_test_helpdesk_stop    (CsmTestHelpdesk *helpdesk);

JsonNode        *csm_test_console_export   (const char * const *args,
                                            JsonParser         *parser);

G_END_DECLS
