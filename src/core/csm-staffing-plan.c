/* csm-staffing-plan.c: each queue's staffing today: Erlang C for its live channels, a burn-down for its tickets.
 *
 * A queue is split by channel: its chat and phone contacts (the live
 * channels) are answered as they come and get Erlang C, one group per
 * channel; the rest (e-mail, social, SMS, and tickets naming no channel)
 * wait in the queue and get a backlog burn-down. For each group:
 *   λ          contacts created in (now − 1 h, now];
 *   AHT        the mean time worked of its tickets resolved over the last
 *              weeks, counting only tickets that recorded time (a ticket
 *              with none says nothing about how long handling takes);
 *   active     agents with a transaction on one of its tickets within the
 *              presence window (an agent working two groups counts in both);
 *   forecast   each hour of the rest of today, csm_staffing_forecast(), over
 *              the weeks the console holds: back to its oldest finished
 *              ticket, and no further than history_days;
 *   backlog    its active tickets; resolutions in the last hour.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "csm-staffing-plan.h"
#include "csm-ticket.h"
#include "csm-transaction.h"

#define HOUR 3600
#define DAY 86400

/**
 * csm_staffing_options_init:
 *
 * Fills @options with the defaults: the `Channel` field, chat and phone
 * live, 80 %, 4 weeks, 15 active minutes, UTC.
 */
void
csm_staffing_options_init (CsmStaffingOptions *options)
{
  const char *live[] = { "chat", "phone", NULL };

  memset (options, 0, sizeof *options);
  options->channel_field = g_strdup ("Channel");
  options->live_channels = g_strdupv ((char **) live);
  options->target_percent = 80;
  options->weeks = 4;
  options->active_minutes = 15;
  options->tz = g_time_zone_new_utc ();
}

void
csm_staffing_options_clear (CsmStaffingOptions *options)
{
  g_clear_pointer (&options->channel_field, g_free);
  g_clear_pointer (&options->live_channels, g_strfreev);
  g_clear_pointer (&options->targets, g_hash_table_unref);
  g_clear_pointer (&options->tz, g_time_zone_unref);
}

/**
 * csm_staffing_options_target:
 *
 * Returns: @channel's first-reply target in seconds
 */
guint
csm_staffing_options_target (const CsmStaffingOptions *options,
                             const char               *channel)
{
  gpointer value;

  if (channel != NULL && options->targets != NULL &&
      g_hash_table_lookup_extended (options->targets, channel, NULL, &value) &&
      GPOINTER_TO_UINT (value) > 0)
    return GPOINTER_TO_UINT (value);
  return CSM_STAFFING_DEFAULT_TARGET_SECONDS;
}

gboolean
csm_staffing_options_is_live (const CsmStaffingOptions *options,
                              const char               *channel)
{
  return channel != NULL && options->live_channels != NULL &&
         g_strv_contains ((const char * const *) options->live_channels, channel);
}

typedef struct
{
  CsmStaffingRow *row;
  GArray *arrivals;        /* gint64 */
  double aht_sum;
  GHashTable *agents;      /* name → itself (borrowed from the transactions) */
} Group;

static void
group_free (Group *g)
{
  if (g->row != NULL)
    csm_staffing_row_free (g->row);
  g_array_unref (g->arrivals);
  g_hash_table_unref (g->agents);
  g_free (g);
}

static Group *
group_for (GHashTable               *groups,
           const CsmStaffingOptions *o,
           const char               *queue,
           const char               *channel)
{
  g_autofree char *key = g_strconcat (queue, "\x1f", channel ? channel : "", NULL);
  Group *g = g_hash_table_lookup (groups, key);

  if (g != NULL)
    return g;
  g = g_new0 (Group, 1);
  g->row = g_new0 (CsmStaffingRow, 1);
  g->row->queue = g_strdup (queue);
  g->row->channel = g_strdup (channel);
  g->row->hours = g_array_new (FALSE, TRUE, sizeof (CsmStaffingHour));
  if (channel != NULL)
    {
      g->row->target_seconds = csm_staffing_options_target (o, channel);
      g->row->target_percent = o->target_percent;
    }
  g->arrivals = g_array_new (FALSE, FALSE, sizeof (gint64));
  g->agents = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (groups, g_steal_pointer (&key), g);
  return g;
}

