/* test-sim-scenario.c: the fixture scenario, its JSON file, and the world's mutation rules.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run "test-sim-scenario --write tests/data/scenarios/fixture-small.json"
 * after changing tests/sim/sim-fixture.c to regenerate the file.
 */

#include "config.h"

#include "csm-sim-scenario.h"
#include "csm-ticketsql.h"
#include "sim-fixture.h"

static char *
read_fixture_text (void)
{
  g_autofree char *path = sim_fixture_path ("fixture-small.json");
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

/* The committed file is exactly what the fixture builder produces. */
static void
test_fixture_is_current (void)
{
  g_autoptr(CsmSimWorld) world = sim_fixture_build_small ();
  g_autofree char *built = csm_sim_scenario_to_data (world);
  g_autofree char *file = read_fixture_text ();

  if (g_strcmp0 (built, file) != 0)
    g_error ("fixture-small.json is stale: regenerate it with "
             "test-sim-scenario --write tests/data/scenarios/fixture-small.json");
}

static void
test_round_trip (void)
{
  g_autoptr(CsmSimWorld) world = sim_fixture_load ("fixture-small.json");
  g_autofree char *saved = csm_sim_scenario_to_data (world);
  g_autofree char *file = read_fixture_text ();

  g_assert_cmpstr (saved, ==, file);
  g_assert_cmpint (csm_sim_world_get_now (world), ==, sim_fixture_time ("2026-11-23T12:00:00Z"));
  g_assert_cmpuint (csm_sim_world_get_n_tickets (world), ==, 16);
  g_assert_cmpuint (csm_sim_world_get_n_transactions (world), ==, 124);
}

/* The story the tests rely on, read back from the file. */
static void
test_fixture_contents (void)
{
  g_autoptr(CsmSimWorld) world = sim_fixture_load ("fixture-small.json");
  const CsmSimTicket *t;
  const CsmSimUser *alice = csm_sim_world_lookup_user_by_name (world, "alice");
  const CsmSimGroup *agents = csm_sim_world_lookup_group (world, 51);

  /* RT's ids for the same creation order. */
  g_assert_cmpint (csm_sim_world_lookup_queue_by_name (world, "Support")->id, ==, 3);
  g_assert_cmpint (csm_sim_world_lookup_queue_by_name (world, "Technical")->id, ==, 5);
  g_assert_cmpint (alice->id, ==, 39);
  g_assert_cmpint (csm_sim_world_lookup_user_by_email (world, "ERIN@example.com")->id, ==, 49);
  g_assert_cmpstr (agents->name, ==, "Agents");
  g_assert_cmpuint (agents->members->len, ==, 3);
  g_assert_cmpint (csm_sim_world_lookup_custom_field_by_name (world, "channel")->id, ==, 5);

  /* open_replied: taken, answered (Told, Started, auto-open), commented. */
  t = csm_sim_world_lookup_ticket (world, 6);
  g_assert_cmpstr (t->status, ==, "open");
  g_assert_cmpint (t->owner, ==, 39);
  g_assert_cmpint (t->time_worked, ==, 20);
  g_assert_cmpint (t->told, ==, sim_fixture_time ("2026-11-22T10:30:00Z"));
  g_assert_cmpint (t->started, ==, sim_fixture_time ("2026-11-22T10:30:00Z"));
  g_assert_cmpstr (t->sla, ==, "gold");

  /* due_past: active, due before now. */
  t = csm_sim_world_lookup_ticket (world, 5);
  g_assert_true (csm_sim_status_is_active (t->status));
  g_assert_cmpint (t->due, <, csm_sim_world_get_now (world));

  /* queue_moved sits in Billing; deleted is status "deleted". */
  g_assert_cmpint (csm_sim_world_lookup_ticket (world, 13)->queue, ==, 4);
  g_assert_cmpstr (csm_sim_world_lookup_ticket (world, 16)->status, ==, "deleted");

  /* every status occurs */
  {
    static const char *const all[] = { "new", "open", "stalled", "resolved", "rejected", "deleted" };

    for (guint i = 0; i < G_N_ELEMENTS (all); i++)
      {
        gboolean found = FALSE;
        GPtrArray *tickets = csm_sim_world_get_tickets (world);

        for (guint j = 0; j < tickets->len; j++)
          if (g_strcmp0 (((CsmSimTicket *) tickets->pdata[j])->status, all[i]) == 0)
            found = TRUE;
        g_assert_true (found);
      }
  }
}

static void
test_load_errors (void)
{
  static const struct { const char *json; const char *fragment; } cases[] = {
    { "{\"format\":\"other/2\"}", "unknown format" },
    { "[]", "top level" },
    { "{\"format\":\"csm-sim-scenario/1\",\"tickets\":[{\"id\":1,\"Queue\":\"Nope\","
      "\"Created\":\"2026-11-23T10:00:00Z\"}]}", "no queue" },
    { "{\"format\":\"csm-sim-scenario/1\",\"tickets\":[{\"id\":1,\"Queue\":\"General\","
      "\"Owner\":\"ghost\",\"Created\":\"2026-11-23T10:00:00Z\"}]}", "no user" },
    { "{\"format\":\"csm-sim-scenario/1\",\"tickets\":[{\"id\":1,\"Queue\":\"General\","
      "\"Created\":\"yesterday\"}]}", "not a date" },
    { "{\"format\":\"csm-sim-scenario/1\",\"users\":[{\"Name\":\"x\",\"Access\":\"god\"}]}",
      "unknown Access" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CsmSimWorld) world = csm_sim_world_new ();
      g_autoptr(GError) error = NULL;

      g_assert_false (csm_sim_scenario_load_data (world, cases[i].json, -1, &error));
      g_assert_nonnull (error);
      if (strstr (error->message, cases[i].fragment) == NULL)
        g_test_fail_printf ("case %u: \"%s\" does not mention \"%s\"", i, error->message, cases[i].fragment);
    }
}

/* What a fresh world holds, and how it numbers new objects. */
static void
test_builtins_and_ids (void)
{
  g_autoptr(CsmSimWorld) world = csm_sim_world_new ();
  g_autoptr(GError) error = NULL;
  const CsmSimGroup *privileged = csm_sim_world_lookup_group (world, CSM_SIM_GROUP_PRIVILEGED);
  const CsmSimUser *user;

  g_assert_cmpstr (csm_sim_world_lookup_user (world, 1)->name, ==, "RT_System");
  g_assert_cmpstr (csm_sim_world_lookup_user (world, 6)->name, ==, "Nobody");
  g_assert_cmpstr (csm_sim_world_lookup_user (world, 14)->name, ==, "root");
  g_assert_cmpstr (privileged->name, ==, "Privileged");
  g_assert_cmpstr (privileged->domain, ==, "SystemInternal");
  g_assert_cmpuint (privileged->members->len, ==, 1);
  g_assert_cmpstr (csm_sim_world_lookup_queue (world, 1)->name, ==, "General");
  g_assert_true (csm_sim_world_lookup_queue (world, 2)->disabled);

  /* Three queues, then a user: RT hands out 39 (27..38 are role groups). */
  csm_sim_world_add_queue (world, 0, "A", NULL, TRUE, &error);
  csm_sim_world_add_queue (world, 0, "B", NULL, TRUE, &error);
  csm_sim_world_add_queue (world, 0, "C", NULL, TRUE, &error);
  g_assert_no_error (error);
  user = csm_sim_world_add_user (world, 0, "agent", "An Agent", "agent@example.com",
                                 CSM_SIM_ACCESS_AGENT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (user->id, ==, 39);
  g_assert_true (user->privileged);
  g_assert_cmpuint (privileged->members->len, ==, 2);
  g_assert_cmpint (csm_sim_world_lookup_queue_by_name (world, "c")->id, ==, 5);

  /* Names are unique, case-insensitively. */
  g_assert_null (csm_sim_world_add_user (world, 0, "AGENT", NULL, NULL, CSM_SIM_ACCESS_AGENT, &error));
  g_assert_error (error, CSM_SIM_WORLD_ERROR, CSM_SIM_WORLD_ERROR_EXISTS);
}

typedef struct
{
  CsmSimWorld *world;
  gint64 ticket;
  gint64 agent;
  gint64 customer;
} Desk;

static void
desk_init (Desk *d)
{
  g_autoptr(GError) error = NULL;
  CsmSimTicketSpec spec = { 0, };
  const CsmSimQueue *queue;

  d->world = csm_sim_world_new ();
  csm_sim_world_set_now (d->world, sim_fixture_time ("2026-11-23T09:00:00Z"));
  queue = csm_sim_world_add_queue (d->world, 0, "Support", NULL, FALSE, &error);
  d->agent = csm_sim_world_add_user (d->world, 0, "alice", "Alice", "alice@example.com",
                                     CSM_SIM_ACCESS_AGENT, &error)->id;
  d->customer = csm_sim_world_add_user (d->world, 0, "carol@example.com", "Carol", "carol@example.com",
                                        CSM_SIM_ACCESS_CUSTOMER, &error)->id;
  g_assert_no_error (error);
  csm_sim_world_add_custom_field (d->world, 0, "CSAT", "Freeform", NULL, "(?#Integer 1-5)^[1-5]?$", 1,
                                  &error);
  g_assert_no_error (error);

  spec.subject = "Printer jam";
  spec.queue = queue->id;
  spec.creator = d->customer;
  spec.requestors = &d->customer;
  spec.n_requestors = 1;
  d->ticket = csm_sim_world_create_ticket (d->world, &spec, &error)->id;
  g_assert_no_error (error);
}

static const CsmSimTransaction *
last_txn (Desk *d,
          guint back)
{
  return csm_sim_world_get_transaction_at (d->world, csm_sim_world_get_n_transactions (d->world) - 1 - back);
}

static void
test_mutation_owner (void)
{
  Desk d;
  g_autofree char *message = NULL;
  g_autofree char *refusal = NULL;
  g_autofree char *unknown = NULL;
  const CsmSimTicket *t;

  desk_init (&d);
  t = csm_sim_world_lookup_ticket (d.world, d.ticket);
  g_assert_cmpint (t->owner, ==, CSM_SIM_USER_NOBODY);
  g_assert_cmpstr (last_txn (&d, 0)->type, ==, "Create");

  csm_sim_world_advance (d.world, 60);
  g_assert_true (csm_sim_world_set_owner (d.world, d.ticket, d.agent, d.agent, &message));
  g_assert_cmpstr (message, ==, "Owner changed from Nobody to alice");
  /* RT writes the column change and the role-group change, with principal ids. */
  g_assert_cmpstr (last_txn (&d, 1)->type, ==, "Set");
  g_assert_cmpstr (last_txn (&d, 1)->field, ==, "Owner");
  g_assert_cmpstr (last_txn (&d, 1)->old_value, ==, "6");
  g_assert_cmpint (g_ascii_strtoll (last_txn (&d, 1)->new_value, NULL, 10), ==, d.agent);
  g_assert_cmpint (d.agent, ==, 31);        /* 27..30: the queue's role groups */
  g_assert_cmpstr (last_txn (&d, 0)->type, ==, "SetWatcher");
  g_assert_cmpint (t->last_updated, ==, sim_fixture_time ("2026-11-23T09:01:00Z"));
  g_assert_cmpint (t->last_updated_by, ==, d.agent);

  g_assert_false (csm_sim_world_set_owner (d.world, d.ticket, d.agent, d.customer, &refusal));
  g_assert_cmpstr (refusal, ==, "That user may not own tickets in that queue");
  g_assert_false (csm_sim_world_set_owner (d.world, d.ticket, d.agent, 999, &unknown));
  g_assert_cmpstr (unknown, ==, "That user does not exist");

  g_object_unref (d.world);
}

static void
test_mutation_correspond (void)
{
  Desk d;
  g_autofree char *m1 = NULL;
  g_autofree char *m2 = NULL;
  g_autofree char *m3 = NULL;
  g_autofree char *m4 = NULL;
  const CsmSimTicket *t;
  gint64 reply_at;

  desk_init (&d);
  t = csm_sim_world_lookup_ticket (d.world, d.ticket);

  /* The customer writes again: no Told, but the scrip still opens it. */
  csm_sim_world_advance (d.world, 60);
  g_assert_cmpint (csm_sim_world_correspond (d.world, d.ticket, d.customer, 0, &m1), >, 0);
  g_assert_cmpstr (m1, ==, "Correspondence added");
  g_assert_cmpint (t->told, ==, 0);
  g_assert_cmpstr (t->status, ==, "open");
  g_assert_cmpstr (last_txn (&d, 0)->type, ==, "Status");
  g_assert_cmpint (last_txn (&d, 0)->creator, ==, CSM_SIM_USER_RT_SYSTEM);
  g_assert_cmpint (t->last_updated_by, ==, d.customer);

  /* An agent's reply tells the requestor and counts the time. */
  csm_sim_world_advance (d.world, 600);
  reply_at = csm_sim_world_get_now (d.world);
  g_assert_cmpint (csm_sim_world_correspond (d.world, d.ticket, d.agent, 15, &m2), >, 0);
  g_assert_cmpint (t->told, ==, reply_at);
  g_assert_cmpint (t->time_worked, ==, 15);
  g_assert_cmpint (t->started, ==, reply_at - 600);
  g_assert_cmpint (last_txn (&d, 0)->time_taken, ==, 15);
  g_assert_cmpstr (last_txn (&d, 0)->data, ==, "No Subject");

  /* A comment adds time, nothing else. */
  g_assert_cmpint (csm_sim_world_comment (d.world, d.ticket, d.agent, 5, &m3), >, 0);
  g_assert_cmpstr (m3, ==, "Comments added");
  g_assert_cmpint (t->time_worked, ==, 20);
  g_assert_cmpint (t->told, ==, reply_at);

  /* Resolving stamps Resolved; a customer reply reopens, Resolved stays. */
  csm_sim_world_advance (d.world, 60);
  g_assert_true (csm_sim_world_set_status (d.world, d.ticket, d.agent, "resolved", &m4));
  g_assert_cmpstr (m4, ==, "Status changed from 'open' to 'resolved'");
  g_assert_cmpint (t->resolved, ==, csm_sim_world_get_now (d.world));
  csm_sim_world_advance (d.world, 60);
  csm_sim_world_correspond (d.world, d.ticket, d.customer, 0, NULL);
  g_assert_cmpstr (t->status, ==, "open");
  g_assert_cmpint (t->resolved, ==, csm_sim_world_get_now (d.world) - 60);

  g_object_unref (d.world);
}

static void
test_mutation_fields (void)
{
  Desk d;
  g_autofree char *m1 = NULL;
  g_autofree char *m2 = NULL;
  g_autofree char *m3 = NULL;
  g_autofree char *m4 = NULL;
  g_autofree char *m5 = NULL;
  g_autofree char *m6 = NULL;
  g_autofree char *m7 = NULL;
  g_autofree char *m8 = NULL;
  const CsmSimTicket *t;
  const CsmSimQueue *billing;

  desk_init (&d);
  t = csm_sim_world_lookup_ticket (d.world, d.ticket);
  billing = csm_sim_world_add_queue (d.world, 0, "Billing", NULL, FALSE, NULL);

  g_assert_false (csm_sim_world_set_status (d.world, d.ticket, d.agent, "bogus", &m1));
  g_assert_cmpstr (m1, ==, "Status 'bogus' isn't a valid status for this ticket.");

  g_assert_true (csm_sim_world_set_queue (d.world, d.ticket, d.agent, billing->id, &m2));
  g_assert_cmpstr (m2, ==, "Queue changed from Support to Billing");
  g_assert_cmpstr (last_txn (&d, 0)->old_value, ==, "3");
  g_assert_cmpstr (last_txn (&d, 0)->new_value, ==, "4");

  g_assert_true (csm_sim_world_set_priority (d.world, d.ticket, d.agent, 80, &m3));
  g_assert_cmpstr (m3, ==, "Priority changed from 'Low' to 'Medium'");

  g_assert_true (csm_sim_world_set_due (d.world, d.ticket, d.agent,
                                        sim_fixture_time ("2026-12-01T10:00:00Z"), &m4));
  g_assert_cmpstr (m4, ==, "Due changed from Not set to Tue Dec 01 10:00:00 2026");
  g_assert_cmpstr (last_txn (&d, 0)->old_value, ==, "1970-01-01 00:00:00");
  g_assert_cmpstr (last_txn (&d, 0)->new_value, ==, "2026-12-01 10:00:00");

  g_assert_true (csm_sim_world_set_custom_field (d.world, d.ticket, d.agent, 2, "4", &m5));
  g_assert_cmpstr (m5, ==, "CSAT 4 added");
  g_assert_true (csm_sim_world_set_custom_field (d.world, d.ticket, d.agent, 2, "5", &m6));
  g_assert_cmpstr (m6, ==, "CSAT 4 changed to 5");
  g_assert_cmpstr (last_txn (&d, 0)->type, ==, "CustomField");
  g_assert_cmpstr (last_txn (&d, 0)->field, ==, "2");
  g_assert_false (csm_sim_world_set_custom_field (d.world, d.ticket, d.agent, 2, "9", &m7));
  g_assert_cmpstr (m7, ==, "Could not add a new value to custom field 'CSAT': Input must match [Integer 1-5]");
  g_assert_true (csm_sim_world_set_custom_field (d.world, d.ticket, d.agent, 2, NULL, &m8));
  g_assert_cmpstr (m8, ==, "5 is no longer a value for custom field CSAT");
  g_assert_null (csm_sim_ticket_get_cf_value (t, 2));

  g_assert_true (csm_sim_world_delete_ticket (d.world, d.ticket, CSM_SIM_USER_ROOT, NULL));
  g_assert_cmpstr (t->status, ==, "deleted");
  g_assert_cmpint (t->resolved, ==, csm_sim_world_get_now (d.world));

  g_object_unref (d.world);
}

static void
test_formats (void)
{
  g_autofree char *unset = csm_sim_format_iso (0);
  g_autofree char *iso = csm_sim_format_iso (sim_fixture_time ("2026-11-23T22:05:06Z"));
  g_autofree char *sql = csm_sim_format_sql (sim_fixture_time ("2026-11-23T22:05:06Z"));
  g_autofree char *text = csm_sim_format_rt_string (sim_fixture_time ("2026-11-24T03:04:00Z"));
  gint64 t = 0;

  g_assert_cmpstr (unset, ==, "1970-01-01T00:00:00Z");
  g_assert_cmpstr (iso, ==, "2026-11-23T22:05:06Z");
  g_assert_cmpstr (sql, ==, "2026-11-23 22:05:06");
  g_assert_cmpstr (text, ==, "Tue Nov 24 03:04:00 2026");
  g_assert_true (csm_sim_parse_iso ("2026-11-23 22:05:06", &t));
  g_assert_cmpint (t, ==, sim_fixture_time ("2026-11-23T22:05:06Z"));
  g_assert_cmpstr (csm_sim_priority_label (49), ==, "Low");
  g_assert_cmpstr (csm_sim_priority_label (100), ==, "High");
}

/* Lookups stay constant-time in a big world. */
static void
test_scale_lookups (void)
{
  g_autoptr(CsmSimWorld) world = csm_sim_world_new ();
  const CsmSimQueue *queue = csm_sim_world_add_queue (world, 0, "Q", NULL, TRUE, NULL);
  gint64 t0;

  for (guint i = 0; i < 100000; i++)
    {
      CsmSimTicketSpec spec = { 0, };
      CsmSimTransaction txn = { 0, };

      spec.queue = queue->id;
      spec.created = 1795000000 + i;
      g_assert_nonnull (csm_sim_world_insert_ticket (world, &spec, NULL));
      txn.object_id = i + 1;
      txn.created = spec.created;
      txn.creator = CSM_SIM_USER_ROOT;
      txn.type = "Create";
      g_assert_nonnull (csm_sim_world_insert_transaction (world, &txn, NULL));
    }

  t0 = g_get_monotonic_time ();
  for (guint i = 1; i <= 100000; i++)
    {
      g_assert_cmpint (csm_sim_world_lookup_ticket (world, i)->id, ==, i);
      g_assert_cmpint (csm_sim_world_lookup_transaction (world, i)->object_id, ==, i);
    }
  g_test_message ("200,000 lookups: %.1f ms", (g_get_monotonic_time () - t0) / 1000.0);
  g_assert_cmpint (g_get_monotonic_time () - t0, <, 2 * G_USEC_PER_SEC);
  g_assert_true (csm_sim_world_transactions_time_ordered (world));
  g_assert_cmpuint (csm_sim_world_find_transaction_index_by_time (world, 1795000000 + 50000), ==, 50000);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && g_strcmp0 (argv[1], "--write") == 0)
    {
      g_autoptr(CsmSimWorld) world = sim_fixture_build_small ();
      g_autoptr(GError) error = NULL;

      if (!csm_sim_scenario_save_file (world, argv[2], &error))
        g_error ("%s", error->message);
      return 0;
    }

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sim/scenario/fixture-is-current", test_fixture_is_current);
  g_test_add_func ("/sim/scenario/round-trip", test_round_trip);
  g_test_add_func ("/sim/scenario/fixture-contents", test_fixture_contents);
  g_test_add_func ("/sim/scenario/load-errors", test_load_errors);
  g_test_add_func ("/sim/world/builtins-and-ids", test_builtins_and_ids);
  g_test_add_func ("/sim/world/owner", test_mutation_owner);
  g_test_add_func ("/sim/world/correspond", test_mutation_correspond);
  g_test_add_func ("/sim/world/fields", test_mutation_fields);
  g_test_add_func ("/sim/world/formats", test_formats);
  g_test_add_func ("/sim/world/scale-lookups", test_scale_lookups);

  return g_test_run ();
}
