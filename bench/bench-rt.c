/* bench-rt.c: sync and start-up speed against a real Request Tracker 5 (run by with-rt.sh).
 *
 * Reports, against the RT that tests/rt/with-rt.sh started (with
 * CSM_RT_BULK=2000 for the README figures):
 *   1. a full sync into a fresh cache: wall time, tickets, requests, and the
 *      ratio to fetching the same GET requests one by one with curl;
 *   2. an incremental refresh with no changes: requests, wall and CPU time;
 *   3. cold start of the window to a drawn Queues page from that cache
 *      (a child process; needs a display, e.g. Xvfb, and GSK_RENDERER=cairo).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bench-rt"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "csm-cli.h"
#include "csm-clock.h"
#include "csm-context.h"
#include "csm-provider-private.h"
#include "csm-queues-page.h"
#include "csm-resources.h"
#include "csm-store.h"
#include "csm-sync-engine.h"
#include "csm-window.h"

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
await_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static double
cpu_ms (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_utime.tv_sec * 1000.0 + ru.ru_utime.tv_usec / 1000.0 +
         ru.ru_stime.tv_sec * 1000.0 + ru.ru_stime.tv_usec / 1000.0;
}

static gint64 trace_start;

static void
request_sent_cb (CsmHttpClient *http,
                 const char    *method,
                 const char    *uri,
                 GPtrArray     *gets)
{
  if (g_strcmp0 (method, "GET") == 0)
    g_ptr_array_add (gets, g_strdup (uri));
  if (g_getenv ("CSM_BENCH_TRACE"))
    g_printerr ("%8.0f ms  %s %.110s\n", (g_get_monotonic_time () - trace_start) / 1000.0, method,
                strstr (uri, "/REST/2.0") ? strstr (uri, "/REST/2.0") + 9 : uri);
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* ------------------------------------------------------------------------ */
/* Child: draw the Queues page from the cache and say when it was drawn. */

static gint64 drawn_at;

static void
after_paint_cb (GdkFrameClock *clock,
                CsmWindow     *window)
{
  CsmQueuesPage *page = CSM_QUEUES_PAGE (csm_window_get_queues_page (window));

  if (drawn_at == 0 &&
      g_strcmp0 (csm_queues_page_get_state_name (page), "list") == 0 &&
      g_list_model_get_n_items (csm_queues_page_get_rows (page)) > 0)
    drawn_at = g_get_monotonic_time ();
}

static int
draw_child (const char *url,
            const char *token)
{
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(CsmClock) clock = NULL;
  g_autoptr(CsmContext) context = NULL;
  g_autoptr(CsmAccount) account = NULL;
  CsmWindow *window;

  adw_init ();
  csm_register_resource ();
  settings = g_settings_new (APP_ID);
  clock = csm_clock_new_system ();
  context = csm_context_new (settings, clock);
  account = csm_account_new ("rt", url, CSM_AUTH_TOKEN, NULL);
  csm_account_set_agents_group (account, "Agents");

  window = csm_window_new (NULL, context);
  gtk_window_present (GTK_WINDOW (window));
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                    G_CALLBACK (after_paint_cb), window);
  /* The token only lets the engine start its incremental sync; what is
   * drawn first comes from the cache. */
  csm_context_set_account (context, account, token);

  while (drawn_at == 0)
    g_main_context_iteration (NULL, TRUE);
  g_print ("%" G_GINT64_FORMAT "\n", drawn_at);
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}

/* ------------------------------------------------------------------------ */

