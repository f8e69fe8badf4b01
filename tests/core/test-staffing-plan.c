/* test-staffing-plan.c: each queue's staffing on a fixed helpdesk: λ, AHT, agents active, needed now and hour by hour, the burn-down, and the export, all worked by hand.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>

#include "csm-export.h"
#include "csm-staffing-plan.h"
#include "csm-test-tickets.h"
#include "csm-ticket-private.h"
#include "csm-transaction.h"

/* Wednesday 25 November 2026, 14:30 UTC. */
#define NOW "2026-11-25T14:30:00Z"

typedef struct
{
  GPtrArray *tickets;
  GPtrArray *transactions;
  GHashTable *agents;
  CsmStaffingOptions options;
  gint64 next_id;
} Fixture;

static CsmTicket *
add (Fixture    *f,
     const char *queue,
     const char *channel,
     const char *status,
     const char *created,
     const char *resolved,
     int         handle_minutes)
{
  CsmTicket *t = csm_test_ticket_new (++f->next_id, 1, queue, status, NULL, csm_test_at (created));

  if (channel != NULL)
    {
      const char *fields[] = { "Channel", channel, NULL };

      t->custom_fields = g_strdupv ((char **) fields);
    }
  if (resolved != NULL)
    t->resolved = csm_test_at (resolved);
  t->handle_minutes = handle_minutes;
  g_ptr_array_add (f->tickets, t);
  return t;
}

static void
work (Fixture    *f,
      CsmTicket  *ticket,
      const char *who,
      const char *when)
{
  g_ptr_array_add (f->transactions,
                   csm_transaction_new (f->transactions->len + 1, csm_ticket_get_id (ticket),
                                        CSM_TRANSACTION_CORRESPOND, csm_test_at (when), who, 0));
}

