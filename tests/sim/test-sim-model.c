/* test-sim-model.c: the simulated contact centre: determinism, distributions, RT shapes, live mode.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Known answers for the calendar and SLA rules, and statistical bounds
 * with fixed seeds for the rest. "-m slow" adds the 100,000-ticket run.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "csm-sim-model.h"
#include "csm-sim-scenario.h"
#include "csm-sim-server.h"
#include <libsoup/soup.h>
#include "sim-fixture.h"

/* A Monday noon. */
#define NOW_ISO "2026-11-23T12:00:00Z"

static CsmSimModel *
build_model (const CsmSimConfig *config,
             gint64              now_time)
{
  g_autoptr(CsmSimWorld) world = csm_sim_world_new ();
  CsmSimModel *model = csm_sim_model_new (world, config);

  csm_sim_model_populate (model, now_time);
  return model;
}

/* Four weeks, 60 agents, 8,000 tickets: the sample behind the statistical
 * tests, built once. */
static CsmSimModel *model_28_days;

static CsmSimModel *
shared_model (void)
{
  if (model_28_days == NULL)
    {
      CsmSimConfig config = {
        .seed = 20261123,
        .n_agents = 60,
        .target_tickets = 8000,
        .history_days = 28,
      };
      gint64 start = g_get_monotonic_time ();

      model_28_days = build_model (&config, sim_fixture_time (NOW_ISO));
      g_test_message ("28 days, 60 agents, %u tickets, %u transactions: %.2f s",
                      csm_sim_world_get_n_tickets (csm_sim_model_get_world (model_28_days)),
                      csm_sim_world_get_n_transactions (csm_sim_model_get_world (model_28_days)),
                      (g_get_monotonic_time () - start) / 1e6);
    }
  return model_28_days;
}

static int
channel_of (CsmSimWorld        *world,
            const CsmSimTicket *ticket)
{
  const CsmSimCustomField *cf = csm_sim_world_lookup_custom_field_by_name (world, "Channel");
  const char *value = csm_sim_ticket_get_cf_value (ticket, cf->id);

  for (guint c = 0; c < CSM_SIM_N_CHANNELS; c++)
    if (g_strcmp0 (value, csm_sim_channel_name (c)) == 0)
      return (int) c;
  return -1;
}

static const CsmSimTransaction *
ticket_txn (CsmSimWorld        *world,
            const CsmSimTicket *ticket,
            guint               position)
{
  return csm_sim_world_get_transaction_at (world, g_array_index (ticket->txns, guint, position));
}

/* ------------------------------------------------------------------------ */

static void
test_business_hours (void)
{
  const CsmSimSlaLevel *standard = csm_sim_sla_lookup_level ("standard");
  const CsmSimSlaLevel *business = csm_sim_sla_lookup_level ("business");
  const CsmSimSlaLevel *two_days = csm_sim_sla_lookup_level ("2d");
  const CsmSimSlaLevel *gold = csm_sim_sla_lookup_level ("gold");
  gint64 s;

  /* Mon 2026-11-23. */
  g_assert_cmpint (csm_sim_business_hours_start (sim_fixture_time ("2026-11-23T22:06:00Z")), ==,
                   sim_fixture_time ("2026-11-24T09:00:00Z"));
  g_assert_cmpint (csm_sim_business_hours_start (sim_fixture_time ("2026-11-21T10:00:00Z")), ==,
                   sim_fixture_time ("2026-11-23T09:00:00Z"));
  g_assert_cmpint (csm_sim_business_hours_start (sim_fixture_time ("2026-11-25T12:34:56Z")), ==,
                   sim_fixture_time ("2026-11-25T12:34:56Z"));
  g_assert_cmpint (csm_sim_business_hours_start (sim_fixture_time ("2026-11-25T17:00:00Z")), ==,
                   sim_fixture_time ("2026-11-26T09:00:00Z"));

  /* rt5.md: created Mon 22:06, 480 business minutes: due Wed 09:00. */
  g_assert_cmpint (csm_sim_business_hours_add (sim_fixture_time ("2026-11-23T22:06:00Z"), 480 * 60),
                   ==, sim_fixture_time ("2026-11-25T09:00:00Z"));
  /* The fixture: created Sun 10:02, due Tue 09:00; replied Mon 09:40, due Tue 09:40. */
  g_assert_cmpint (csm_sim_business_hours_add (sim_fixture_time ("2026-11-22T10:02:00Z"), 480 * 60),
                   ==, sim_fixture_time ("2026-11-24T09:00:00Z"));
  g_assert_cmpint (csm_sim_business_hours_add (sim_fixture_time ("2026-11-23T09:40:00Z"), 480 * 60),
                   ==, sim_fixture_time ("2026-11-24T09:40:00Z"));
  /* Over the weekend. */
  g_assert_cmpint (csm_sim_business_hours_add (sim_fixture_time ("2026-11-27T16:00:00Z"), 480 * 60),
                   ==, sim_fixture_time ("2026-11-30T16:00:00Z"));
  g_assert_cmpint (csm_sim_business_hours_add (sim_fixture_time ("2026-11-24T10:00:00Z"), 60 * 60),
                   ==, sim_fixture_time ("2026-11-24T11:00:00Z"));

  /* Starts. */
  s = sim_fixture_time ("2026-11-22T10:02:00Z");
  g_assert_cmpint (csm_sim_sla_starts (business, s), ==, sim_fixture_time ("2026-11-23T09:00:00Z"));
  g_assert_cmpint (csm_sim_sla_starts (standard, s), ==, s);

  /* Due: response while the requestor waits, capped by resolve. */
  s = sim_fixture_time ("2026-11-23T10:00:00Z");
  g_assert_cmpint (csm_sim_sla_due (standard, s, s), ==, s + 4 * 3600);
  g_assert_cmpint (csm_sim_sla_due (standard, s, 0), ==, s + 2 * 86400);
  g_assert_cmpint (csm_sim_sla_due (standard, s, s + 47 * 3600), ==, s + 2 * 86400);
  g_assert_cmpint (csm_sim_sla_due (gold, s, s), ==, s + 3600);
  g_assert_cmpint (csm_sim_sla_due (gold, s, s + 7 * 3600 + 30 * 60), ==, s + 8 * 3600);
  g_assert_cmpint (csm_sim_sla_due (gold, s, 0), ==, s + 8 * 3600);
  g_assert_cmpint (csm_sim_sla_due (business, s, 0), ==, 0);
  g_assert_cmpint (csm_sim_sla_due (business, s, s), ==, sim_fixture_time ("2026-11-24T10:00:00Z"));
  g_assert_cmpint (csm_sim_sla_due (two_days, s, s), ==, s + 2 * 86400);
  g_assert_cmpint (csm_sim_sla_due (two_days, s, 0), ==, s + 2 * 86400);
  g_assert_null (csm_sim_sla_lookup_level ("platinum"));

  /* Shifts. */
  g_assert_true (csm_sim_shift_bounds (CSM_SIM_SHIFT_DAY, s, NULL, NULL));
  g_assert_false (csm_sim_shift_bounds (CSM_SIM_SHIFT_DAY,
                                        sim_fixture_time ("2026-11-23T17:00:00Z"), NULL, NULL));
  g_assert_false (csm_sim_shift_bounds (CSM_SIM_SHIFT_DAY,
                                        sim_fixture_time ("2026-11-22T10:00:00Z"), NULL, NULL));
  /* Sunday night's shift runs into Monday morning; Wednesday's is both crews'. */
  {
    gint64 start, end;

    g_assert_true (csm_sim_shift_bounds (CSM_SIM_SHIFT_NIGHT_SUN_WED,
                                         sim_fixture_time ("2026-11-23T05:59:59Z"), &start, &end));
    g_assert_cmpint (start, ==, sim_fixture_time ("2026-11-22T22:00:00Z"));
    g_assert_cmpint (end, ==, sim_fixture_time ("2026-11-23T06:00:00Z"));
  }
  g_assert_false (csm_sim_shift_bounds (CSM_SIM_SHIFT_NIGHT_WED_SAT,
                                        sim_fixture_time ("2026-11-23T05:59:59Z"), NULL, NULL));
  g_assert_true (csm_sim_shift_bounds (CSM_SIM_SHIFT_NIGHT_WED_SAT,
                                       sim_fixture_time ("2026-11-25T23:00:00Z"), NULL, NULL));
  g_assert_true (csm_sim_shift_bounds (CSM_SIM_SHIFT_NIGHT_SUN_WED,
                                       sim_fixture_time ("2026-11-25T23:00:00Z"), NULL, NULL));
  g_assert_true (csm_sim_shift_bounds (CSM_SIM_SHIFT_WEEKEND_LATE,
                                       sim_fixture_time ("2026-11-22T21:59:59Z"), NULL, NULL));
}

