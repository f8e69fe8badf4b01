/* test-alerts.c: known-answer tests for the SLA alert tracker over a sequence of refreshes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "csm-test-tickets.h"

#include "csm-alert-tracker.h"
#include "csm-sla-entry-private.h"
#include "csm-ticket-private.h"
#include "csm-time.h"

#define MIN_ 60
#define HOUR 3600
#define DAY  86400

/* 2026-11-23T12:00:00Z, a Monday (see test-time.c). */
#define T0 ((gint64) 20780 * 86400 + 12 * 3600)

static CsmTicket *
make_ticket (gint64      id,
             gint64      queue_id,
             const char *queue)
{
  return csm_test_ticket_new (id, queue_id, queue, "open", NULL, T0 - DAY);
}

/* A board of entries in the given states: what csm_sla_board_compute()
 * would give, set by hand so each step of the sequence is explicit. */
typedef struct
{
  gint64 id;
  const char *queue;
  CsmSlaState state;
  gint64 due;
} Row;

static GPtrArray *
board (const Row *rows,
       guint      n)
{
  GPtrArray *entries = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CsmTicket) t = make_ticket (rows[i].id, g_str_equal (rows[i].queue, "Billing") ? 4 : 3,
                                            rows[i].queue);
      CsmSlaEntry *e = _csm_sla_entry_new (t);

      t->due = rows[i].due;
      e->due = rows[i].due;
      e->state = rows[i].state;
      g_ptr_array_add (entries, e);
    }
  return entries;
}

static CsmAlertBatch *
update (CsmAlertTracker *tracker,
        const Row       *rows,
        guint            n,
        gint64           now)
{
  g_autoptr(GPtrArray) entries = board (rows, n);

  return csm_alert_tracker_update (tracker, entries, now);
}

/* "2:breached 3:at_risk": the batch's alerts in order. */
static char *
describe (CsmAlertBatch *batch)
{
  GString *s = g_string_new (NULL);

  if (batch == NULL)
    return g_string_free (s, FALSE);
  for (guint i = 0; i < batch->alerts->len; i++)
    {
      CsmAlert *a = g_ptr_array_index (batch->alerts, i);

      g_string_append_printf (s, "%s%" G_GINT64_FORMAT ":%s", i ? " " : "", a->ticket_id,
                              csm_sla_state_to_string (a->state));
    }
  return g_string_free (s, FALSE);
}

#define D1 (T0 - 10 * MIN_)
#define D2 (T0 + 20 * MIN_)
#define D3 (T0 + 3 * HOUR)