static void
fixture_set_up (Fixture *f)
{
  CsmTicket *chat, *mail;

  f->tickets = g_ptr_array_new_with_free_func (g_object_unref);
  f->transactions = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_transaction_unref);
  f->agents = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_add (f->agents, (gpointer) "alice");
  g_hash_table_add (f->agents, (gpointer) "bob");
  csm_staffing_options_init (&f->options);
  f->options.targets = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (f->options.targets, (gpointer) "chat", GUINT_TO_POINTER (60));
  g_hash_table_insert (f->options.targets, (gpointer) "phone", GUINT_TO_POINTER (20));

  /* Support's chats in the last hour (13:30, 14:30]: five, so λ = 5; three
   * resolved with 3, 4 and 5 minutes worked: AHT = 240 s. The one at 13:30
   * itself is outside. */
  add (f, "Support", "chat", "resolved", "2026-11-25T13:30:00Z", "2026-11-25T13:35:00Z", 0);
  chat = add (f, "Support", "chat", "resolved", "2026-11-25T13:40:00Z", "2026-11-25T13:50:00Z", 3);
  add (f, "Support", "chat", "resolved", "2026-11-25T13:50:00Z", "2026-11-25T14:00:00Z", 4);
  add (f, "Support", "Chat", "resolved", "2026-11-25T14:00:00Z", "2026-11-25T14:10:00Z", 5);
  add (f, "Support", "chat", "open", "2026-11-25T14:10:00Z", NULL, 0);
  add (f, "Support", "chat", "new", "2026-11-25T14:20:00Z", NULL, 0);
  /* Created after now: not yet. */
  add (f, "Support", "chat", "new", "2026-11-25T14:40:00Z", NULL, 0);

  /* The same Wednesday hours of the four weeks before, no time worked
   * (left out of AHT): 14:00 gets (1 + 0 + 0 + 1) / 4 = 0.5, 15:00 gets
   * (2 + 2 + 0 + 0) / 4 = 1.0. */
  add (f, "Support", "chat", "resolved", "2026-11-18T14:05:00Z", "2026-11-18T14:06:00Z", 0);
  add (f, "Support", "chat", "resolved", "2026-11-18T15:05:00Z", "2026-11-18T15:06:00Z", 0);
  add (f, "Support", "chat", "resolved", "2026-11-18T15:55:00Z", "2026-11-18T15:56:00Z", 0);
  add (f, "Support", "chat", "resolved", "2026-11-11T15:00:00Z", "2026-11-11T15:06:00Z", 0);
  add (f, "Support", "chat", "resolved", "2026-11-11T15:59:59Z", "2026-11-11T16:06:00Z", 0);
  add (f, "Support", "chat", "resolved", "2026-10-28T14:45:00Z", "2026-10-28T14:46:00Z", 0);
  /* Five weeks back: beyond the four. */
  add (f, "Support", "chat", "resolved", "2026-10-21T14:45:00Z", "2026-10-21T14:46:00Z", 0);

  /* One phone call, its channel written loosely. */
  add (f, "Support", " Phone ", "open", "2026-11-25T14:00:00Z", NULL, 0);

  /* Billing's e-mail: six open, two of them new in the last hour; four
   * resolved in it: net 2 an hour, clear in 3 h at 17:30. */
  mail = add (f, "Billing", "email", "open", "2026-11-24T09:00:00Z", NULL, 0);
  add (f, "Billing", "email", "open", "2026-11-24T10:00:00Z", NULL, 0);
  add (f, "Billing", "email", "stalled", "2026-11-24T11:00:00Z", NULL, 0);
  add (f, "Billing", "email", "new", "2026-11-25T08:00:00Z", NULL, 0);
  add (f, "Billing", "email", "new", "2026-11-25T13:45:00Z", NULL, 0);
  add (f, "Billing", "email", "new", "2026-11-25T14:15:00Z", NULL, 0);
  for (int i = 0; i < 4; i++)
    {
      g_autofree char *when = g_strdup_printf ("2026-11-25T13:%02d:00Z", 40 + 5 * i);

      add (f, "Billing", "email", "resolved", "2026-11-24T12:00:00Z", when, 30);
    }

  /* Technical names no channel: three open, one new lately, none
   * resolved: it grows by one an hour. */
  add (f, "Technical", NULL, "open", "2026-11-20T09:00:00Z", NULL, 0);
  add (f, "Technical", NULL, "open", "2026-11-23T09:00:00Z", NULL, 0);
  add (f, "Technical", NULL, "new", "2026-11-25T14:29:59Z", NULL, 0);

  /* Long gone: no row for it. */
  add (f, "Archive", "email", "resolved", "2026-09-01T09:00:00Z", "2026-09-02T09:00:00Z", 10);

  /* Alice answered a chat 10 min ago and a mail 5 min ago; Bob's last
   * chat was 30 min ago (not active); Carol is no agent. */
  work (f, chat, "alice", "2026-11-25T14:20:00Z");
  work (f, chat, "alice", "2026-11-25T14:21:00Z");
  work (f, chat, "bob", "2026-11-25T14:00:00Z");
  work (f, chat, "carol", "2026-11-25T14:25:00Z");
  work (f, mail, "alice", "2026-11-25T14:25:00Z");
}

static void
fixture_tear_down (Fixture *f)
{
  g_ptr_array_unref (f->tickets);
  g_ptr_array_unref (f->transactions);
  g_hash_table_unref (f->agents);
  csm_staffing_options_clear (&f->options);
}

static const CsmStaffingRow *
row_at (GPtrArray  *rows,
        guint       i,
        const char *queue,
        const char *channel)
{
  const CsmStaffingRow *row;

  g_assert_cmpuint (i, <, rows->len);
  row = g_ptr_array_index (rows, i);
  g_assert_cmpstr (row->queue, ==, queue);
  g_assert_cmpstr (row->channel, ==, channel);
  return row;
}

/* λ = 5 an hour, AHT 240 s, so A = 1/3. One agent: C = A = 1/3,
 * SL = 1 − (1/3)·e^(−(2/3)·60/240) = 71.78 %, ASA = (1/3)·240 / (2/3) =
 * 120 s. Two: B(2) = 0.04, C = 0.08 / 1.68 = 0.047619, SL = 96.86 %: two
 * reach 80 % in 60 s. */