/* Same seed, config and now: the same world, byte for byte; however
 * advance() is chunked; another seed: another world. */
static void
test_determinism (void)
{
  CsmSimConfig config = { .seed = 7, .n_agents = 15, .target_tickets = 400, .history_days = 3 };
  gint64 now_time = sim_fixture_time (NOW_ISO);
  g_autoptr(CsmSimModel) a = build_model (&config, now_time);
  g_autoptr(CsmSimModel) b = build_model (&config, now_time);
  g_autoptr(CsmSimModel) c = NULL;
  g_autofree char *data_a = NULL;
  g_autofree char *data_b = NULL;
  g_autofree char *data_c = NULL;

  data_a = csm_sim_scenario_to_data (csm_sim_model_get_world (a));
  data_b = csm_sim_scenario_to_data (csm_sim_model_get_world (b));
  g_assert_cmpuint (strlen (data_a), >, 100000);
  g_assert_true (strcmp (data_a, data_b) == 0);

  /* Six hours more: at once, or ten minutes at a time. */
  csm_sim_model_advance (a, now_time + 6 * 3600);
  for (gint64 t = now_time + 600; t <= now_time + 6 * 3600; t += 600)
    csm_sim_model_advance (b, t);
  g_clear_pointer (&data_a, g_free);
  g_clear_pointer (&data_b, g_free);
  data_a = csm_sim_scenario_to_data (csm_sim_model_get_world (a));
  data_b = csm_sim_scenario_to_data (csm_sim_model_get_world (b));
  g_assert_true (strcmp (data_a, data_b) == 0);
  g_assert_cmpint (csm_sim_world_get_now (csm_sim_model_get_world (a)), ==, now_time + 6 * 3600);

  config.seed = 8;
  c = build_model (&config, now_time);
  csm_sim_model_advance (c, now_time + 6 * 3600);
  data_c = csm_sim_scenario_to_data (csm_sim_model_get_world (c));
  g_assert_false (strcmp (data_a, data_c) == 0);
}

/* Known answers for one seed. They change whenever the model changes (then
 * update them, after checking the statistical tests still pass); what they
 * guard is that every compiler builds the same world: gcc and clang must
 * agree, so no two random draws may sit in one expression whose evaluation
 * order C leaves open. */
static void
test_known_answer (void)
{
  CsmSimConfig config = { .seed = 42, .n_agents = 20, .target_tickets = 500, .history_days = 3 };
  g_autoptr(CsmSimModel) model = build_model (&config, sim_fixture_time (NOW_ISO));
  CsmSimWorld *world = csm_sim_model_get_world (model);
  const CsmSimStats *stats = csm_sim_model_get_stats (model);
  const CsmSimTicket *ticket = csm_sim_world_lookup_ticket (world, 100);
  const CsmSimUser *first = csm_sim_world_lookup_user (world,
                                                       csm_sim_model_get_agent (model, 0)->user_id);

  g_assert_cmpuint (stats->tickets_created, ==, 531);
  g_assert_cmpuint (stats->replies, ==, 563);
  g_assert_cmpuint (stats->comments, ==, 155);
  g_assert_cmpuint (stats->resolved, ==, 357);
  g_assert_cmpuint (stats->reopened, ==, 17);
  g_assert_cmpuint (stats->escalated, ==, 38);
  g_assert_cmpuint (stats->surveys, ==, 96);
  g_assert_cmpuint (stats->customer_replies, ==, 293);
  g_assert_cmpuint (stats->takeovers, ==, 63);
  g_assert_cmpuint (csm_sim_world_get_n_transactions (world), ==, 5559);
  g_assert_cmpstr (ticket->subject, ==, "Change the email address on my account");
  g_assert_cmpint (ticket->created, ==, 1795197300);
  g_assert_cmpstr (first->name, ==, "ingrid.kovacs");
  g_assert_cmpstr (first->real_name, ==, "Ingrid Kovacs");
}