static void
test_alerts_sequence (void)
{
  g_autoptr(CsmAlertTracker) tracker = csm_alert_tracker_new ();
  CsmAlertBatch *batch;
  CsmAlert *alert;
  char *text;

  g_assert_cmpuint (csm_alert_tracker_get_max_single (tracker), ==, 3);

  /* 1. start: one summary of what is wrong now, no per-ticket alerts */
  {
    const Row rows[] = {
      { 1, "Support", CSM_SLA_STATE_BREACHED, D1 },
      { 2, "Billing", CSM_SLA_STATE_AT_RISK, D2 },
      { 3, "Support", CSM_SLA_STATE_OK, D3 },
    };
    batch = update (tracker, rows, G_N_ELEMENTS (rows), T0);
    g_assert_nonnull (batch);
    g_assert_true (batch->summary);
    g_assert_false (batch->grouped);
    text = describe (batch);
    g_assert_cmpstr (text, ==, "1:breached 2:at_risk");
    g_free (text);
    alert = g_ptr_array_index (batch->alerts, 1);
    g_assert_cmpint (alert->queue_id, ==, 4);
    g_assert_cmpstr (alert->queue_name, ==, "Billing");
    g_assert_cmpstr (alert->subject, ==, "Ticket 2");
    g_assert_cmpint (alert->due, ==, D2);
    csm_alert_batch_free (batch);

    /* 2. the same board again: nothing to say */
    g_assert_null (update (tracker, rows, G_N_ELEMENTS (rows), T0 + MIN_));
  }

  /* 3. ticket 3 is predicted to breach: one alert */
  {
    const Row rows[] = {
      { 1, "Support", CSM_SLA_STATE_BREACHED, D1 },
      { 2, "Billing", CSM_SLA_STATE_AT_RISK, D2 },
      { 3, "Support", CSM_SLA_STATE_PREDICTED, D3 },
    };
    batch = update (tracker, rows, G_N_ELEMENTS (rows), T0 + 2 * MIN_);
    text = describe (batch);
    g_assert_cmpstr (text, ==, "3:predicted");
    g_assert_false (batch->summary);
    g_assert_false (batch->grouped);
    g_free (text);
    csm_alert_batch_free (batch);
  }

  /* 4. escalation: 2 breaches, 3 comes within the horizon */
  {
    const Row rows[] = {
      { 1, "Support", CSM_SLA_STATE_BREACHED, D1 },
      { 2, "Billing", CSM_SLA_STATE_BREACHED, D2 },
      { 3, "Support", CSM_SLA_STATE_AT_RISK, D3 },
    };
    batch = update (tracker, rows, G_N_ELEMENTS (rows), T0 + 25 * MIN_);
    text = describe (batch);
    g_assert_cmpstr (text, ==, "2:breached 3:at_risk");
    g_free (text);
    csm_alert_batch_free (batch);
  }

  /* 5. improving is silent (3 answered: ok), and so is falling back to a
   * state already told with the same Due */
  {
    const Row better[] = {
      { 1, "Support", CSM_SLA_STATE_BREACHED, D1 },
      { 2, "Billing", CSM_SLA_STATE_BREACHED, D2 },
      { 3, "Support", CSM_SLA_STATE_OK, D3 },
    };
    const Row again[] = {
      { 1, "Support", CSM_SLA_STATE_BREACHED, D1 },
      { 2, "Billing", CSM_SLA_STATE_BREACHED, D2 },
      { 3, "Support", CSM_SLA_STATE_PREDICTED, D3 },
    };
    g_assert_null (update (tracker, better, G_N_ELEMENTS (better), T0 + 26 * MIN_));
    g_assert_null (update (tracker, again, G_N_ELEMENTS (again), T0 + 27 * MIN_));
    /* 3 gone from the board (resolved), then back: still the same deadline */
    g_assert_null (update (tracker, again, 2, T0 + 28 * MIN_));
    g_assert_null (update (tracker, again, G_N_ELEMENTS (again), T0 + 29 * MIN_));
  }

  /* 6. a new Due is a new deadline: 1 got one (the requestor wrote) and is
   * at risk of it; 3's new Due is fine */
  {
    const Row rows[] = {
      { 1, "Support", CSM_SLA_STATE_AT_RISK, T0 + HOUR },
      { 2, "Billing", CSM_SLA_STATE_BREACHED, D2 },
      { 3, "Support", CSM_SLA_STATE_OK, D3 + DAY },
    };
    batch = update (tracker, rows, G_N_ELEMENTS (rows), T0 + 40 * MIN_);
    text = describe (batch);
    g_assert_cmpstr (text, ==, "1:at_risk");
    g_free (text);
    csm_alert_batch_free (batch);
  }
}

static void
test_alerts_quiet_hours (void)
{
  g_autoptr(CsmAlertTracker) tracker = csm_alert_tracker_new ();
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  const Row none[] = { { 9, "Support", CSM_SLA_STATE_OK, D3 } };
  const Row night[] = {
    { 4, "Support", CSM_SLA_STATE_BREACHED, D1 },
  };
  const Row morning[] = {
    { 4, "Support", CSM_SLA_STATE_BREACHED, D1 },
    { 5, "Support", CSM_SLA_STATE_AT_RISK, D2 },
  };
  /* 22:00-07:00 Berlin (CET in November: 21:00Z-06:00Z) */
  gint64 evening = T0 + 10 * HOUR + 30 * MIN_;      /* 22:30Z = 23:30 CET */
  gint64 next_morning = T0 + 18 * HOUR + 30 * MIN_; /* 06:30Z = 07:30 CET */
  CsmAlertBatch *batch;
  char *text;

  /* the start-up summary out of the way */
  g_assert_null (update (tracker, none, 1, T0));

  csm_alert_tracker_set_quiet_hours (tracker, 22 * 60, 7 * 60, berlin);
  g_assert_false (csm_alert_tracker_is_quiet (tracker, T0 + 8 * HOUR + 59 * MIN_));  /* 21:59 CET */
  g_assert_true (csm_alert_tracker_is_quiet (tracker, T0 + 9 * HOUR));             /* 22:00 CET */
  g_assert_true (csm_alert_tracker_is_quiet (tracker, T0 + 17 * HOUR + 59 * MIN_)); /* 06:59 CET */
  g_assert_false (csm_alert_tracker_is_quiet (tracker, T0 + 18 * HOUR));           /* 07:00 CET */
  g_assert_false (csm_alert_tracker_is_quiet (tracker, T0));                       /* 13:00 CET */

  /* at night: nothing, but 4 is remembered */
  g_assert_null (update (tracker, night, G_N_ELEMENTS (night), evening));
  batch = update (tracker, morning, G_N_ELEMENTS (morning), next_morning);
  text = describe (batch);
  g_assert_cmpstr (text, ==, "5:at_risk");
  g_free (text);
  csm_alert_batch_free (batch);

  /* a span not wrapping midnight; equal ends: never quiet */
  csm_alert_tracker_set_quiet_hours (tracker, 12 * 60, 14 * 60, NULL);
  g_assert_true (csm_alert_tracker_is_quiet (tracker, T0));
  g_assert_false (csm_alert_tracker_is_quiet (tracker, T0 + 2 * HOUR));
  csm_alert_tracker_set_quiet_hours (tracker, 0, 0, NULL);
  g_assert_false (csm_alert_tracker_is_quiet (tracker, T0));
}