static void
count_ticket (GHashTable               *groups,
              GHashTable               *by_id,
              const CsmStaffingOptions *o,
              CsmTicket                *ticket,
              gint64                    now)
{
  const char *queue = csm_ticket_get_queue_name (ticket);
  const char *field = o->channel_field ? csm_ticket_get_custom_field (ticket, o->channel_field) : NULL;
  g_autofree char *trimmed = field != NULL ? g_strstrip (g_strdup (field)) : NULL;
  g_autofree char *channel = trimmed != NULL ? g_utf8_strdown (trimmed, -1) : NULL;
  gint64 created = csm_ticket_get_created (ticket);
  gint64 resolved = csm_ticket_get_resolved (ticket);
  gint64 history = now - (gint64) (o->weeks * 7 + 1) * DAY;
  gint64 weeks_back = now - (gint64) o->weeks * 7 * DAY;
  const char *status = csm_ticket_get_status (ticket);
  gboolean is_resolved = status != NULL && g_ascii_strcasecmp (status, "resolved") == 0;
  gboolean active = csm_ticket_is_active (ticket);
  Group *g;
  gint64 id;

  if (queue == NULL || created <= 0 || created > now)
    return;
  if (!active && created < history && !(is_resolved && resolved > weeks_back))
    return;
  g = group_for (groups, o, queue,
                 csm_staffing_options_is_live (o, channel) ? channel : NULL);
  id = csm_ticket_get_id (ticket);
  g_hash_table_insert (by_id, g_memdup2 (&id, sizeof id), g);
  if (created >= history)
    g_array_append_val (g->arrivals, created);
  if (created > now - HOUR)
    g->row->arrivals_last_hour++;
  if (active)
    g->row->backlog++;
  if (is_resolved && resolved > 0 && resolved <= now)
    {
      if (resolved > now - HOUR)
        g->row->resolved_last_hour++;
      if (resolved > weeks_back && csm_ticket_get_handle_minutes (ticket) > 0)
        {
          g->aht_sum += csm_ticket_get_handle_minutes (ticket) * 60.0;
          g->row->aht_tickets++;
        }
    }
}

static void
finish_group (Group                    *g,
              const CsmStaffingOptions *o,
              gint64                    history_from,
              gint64                    now)
{
  CsmStaffingRow *row = g->row;
  g_autofree double *forecast = NULL;
  g_autofree guint *weeks = NULL;
  guint n_hours = 0;
  gint64 first = 0;
  double level = o->target_percent / 100;

  row->agents_active = g_hash_table_size (g->agents);
  row->aht_defined = row->aht_tickets > 0;
  if (row->aht_defined)
    row->aht_seconds = g->aht_sum / row->aht_tickets;
  forecast = csm_staffing_forecast ((const gint64 *) (gpointer) g->arrivals->data, g->arrivals->len,
                                    now, o->tz, MAX (o->weeks, 1), history_from,
                                    &n_hours, &first, &weeks);
  for (guint i = 0; i < n_hours; i++)
    {
      CsmStaffingHour hour = { 0 };

      /* Local hours are whole hours of elapsed time, DST or not. */
      hour.start = first + (gint64) i * HOUR;
      hour.arrivals_forecast = forecast[i];
      hour.forecast_weeks = weeks[i];
      if (row->channel != NULL && row->aht_defined)
        {
          hour.agents_needed = csm_erlang_agents_needed (forecast[i], row->aht_seconds,
                                                         row->target_seconds, level,
                                                         CSM_STAFFING_AGENT_LIMIT);
          hour.at_active = csm_erlang_c (forecast[i], row->aht_seconds, row->agents_active,
                                         row->target_seconds);
        }
      g_array_append_val (row->hours, hour);
    }
  if (row->channel != NULL && row->aht_defined)
    {
      row->agents_needed_now = csm_erlang_agents_needed (row->arrivals_last_hour, row->aht_seconds,
                                                         row->target_seconds, level,
                                                         CSM_STAFFING_AGENT_LIMIT);
      row->now = csm_staffing_row_what_if (row, row->agents_active);
    }
  if (row->channel == NULL)
    row->burn_down = csm_backlog_burn_down (row->backlog, row->arrivals_last_hour,
                                            row->resolved_last_hour, now);
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const CsmStaffingRow *x = *(CsmStaffingRow * const *) a;
  const CsmStaffingRow *y = *(CsmStaffingRow * const *) b;
  int c = g_utf8_collate (x->queue, y->queue);

  if (c != 0)
    return c;
  /* The live channels first, then the queue's tickets. */
  if ((x->channel == NULL) != (y->channel == NULL))
    return x->channel == NULL ? 1 : -1;
  return g_strcmp0 (x->channel, y->channel);
}