/* The helpdesk the model builds. */
static void
test_setup (void)
{
  CsmSimConfig config = { .seed = 3, .n_agents = 40, .target_tickets = 100, .history_days = 1 };
  g_autoptr(CsmSimModel) model = build_model (&config, sim_fixture_time (NOW_ISO));
  CsmSimWorld *world = csm_sim_model_get_world (model);
  static const char *const queues[] = { "Support", "Billing", "Technical", "VIP", "General" };
  static const char *const levels[] = { "standard", "business", "2d", "gold" };
  const CsmSimGroup *agents = NULL;
  GPtrArray *groups = csm_sim_world_get_groups (world);
  GPtrArray *users = csm_sim_world_get_users (world);
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  guint customers = 0, on_shift = 0, tier2 = 0;
  guint covered = 0;

  for (guint i = 0; i < G_N_ELEMENTS (queues); i++)
    g_assert_nonnull (csm_sim_world_lookup_queue_by_name (world, queues[i]));
  for (guint q = 0; q < CSM_SIM_N_QUEUE_KINDS; q++)
    {
      gint64 id = csm_sim_model_get_queue_id (model, q);

      g_assert_false (csm_sim_world_lookup_queue (world, id)->sla_disabled);
      g_assert_cmpstr (csm_sim_model_get_queue_sla (model, id)->name, ==, levels[q]);
      g_assert_cmpint (csm_sim_model_get_queue_kind (model, id), ==, q);
    }
  g_assert_null (csm_sim_model_get_queue_sla (model, CSM_SIM_QUEUE_GENERAL));

  for (guint i = 0; i < 4; i++)
    {
      static const char *const cfs[] = { "CSAT", "NPS", "CES", "Channel" };

      g_assert_nonnull (csm_sim_world_lookup_custom_field_by_name (world, cfs[i]));
    }
  g_assert_cmpuint (csm_sim_world_lookup_custom_field_by_name (world, "Channel")->values->len,
                    ==, 5);

  for (guint i = 0; i < groups->len; i++)
    if (g_strcmp0 (((CsmSimGroup *) groups->pdata[i])->name, "Agents") == 0)
      agents = groups->pdata[i];
  g_assert_nonnull (agents);
  g_assert_cmpstr (agents->domain, ==, "UserDefined");
  g_assert_cmpuint (agents->members->len, ==, 40);
  g_assert_cmpuint (csm_sim_model_get_n_agents (model), ==, 40);

  for (guint i = 0; i < 40; i++)
    {
      const CsmSimAgentInfo *info = csm_sim_model_get_agent (model, i);
      const CsmSimUser *user = csm_sim_world_lookup_user (world, info->user_id);

      g_assert_true (user->privileged);
      g_assert_cmpint (user->access, ==, CSM_SIM_ACCESS_AGENT);
      g_assert_nonnull (strchr (user->real_name, ' '));
      g_assert_true (g_str_has_suffix (user->email, "@helpdesk.example.com"));
      g_assert_cmpuint (info->capacity, >=, 3);
      g_assert_cmpuint (info->capacity, <=, 8);
      g_assert_cmpuint (info->skills, !=, 0);
      g_assert_false (g_hash_table_contains (names, user->real_name));
      g_hash_table_add (names, user->real_name);
      g_assert_cmpint (g_array_index (agents->members, gint64, i), ==, info->user_id);
      if (info->tier2)
        {
          tier2++;
          g_assert_true (info->skills & (1u << CSM_SIM_QUEUE_KIND_TECHNICAL));
        }
      covered |= info->skills;
      if (csm_sim_shift_bounds (info->shift, sim_fixture_time (NOW_ISO), NULL, NULL))
        on_shift++;
    }
  g_assert_cmpuint (covered, ==, (1u << CSM_SIM_N_QUEUE_KINDS) - 1);
  g_assert_cmpuint (tier2, >, 4);
  g_assert_cmpuint (on_shift, >, 5);
  g_assert_cmpuint (on_shift, <, 35);

  /* Every hour of the week somebody takes VIP tickets. */
  for (gint64 t = sim_fixture_time (NOW_ISO); t < sim_fixture_time (NOW_ISO) + 7 * 86400; t += 1800)
    {
      gboolean vip = FALSE;

      for (guint i = 0; i < 40; i++)
        {
          const CsmSimAgentInfo *info = csm_sim_model_get_agent (model, i);

          if ((info->skills & (1u << CSM_SIM_QUEUE_KIND_VIP)) &&
              csm_sim_shift_bounds (info->shift, t, NULL, NULL))
            vip = TRUE;
        }
      g_assert_true (vip);
    }

  for (guint i = 0; i < users->len; i++)
    {
      const CsmSimUser *user = users->pdata[i];

      if (user->access != CSM_SIM_ACCESS_CUSTOMER || user->id == CSM_SIM_USER_NOBODY)
        continue;
      customers++;
      g_assert_cmpstr (user->name, ==, user->email);
      g_assert_true (g_str_has_suffix (user->email, "@example.com") ||
                     g_str_has_suffix (user->email, "@example.org") ||
                     g_str_has_suffix (user->email, "@example.net"));
      g_assert_false (user->privileged);
    }
  g_assert_cmpuint (customers, ==, 400);
  g_assert_cmpint (csm_sim_world_get_now (world), ==, sim_fixture_time (NOW_ISO));
}

/* Arrivals by hour of day over four weeks follow the configured profile:
 * every hour within 4 sigma of its Poisson expectation, and a chi-square
 * over the 24 hours below the 99.9 % critical value for 23 degrees of
 * freedom (49.73). The expectations come from the model's profile. */
static void
test_arrivals (void)
{
  CsmSimModel *model = shared_model ();
  const CsmSimStats *stats = csm_sim_model_get_stats (model);
  gint64 now_time = sim_fixture_time (NOW_ISO);
  gint64 start = now_time - 28 * 86400;
  double expected[24] = { 0, };
  double chi2 = 0, total = 0;
  guint observed_total = 0;

  for (gint64 t = start; t < now_time; t += 3600)
    expected[(t / 3600) % 24] += csm_sim_model_get_expected_arrivals (model, -1, t, t + 3600);

  for (guint h = 0; h < 24; h++)
    {
      double diff = stats->arrivals_by_hour[h] - expected[h];

      if (fabs (diff) > 4 * sqrt (expected[h]))
        g_test_fail_printf ("hour %u: %u arrivals, %.1f expected", h, stats->arrivals_by_hour[h], expected[h]);
      chi2 += diff * diff / expected[h];
      total += expected[h];
      observed_total += stats->arrivals_by_hour[h];
    }
  g_test_message ("arrivals %u, expected %.1f, chi-square %.2f", observed_total, total, chi2);
  g_assert_cmpfloat (chi2, <, 49.73);
  g_assert_cmpfloat (fabs (total - 8000), <, 1);
  g_assert_cmpuint (observed_total, ==, stats->tickets_created);

  /* The profile has a shape: nights are quiet. */
  g_assert_cmpfloat (expected[3] * 4, <, expected[10]);

  for (guint c = 0; c < CSM_SIM_N_CHANNELS; c++)
    {
      double e = csm_sim_model_get_expected_arrivals (model, (int) c, start, now_time);

      if (fabs (stats->arrivals_by_channel[c] - e) > 4 * sqrt (e))
        g_test_fail_printf ("channel %s: %u arrivals, %.1f expected", csm_sim_channel_name (c),
                 stats->arrivals_by_channel[c], e);
    }
}