static void
test_plan (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = csm_staffing_plan_compute (f->tickets, f->transactions, f->agents,
                                                         &f->options, csm_test_at (NOW));
  const CsmStaffingRow *row;
  const CsmStaffingHour *hour;
  CsmErlangC what_if;

  g_assert_cmpuint (rows->len, ==, 4);

  row = row_at (rows, 0, "Billing", NULL);
  g_assert_false (csm_staffing_row_is_live (row));
  g_assert_cmpuint (row->backlog, ==, 6);
  g_assert_cmpfloat (row->arrivals_last_hour, ==, 2);
  g_assert_cmpfloat (row->resolved_last_hour, ==, 4);
  g_assert_true (row->burn_down.defined && row->burn_down.clears);
  g_assert_cmpint (row->burn_down.clears_at, ==, csm_test_at ("2026-11-25T17:30:00Z"));
  g_assert_cmpuint (row->agents_active, ==, 1);
  g_assert_true (row->aht_defined);
  g_assert_cmpfloat (row->aht_seconds, ==, 1800);
  g_assert_false (row->now.defined);

  row = row_at (rows, 1, "Support", "chat");
  g_assert_true (csm_staffing_row_is_live (row));
  g_assert_cmpfloat (row->arrivals_last_hour, ==, 5);
  g_assert_true (row->aht_defined);
  g_assert_cmpuint (row->aht_tickets, ==, 3);
  g_assert_cmpfloat (row->aht_seconds, ==, 240);
  g_assert_cmpuint (row->target_seconds, ==, 60);
  g_assert_cmpfloat (row->target_percent, ==, 80);
  g_assert_cmpuint (row->agents_active, ==, 1);
  g_assert_cmpuint (row->backlog, ==, 2);
  g_assert_cmpuint (row->agents_needed_now, ==, 2);
  g_assert_true (row->now.defined);
  g_assert_cmpfloat_with_epsilon (row->now.p_wait, 1.0 / 3, 1e-9);
  g_assert_cmpfloat_with_epsilon (row->now.service_level, 1 - exp (-1.0 / 6) / 3, 1e-9);
  g_assert_cmpfloat_with_epsilon (row->now.service_level, 0.717839, 1e-6);
  g_assert_cmpfloat_with_epsilon (row->now.asa_seconds, 120, 1e-9);
  what_if = csm_staffing_row_what_if (row, 2);
  g_assert_cmpfloat_with_epsilon (what_if.p_wait, 0.08 / 1.68, 1e-9);
  g_assert_cmpfloat_with_epsilon (what_if.service_level, 0.968607, 1e-6);
  g_assert_false (csm_staffing_row_what_if (row, 0).defined);

  /* 14:00 to midnight: ten hours. */
  g_assert_cmpuint (row->hours->len, ==, 10);
  hour = &g_array_index (row->hours, CsmStaffingHour, 0);
  g_assert_cmpint (hour->start, ==, csm_test_at ("2026-11-25T14:00:00Z"));
  g_assert_cmpfloat (hour->arrivals_forecast, ==, 0.5);
  g_assert_cmpuint (hour->forecast_weeks, ==, 4);
  g_assert_cmpuint (hour->agents_needed, ==, 1);
  /* A = 1/30 with one agent: C = 1/30, SL = 1 − e^(−(29/30)/4)/30. */
  g_assert_cmpfloat_with_epsilon (hour->at_active.service_level, 1 - exp (-29.0 / 120) / 30, 1e-9);
  hour = &g_array_index (row->hours, CsmStaffingHour, 1);
  g_assert_cmpint (hour->start, ==, csm_test_at ("2026-11-25T15:00:00Z"));
  g_assert_cmpfloat (hour->arrivals_forecast, ==, 1.0);
  g_assert_cmpuint (hour->agents_needed, ==, 1);
  hour = &g_array_index (row->hours, CsmStaffingHour, 2);
  g_assert_cmpfloat (hour->arrivals_forecast, ==, 0);
  g_assert_cmpuint (hour->agents_needed, ==, 0);
  g_assert_false (hour->at_active.defined);

  /* The phone call: its own group, with phone's 20 s; no time worked
   * anywhere, so no AHT and nothing Erlang C can say. */
  row = row_at (rows, 2, "Support", "phone");
  g_assert_cmpuint (row->target_seconds, ==, 20);
  g_assert_cmpfloat (row->arrivals_last_hour, ==, 1);
  g_assert_false (row->aht_defined);
  g_assert_false (row->now.defined);
  g_assert_cmpuint (row->agents_needed_now, ==, 0);
  g_assert_cmpuint (row->agents_active, ==, 0);

  row = row_at (rows, 3, "Technical", NULL);
  g_assert_cmpuint (row->backlog, ==, 3);
  g_assert_cmpfloat (row->arrivals_last_hour, ==, 1);
  g_assert_true (row->burn_down.defined);
  g_assert_false (row->burn_down.clears);
  g_assert_cmpfloat (row->burn_down.growth_per_hour, ==, 1);
  g_assert_false (row->aht_defined);
}

