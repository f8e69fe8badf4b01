/* test-export-kpis.c: `csm-console --export=kpis` against the simulator, checked against counts made here from the simulated world.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <json-glib/json-glib.h>

#include "csm-sim-model.h"
#include "csm-sim-server.h"
#include "csm-sim-world.h"
#include "csm-test-helpdesk.h"
#include "csm-time.h"

#define TOKEN "1-1-00112233445566778899aabbccddeeff"

static gint64
at (const char *iso)
{
  gint64 t = 0;

  g_assert_true (csm_time_parse_iso8601 (iso, &t));
  return t;
}

static gboolean
is_active (const char *status)
{
  return g_strcmp0 (status, "new") == 0 || g_strcmp0 (status, "open") == 0 ||
         g_strcmp0 (status, "stalled") == 0;
}

/* The status the ticket had at @instant, from its Status transactions. */
static const char *
status_at (CsmSimWorld        *world,
           const CsmSimTicket *t,
           gint64              instant)
{
  const char *status = NULL;
  gboolean first = TRUE;

  for (guint i = 0; i < t->txns->len; i++)
    {
      const CsmSimTransaction *x =
        csm_sim_world_get_transaction_at (world, g_array_index (t->txns, guint, i));

      if (g_strcmp0 (x->type, "Status") != 0)
        continue;
      if (first)
        status = x->old_value;
      first = FALSE;
      if (x->created < instant)
        status = x->new_value;
    }
  return first ? t->status : status;
}

static const char *
field_value (CsmSimWorld        *world,
             const CsmSimTicket *t,
             const char         *name)
{
  for (guint i = 0; i < t->cf_values->len; i++)
    {
      const CsmSimCfValue *v = &g_array_index (t->cf_values, CsmSimCfValue, i);
      const CsmSimCustomField *cf = csm_sim_world_lookup_custom_field (world, v->cf_id);

      if (cf != NULL && g_strcmp0 (cf->name, name) == 0)
        return v->value;
    }
  return NULL;
}

static JsonObject *
run_export_period (const char *url,
                   const char *token_file,
                   const char *now,
                   const char *from,
                   const char *to,
                   JsonParser *parser)
{
  const char *console = g_getenv ("CSM_CONSOLE");
  g_autofree char *arg_url = g_strdup_printf ("--url=%s", url);
  g_autofree char *arg_token = g_strdup_printf ("--token-file=%s", token_file);
  g_autofree char *arg_now = g_strdup_printf ("--now=%s", now);
  g_autofree char *arg_from = g_strdup_printf ("--from=%s", from);
  g_autofree char *arg_to = g_strdup_printf ("--to=%s", to);
  const char *argv[] = {
    console, "--export=kpis", arg_url, arg_token, arg_now, arg_from, arg_to, NULL,
  };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "GSETTINGS_BACKEND", "memory", TRUE);
  int status = 0;
  JsonArray *rows;

  g_assert_nonnull (console);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_test_fail_printf ("the export failed: %s", err);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  rows = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (rows), ==, 1);
  return json_array_get_object_element (rows, 0);
}

static JsonObject *
run_export (const char *url,
            const char *token_file,
            const char *now,
            JsonParser *parser)
{
  return run_export_period (url, token_file, now, "2026-11-16", "2026-11-24", parser);
}