static int
compare_ints (gconstpointer a,
              gconstpointer b)
{
  int x = *(const int *) a, y = *(const int *) b;

  return (x > y) - (x < y);
}

/* TimeTaken of agents' replies: the median per channel is the configured
 * one (±15 %). */
static void
test_handle_times (void)
{
  CsmSimModel *model = shared_model ();
  CsmSimWorld *world = csm_sim_model_get_world (model);
  GArray *samples[CSM_SIM_N_CHANNELS] = { NULL, };
  guint n = csm_sim_world_get_n_transactions (world);

  for (guint c = 0; c < CSM_SIM_N_CHANNELS; c++)
    samples[c] = g_array_new (FALSE, FALSE, sizeof (int));

  for (guint i = 0; i < n; i++)
    {
      const CsmSimTransaction *txn = csm_sim_world_get_transaction_at (world, i);
      const CsmSimUser *user;
      int channel, minutes;

      if (strcmp (txn->type, "Correspond") != 0)
        continue;
      user = csm_sim_world_lookup_user (world, txn->creator);
      if (user->access != CSM_SIM_ACCESS_AGENT)
        continue;
      channel = channel_of (world, csm_sim_world_lookup_ticket (world, txn->object_id));
      g_assert_cmpint (channel, >=, 0);
      g_assert_cmpint (txn->time_taken, >, 0);
      minutes = txn->time_taken;
      g_array_append_val (samples[channel], minutes);
    }

  for (guint c = 0; c < CSM_SIM_N_CHANNELS; c++)
    {
      double configured = csm_sim_channel_handle_median (c);
      int median;

      g_assert_cmpuint (samples[c]->len, >, 250);
      g_array_sort (samples[c], compare_ints);
      median = g_array_index (samples[c], int, samples[c]->len / 2);
      g_test_message ("%s: %u replies, median %d min (configured %.0f)", csm_sim_channel_name (c),
                      samples[c]->len, median, configured);
      g_assert_cmpfloat (fabs (median - configured), <=, 0.15 * configured);
      g_array_unref (samples[c]);
    }
}

typedef struct
{
  gint64 first_reply;
  guint customer_msgs;
  guint reopens;
} History;

static History
read_history (CsmSimWorld        *world,
              const CsmSimTicket *ticket)
{
  History h = { 0, 0, 0 };

  for (guint i = 0; i < ticket->txns->len; i++)
    {
      const CsmSimTransaction *txn = ticket_txn (world, ticket, i);

      if (strcmp (txn->type, "Create") == 0 ||
          (strcmp (txn->type, "Correspond") == 0 &&
           csm_sim_ticket_has_requestor (ticket, txn->creator)))
        h.customer_msgs++;
      else if (strcmp (txn->type, "Correspond") == 0 && h.first_reply == 0)
        h.first_reply = txn->created;
      else if (strcmp (txn->type, "Status") == 0 && g_strcmp0 (txn->old_value, "resolved") == 0)
        h.reopens++;
    }
  return h;
}

/* Surveys: in range, answered at the configured rate, and happier when the
 * first answer came quickly and nothing had to be chased or reopened. */
static void
test_surveys (void)
{
  CsmSimModel *model = shared_model ();
  CsmSimWorld *world = csm_sim_model_get_world (model);
  const CsmSimStats *stats = csm_sim_model_get_stats (model);
  GPtrArray *tickets = csm_sim_world_get_tickets (world);
  gint64 csat_id = csm_sim_world_lookup_custom_field_by_name (world, "CSAT")->id;
  gint64 nps_id = csm_sim_world_lookup_custom_field_by_name (world, "NPS")->id;
  gint64 ces_id = csm_sim_world_lookup_custom_field_by_name (world, "CES")->id;
  double quick_csat = 0, slow_csat = 0, quick_ces = 0, slow_ces = 0, share;
  guint quick = 0, slow = 0, answered = 0;

  for (guint i = 0; i < tickets->len; i++)
    {
      const CsmSimTicket *ticket = tickets->pdata[i];
      const char *csat = csm_sim_ticket_get_cf_value (ticket, csat_id);
      const char *nps = csm_sim_ticket_get_cf_value (ticket, nps_id);
      const char *ces = csm_sim_ticket_get_cf_value (ticket, ces_id);
      int csat_value, nps_value, ces_value;
      History h;

      if (csat == NULL)
        {
          g_assert_null (nps);
          g_assert_null (ces);
          continue;
        }
      answered++;
      g_assert_cmpstr (ticket->status, ==, "resolved");
      csat_value = atoi (csat);
      nps_value = atoi (nps);
      ces_value = atoi (ces);
      g_assert_cmpint (csat_value, >=, 1);
      g_assert_cmpint (csat_value, <=, 5);
      g_assert_cmpint (nps_value, >=, 0);
      g_assert_cmpint (nps_value, <=, 10);
      g_assert_cmpint (ces_value, >=, 1);
      g_assert_cmpint (ces_value, <=, 7);

      h = read_history (world, ticket);
      if (h.first_reply != 0 && h.first_reply - ticket->created <= 30 * 60 &&
          h.customer_msgs == 1 && h.reopens == 0)
        {
          quick++;
          quick_csat += csat_value;
          quick_ces += ces_value;
        }
      else if (h.reopens > 0 || h.first_reply == 0 || h.first_reply - ticket->created > 8 * 3600)
        {
          slow++;
          slow_csat += csat_value;
          slow_ces += ces_value;
        }
    }

  g_assert_cmpuint (answered, ==, stats->surveys);
  share = (double) stats->surveys / stats->final_resolutions;
  g_test_message ("surveys %u of %u final resolutions (%.3f); CSAT quick %.2f (%u), "
                  "slow %.2f (%u); CES quick %.2f, slow %.2f", stats->surveys,
                  stats->final_resolutions, share, quick_csat / quick, quick, slow_csat / slow,
                  slow, quick_ces / quick, slow_ces / slow);
  g_assert_cmpfloat (fabs (share - 0.3), <, 0.03);
  g_assert_cmpuint (quick, >, 50);
  g_assert_cmpuint (slow, >, 50);
  g_assert_cmpfloat (quick_csat / quick - slow_csat / slow, >, 0.5);
  g_assert_cmpfloat (slow_ces / slow - quick_ces / quick, >, 0.5);
}

