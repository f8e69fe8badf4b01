/* csm-test-helpdesk.c: a simulated helpdesk for a test: a scenario's world served on 127.0.0.1 like RT's REST2.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "csm-sim-scenario.h"
#include "csm-test-helpdesk.h"
#include "csm-test-server.h"

/**
 * csm_test_helpdesk_start:
 * @scenario: a scenario under tests/data, e.g. "scenarios/fixture-small.json"
 * @token: the token that signs in as root
 *
 * Returns: (transfer full): the world, served on its own thread; stop it
 *   with csm_test_helpdesk_stop()
 */
CsmTestHelpdesk *
csm_test_helpdesk_start (const char *scenario,
                         const char *token)
{
  g_autofree char *path = csm_test_data_path (scenario);
  g_autoptr(GError) error = NULL;
  CsmTestHelpdesk *helpdesk = g_new0 (CsmTestHelpdesk, 1);

  helpdesk->world = csm_sim_scenario_new_world (path, &error);
  g_assert_no_error (error);
  helpdesk->server = csm_sim_server_new (helpdesk->world);
  csm_sim_server_add_token (helpdesk->server, token, "root");
  g_assert_true (csm_sim_server_start_in_thread (helpdesk->server, 0, &error));
  g_assert_no_error (error);
  return helpdesk;
}

const char *
csm_test_helpdesk_get_url (CsmTestHelpdesk *helpdesk)
{
  return csm_sim_server_get_url (helpdesk->server);
}

void
csm_test_helpdesk_stop (CsmTestHelpdesk *helpdesk)
{
  if (helpdesk == NULL)
    return;
  csm_sim_server_stop (helpdesk->server);
  g_clear_object (&helpdesk->server);
  g_clear_object (&helpdesk->world);
  g_free (helpdesk);
}
