/* test-export-staffing.c: `csm-console --export=staffing` against a simulated month, checked against counts made here from the simulated world.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "csm-sim-model.h"
#include "csm-sim-server.h"
#include "csm-sim-world.h"
#include "csm-staffing.h"
#include "csm-test-helpdesk.h"
#include "csm-time.h"

#define TOKEN "1-1-00112233445566778899aabbccddeeff"
#define HOUR 3600
#define WEEK (7 * 86400)

/* What the world says of one queue and channel group. */
typedef struct
{
  guint last_hour;
  guint forecast_sum[2];   /* this hour and the next, over the 4 weeks */
  guint backlog;
  guint resolved_last_hour;
  guint aht_tickets;
  double aht_sum;
  GHashTable *active;      /* agent name → itself */
} Counted;

static void
counted_free (Counted *c)
{
  g_hash_table_unref (c->active);
  g_free (c);
}

static const char *
channel_of (CsmSimWorld        *world,
            const CsmSimTicket *t)
{
  for (guint i = 0; i < t->cf_values->len; i++)
    {
      const CsmSimCfValue *v = &g_array_index (t->cf_values, CsmSimCfValue, i);
      const CsmSimCustomField *cf = csm_sim_world_lookup_custom_field (world, v->cf_id);

      if (cf != NULL && g_strcmp0 (cf->name, "Channel") == 0)
        return v->value;
    }
  return NULL;
}

static gboolean
is_active (const char *status)
{
  return g_strcmp0 (status, "new") == 0 || g_strcmp0 (status, "open") == 0 ||
         g_strcmp0 (status, "stalled") == 0;
}

/* Groups keyed "queue/channel" (live) or "queue/" (tickets), counted from
 * the world's tickets, transactions and users at @now (UTC hours). */
static GHashTable *
count_world (CsmSimWorld *world,
             gint64       now)
{
  GHashTable *groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify) counted_free);
  gint64 hour = now - now % HOUR;
  GPtrArray *tickets;

  csm_sim_world_lock (world);
  tickets = csm_sim_world_get_tickets (world);
  for (guint i = 0; i < tickets->len; i++)
    {
      const CsmSimTicket *t = g_ptr_array_index (tickets, i);
      const CsmSimQueue *queue = csm_sim_world_lookup_queue (world, t->queue);
      const char *channel = channel_of (world, t);
      gboolean live = g_strcmp0 (channel, "chat") == 0 || g_strcmp0 (channel, "phone") == 0;
      g_autofree char *key = g_strdup_printf ("%s/%s", queue->name, live ? channel : "");
      Counted *c;
      int minutes = 0;

      if (g_strcmp0 (t->status, "deleted") == 0 || t->created > now)
        continue;
      c = g_hash_table_lookup (groups, key);
      if (c == NULL)
        {
          c = g_new0 (Counted, 1);
          c->active = g_hash_table_new (g_str_hash, g_str_equal);
          g_hash_table_insert (groups, g_steal_pointer (&key), c);
        }
      c->last_hour += t->created > now - HOUR;
      for (guint w = 1; w <= 4; w++)
        for (guint h = 0; h < 2; h++)
          {
            gint64 from = hour + h * HOUR - w * WEEK;

            c->forecast_sum[h] += t->created >= from && t->created < from + HOUR;
          }
      c->backlog += is_active (t->status);
      for (guint j = 0; j < t->txns->len; j++)
        {
          const CsmSimTransaction *x =
            csm_sim_world_get_transaction_at (world, g_array_index (t->txns, guint, j));
          const CsmSimUser *user = csm_sim_world_lookup_user (world, x->creator);

          if (x->created > now)
            continue;
          minutes += x->time_taken;
          if (x->created >= now - 15 * 60 && user != NULL && user->privileged &&
              g_strcmp0 (user->name, "root") != 0)
            g_hash_table_add (c->active, user->name);
        }
      if (g_strcmp0 (t->status, "resolved") == 0 && t->resolved <= now)
        {
          c->resolved_last_hour += t->resolved > now - HOUR;
          if (t->resolved > now - 4 * WEEK && minutes > 0)
            {
              c->aht_tickets++;
              c->aht_sum += minutes * 60.0;
            }
        }
    }
  csm_sim_world_unlock (world);
  return groups;
}

/* A month of a simulated contact centre, at Thursday 26 November 11:00
 * UTC: for every queue and channel, λ, the forecast of this hour and the
 * next, AHT, the backlog, the agents active and the last hour's
 * resolutions are what the world's records say; agents_needed is the
 * fewest agents reaching 80 % at that forecast and AHT, and the service
 * level with the agents active is Erlang C's. */