/* The independent reading of RT's LastEffectiveAct. */
static gint64
requestor_waiting_since (CsmSimWorld        *world,
                         const CsmSimTicket *ticket)
{
  gint64 since = 0;

  for (guint i = ticket->txns->len; i-- > 0;)
    {
      const CsmSimTransaction *txn = ticket_txn (world, ticket, i);

      if (strcmp (txn->type, "Create") != 0 && strcmp (txn->type, "Correspond") != 0)
        continue;
      if (!csm_sim_ticket_has_requestor (ticket, txn->creator))
        break;
      since = txn->created;
    }
  return since;
}

/* The agent index + 1 of a user in @agent_of, minus one: -1 for others. */
static int
lookup_agent (GHashTable *agent_of,
              gint64      user_id)
{
  return (int) GPOINTER_TO_SIZE (g_hash_table_lookup (agent_of, GSIZE_TO_POINTER (user_id))) - 1;
}

static gboolean
holds (const char *status)
{
  return g_strcmp0 (status, "new") == 0 || g_strcmp0 (status, "open") == 0 ||
         g_strcmp0 (status, "stalled") == 0;
}

/* The history is RT's: creates by requestors, owner changes with principal
 * ids, SLA dates by RT_System with the levels' values, Resolved set; and
 * agents keep to their shifts, skills and capacity throughout. */
static void
test_rt_shapes (void)
{
  CsmSimModel *model = shared_model ();
  CsmSimWorld *world = csm_sim_model_get_world (model);
  GPtrArray *tickets = csm_sim_world_get_tickets (world);
  guint n_txns = csm_sim_world_get_n_transactions (world);
  guint n_agents = csm_sim_model_get_n_agents (model);
  g_autoptr(GHashTable) agent_of = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autofree gint64 *queue_of = NULL;
  g_autofree gint64 *owner_of = NULL;
  g_autofree const char **status_of = NULL;
  g_autofree guint *load = NULL;
  guint owner_changes = 0, due_checked = 0, resolved = 0, moves = 0, max_load = 0;
  gint64 last_id;

  for (guint a = 0; a < n_agents; a++)
    g_hash_table_insert (agent_of, GSIZE_TO_POINTER (csm_sim_model_get_agent (model, a)->user_id),
                         GSIZE_TO_POINTER (a + 1));

  last_id = ((CsmSimTicket *) tickets->pdata[tickets->len - 1])->id;
  queue_of = g_new0 (gint64, last_id + 1);
  owner_of = g_new0 (gint64, last_id + 1);
  status_of = g_new0 (const char *, last_id + 1);
  load = g_new0 (guint, n_agents);

  for (guint i = 0; i < tickets->len; i++)
    {
      const CsmSimTicket *ticket = tickets->pdata[i];
      const CsmSimTransaction *create = ticket_txn (world, ticket, 0);
      const CsmSimSlaLevel *level;
      gint64 starts = 0, due = 0;
      gboolean seen_starts = FALSE, seen_due = FALSE;

      /* Created by its requestor, a customer. */
      g_assert_cmpstr (create->type, ==, "Create");
      g_assert_cmpuint (ticket->requestors->len, ==, 1);
      g_assert_cmpint (create->creator, ==, g_array_index (ticket->requestors, gint64, 0));
      g_assert_cmpint (ticket->creator, ==, create->creator);
      g_assert_cmpint (csm_sim_world_lookup_user (world, create->creator)->access, ==,
                       CSM_SIM_ACCESS_CUSTOMER);
      g_assert_cmpint (channel_of (world, ticket), >=, 0);

      /* Its first queue: before any move. */
      queue_of[ticket->id] = ticket->queue;
      for (guint j = 0; j < ticket->txns->len; j++)
        {
          const CsmSimTransaction *txn = ticket_txn (world, ticket, j);

          if (strcmp (txn->type, "Set") == 0 && g_strcmp0 (txn->field, "Queue") == 0)
            {
              queue_of[ticket->id] = g_ascii_strtoll (txn->old_value, NULL, 10);
              break;
            }
        }
      owner_of[ticket->id] = CSM_SIM_USER_NOBODY;
      status_of[ticket->id] = "new";

      /* The SLA level of the queue it was created in; Starts and Due right
       * after the Create as RT's scrips set them. */
      level = csm_sim_model_get_queue_sla (model, queue_of[ticket->id]);
      g_assert_nonnull (level);
      g_assert_cmpstr (ticket->sla, ==, level->name);
      for (guint j = 1; j < ticket->txns->len && j < 3; j++)
        {
          const CsmSimTransaction *txn = ticket_txn (world, ticket, j);
          gint64 value = 0;

          if (strcmp (txn->type, "Set") != 0)
            continue;
          csm_sim_parse_iso (txn->new_value, &value);
          if (g_strcmp0 (txn->field, "Starts") == 0)
            {
              starts = value;
              seen_starts = TRUE;
            }
          else if (g_strcmp0 (txn->field, "Due") == 0)
            {
              due = value;
              seen_due = TRUE;
            }
        }
      g_assert_true (seen_starts);
      g_assert_cmpint (starts, ==, csm_sim_sla_starts (level, ticket->created));
      g_assert_cmpint (ticket->starts, ==, starts);
      g_assert_true (seen_due);
      g_assert_cmpint (due, ==, csm_sim_sla_due (level, starts, ticket->created));

      /* And Due now is what the scrip gives for the history so far. */
      g_assert_cmpint (ticket->due, ==,
                       csm_sim_sla_due (level, ticket->starts,
                                        requestor_waiting_since (world, ticket)));
      due_checked++;

      if (g_strcmp0 (ticket->status, "resolved") == 0)
        {
          resolved++;
          g_assert_cmpint (ticket->resolved, >=, ticket->created);
          g_assert_cmpint (ticket->resolved, >, 0);
        }
    }

  /* Replay: who owns what, where, when. */
  for (guint i = 0; i < n_txns; i++)
    {
      const CsmSimTransaction *txn = csm_sim_world_get_transaction_at (world, i);
      gint64 id = txn->object_id;
      int agent = lookup_agent (agent_of, txn->creator);

      if ((strcmp (txn->type, "Set") == 0 &&
           (g_strcmp0 (txn->field, "Due") == 0 || g_strcmp0 (txn->field, "Starts") == 0)))
        g_assert_cmpint (txn->creator, ==, CSM_SIM_USER_RT_SYSTEM);
      if (txn->creator == CSM_SIM_USER_RT_SYSTEM)
        g_assert_true (strcmp (txn->type, "Set") == 0 || strcmp (txn->type, "Status") == 0);

      if (agent >= 0)
        {
          const CsmSimAgentInfo *info = csm_sim_model_get_agent (model, (guint) agent);
          int kind = csm_sim_model_get_queue_kind (model, queue_of[id]);

          if (!csm_sim_shift_bounds (info->shift, txn->created, NULL, NULL))
            g_test_fail_printf ("transaction %u by agent %d off shift", txn->id, agent);
          g_assert_cmpint (kind, >=, 0);
          if ((info->skills & (1u << kind)) == 0)
            g_test_fail_printf ("transaction %u by agent %d in queue %d without the skill", txn->id, agent,
                     kind);
        }

      if (strcmp (txn->type, "Set") == 0 && g_strcmp0 (txn->field, "Owner") == 0)
        {
          gint64 old_owner = g_ascii_strtoll (txn->old_value, NULL, 10);
          gint64 new_owner = g_ascii_strtoll (txn->new_value, NULL, 10);
          int old_agent, new_agent;

          g_assert_cmpint (old_owner, ==, owner_of[id]);
          g_assert_nonnull (csm_sim_world_lookup_user (world, old_owner));
          g_assert_nonnull (csm_sim_world_lookup_user (world, new_owner));
          old_agent = lookup_agent (agent_of, old_owner);
          new_agent = lookup_agent (agent_of, new_owner);
          if (holds (status_of[id]) && old_agent >= 0)
            load[old_agent]--;
          if (holds (status_of[id]) && new_agent >= 0)
            load[new_agent]++;
          owner_of[id] = new_owner;
          owner_changes++;
        }
      else if (strcmp (txn->type, "Status") == 0)
        {
          int owner = lookup_agent (agent_of, owner_of[id]);

          g_assert_cmpstr (txn->old_value, ==, status_of[id]);
          if (owner >= 0 && holds (txn->old_value) && !holds (txn->new_value))
            load[owner]--;
          if (owner >= 0 && !holds (txn->old_value) && holds (txn->new_value))
            load[owner]++;
          status_of[id] = txn->new_value;
        }
      else if (strcmp (txn->type, "SetWatcher") == 0)
        {
          const CsmSimTransaction *previous = csm_sim_world_get_transaction_at (world, i - 1);

          g_assert_cmpstr (previous->field, ==, "Owner");
          g_assert_cmpstr (txn->new_value, ==, previous->new_value);
        }
      else if (strcmp (txn->type, "Set") == 0 && g_strcmp0 (txn->field, "Queue") == 0)
        {
          g_assert_cmpint (g_ascii_strtoll (txn->old_value, NULL, 10), ==, queue_of[id]);
          queue_of[id] = g_ascii_strtoll (txn->new_value, NULL, 10);
          g_assert_cmpint (queue_of[id], ==,
                           csm_sim_model_get_queue_id (model, CSM_SIM_QUEUE_KIND_TECHNICAL));
          moves++;
        }

      for (guint a = 0; a < n_agents; a++)
        if (load[a] > csm_sim_model_get_agent (model, a)->capacity)
          g_test_fail_printf ("transaction %u: agent %u holds %u tickets, capacity %u", txn->id, a,
                              load[a], csm_sim_model_get_agent (model, a)->capacity);
      for (guint a = 0; a < n_agents; a++)
        max_load = MAX (max_load, load[a]);
    }

  for (guint i = 0; i < tickets->len; i++)
    {
      const CsmSimTicket *ticket = tickets->pdata[i];

      g_assert_cmpint (ticket->owner, ==, owner_of[ticket->id]);
      g_assert_cmpstr (ticket->status, ==, status_of[ticket->id]);
      g_assert_cmpint (ticket->queue, ==, queue_of[ticket->id]);
    }

  g_test_message ("%u Due values checked, %u owner changes, %u queue moves, %u resolved, "
                  "peak load %u", due_checked, owner_changes, moves, resolved, max_load);
  g_assert_cmpuint (owner_changes, >, tickets->len / 2);
  g_assert_cmpuint (moves, ==, csm_sim_model_get_stats (model)->escalated);
  g_assert_cmpuint (moves, >, 50);
  g_assert_cmpuint (resolved, >, tickets->len / 2);
  g_assert_cmpuint (csm_sim_model_get_stats (model)->reopened, >, 50);
  g_assert_cmpuint (csm_sim_model_get_stats (model)->takeovers, >, 10);
}

