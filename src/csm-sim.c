/* csm-sim.c: the csm-sim executable: a simulated contact centre behind an RT 5 REST2 API.
 *
 *   csm-sim [--port N] [--seed S] [--tickets T] [--agents A] [--history-days D]
 *           [--speed X] [--scenario FILE] [--token-file F]
 *
 * Prints the helpdesk's URL on the first line of stdout and serves until
 * SIGTERM or SIGINT. For tests, benchmarks and anyone who wants a fake RT.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "csm-cli.h"
#include "csm-sim-model.h"
#include "csm-sim-scenario.h"
#include "csm-sim-server.h"

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static char *
random_token (void)
{
  GString *token = g_string_new ("1-1-");

  /* 32 hex digits, RT's token shape */
  for (int i = 0; i < 4; i++)
    g_string_append_printf (token, "%08x", g_random_int ());
  return g_string_free (token, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  int port = 0;
  gint64 seed = 1;
  int tickets = 2000;
  int agents = 40;
  int history_days = 7;
  double speed = 60;
  char *scenario = NULL;
  char *token_file = NULL;
  const GOptionEntry entries[] = {
    { "port", 0, 0, G_OPTION_ARG_INT, &port, N_("Port on 127.0.0.1 (0: any free one)"), N_("N") },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, N_("Random seed (same seed, same helpdesk)"), N_("S") },
    { "tickets", 0, 0, G_OPTION_ARG_INT, &tickets, N_("Tickets arriving over the history"), N_("T") },
    { "agents", 0, 0, G_OPTION_ARG_INT, &agents, N_("Number of agents"), N_("A") },
    { "history-days", 0, 0, G_OPTION_ARG_INT, &history_days, N_("Days of history before now"), N_("D") },
    { "speed", 0, 0, G_OPTION_ARG_DOUBLE, &speed,
      N_("Simulated seconds per real second (0: frozen)"), N_("X") },
    { "scenario", 0, 0, G_OPTION_ARG_FILENAME, &scenario,
      N_("Serve this fixed scenario instead of a generated one (clock frozen)"), N_("FILE") },
    { "token-file", 0, 0, G_OPTION_ARG_FILENAME, &token_file,
      N_("Accept the token in FILE (mode 600) for user root; default: a random one"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) options = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CsmSimWorld) world = NULL;
  g_autoptr(CsmSimModel) model = NULL;
  g_autoptr(CsmSimServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *token = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  options = g_option_context_new (NULL);
  g_option_context_set_summary (options, _("A simulated contact centre that answers like "
                                           "Request Tracker 5’s REST2 API."));
  g_option_context_add_main_entries (options, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (options, &argc, &argv, &error))
    {
      g_printerr ("csm-sim: %s\n", error->message);
      return 2;
    }
  if (port < 0 || port > 65535 || tickets < 0 || agents <= 0 || history_days < 0 || speed < 0)
    {
      g_printerr (_("csm-sim: the numbers must not be negative, --agents must be at least 1 and "
                    "the port below 65536\n"));
      return 2;
    }

  if (token_file != NULL)
    {
      token = csm_cli_read_secret_file (token_file, &error);
      if (token == NULL)
        {
          g_printerr ("csm-sim: %s\n", error->message);
          return 2;
        }
    }
  else
    token = random_token ();

  if (scenario != NULL)
    {
      world = csm_sim_scenario_new_world (scenario, &error);
      if (world == NULL)
        {
          g_printerr ("csm-sim: %s\n", error->message);
          return 1;
        }
    }
  else
    {
      CsmSimConfig config = {
        .seed = (guint64) seed,
        .n_agents = (guint) agents,
        .target_tickets = (guint) tickets,
        .history_days = (guint) history_days,
        .speed = speed,
      };

      world = csm_sim_world_new ();
      model = csm_sim_model_new (world, &config);
      csm_sim_model_populate (model, g_get_real_time () / G_USEC_PER_SEC);
    }

  server = csm_sim_server_new (world);
  csm_sim_server_add_token (server, token, "root");
  if (!csm_sim_server_listen_local (server, (guint) port, &error))
    {
      g_printerr ("csm-sim: %s\n", error->message);
      return 1;
    }

  if (token_file == NULL)
    {
      /* The generated token goes to a private file, never to the terminal. */
      const char *dir = g_get_user_runtime_dir ();
      g_autofree char *name = g_strdup_printf ("csm-sim-%u.token", csm_sim_server_get_port (server));
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (!g_file_set_contents_full (path, token, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
        {
          g_printerr ("csm-sim: %s\n", error->message);
          return 1;
        }
      g_printerr (_("csm-sim: the token for user root is in %s\n"), path);
    }

  g_print ("%s\n", csm_sim_server_get_url (server));
  fflush (stdout);

  if (model != NULL && speed > 0)
    {
      csm_sim_model_set_speed (model, speed);
      csm_sim_model_start (model, g_main_context_default ());
    }

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_main_loop_run (loop);

  if (model != NULL)
    csm_sim_model_stop (model);
  csm_sim_server_stop (server);
  g_free (scenario);
  g_free (token_file);
  return 0;
}
