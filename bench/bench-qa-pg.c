/* bench-qa-pg.c: a team's PostgreSQL workspace under load: 20 reviewers submitting 50 reviews each, all at once, each as their own role.
 *
 * On a throw-away cluster (Debian's server, started and stopped here as
 * the tests do): every review must land, once; prints the submit
 * latencies' median, p95 and worst, from the call to the answer on the
 * caller's main loop.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>

#include "csm-test-async.h"
#include "csm-test-pg.h"
#include "csm-workspace.h"

#define CLIENTS 20
#define EACH 50

typedef struct
{
  CsmWorkspace *ws;
  CsmQaScorecard *card;
  guint sent;
  gint64 started;
  GArray *latencies;   /* double, ms */
  guint *running;
} Client;

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void submit_next (Client *client);

static void
submitted_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  Client *client = data;
  g_autoptr(GError) error = NULL;
  double ms = (g_get_monotonic_time () - client->started) / 1000.0;

  if (!csm_workspace_submit_reviews_finish (client->ws, result, NULL, &error))
    g_error ("%s: %s", csm_workspace_get_user (client->ws), error->message);
  g_array_append_val (client->latencies, ms);
  if (client->sent < EACH)
    submit_next (client);
  else
    (*client->running)--;
}

static void
submit_next (Client *client)
{
  g_autoptr(GPtrArray) one = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_qa_review_free);
  CsmQaReview *r = csm_qa_review_new (client->card);

  r->conversation = g_strdup_printf ("%s-%u", csm_workspace_get_user (client->ws), client->sent);
  r->agent = g_strdup ("alice");
  r->reviewer = g_strdup (csm_workspace_get_user (client->ws));
  r->submitted = 1795000000 + client->sent;
  for (guint i = 0; i < r->n_ratings; i++)
    r->ratings[i] = 1 + (int) ((client->sent + i) % 2);
  g_ptr_array_add (one, r);
  client->sent++;
  client->started = g_get_monotonic_time ();
  csm_workspace_submit_reviews_async (client->ws, one, NULL, submitted_cb, client);
}

int
main (int   argc,
      char *argv[])
{
  CsmTestPg *pg = csm_test_pg_start ();
  g_autofree char *uri = csm_test_pg_uri (pg, "team");
  g_autoptr(CsmQaScorecard) card = csm_qa_scorecard_new_default ();
  g_autoptr(CsmQaScorecard) stored = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CsmWorkspace) admin = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) landed = NULL;
  Client clients[CLIENTS];
  guint running = CLIENTS;
  gint64 t0;

  csm_test_pg_exec (pg, "postgres", "CREATE DATABASE team");
  csm_workspace_open_full_async (uri, CSM_TEST_PG_SUPERUSER, csm_test_pg_superuser_password (pg),
                                 TRUE, NULL, csm_test_store_result, &result);
  admin = csm_workspace_open_finish (csm_test_await (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  csm_workspace_import_scorecard_async (admin, card, NULL, csm_test_store_result, &result);
  stored = csm_workspace_import_scorecard_finish (admin, csm_test_await (&result), &error);
  g_assert_no_error (error);
  for (guint c = 0; c < CLIENTS; c++)
    {
      g_autofree char *name = g_strdup_printf ("reviewer%02u", c);
      g_autofree char *password = g_strdup_printf ("%s-secret", name);

      g_clear_object (&result);
      csm_workspace_add_member_async (admin, name, "reviewer", password, NULL,
                                      csm_test_store_result, &result);
      g_assert_true (csm_workspace_add_member_finish (admin, csm_test_await (&result), &error));
      g_clear_object (&result);
      csm_workspace_open_full_async (uri, name, password, FALSE, NULL, csm_test_store_result,
                                     &result);
      clients[c] = (Client) { NULL, stored, 0, 0, g_array_new (FALSE, FALSE, sizeof (double)),
                              &running };
      clients[c].ws = csm_workspace_open_finish (csm_test_await (&result), &error);
      g_assert_no_error (error);
    }

  t0 = g_get_monotonic_time ();
  for (guint c = 0; c < CLIENTS; c++)
    submit_next (&clients[c]);
  while (running > 0)
    g_main_context_iteration (NULL, TRUE);
  g_print ("%d reviewers submitting %d reviews each at once, one a call: %.1f s in all\n",
           CLIENTS, EACH, (g_get_monotonic_time () - t0) / 1e6);

  g_clear_object (&result);
  csm_workspace_list_reviews_async (admin, NULL, csm_test_store_result, &result);
  landed = csm_workspace_list_reviews_finish (admin, csm_test_await (&result), &error);
  g_assert_no_error (error);
  for (guint c = 0; c < CLIENTS; c++)
    {
      g_array_append_vals (all, clients[c].latencies->data, clients[c].latencies->len);
      g_array_unref (clients[c].latencies);
      g_object_unref (clients[c].ws);
    }
  g_array_sort (all, compare_doubles);
  g_print ("  landed: %u of %d, each once\n", landed->len, CLIENTS * EACH);
  g_print ("  submit latency: %.1f ms median, %.1f ms p95, %.1f ms worst\n",
           g_array_index (all, double, all->len / 2),
           g_array_index (all, double, all->len * 95 / 100),
           g_array_index (all, double, all->len - 1));
  if (landed->len != CLIENTS * EACH)
    return 1;
  g_clear_object (&admin);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  csm_test_pg_stop (pg);
  return 0;
}