/* Everyday life: the backlog at "now" is a mix of states, and the KPIs the
 * console computes come out in believable ranges. */
static void
test_believable (void)
{
  CsmSimModel *model = shared_model ();
  CsmSimWorld *world = csm_sim_model_get_world (model);
  GPtrArray *tickets = csm_sim_world_get_tickets (world);
  g_autoptr(GHashTable) statuses = g_hash_table_new (g_str_hash, g_str_equal);
  guint breached = 0, active = 0, replied = 0, fast_chat = 0, chats = 0;
  gint64 now_time = csm_sim_world_get_now (world);

  for (guint i = 0; i < tickets->len; i++)
    {
      const CsmSimTicket *ticket = tickets->pdata[i];
      History h = read_history (world, ticket);

      g_hash_table_add (statuses, (gpointer) ticket->status);
      if (csm_sim_status_is_active (ticket->status) || strcmp (ticket->status, "new") == 0)
        {
          active++;
          if (ticket->due > 0 && ticket->due < now_time)
            breached++;
        }
      if (h.first_reply > 0)
        {
          replied++;
          g_assert_cmpint (ticket->told, >=, h.first_reply);
          g_assert_cmpint (ticket->started, >, 0);
          if (channel_of (world, ticket) == CSM_SIM_CHANNEL_CHAT)
            {
              chats++;
              if (h.first_reply - ticket->created < 3600)
                fast_chat++;
            }
        }
    }
  g_test_message ("%u tickets: %u active (%u past due), %u replied, chats answered within an hour "
                  "%u of %u", tickets->len, active, breached, replied, fast_chat, chats);
  g_assert_true (g_hash_table_contains (statuses, "new"));
  g_assert_true (g_hash_table_contains (statuses, "open"));
  g_assert_true (g_hash_table_contains (statuses, "stalled"));
  g_assert_true (g_hash_table_contains (statuses, "resolved"));
  g_assert_cmpuint (active, >, 20);
  g_assert_cmpuint (active, <, tickets->len / 5);
  g_assert_cmpuint (replied, >, tickets->len * 9 / 10);
  g_assert_cmpuint (fast_chat, >, chats / 2);
}

/* Changes made through the REST API meanwhile (the console reassigns,
 * resolves, moves tickets) do not confuse the model. */