int
main (int   argc,
      char *argv[])
{
  const char *url = g_getenv ("CSM_TEST_RT_URL");
  const char *token_file = g_getenv ("CSM_TEST_RT_TOKEN_FILE");
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *header_file = NULL;
  g_autoptr(CsmAccount) account = NULL;
  g_autoptr(CsmProvider) provider = NULL;
  g_autoptr(CsmStore) store = NULL;
  g_autoptr(CsmClock) clock = NULL;
  g_autoptr(CsmSyncEngine) engine = NULL;
  g_autoptr(GPtrArray) gets = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *store_path = NULL;
  CsmSyncStats stats;
  gint64 t0;
  double full_ms, curl_ms;
  GArray *incr_ms = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *incr_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  guint incr_requests = 0;

  if (url == NULL || token_file == NULL)
    g_error ("run me through tests/rt/with-rt.sh (CSM_RT_BULK=2000 for the README figures)");
  token = csm_cli_read_secret_file (token_file, &error);
  g_assert_no_error (error);

  if (argc > 1 && g_strcmp0 (argv[1], "--draw") == 0)
    return draw_child (url, token);

  dir = g_dir_make_tmp ("csm-bench-rt-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", dir, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  account = csm_account_new ("rt", url, CSM_AUTH_TOKEN, NULL);
  csm_account_set_agents_group (account, "Agents");
  provider = csm_provider_new_for_account (account, token, &error);
  g_assert_no_error (error);
  g_signal_connect (_csm_provider_get_http_client (provider), "request-sent",
                    G_CALLBACK (request_sent_cb), gets);

  store_path = csm_store_path_for_account (csm_account_get_id (account));
  csm_store_open_async (store_path, NULL, result_cb, &result);
  store = csm_store_open_finish (await_result (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  clock = csm_clock_new_system ();
  engine = csm_sync_engine_new (provider, store, clock);

  /* 1. Full sync */
  t0 = trace_start = g_get_monotonic_time ();
  csm_sync_engine_sync_async (engine, CSM_SYNC_FULL, NULL, result_cb, &result);
  g_assert_true (csm_sync_engine_sync_finish (engine, await_result (&result), &stats, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  full_ms = (g_get_monotonic_time () - t0) / 1000.0;

  /* The same GET requests with curl, one after the other. */
  header_file = g_build_filename (dir, "auth-header", NULL);
  {
    g_autofree char *header = g_strdup_printf ("Authorization: token %s\n", token);
    g_assert_true (g_file_set_contents_full (header_file, header, -1, G_FILE_SET_CONTENTS_NONE,
                                             0600, &error));
  }
  t0 = g_get_monotonic_time ();
  for (guint i = 0; i < gets->len; i++)
    {
      g_autofree char *header_arg = g_strdup_printf ("@%s", header_file);
      const char *curl[] = { "curl", "-s", "-f", "-o", "/dev/null", "-H", header_arg,
                             g_ptr_array_index (gets, i), NULL };
      int status;

      g_assert_true (g_spawn_sync (NULL, (char **) curl, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                   NULL, NULL, &status, &error));
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
    }
  curl_ms = (g_get_monotonic_time () - t0) / 1000.0;

  g_print ("full sync: %u tickets, %u transactions, %u requests (%u GET) in %.0f ms "
           "(%.0f tickets/s)\n",
           stats.tickets_received, stats.transactions_received, stats.requests, gets->len,
           full_ms, stats.tickets_received / (full_ms / 1000.0));
  g_print ("curl, same %u GET requests one by one: %.0f ms; ratio console/curl = %.2f "
           "(goal <= 0.5)\n", gets->len, curl_ms, full_ms / curl_ms);

  /* 2. Incremental refresh with nothing changed */
  for (int i = 0; i < 7; i++)
    {
      double cpu0 = cpu_ms ();
      double wall;

      t0 = g_get_monotonic_time ();
      csm_sync_engine_sync_async (engine, CSM_SYNC_INCREMENTAL, NULL, result_cb, &result);
      g_assert_true (csm_sync_engine_sync_finish (engine, await_result (&result), &stats, &error));
      g_assert_no_error (error);
      g_clear_object (&result);
      wall = (g_get_monotonic_time () - t0) / 1000.0;
      g_array_append_val (incr_ms, wall);
      wall = cpu_ms () - cpu0;
      g_array_append_val (incr_cpu, wall);
      incr_requests = MAX (incr_requests, stats.requests);
    }
  g_array_sort (incr_ms, compare_double);
  g_array_sort (incr_cpu, compare_double);
  g_print ("incremental, no changes: %u request(s) (goal <= 2); median wall %.1f ms, "
           "median console CPU %.1f ms (goal <= 100 ms client time)\n",
           incr_requests, g_array_index (incr_ms, double, 3), g_array_index (incr_cpu, double, 3));

  /* Close the cache cleanly, as the app does at exit. */
  g_clear_object (&engine);
  csm_store_close_async (store, NULL, result_cb, &result);
  g_assert_true (csm_store_close_finish (store, await_result (&result), &error));
  g_clear_object (&result);

  /* 3. Cold start to a drawn Queues page, from that cache */
  {
    GArray *starts = g_array_new (FALSE, FALSE, sizeof (double));

    for (int i = 0; i < 5; i++)
      {
        const char *child[] = { argv[0], "--draw", NULL };
        g_autofree char *out = NULL;
        int status;
        gint64 drawn;
        double ms;

        t0 = g_get_monotonic_time ();
        g_assert_true (g_spawn_sync (NULL, (char **) child, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                     &out, NULL, &status, &error));
        g_assert_no_error (error);
        g_assert_true (g_spawn_check_wait_status (status, NULL));
        drawn = g_ascii_strtoll (out, NULL, 10);
        ms = (drawn - t0) / 1000.0;
        g_array_append_val (starts, ms);
      }
    g_array_sort (starts, compare_double);
    g_print ("cold start to a drawn Queues page from the cache (%s renderer): median %.0f ms, "
             "best %.0f ms (goal <= 400 ms)\n",
             g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : "default",
             g_array_index (starts, double, 2), g_array_index (starts, double, 0));
    g_array_unref (starts);
  }

  g_array_unref (incr_ms);
  g_array_unref (incr_cpu);
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", dir);
    (void) system (cmd);
  }
  return 0;
}