static void
test_alerts_mute (void)
{
  g_autoptr(CsmAlertTracker) tracker = csm_alert_tracker_new ();
  const char *muted[] = { "Billing", NULL };
  const Row none[] = { { 9, "Support", CSM_SLA_STATE_OK, D3 } };
  const Row rows[] = {
    { 6, "Billing", CSM_SLA_STATE_BREACHED, D1 },
    { 7, "Support", CSM_SLA_STATE_BREACHED, D1 },
  };
  const Row later[] = {
    { 6, "Billing", CSM_SLA_STATE_BREACHED, D1 },
    { 7, "Support", CSM_SLA_STATE_BREACHED, D1 },
    { 8, "Billing", CSM_SLA_STATE_AT_RISK, D2 },
  };
  CsmAlertBatch *batch;
  char *text;

  g_assert_null (update (tracker, none, 1, T0));

  csm_alert_tracker_set_muted_queues (tracker, muted);
  batch = update (tracker, rows, G_N_ELEMENTS (rows), T0 + MIN_);
  text = describe (batch);
  g_assert_cmpstr (text, ==, "7:breached");
  g_free (text);
  csm_alert_batch_free (batch);

  /* unmuted: 6 was seen while muted and stays quiet; 8 is new */
  csm_alert_tracker_set_muted_queues (tracker, NULL);
  batch = update (tracker, later, G_N_ELEMENTS (later), T0 + 2 * MIN_);
  text = describe (batch);
  g_assert_cmpstr (text, ==, "8:at_risk");
  g_free (text);
  csm_alert_batch_free (batch);
}