/**
 * csm_staffing_plan_compute:
 * @tickets: (element-type CsmTicket): what the console holds
 * @transactions: (element-type CsmTransaction) (nullable): at least those of
 *   the last active minutes
 * @agents: (nullable): the agents' names (a set): only their transactions
 *   make anyone active
 *
 * Returns: (transfer full) (element-type CsmStaffingRow): one row per queue
 *   and live channel, and one per queue for its tickets, by queue name
 */
GPtrArray *
csm_staffing_plan_compute (GPtrArray                *tickets,
                           GPtrArray                *transactions,
                           GHashTable               *agents,
                           const CsmStaffingOptions *options,
                           gint64                    now)
{
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        (GDestroyNotify) group_free);
  g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_staffing_row_free);
  gint64 active_from = now - (gint64) (options->active_minutes ? options->active_minutes : 15) * 60;
  gint64 oldest_done = G_MAXINT64, history_from;
  GHashTableIter iter;
  Group *g;

  g_return_val_if_fail (tickets != NULL && options != NULL && options->tz != NULL, rows);

  for (guint i = 0; i < tickets->len; i++)
    {
      CsmTicket *ticket = g_ptr_array_index (tickets, i);
      gint64 created = csm_ticket_get_created (ticket);

      count_ticket (groups, by_id, options, ticket, now);
      /* Finished tickets are held only as far back as the history goes:
       * the oldest says how far that is (an old open one says nothing). */
      if (!csm_ticket_is_active (ticket) && created > 0 && created < oldest_done)
        oldest_done = created;
    }
  history_from = oldest_done == G_MAXINT64 ? now : oldest_done;
  if (options->history_days > 0)
    history_from = MAX (history_from, now - (gint64) options->history_days * DAY);

  for (guint i = 0; transactions != NULL && i < transactions->len; i++)
    {
      CsmTransaction *tx = g_ptr_array_index (transactions, i);

      if (tx->creator == NULL || tx->created < active_from || tx->created > now ||
          (agents != NULL && !g_hash_table_contains (agents, tx->creator)))
        continue;
      g = g_hash_table_lookup (by_id, &tx->ticket_id);
      if (g != NULL)
        g_hash_table_add (g->agents, tx->creator);
    }

  g_hash_table_iter_init (&iter, groups);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &g))
    {
      finish_group (g, options, history_from, now);
      g_ptr_array_add (rows, g_steal_pointer (&g->row));
    }
  g_ptr_array_sort (rows, compare_rows);
  return rows;
}

gboolean
csm_staffing_row_is_live (const CsmStaffingRow *row)
{
  return row->channel != NULL;
}

/**
 * csm_staffing_row_what_if:
 * @agents: how many would answer
 *
 * Returns: Erlang C at the last hour's λ and the row's AHT with @agents
 */
CsmErlangC
csm_staffing_row_what_if (const CsmStaffingRow *row,
                          guint                 agents)
{
  CsmErlangC none = { 0 };

  if (row->channel == NULL || !row->aht_defined)
    return none;
  return csm_erlang_c (row->arrivals_last_hour, row->aht_seconds, agents, row->target_seconds);
}

void
csm_staffing_row_free (CsmStaffingRow *row)
{
  if (row == NULL)
    return;
  g_free (row->queue);
  g_free (row->channel);
  g_array_unref (row->hours);
  g_free (row);
}