/* Europe/Berlin: at 14:30 UTC it is 15:30 there; the rest of the day is
 * 15:00 to midnight local, nine hours, and the 15:00 local hour (14:00
 * UTC) of the weeks before is what the first one forecasts. */
static void
test_plan_zone (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  const CsmStaffingRow *row;
  const CsmStaffingHour *hour;

  g_time_zone_unref (f->options.tz);
  f->options.tz = g_time_zone_new_identifier ("Europe/Berlin");
  g_assert_nonnull (f->options.tz);
  rows = csm_staffing_plan_compute (f->tickets, f->transactions, f->agents, &f->options,
                                    csm_test_at (NOW));
  row = row_at (rows, 1, "Support", "chat");
  g_assert_cmpuint (row->hours->len, ==, 9);
  hour = &g_array_index (row->hours, CsmStaffingHour, 0);
  g_assert_cmpint (hour->start, ==, csm_test_at ("2026-11-25T14:00:00Z"));
  g_assert_cmpfloat (hour->arrivals_forecast, ==, 0.5);
  hour = &g_array_index (row->hours, CsmStaffingHour, 8);
  g_assert_cmpint (hour->start, ==, csm_test_at ("2026-11-25T22:00:00Z"));
}

static JsonObject *
record (JsonArray  *records,
        const char *queue,
        const char *channel,
        const char *hour)
{
  for (guint i = 0; i < json_array_get_length (records); i++)
    {
      JsonObject *o = json_array_get_object_element (records, i);

      if (g_strcmp0 (json_object_get_string_member (o, "queue"), queue) == 0 &&
          g_strcmp0 (json_object_get_string_member_with_default (o, "channel", NULL), channel) == 0 &&
          g_strcmp0 (json_object_get_string_member (o, "hour"), hour) == 0)
        return o;
    }
  g_assert_not_reached ();
}

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = csm_staffing_plan_compute (f->tickets, f->transactions, f->agents,
                                                         &f->options, csm_test_at (NOW));
  g_autofree char *json = csm_export_staffing (rows, CSM_EXPORT_JSON);
  g_autofree char *csv = csm_export_staffing (rows, CSM_EXPORT_CSV);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *records;
  JsonObject *o;

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  records = json_node_get_array (json_parser_get_root (parser));
  /* Four rows, ten hours each. */
  g_assert_cmpuint (json_array_get_length (records), ==, 40);

  o = record (records, "Support", "chat", "2026-11-25T14:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (o, "kind"), ==, "live");
  g_assert_cmpint (json_object_get_int_member (o, "arrivals_last_hour"), ==, 5);
  g_assert_cmpfloat (json_object_get_double_member (o, "arrivals_forecast"), ==, 0.5);
  g_assert_cmpfloat (json_object_get_double_member (o, "aht_seconds"), ==, 240);
  g_assert_cmpfloat (json_object_get_double_member (o, "target_percent"), ==, 80);
  g_assert_cmpint (json_object_get_int_member (o, "target_seconds"), ==, 60);
  g_assert_cmpint (json_object_get_int_member (o, "agents_needed"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (o, "agents_active"), ==, 1);
  /* 1 − e^(−29/120)/30 = 97.38 % */
  g_assert_cmpfloat (json_object_get_double_member (o, "service_level_active"), ==, 97.4);
  /* ASA = (1/30)·240 / (29/30) = 8.28 s */
  g_assert_cmpfloat (json_object_get_double_member (o, "asa_seconds_active"), ==, 8.3);
  g_assert_true (json_object_get_null_member (o, "backlog_clears_at"));

  /* No one arrives at 16:00: no agent needed, Erlang C has nothing to say. */
  o = record (records, "Support", "chat", "2026-11-25T16:00:00Z");
  g_assert_cmpint (json_object_get_int_member (o, "agents_needed"), ==, 0);
  g_assert_true (json_object_get_null_member (o, "service_level_active"));
  g_assert_true (json_object_get_null_member (o, "asa_seconds_active"));

  o = record (records, "Support", "phone", "2026-11-25T14:00:00Z");
  g_assert_true (json_object_get_null_member (o, "aht_seconds"));
  g_assert_true (json_object_get_null_member (o, "agents_needed"));
  g_assert_cmpint (json_object_get_int_member (o, "target_seconds"), ==, 20);

  o = record (records, "Billing", NULL, "2026-11-25T23:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (o, "kind"), ==, "tickets");
  g_assert_cmpstr (json_object_get_string_member (o, "backlog_clears_at"), ==, "2026-11-25T17:30:00Z");
  g_assert_true (json_object_get_null_member (o, "target_percent"));
  g_assert_true (json_object_get_null_member (o, "agents_needed"));
  g_assert_true (json_object_get_null_member (o, "backlog_growth_per_hour"));
  g_assert_cmpint (json_object_get_int_member (o, "backlog"), ==, 6);

  o = record (records, "Technical", NULL, "2026-11-25T14:00:00Z");
  g_assert_true (json_object_get_null_member (o, "backlog_clears_at"));
  g_assert_cmpfloat (json_object_get_double_member (o, "backlog_growth_per_hour"), ==, 1);

  /* CSV: the same columns, a header and 40 lines. */
  g_assert_true (g_str_has_prefix (csv, "queue,channel,kind,hour,arrivals_last_hour,"
                                        "arrivals_forecast,forecast_weeks,aht_seconds,target_percent,"
                                        "target_seconds,agents_needed,agents_active,"));
  g_assert_nonnull (strstr (csv, "\nSupport,chat,live,2026-11-25T14:00:00Z,5,0.5,4,240.0,80.0,60,1,1,97.4,8.3,"));
}

/* A console holding 15 days of history: only the two Wednesdays it holds
 * count: 14:00 gets (1 + 0) / 2, 15:00 (2 + 2) / 2. */
static void
test_plan_short_history (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  const CsmStaffingRow *row;
  const CsmStaffingHour *hour;

  f->options.history_days = 15;
  rows = csm_staffing_plan_compute (f->tickets, f->transactions, f->agents, &f->options,
                                    csm_test_at (NOW));
  row = row_at (rows, 1, "Support", "chat");
  hour = &g_array_index (row->hours, CsmStaffingHour, 0);
  g_assert_cmpuint (hour->forecast_weeks, ==, 2);
  g_assert_cmpfloat (hour->arrivals_forecast, ==, 0.5);
  hour = &g_array_index (row->hours, CsmStaffingHour, 1);
  g_assert_cmpuint (hour->forecast_weeks, ==, 2);
  g_assert_cmpfloat (hour->arrivals_forecast, ==, 2.0);
}

/* An agent limit beyond reach, an empty helpdesk. */
static void
test_plan_edges (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autoptr(GPtrArray) rows = csm_staffing_plan_compute (none, NULL, NULL, &f->options,
                                                         csm_test_at (NOW));
  g_autofree char *json = csm_export_staffing (rows, CSM_EXPORT_JSON);

  g_assert_cmpuint (rows->len, ==, 0);
  g_assert_cmpstr (g_strstrip (json), ==, "[]");
  /* Without a list of agents, anyone's transaction counts. */
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = csm_staffing_plan_compute (f->tickets, f->transactions, NULL, &f->options,
                                    csm_test_at (NOW));
  g_assert_cmpuint (row_at (rows, 1, "Support", "chat")->agents_active, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add ((path), Fixture, NULL, (void (*) (Fixture *, gconstpointer)) \
                                  fixture_set_up, fn, (void (*) (Fixture *, gconstpointer)) \
                                  fixture_tear_down)
  ADD ("/staffing-plan/plan", test_plan);
  ADD ("/staffing-plan/zone", test_plan_zone);
  ADD ("/staffing-plan/export", test_export);
  ADD ("/staffing-plan/edges", test_plan_edges);
  ADD ("/staffing-plan/short-history", test_plan_short_history);
#undef ADD
  return g_test_run ();
}