static void
test_matches_world (void)
{
  CsmTestHelpdesk *desk = csm_test_helpdesk_start ("scenarios/fixture-small.json", TOKEN);
  CsmSimWorld *world = desk->world;
  g_autofree char *dir = g_dir_make_tmp ("csm-kpis-XXXXXX", NULL);
  g_autofree char *token_file = g_build_filename (dir, "token", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  gint64 from = at ("2026-11-16T00:00:00Z"), to = at ("2026-11-24T00:00:00Z");
  gint64 now = csm_sim_world_get_now (world);
  g_autofree char *now_text = csm_time_format_iso8601 (now);
  guint created = 0, resolved = 0, backlog = 0, csat = 0, satisfied = 0;
  GPtrArray *tickets;
  JsonObject *row;

  g_assert_true (g_file_set_contents (token_file, TOKEN, -1, NULL));
  g_assert_cmpint (g_chmod (token_file, 0600), ==, 0);
  row = run_export (csm_test_helpdesk_get_url (desk), token_file, now_text, parser);

  csm_sim_world_lock (world);
  tickets = csm_sim_world_get_tickets (world);
  for (guint i = 0; i < tickets->len; i++)
    {
      const CsmSimTicket *t = g_ptr_array_index (tickets, i);
      const char *answer;

      if (g_strcmp0 (t->status, "deleted") == 0)
        continue;
      if (t->created >= from && t->created < to)
        created++;
      if (t->created < MIN (to, now) && is_active (status_at (world, t, MIN (to, now))))
        backlog++;
      if (g_strcmp0 (t->status, "resolved") != 0 || t->resolved < from || t->resolved >= to)
        continue;
      resolved++;
      answer = field_value (world, t, "CSAT");
      if (answer != NULL && answer[0] >= '1' && answer[0] <= '5' && answer[1] == '\0')
        {
          csat++;
          satisfied += answer[0] >= '4';
        }
    }
  csm_sim_world_unlock (world);

  g_test_message ("created %u, resolved %u, backlog %u, CSAT %u of %u", created, resolved,
                  backlog, satisfied, csat);
  g_assert_cmpuint (created, >, 0);
  g_assert_cmpuint (resolved, >, 0);
  g_assert_cmpuint (csat, >, 0);
  g_assert_true (json_object_get_null_member (row, "group"));
  g_assert_cmpint (json_object_get_int_member (row, "created"), ==, created);
  g_assert_cmpint (json_object_get_int_member (row, "resolved"), ==, resolved);
  g_assert_cmpint (json_object_get_int_member (row, "backlog_end"), ==, backlog);
  g_assert_cmpint (json_object_get_int_member (row, "csat_responses"), ==, csat);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (row, "csat_percent"),
                                  100.0 * satisfied / csat, 0.051);

  csm_test_helpdesk_stop (desk);
  g_unlink (token_file);
  g_rmdir (dir);
}

/* ------------------------------------------------------------------------ */
/* A generated month                                                        */

static gboolean
is_staff (CsmSimWorld        *world,
          const CsmSimTicket *t,
          guint32             creator)
{
  const CsmSimUser *user = csm_sim_world_lookup_user (world, creator);

  return user != NULL && (user->access == CSM_SIM_ACCESS_AGENT ||
                          user->access == CSM_SIM_ACCESS_ADMIN) &&
         !csm_sim_ticket_has_requestor (t, creator);
}

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static double
median_of (GArray *values)
{
  guint n = values->len;
  gint64 *v = (gint64 *) values->data;

  g_array_sort (values, compare_int64);
  return n % 2 ? (double) v[n / 2] : ((double) v[n / 2 - 1] + v[n / 2]) / 2.0;
}

static gboolean
survey (CsmSimWorld        *world,
        const CsmSimTicket *t,
        const char         *name,
        int                 low,
        int                 high,
        int                *out)
{
  const char *text = field_value (world, t, name);
  gint64 v;

  if (text == NULL || !g_ascii_string_to_signed (text, 10, low, high, &v, NULL))
    return FALSE;
  *out = (int) v;
  return TRUE;
}

static void
assert_near (JsonObject *row,
             const char *key,
             double      expected)
{
  double got = json_object_get_double_member (row, key);

  /* The export carries one decimal. */
  if (fabs (got - expected) > 0.051)
    g_test_fail_printf ("%s: exported %.3f, counted %.3f", key, got, expected);
}

/* Seven days of a simulated contact centre: what the console exports is
 * what the world's own records say, counted here without the console. */