static void
test_matches_world (void)
{
  CsmSimConfig config = { .seed = 7, .n_agents = 30, .target_tickets = 3000, .history_days = 30 };
  gint64 now = CSM_SIM_REFERENCE_NOW;
  CsmTestHelpdesk *desk = csm_test_helpdesk_generate (&config, now, TOKEN);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GHashTable) groups = NULL;
  g_autofree char *dir = g_dir_make_tmp ("csm-staffing-XXXXXX", NULL);
  g_autofree char *token_file = g_build_filename (dir, "token", NULL);
  g_autofree char *now_text = csm_time_format_iso8601 (now);
  g_autofree char *hour_text = csm_time_format_iso8601 (now - now % HOUR);
  g_autofree char *next_text = csm_time_format_iso8601 (now - now % HOUR + HOUR);
  g_autofree char *arg_url = g_strdup_printf ("--url=%s", csm_test_helpdesk_get_url (desk));
  g_autofree char *arg_token = g_strdup_printf ("--token-file=%s", token_file);
  g_autofree char *arg_now = g_strdup_printf ("--now=%s", now_text);
  /* GSettings' defaults: chat 60 s, phone 20 s, 80 %, chat and phone live. */
  const char *args[] = { "--export=staffing", arg_url, arg_token, arg_now, NULL };
  guint live_rows = 0, ticket_rows = 0, needing = 0, active_total = 0;
  JsonArray *records;

  g_assert_true (g_file_set_contents (token_file, TOKEN, -1, NULL));
  g_assert_cmpint (g_chmod (token_file, 0600), ==, 0);
  records = json_node_get_array (csm_test_console_export (args, parser));
  groups = count_world (desk->world, now);
  g_assert_cmpuint (g_hash_table_size (groups), >, 4);
  /* From 11:00 to midnight UTC: 13 hours a group. */
  g_assert_cmpuint (json_array_get_length (records), ==, 13 * g_hash_table_size (groups));

  for (guint i = 0; i < json_array_get_length (records); i++)
    {
      JsonObject *o = json_array_get_object_element (records, i);
      const char *queue = json_object_get_string_member (o, "queue");
      const char *channel = json_object_get_string_member_with_default (o, "channel", NULL);
      const char *hour = json_object_get_string_member (o, "hour");
      gboolean live = g_strcmp0 (json_object_get_string_member (o, "kind"), "live") == 0;
      g_autofree char *key = g_strdup_printf ("%s/%s", queue, channel ? channel : "");
      Counted *c = g_hash_table_lookup (groups, key);
      int h = g_strcmp0 (hour, hour_text) == 0 ? 0 : g_strcmp0 (hour, next_text) == 0 ? 1 : -1;
      double forecast;

      g_assert_nonnull (c);
      g_assert_cmpint (live, ==, channel != NULL);
      g_assert_cmpint (json_object_get_int_member (o, "arrivals_last_hour"), ==, c->last_hour);
      g_assert_cmpint (json_object_get_int_member (o, "backlog"), ==, c->backlog);
      g_assert_cmpint (json_object_get_int_member (o, "resolved_last_hour"), ==,
                       c->resolved_last_hour);
      g_assert_cmpint (json_object_get_int_member (o, "agents_active"), ==,
                       g_hash_table_size (c->active));
      if (c->aht_tickets > 0)
        g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "aht_seconds"),
                                        c->aht_sum / c->aht_tickets, 0.051);
      else
        g_assert_true (json_object_get_null_member (o, "aht_seconds"));
      if (h < 0)
        continue;

      forecast = c->forecast_sum[h] / 4.0;
      /* 30 days of history hold all four weeks. */
      g_assert_cmpint (json_object_get_int_member (o, "forecast_weeks"), ==, 4);
      g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "arrivals_forecast"),
                                      forecast, 1e-9);
      if (live && c->aht_tickets > 0)
        {
          double aht = c->aht_sum / c->aht_tickets;
          guint target = g_str_equal (channel, "chat") ? 60 : 20;
          guint needed = csm_erlang_agents_needed (forecast, aht, target, 0.8, 1000);
          CsmErlangC with_active = csm_erlang_c (forecast, aht, g_hash_table_size (c->active),
                                                 target);

          g_assert_cmpint (json_object_get_int_member (o, "target_seconds"), ==, target);
          g_assert_cmpint (json_object_get_int_member (o, "agents_needed"), ==, needed);
          needing += needed > 0;
          if (with_active.defined)
            g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "service_level_active"),
                                            with_active.service_level * 100, 0.051);
          else
            g_assert_true (json_object_get_null_member (o, "service_level_active"));
        }
      if (h == 0)
        {
          live_rows += live;
          ticket_rows += !live;
          active_total += g_hash_table_size (c->active);
          if (!live)
            g_assert_false (json_object_get_null_member (o, "backlog_clears_at") &&
                            json_object_get_null_member (o, "backlog_growth_per_hour"));
        }
    }
  g_test_message ("%u live groups, %u ticket queues, %u hours needing agents, %u active",
                  live_rows, ticket_rows, needing, active_total);
  g_assert_cmpuint (live_rows, >=, 4);
  g_assert_cmpuint (ticket_rows, >=, 4);
  g_assert_cmpuint (needing, >, 0);

  csm_test_helpdesk_stop (desk);
  g_unlink (token_file);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sim/export-staffing/matches-world", test_matches_world);
  return g_test_run ();
}
