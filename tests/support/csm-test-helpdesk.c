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
/**
 * csm_test_helpdesk_start_server:
 *
 * Serves the world again, on the port it had (any free one the first time).
 */
void
csm_test_helpdesk_start_server (CsmTestHelpdesk *helpdesk)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (helpdesk->server);
  helpdesk->server = csm_sim_server_new (helpdesk->world);
  csm_sim_server_add_token (helpdesk->server, helpdesk->token, "root");
  g_assert_true (csm_sim_server_start_in_thread (helpdesk->server, helpdesk->port, &error));
  g_assert_no_error (error);
  helpdesk->port = csm_sim_server_get_port (helpdesk->server);
}

/**
 * csm_test_helpdesk_stop_server:
 *
 * The helpdesk goes away: nothing answers on its port any more.
 */
void
csm_test_helpdesk_stop_server (CsmTestHelpdesk *helpdesk)
{
  if (helpdesk->server != NULL)
    csm_sim_server_stop (helpdesk->server);
  g_clear_object (&helpdesk->server);
}

CsmTestHelpdesk *
csm_test_helpdesk_start (const char *scenario,
                         const char *token)
{
  g_autofree char *path = csm_test_data_path (scenario);
  g_autoptr(GError) error = NULL;
  CsmTestHelpdesk *helpdesk = g_new0 (CsmTestHelpdesk, 1);

  helpdesk->world = csm_sim_scenario_new_world (path, &error);
  g_assert_no_error (error);
  helpdesk->token = g_strdup (token);
  csm_test_helpdesk_start_server (helpdesk);
  return helpdesk;
}

/**
 * csm_test_helpdesk_generate:
 * @now: the world's now: it is generated up to it
 *
 * Returns: a helpdesk serving a world the workload model generated
 */
CsmTestHelpdesk *
csm_test_helpdesk_generate (const CsmSimConfig *config,
                            gint64              now,
                            const char         *token)
{
  CsmTestHelpdesk *helpdesk = g_new0 (CsmTestHelpdesk, 1);

  helpdesk->world = csm_sim_world_new ();
  helpdesk->model = csm_sim_model_new (helpdesk->world, config);
  csm_sim_model_populate (helpdesk->model, now);
  helpdesk->token = g_strdup (token);
  csm_test_helpdesk_start_server (helpdesk);
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
  csm_test_helpdesk_stop_server (helpdesk);
  g_clear_object (&helpdesk->model);
  g_clear_object (&helpdesk->world);
  g_free (helpdesk->token);
  g_free (helpdesk);
}

/**
 * csm_test_console_export:
 * @args: (array zero-terminated=1): the console's arguments (--export=…,
 *   --url=…)
 *
 * Runs the console the build made ($CSM_CONSOLE) with GSettings' defaults
 * (the memory backend), as a script would, and reads what it prints.
 *
 * Returns: (transfer none): the JSON it printed, held by @parser
 */
JsonNode *
csm_test_console_export (const char * const *args,
                         JsonParser         *parser)
{
  const char *console = g_getenv ("CSM_CONSOLE");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "GSETTINGS_BACKEND", "memory", TRUE);
  int status = 0;

  g_assert_nonnull (console);
  g_ptr_array_add (argv, (gpointer) console);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_test_fail_printf ("the export failed: %s", err);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  return json_parser_get_root (parser);
}