static void
test_outside_changes (void)
{
  CsmSimConfig config = { .seed = 11, .n_agents = 20, .target_tickets = 600, .history_days = 3 };
  gint64 now_time = sim_fixture_time (NOW_ISO);
  g_autoptr(CsmSimModel) model = build_model (&config, now_time);
  CsmSimWorld *world = csm_sim_model_get_world (model);
  GPtrArray *tickets = csm_sim_world_get_tickets (world);
  gint64 resolved_id = 0, moved_id = 0, reassigned_id = 0, other_agent = 0;
  guint before;

  for (guint i = tickets->len; i-- > 0;)
    {
      const CsmSimTicket *ticket = tickets->pdata[i];

      if (!csm_sim_status_is_active (ticket->status) && strcmp (ticket->status, "new") != 0)
        continue;
      if (resolved_id == 0)
        resolved_id = ticket->id;
      else if (moved_id == 0)
        moved_id = ticket->id;
      else if (reassigned_id == 0 && ticket->owner != CSM_SIM_USER_NOBODY)
        reassigned_id = ticket->id;
    }
  g_assert_cmpint (reassigned_id, !=, 0);
  for (guint a = 0; a < csm_sim_model_get_n_agents (model) && other_agent == 0; a++)
    if (csm_sim_model_get_agent (model, a)->user_id !=
        csm_sim_world_lookup_ticket (world, reassigned_id)->owner)
      other_agent = csm_sim_model_get_agent (model, a)->user_id;

  csm_sim_world_set_status (world, resolved_id, CSM_SIM_USER_ROOT, "resolved", NULL);
  csm_sim_world_set_queue (world, moved_id, CSM_SIM_USER_ROOT, CSM_SIM_QUEUE_GENERAL, NULL);
  csm_sim_world_set_owner (world, reassigned_id, CSM_SIM_USER_ROOT, other_agent, NULL);

  before = csm_sim_world_lookup_ticket (world, moved_id)->txns->len;
  csm_sim_model_advance (model, now_time + 2 * 86400);

  g_assert_cmpstr (csm_sim_world_lookup_ticket (world, resolved_id)->status, ==, "resolved");
  g_assert_cmpuint (csm_sim_world_lookup_ticket (world, moved_id)->txns->len, ==, before);
  g_assert_cmpuint (csm_sim_model_get_stats (model)->tickets_created, >, 600);
}

/* A change sent over REST2 runs the server's copies of RT's SLA scrips; on
 * the contact centre's world they must know its levels: a new ticket opened
 * from the SLA page keeps the deadline its level gives (a Support ticket's
 * 'standard' level once lost it; a VIP ticket's 60-minute reply became
 * RT's reference 240). */
static void
put_status_open (CsmSimServer *server,
                 gint64        ticket_id)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strdup_printf ("%s/REST/2.0/ticket/%" G_GINT64_FORMAT,
                                          csm_sim_server_get_url (server), ticket_id);
  g_autoptr(SoupMessage) msg = soup_message_new ("PUT", url);
  g_autoptr(GBytes) body = g_bytes_new_static ("{\"Status\":\"open\"}", 17);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                "token 1-1-0123456789abcdef0123456789abcdef");
  soup_message_set_request_body_from_bytes (msg, "application/json", body);
  answer = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_nonnull (strstr (g_bytes_get_data (answer, NULL), "Status changed"));
}

static void
test_sla_through_server (void)
{
  CsmSimConfig config = { .seed = 11, .n_agents = 20, .target_tickets = 600, .history_days = 3 };
  g_autoptr(CsmSimModel) model = build_model (&config, sim_fixture_time (NOW_ISO));
  CsmSimWorld *world = csm_sim_model_get_world (model);
  g_autoptr(CsmSimServer) server = csm_sim_server_new (world);
  g_autoptr(GError) error = NULL;
  GPtrArray *tickets = csm_sim_world_get_tickets (world);
  guint checked = 0;

  csm_sim_server_add_token (server, "1-1-0123456789abcdef0123456789abcdef", "root");
  g_assert_true (csm_sim_server_start_in_thread (server, 0, &error));
  g_assert_no_error (error);

  /* The newest waiting ticket of each level. */
  for (guint l = 0; l < CSM_SIM_N_QUEUE_KINDS; l++)
    {
      const CsmSimTicket *ticket = NULL;
      const CsmSimSlaLevel *level = csm_sim_model_get_queue_sla (
        model, csm_sim_model_get_queue_id (model, (int) l));
      gint64 id = 0, due_before, due_after;

      csm_sim_world_lock (world);
      for (guint i = tickets->len; i-- > 0 && id == 0;)
        {
          ticket = tickets->pdata[i];
          if (strcmp (ticket->status, "new") == 0 && ticket->due > 0 && level != NULL &&
              ticket->queue == csm_sim_model_get_queue_id (model, (int) l))
            id = ticket->id;
        }
      due_before = id ? csm_sim_world_lookup_ticket (world, id)->due : 0;
      csm_sim_world_unlock (world);
      if (id == 0)
        continue;

      put_status_open (server, id);
      csm_sim_world_lock (world);
      due_after = csm_sim_world_lookup_ticket (world, id)->due;
      csm_sim_world_unlock (world);
      g_test_message ("#%" G_GINT64_FORMAT " (%s): Due %" G_GINT64_FORMAT " -> %" G_GINT64_FORMAT,
                      id, level->name, due_before, due_after);
      g_assert_cmpint (due_after, ==, due_before);
      checked++;
    }
  g_assert_cmpuint (checked, >=, 3);
}

/* Every deadline the model's world holds follows RT's rule, counted here
 * from the ticket's own history: the response deadline from the first
 * message of an outside actor (a requestor who does not own the ticket)
 * that no one inside has answered, the resolve deadline from creation, the
 * earlier of the two. The model and the server set Due through the same
 * scrip (csm-sim-sla-scrips.c); this holds it to RT's rule. */