static void
test_alerts_grouped_and_reconnect (void)
{
  g_autoptr(CsmAlertTracker) tracker = csm_alert_tracker_new ();
  const Row none[] = { { 9, "Support", CSM_SLA_STATE_OK, D3 } };
  const Row three[] = {
    { 10, "Support", CSM_SLA_STATE_AT_RISK, D2 },
    { 11, "Support", CSM_SLA_STATE_AT_RISK, D2 },
    { 12, "Billing", CSM_SLA_STATE_PREDICTED, D3 },
  };
  const Row five[] = {
    { 10, "Support", CSM_SLA_STATE_AT_RISK, D2 },
    { 11, "Support", CSM_SLA_STATE_AT_RISK, D2 },
    { 12, "Billing", CSM_SLA_STATE_PREDICTED, D3 },
    { 13, "Support", CSM_SLA_STATE_BREACHED, D1 },
    { 14, "Support", CSM_SLA_STATE_BREACHED, D1 },
    { 15, "Billing", CSM_SLA_STATE_AT_RISK, D2 },
    { 16, "Billing", CSM_SLA_STATE_AT_RISK, D2 },
    { 17, "Billing", CSM_SLA_STATE_PREDICTED, D3 },
  };
  const Row after_outage[] = {
    { 10, "Support", CSM_SLA_STATE_BREACHED, D2 },
    { 11, "Support", CSM_SLA_STATE_BREACHED, D2 },
    { 12, "Billing", CSM_SLA_STATE_PREDICTED, D3 },
    { 13, "Support", CSM_SLA_STATE_BREACHED, D1 },
    { 14, "Support", CSM_SLA_STATE_BREACHED, D1 },
    { 15, "Billing", CSM_SLA_STATE_BREACHED, D2 },
    { 16, "Billing", CSM_SLA_STATE_BREACHED, D2 },
    { 17, "Billing", CSM_SLA_STATE_PREDICTED, D3 },
    { 18, "Billing", CSM_SLA_STATE_BREACHED, D1 },
  };
  const Row one_more[] = {
    { 10, "Support", CSM_SLA_STATE_BREACHED, D2 },
    { 19, "Support", CSM_SLA_STATE_AT_RISK, D2 },
  };
  CsmAlertBatch *batch;
  char *text;

  g_assert_null (update (tracker, none, 1, T0));

  /* exactly max_single: one by one */
  batch = update (tracker, three, G_N_ELEMENTS (three), T0 + MIN_);
  g_assert_cmpuint (batch->alerts->len, ==, 3);
  g_assert_false (batch->grouped);
  g_assert_false (batch->summary);
  csm_alert_batch_free (batch);

  /* five new at once: grouped */
  batch = update (tracker, five, G_N_ELEMENTS (five), T0 + 2 * MIN_);
  text = describe (batch);
  g_assert_cmpstr (text, ==, "13:breached 14:breached 15:at_risk 16:at_risk 17:predicted");
  g_assert_true (batch->grouped);
  g_assert_false (batch->summary);
  g_free (text);
  csm_alert_batch_free (batch);

  /* offline for an hour: the first board after it is one summary of what
   * changed, however much */
  csm_alert_tracker_mark_reconnected (tracker);
  batch = update (tracker, after_outage, G_N_ELEMENTS (after_outage), T0 + HOUR);
  text = describe (batch);
  g_assert_cmpstr (text, ==, "10:breached 11:breached 15:breached 16:breached 18:breached");
  g_assert_true (batch->summary);
  g_assert_false (batch->grouped);
  g_free (text);
  csm_alert_batch_free (batch);

  /* then back to single alerts */
  batch = update (tracker, one_more, G_N_ELEMENTS (one_more), T0 + HOUR + MIN_);
  text = describe (batch);
  g_assert_cmpstr (text, ==, "19:at_risk");
  g_assert_false (batch->summary);
  g_free (text);
  csm_alert_batch_free (batch);

  /* a reconnect with nothing new says nothing, and uses up the summary */
  csm_alert_tracker_mark_reconnected (tracker);
  g_assert_null (update (tracker, one_more, G_N_ELEMENTS (one_more), T0 + 2 * HOUR));
  {
    const Row newer[] = { { 20, "Support", CSM_SLA_STATE_BREACHED, D1 } };

    batch = update (tracker, newer, 1, T0 + 2 * HOUR + MIN_);
    g_assert_false (batch->summary);
    csm_alert_batch_free (batch);
  }

  /* max_single 0: every batch is grouped */
  csm_alert_tracker_set_max_single (tracker, 0);
  {
    const Row newer[] = { { 21, "Support", CSM_SLA_STATE_BREACHED, D1 } };

    batch = update (tracker, newer, 1, T0 + 2 * HOUR + 2 * MIN_);
    g_assert_true (batch->grouped);
    csm_alert_batch_free (batch);
  }
}

/* A ticket nobody listed for over a week is forgotten; then it is new. */
static void
test_alerts_forget (void)
{
  g_autoptr(CsmAlertTracker) tracker = csm_alert_tracker_new ();
  const Row rows[] = { { 30, "Support", CSM_SLA_STATE_BREACHED, D1 } };
  const Row other[] = { { 31, "Support", CSM_SLA_STATE_OK, D3 } };
  CsmAlertBatch *batch;

  batch = update (tracker, rows, 1, T0);
  g_assert_true (batch->summary);
  csm_alert_batch_free (batch);
  g_assert_null (update (tracker, other, 1, T0 + 6 * DAY));
  g_assert_null (update (tracker, rows, 1, T0 + 6 * DAY + HOUR));
  g_assert_null (update (tracker, other, 1, T0 + 14 * DAY));
  batch = update (tracker, rows, 1, T0 + 14 * DAY + HOUR);
  g_assert_nonnull (batch);
  g_assert_cmpuint (batch->alerts->len, ==, 1);
  csm_alert_batch_free (batch);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/alerts/sequence", test_alerts_sequence);
  g_test_add_func ("/core/alerts/quiet-hours", test_alerts_quiet_hours);
  g_test_add_func ("/core/alerts/mute", test_alerts_mute);
  g_test_add_func ("/core/alerts/grouped-and-reconnect", test_alerts_grouped_and_reconnect);
  g_test_add_func ("/core/alerts/forget", test_alerts_forget);

  return g_test_run ();
}