static void
test_generated_week (void)
{
  CsmSimConfig config = { .seed = 31, .n_agents = 30, .target_tickets = 2500, .history_days = 28 };
  g_autoptr(CsmSimWorld) world = csm_sim_world_new ();
  g_autoptr(CsmSimModel) model = csm_sim_model_new (world, &config);
  g_autoptr(CsmSimServer) server = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GArray) frt = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *dir = g_dir_make_tmp ("csm-kpis-XXXXXX", NULL);
  g_autofree char *token_file = g_build_filename (dir, "token", NULL);
  gint64 now = CSM_SIM_REFERENCE_NOW, from = now - 7 * 86400;
  g_autofree char *now_text = csm_time_format_iso8601 (now);
  g_autofree char *from_text = csm_time_format_iso8601 (from);
  guint created = 0, resolved = 0, backlog = 0, fcr = 0;
  guint csat = 0, satisfied = 0, nps = 0, promoters = 0, detractors = 0, ces = 0;
  gint64 worked = 0, effort = 0;
  GPtrArray *tickets;
  JsonObject *row;

  csm_sim_model_populate (model, now);
  server = csm_sim_server_new (world);
  csm_sim_server_add_token (server, TOKEN, "root");
  g_assert_true (csm_sim_server_start_in_thread (server, 0, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (token_file, TOKEN, -1, NULL));
  g_assert_cmpint (g_chmod (token_file, 0600), ==, 0);
  row = run_export_period (csm_sim_server_get_url (server), token_file, now_text, from_text,
                           now_text, parser);

  csm_sim_world_lock (world);
  tickets = csm_sim_world_get_tickets (world);
  for (guint i = 0; i < tickets->len; i++)
    {
      const CsmSimTicket *t = g_ptr_array_index (tickets, i);
      gint64 first = 0;
      guint replies = 0;
      gboolean reopened = FALSE;
      int answer;

      if (g_strcmp0 (t->status, "deleted") == 0)
        continue;
      for (guint k = 0; k < t->txns->len; k++)
        {
          const CsmSimTransaction *x =
            csm_sim_world_get_transaction_at (world, g_array_index (t->txns, guint, k));

          if (g_strcmp0 (x->type, "Correspond") == 0 && is_staff (world, t, x->creator))
            {
              replies++;
              if (first == 0)
                first = x->created;
            }
          if (g_strcmp0 (x->type, "Status") == 0 && g_strcmp0 (x->old_value, "resolved") == 0 &&
              is_active (x->new_value))
            reopened = TRUE;
        }
      if (t->created >= from && t->created < now)
        {
          created++;
          if (first > 0 && first <= now)
            {
              gint64 wait = first - t->created;
              g_array_append_val (frt, wait);
            }
        }
      if (t->created < now && is_active (status_at (world, t, now)))
        backlog++;
      if (g_strcmp0 (t->status, "resolved") != 0 || t->resolved < from || t->resolved >= now)
        continue;
      resolved++;
      worked += t->time_worked;
      fcr += replies == 1 && !reopened;
      if (survey (world, t, "CSAT", 1, 5, &answer))
        {
          csat++;
          satisfied += answer >= 4;
        }
      if (survey (world, t, "NPS", 0, 10, &answer))
        {
          nps++;
          promoters += answer >= 9;
          detractors += answer <= 6;
        }
      if (survey (world, t, "CES", 1, 7, &answer))
        {
          ces++;
          effort += answer;
        }
    }
  csm_sim_world_unlock (world);

  g_test_message ("created %u (%u answered), resolved %u, backlog %u, surveys %u/%u/%u",
                  created, frt->len, resolved, backlog, csat, nps, ces);
  g_assert_cmpuint (frt->len, >, 100);
  g_assert_cmpuint (csat, >, 20);
  g_assert_cmpint (json_object_get_int_member (row, "created"), ==, created);
  g_assert_cmpint (json_object_get_int_member (row, "resolved"), ==, resolved);
  g_assert_cmpint (json_object_get_int_member (row, "backlog_end"), ==, backlog);
  assert_near (row, "frt_median_seconds", median_of (frt));
  assert_near (row, "aht_mean_minutes", (double) worked / resolved);
  assert_near (row, "fcr_percent", 100.0 * fcr / resolved);
  g_assert_cmpint (json_object_get_int_member (row, "csat_responses"), ==, csat);
  assert_near (row, "csat_percent", 100.0 * satisfied / csat);
  g_assert_cmpint (json_object_get_int_member (row, "nps_responses"), ==, nps);
  assert_near (row, "nps", 100.0 * ((double) promoters - detractors) / nps);
  g_assert_cmpint (json_object_get_int_member (row, "ces_responses"), ==, ces);
  assert_near (row, "ces_mean", (double) effort / ces);

  csm_sim_server_stop (server);
  g_unlink (token_file);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sim/export-kpis/matches-world", test_matches_world);
  g_test_add_func ("/sim/export-kpis/generated-week", test_generated_week);

  return g_test_run ();
}