static void
test_due_follows_rt_rule (void)
{
  CsmSimModel *model = shared_model ();
  CsmSimWorld *world = csm_sim_model_get_world (model);
  GPtrArray *tickets = csm_sim_world_get_tickets (world);
  guint checked = 0, waiting = 0;

  csm_sim_world_lock (world);
  for (guint i = 0; i < tickets->len; i++)
    {
      const CsmSimTicket *t = tickets->pdata[i];
      const CsmSimQueue *queue = csm_sim_world_lookup_queue (world, t->queue);
      const CsmSimSlaLevel *level;
      gint64 since = 0, response = 0, resolve, expected;

      if (t->sla == NULL || queue == NULL || queue->sla_disabled)
        continue;
      level = csm_sim_sla_find (csm_sim_world_get_agreements (world), t->sla);
      g_assert_nonnull (level);
      for (guint k = 0; k < t->txns->len; k++)
        {
          const CsmSimTransaction *x =
            csm_sim_world_get_transaction_at (world, g_array_index (t->txns, guint, k));
          gboolean outside;

          if (strcmp (x->type, "Create") != 0 && strcmp (x->type, "Correspond") != 0)
            continue;
          outside = (gint64) x->creator != t->owner && csm_sim_ticket_has_requestor (t, x->creator);
          if (!outside)
            since = 0;
          else if (since == 0)
            since = x->created;
        }
      if (since > 0)
        {
          response = csm_sim_sla_response_due (level, since);
          waiting++;
        }
      resolve = csm_sim_sla_resolve_due (level, t->created);
      expected = response == 0 ? resolve : resolve == 0 ? response : MIN (response, resolve);
      if (t->due != expected)
        g_test_fail_printf ("#%" G_GINT64_FORMAT " (%s): Due %" G_GINT64_FORMAT
                            ", RT's rule gives %" G_GINT64_FORMAT, t->id, t->sla, t->due, expected);
      checked++;
    }
  csm_sim_world_unlock (world);
  g_test_message ("%u deadlines checked, %u of them while a customer waits", checked, waiting);
  g_assert_cmpuint (checked, >, 1000);
  g_assert_cmpuint (waiting, >=, 10);
}

/* Live: on a private context at 3600× the world moves an hour per real
 * second, under the lock; stop() ends it. */
static void
test_live (void)
{
  CsmSimConfig config = { .seed = 5, .n_agents = 20, .target_tickets = 500, .history_days = 1 };
  gint64 now_time = sim_fixture_time (NOW_ISO);
  g_autoptr(CsmSimModel) model = build_model (&config, now_time);
  CsmSimWorld *world = csm_sim_model_get_world (model);
  g_autoptr(GMainContext) context = g_main_context_new ();
  guint txns_before = csm_sim_world_get_n_transactions (world);
  gint64 start, moved;

  csm_sim_model_set_speed (model, 3600);
  g_assert_cmpfloat (csm_sim_model_get_speed (model), ==, 3600);
  csm_sim_model_start (model, context);
  /* Four ticks of 250 ms; the loop blocks until the fourth. */
  start = g_get_monotonic_time ();
  while (g_get_monotonic_time () - start < 1000 * 1000)
    g_main_context_iteration (context, TRUE);

  csm_sim_world_lock (world);
  moved = csm_sim_world_get_now (world) - now_time;
  csm_sim_world_unlock (world);
  g_test_message ("moved %" G_GINT64_FORMAT " s, %u new transactions", moved,
                  csm_sim_world_get_n_transactions (world) - txns_before);
  g_assert_cmpint (moved, >=, 2700);
  g_assert_cmpint (moved, <=, 4500);
  g_assert_cmpuint (csm_sim_world_get_n_transactions (world), >, txns_before);

  csm_sim_model_stop (model);
  while (g_main_context_iteration (context, FALSE))
    ;
  moved = csm_sim_world_get_now (world);
  start = g_get_monotonic_time ();
  while (g_get_monotonic_time () - start < 300 * 1000)
    g_main_context_iteration (context, FALSE);
  g_assert_cmpint (csm_sim_world_get_now (world), ==, moved);
}

/* The demo's size must build in well under a second. */
static void
test_demo_size (void)
{
  CsmSimConfig config = { .seed = 1, .n_agents = 40, .target_tickets = 2000, .history_days = 7 };
  gint64 start = g_get_monotonic_time ();
  g_autoptr(CsmSimModel) model = build_model (&config, sim_fixture_time (NOW_ISO));
  double seconds = (g_get_monotonic_time () - start) / 1e6;
  CsmSimWorld *world = csm_sim_model_get_world (model);

  g_test_message ("7 days, 40 agents: %u tickets, %u transactions in %.3f s",
                  csm_sim_world_get_n_tickets (world), csm_sim_world_get_n_transactions (world),
                  seconds);
  g_assert_cmpuint (csm_sim_world_get_n_tickets (world), >, 1800);
  g_assert_cmpuint (csm_sim_world_get_n_tickets (world), <, 2200);
}

static void
test_large (void)
{
  CsmSimConfig config = {
    .seed = 2, .n_agents = 500, .target_tickets = 100000, .history_days = 30,
  };
  gint64 start = g_get_monotonic_time ();
  g_autoptr(CsmSimModel) model = build_model (&config, sim_fixture_time (NOW_ISO));
  double seconds = (g_get_monotonic_time () - start) / 1e6;
  CsmSimWorld *world = csm_sim_model_get_world (model);
  const CsmSimStats *stats = csm_sim_model_get_stats (model);

  g_test_message ("30 days, 500 agents: %u tickets, %u transactions in %.2f s; %u replies, "
                  "%u resolved, %u escalated, %u surveys", csm_sim_world_get_n_tickets (world),
                  csm_sim_world_get_n_transactions (world), seconds, stats->replies,
                  stats->resolved, stats->escalated, stats->surveys);
  start = g_get_monotonic_time ();
  csm_sim_model_advance (model, sim_fixture_time (NOW_ISO) + 86400);
  g_test_message ("one more day: %.2f s", (g_get_monotonic_time () - start) / 1e6);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sim/model/business-hours", test_business_hours);
  g_test_add_func ("/sim/model/determinism", test_determinism);
  g_test_add_func ("/sim/model/known-answer", test_known_answer);
  g_test_add_func ("/sim/model/setup", test_setup);
  g_test_add_func ("/sim/model/arrivals", test_arrivals);
  g_test_add_func ("/sim/model/handle-times", test_handle_times);
  g_test_add_func ("/sim/model/surveys", test_surveys);
  g_test_add_func ("/sim/model/rt-shapes", test_rt_shapes);
  g_test_add_func ("/sim/model/believable", test_believable);
  g_test_add_func ("/sim/model/outside-changes", test_outside_changes);
  g_test_add_func ("/sim/model/sla-through-server", test_sla_through_server);
  g_test_add_func ("/sim/model/due-follows-rt-rule", test_due_follows_rt_rule);
  g_test_add_func ("/sim/model/live", test_live);
  g_test_add_func ("/sim/model/demo-size", test_demo_size);
  if (g_test_slow ())
    g_test_add_func ("/sim/model/large", test_large);

  status = g_test_run ();
  g_clear_object (&model_28_days);
  return status;
}
