/* csm-agent-board.c: the Agents page's figures for every agent, from tickets and transactions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-agent-board"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "csm-agent.h"
#include "csm-agent-board.h"
#include "csm-agent-stats-private.h"
#include "csm-ticket-private.h"
#include "csm-time.h"
#include "csm-transaction.h"

/**
 * csm_agent_board_options_init:
 *
 * Fills @options with the defaults: presence thresholds 15 and 120 min,
 * capacity 5, no per-agent capacities or shifts, UTC, window since midnight.
 */
void
csm_agent_board_options_init (CsmAgentBoardOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->active_minutes = CSM_AGENT_BOARD_DEFAULT_ACTIVE_MINUTES;
  options->idle_minutes = CSM_AGENT_BOARD_DEFAULT_IDLE_MINUTES;
  options->default_capacity = CSM_AGENT_BOARD_DEFAULT_CAPACITY;
}

/* The options with zeros replaced by defaults. */
static void
resolve_options (const CsmAgentBoardOptions *in,
                 CsmAgentBoardOptions       *out)
{
  if (in != NULL)
    *out = *in;
  else
    memset (out, 0, sizeof *out);
  if (out->active_minutes == 0)
    out->active_minutes = CSM_AGENT_BOARD_DEFAULT_ACTIVE_MINUTES;
  if (out->idle_minutes == 0)
    out->idle_minutes = CSM_AGENT_BOARD_DEFAULT_IDLE_MINUTES;
  if (out->default_capacity == 0)
    out->default_capacity = CSM_AGENT_BOARD_DEFAULT_CAPACITY;
  if (out->window_seconds < 0)
    out->window_seconds = 0;
}

static void
local_date (GTimeZone *tz,
            gint64     t,
            GDate     *out_date)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);
  int y, m, d;

  g_date_time_get_ymd (local, &y, &m, &d);
  g_date_clear (out_date, 1);
  g_date_set_dmy (out_date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
}

/* The instant of local wall-clock @minute (may exceed 1440: later days) on
 * @date. A time skipped by a DST change is moved past the gap by GLib. */
static gint64
local_to_unix (GTimeZone   *tz,
               const GDate *date,
               int          minute)
{
  GDate day = *date;
  g_autoptr(GDateTime) dt = NULL;

  if (minute >= 1440)
    {
      g_date_add_days (&day, (guint) (minute / 1440));
      minute %= 1440;
    }
  dt = g_date_time_new (tz, g_date_get_year (&day), g_date_get_month (&day),
                        g_date_get_day (&day), minute / 60, minute % 60, 0);
  return g_date_time_to_unix (dt);
}

/**
 * csm_agent_board_day_start:
 * @tz: (nullable): the time zone "today" is in; %NULL = UTC
 * @now: the instant
 *
 * Returns: local midnight of @now's day in @tz
 */
gint64
csm_agent_board_day_start (GTimeZone *tz,
                           gint64     now)
{
  g_autoptr(GTimeZone) utc = NULL;
  GDate date;

  if (tz == NULL)
    tz = utc = g_time_zone_new_utc ();
  local_date (tz, now, &date);
  return local_to_unix (tz, &date, 0);
}

/**
 * csm_agent_board_window_start:
 *
 * Returns: where the occupancy window starts: now − window_seconds, or local
 *   midnight when window_seconds is 0
 */
gint64
csm_agent_board_window_start (const CsmAgentBoardOptions *options,
                              gint64                      now)
{
  CsmAgentBoardOptions o;

  resolve_options (options, &o);
  if (o.window_seconds == 0)
    return csm_agent_board_day_start (o.tz, now);
  return now - o.window_seconds;
}

/**
 * csm_agent_board_transactions_from:
 *
 * Returns: the earliest transaction time csm_agent_board_compute() needs for
 *   @options at @now: min (local midnight, window start) − idle_minutes (so
 *   presence can tell idle from off right after midnight)
 */
gint64
csm_agent_board_transactions_from (const CsmAgentBoardOptions *options,
                                   gint64                      now)
{
  CsmAgentBoardOptions o;

  resolve_options (options, &o);
  return MIN (csm_agent_board_day_start (o.tz, now), csm_agent_board_window_start (&o, now)) -
         (gint64) MAX (o.active_minutes, o.idle_minutes) * 60;
}

/**
 * csm_shift_seconds_between:
 * @shift: the shift
 * @tz: (nullable): the zone its wall-clock times are in; %NULL = UTC
 *
 * Returns: how many seconds of [@from, @to) lie inside the shift
 */
gint64
csm_shift_seconds_between (const CsmShift *shift,
                           GTimeZone      *tz,
                           gint64          from,
                           gint64          to)
{
  g_autoptr(GTimeZone) utc = NULL;
  GDate day, last;
  gint64 total = 0;
  int start, end;

  g_return_val_if_fail (shift != NULL, 0);

  if (to <= from || (shift->days & CSM_SHIFT_ALL_DAYS) == 0)
    return 0;
  if (tz == NULL)
    tz = utc = g_time_zone_new_utc ();

  start = CLAMP (shift->start_minute, 0, 1440);
  end = CLAMP (shift->end_minute, 0, 1440);
  if (end <= start)
    end += 1440;

  /* A shift that began the day before may still run into [from, to). */
  local_date (tz, from, &day);
  g_date_subtract_days (&day, 1);
  local_date (tz, to, &last);

  for (; g_date_compare (&day, &last) <= 0; g_date_add_days (&day, 1))
    {
      gint64 s, e;

      if ((shift->days & (1u << g_date_get_weekday (&day))) == 0)
        continue;
      s = MAX (local_to_unix (tz, &day, start), from);
      e = MIN (local_to_unix (tz, &day, end), to);
      if (e > s)
        total += e - s;
    }
  return total;
}

typedef struct
{
  GPtrArray *owned;         /* (element-type CsmTicket) borrowed */
  GPtrArray *transactions;  /* (element-type CsmTransaction) borrowed, since `from` */
  gint64 last_activity;
} AgentWork;

static void
agent_work_free (AgentWork *work)
{
  g_ptr_array_unref (work->owned);
  g_ptr_array_unref (work->transactions);
  g_free (work);
}

static int
compare_ticket_by_created (gconstpointer a,
                           gconstpointer b)
{
  const CsmTicket *ta = *(CsmTicket * const *) a;
  const CsmTicket *tb = *(CsmTicket * const *) b;

  if (ta->created != tb->created)
    return ta->created < tb->created ? -1 : 1;
  return ta->id < tb->id ? -1 : ta->id > tb->id;
}

static int
compare_interval (gconstpointer a,
                  gconstpointer b)
{
  const CsmActiveInterval *ia = a;
  const CsmActiveInterval *ib = b;

  if (ia->start != ib->start)
    return ia->start < ib->start ? -1 : 1;
  return ia->end < ib->end ? -1 : ia->end > ib->end;
}

/* The union of [t − max (active, TimeTaken), t] over @transactions, merged
 * (touching intervals too), in time order. */
static GArray *
merge_activity (GPtrArray *transactions,
                gint64     active_seconds)
{
  GArray *raw = g_array_sized_new (FALSE, FALSE, sizeof (CsmActiveInterval), transactions->len);
  guint n = 0;

  for (guint i = 0; i < transactions->len; i++)
    {
      const CsmTransaction *tx = g_ptr_array_index (transactions, i);
      gint64 length = MAX (active_seconds, (gint64) tx->time_taken * 60);
      CsmActiveInterval iv = { tx->created - length, tx->created };

      g_array_append_val (raw, iv);
    }
  g_array_sort (raw, compare_interval);

  for (guint i = 0; i < raw->len; i++)
    {
      CsmActiveInterval *iv = &g_array_index (raw, CsmActiveInterval, i);
      CsmActiveInterval *prev = n ? &g_array_index (raw, CsmActiveInterval, n - 1) : NULL;

      if (prev != NULL && iv->start <= prev->end)
        prev->end = MAX (prev->end, iv->end);
      else
        g_array_index (raw, CsmActiveInterval, n++) = *iv;
    }
  g_array_set_size (raw, n);
  return raw;
}

static void
fill_stats (CsmAgentStats              *stats,
            AgentWork                  *work,
            const CsmAgentBoardOptions *o,
            GTimeZone                  *tz,
            gint64                      day_start,
            gint64                      window_start,
            gint64                      now)
{
  gint64 active_seconds = (gint64) o->active_minutes * 60;
  const CsmShift *shift = NULL;
  gpointer capacity;
  g_autoptr(GArray) merged = NULL;
  gint64 inferred = 0;

  stats->now = now;
  stats->day_start = day_start;
  stats->window_start = window_start;
  stats->active_minutes = o->active_minutes;
  stats->idle_minutes = o->idle_minutes;

  /* Presence */
  stats->last_activity = work ? work->last_activity : CSM_TIME_UNSET;
  if (stats->last_activity == CSM_TIME_UNSET)
    stats->presence = CSM_PRESENCE_OFF;
  else if (now - stats->last_activity <= active_seconds)
    stats->presence = CSM_PRESENCE_ACTIVE;
  else if (now - stats->last_activity <= (gint64) o->idle_minutes * 60)
    stats->presence = CSM_PRESENCE_IDLE;
  else
    stats->presence = CSM_PRESENCE_OFF;

  /* Load */
  if (o->capacities != NULL &&
      g_hash_table_lookup_extended (o->capacities, stats->name, NULL, &capacity))
    stats->capacity = GPOINTER_TO_UINT (capacity);
  else
    stats->capacity = o->default_capacity;

  if (work != NULL && work->owned->len > 0)
    {
      g_ptr_array_sort (work->owned, compare_ticket_by_created);
      for (guint i = 0; i < work->owned->len; i++)
        {
          CsmTicket *ticket = g_ptr_array_index (work->owned, i);

          g_ptr_array_add (stats->owned_tickets, g_object_ref (ticket));
          g_array_append_val (stats->owned_ticket_ids, ticket->id);
          /* An unset Created says nothing about age: skip it for the oldest. */
          if (stats->oldest_owned_created == CSM_TIME_UNSET && ticket->created != CSM_TIME_UNSET)
            {
              stats->oldest_owned_created = ticket->created;
              stats->oldest_owned_id = ticket->id;
            }
        }
    }
  stats->active_owned = stats->owned_tickets->len;
  stats->load = stats->capacity ? (double) stats->active_owned / stats->capacity : -1;

  /* Today and the window */
  if (work != NULL)
    {
      g_ptr_array_sort (work->transactions, csm_transaction_compare_by_time);
      for (guint i = 0; i < work->transactions->len; i++)
        {
          CsmTransaction *tx = g_ptr_array_index (work->transactions, i);
          gint64 taken = (gint64) tx->time_taken * 60;

          if (tx->created >= day_start)
            {
              g_ptr_array_add (stats->events, csm_transaction_ref (tx));
              stats->handle_seconds_today += taken;
              if (tx->type == CSM_TRANSACTION_CORRESPOND)
                stats->replies_today++;
            }
          if (tx->created >= window_start)
            {
              /* Only the part of the work inside the window: the time was
               * spent before the transaction that logged it. A negative
               * TimeTaken is a correction with no place in time: it counts
               * where it was logged. */
              if (taken > 0)
                stats->handle_seconds_window += tx->created - MAX (tx->created - taken, window_start);
              else
                stats->handle_seconds_window += taken;
            }
        }

      merged = merge_activity (work->transactions, active_seconds);
      for (guint i = 0; i < merged->len; i++)
        {
          CsmActiveInterval iv = g_array_index (merged, CsmActiveInterval, i);
          CsmActiveInterval today = { MAX (iv.start, day_start), MIN (iv.end, now) };

          inferred += MAX (0, MIN (iv.end, now) - MAX (iv.start, window_start));
          if (today.end > today.start)
            g_array_append_val (stats->active_intervals, today);
        }
    }

  /* Occupancy */
  if (o->shifts != NULL)
    shift = g_hash_table_lookup (o->shifts, stats->name);
  stats->has_shift = shift != NULL;
  if (shift != NULL)
    stats->available_seconds = csm_shift_seconds_between (shift, tz, window_start, now);
  else
    stats->available_seconds = inferred;
  stats->occupancy = stats->available_seconds > 0
                     ? (double) stats->handle_seconds_window / stats->available_seconds
                     : -1;
}

/**
 * csm_agent_board_compute:
 * @agents: (element-type CsmAgent): the agents to show
 * @tickets: (element-type CsmTicket): all tickets in the cache
 * @transactions: (element-type CsmTransaction): transactions, any order,
 *   covering at least [csm_agent_board_transactions_from(), now]
 * @options: (nullable): thresholds, capacities, shifts, zone, window
 * @now: the instant the figures are for
 *
 * For each agent (matched by user name: ticket Owner, transaction Creator):
 * - presence: active when the last own transaction at or before @now is at
 *   most active_minutes old, idle when at most idle_minutes, else off;
 * - active owned: new, open or stalled tickets whose owner is the agent;
 *   load = active owned ÷ capacity (-1 when the capacity is 0);
 * - handle time today: TimeTaken summed over own transactions from local
 *   midnight to @now; replies today: own Correspond transactions there;
 * - inferred activity: the union of [t − max (active_minutes, TimeTaken), t]
 *   over own transactions; today's part is the timeline;
 * - occupancy = handle time in the window ÷ available time in the window,
 *   where handle time in the window is the part of each TimeTaken (the work
 *   before its transaction) that falls in [window start, @now], and
 *   available time is the shift's hours in the window when the agent has a
 *   shift, else the inferred activity in the window; -1 when that is 0.
 *   Occupancy can exceed 1 when logged times overlap or exceed the shift.
 * Transactions after @now are ignored.
 *
 * Returns: (transfer container) (element-type CsmAgentStats): one per agent,
 *   in @agents' order
 */
GPtrArray *
csm_agent_board_compute (GPtrArray                  *agents,
                         GPtrArray                  *tickets,
                         GPtrArray                  *transactions,
                         const CsmAgentBoardOptions *options,
                         gint64                      now)
{
  g_autoptr(GHashTable) by_name = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  GPtrArray *result;
  CsmAgentBoardOptions o;
  gint64 day_start, window_start, from;

  g_return_val_if_fail (agents != NULL, NULL);

  resolve_options (options, &o);
  tz = o.tz ? g_time_zone_ref (o.tz) : g_time_zone_new_utc ();
  o.tz = tz;
  day_start = csm_agent_board_day_start (tz, now);
  window_start = csm_agent_board_window_start (&o, now);
  from = MIN (day_start, window_start);

  result = g_ptr_array_new_full (agents->len, g_object_unref);
  by_name = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) agent_work_free);

  for (guint i = 0; i < agents->len; i++)
    {
      const char *name = csm_agent_get_name (g_ptr_array_index (agents, i));

      if (name != NULL && !g_hash_table_contains (by_name, name))
        {
          AgentWork *work = g_new0 (AgentWork, 1);

          work->owned = g_ptr_array_new ();
          work->transactions = g_ptr_array_new ();
          g_hash_table_insert (by_name, (gpointer) name, work);
        }
    }

  if (tickets != NULL)
    for (guint i = 0; i < tickets->len; i++)
      {
        CsmTicket *ticket = g_ptr_array_index (tickets, i);
        AgentWork *work;

        if (ticket->owner == NULL || _csm_ticket_status_class (ticket) == CSM_STATUS_CLASS_INACTIVE)
          continue;
        work = g_hash_table_lookup (by_name, ticket->owner);
        if (work != NULL)
          g_ptr_array_add (work->owned, ticket);
      }

  if (transactions != NULL)
    for (guint i = 0; i < transactions->len; i++)
      {
        CsmTransaction *tx = g_ptr_array_index (transactions, i);
        AgentWork *work;

        if (tx->creator == NULL || tx->created > now || tx->created == CSM_TIME_UNSET)
          continue;
        work = g_hash_table_lookup (by_name, tx->creator);
        if (work == NULL)
          continue;
        work->last_activity = MAX (work->last_activity, tx->created);
        /* Earlier ones end before the day and the window: no part in either. */
        if (tx->created >= from)
          g_ptr_array_add (work->transactions, tx);
      }

  for (guint i = 0; i < agents->len; i++)
    {
      CsmAgent *agent = g_ptr_array_index (agents, i);
      CsmAgentStats *stats = _csm_agent_stats_new (csm_agent_get_name (agent),
                                                   csm_agent_get_display_name (agent));
      AgentWork *work = csm_agent_get_name (agent)
                        ? g_hash_table_lookup (by_name, csm_agent_get_name (agent))
                        : NULL;

      fill_stats (stats, work, &o, tz, day_start, window_start, now);
      g_ptr_array_add (result, stats);
    }

  return result;
}

static char *
describe_window (const CsmAgentBoardOptions *o)
{
  g_autofree char *length = NULL;

  if (o->window_seconds == 0)
    return g_strdup (_("since local midnight"));
  length = csm_format_duration (o->window_seconds);
  /* TRANSLATORS: the occupancy window, e.g. "the last 4 h" */
  return g_strdup_printf (_("the last %s"), length);
}

/**
 * csm_agent_board_dup_formula:
 * @column: "presence", "active", "capacity", "load", "handle-today",
 *   "replies-today", "occupancy" or "oldest"
 * @options: (nullable): the options the figures were computed with
 *
 * The rule behind a column of the Agents page, with the thresholds and the
 * window filled in, for the column header's popover.
 *
 * Returns: (transfer full) (nullable): the text, %NULL for an unknown column
 */
char *
csm_agent_board_dup_formula (const char                 *column,
                             const CsmAgentBoardOptions *options)
{
  CsmAgentBoardOptions o;

  g_return_val_if_fail (column != NULL, NULL);

  resolve_options (options, &o);

  if (strcmp (column, "presence") == 0)
    return g_strdup_printf (_("Inferred: RT records no presence. Active when the agent’s last "
                              "own transaction is at most %u min old, idle when at most %u min, "
                              "otherwise off."),
                            o.active_minutes, o.idle_minutes);
  if (strcmp (column, "active") == 0)
    return g_strdup (_("Tickets owned by the agent whose status is new, open or stalled."));
  if (strcmp (column, "capacity") == 0)
    return g_strdup_printf (_("How many active tickets the agent is meant to hold at once: set per "
                              "agent, %u when not set."),
                            o.default_capacity);
  if (strcmp (column, "load") == 0)
    return g_strdup (_("Load = active tickets owned ÷ capacity."));
  if (strcmp (column, "handle-today") == 0)
    return g_strdup (_("Handle time today = the sum of TimeTaken over the agent’s own "
                       "transactions since local midnight."));
  if (strcmp (column, "replies-today") == 0)
    return g_strdup (_("Replies today = the agent’s own replies (Correspond) since local midnight."));
  if (strcmp (column, "occupancy") == 0)
    {
      g_autofree char *window = describe_window (&o);

      return g_strdup_printf (_("Occupancy = handle time ÷ available time, over %s. Handle time: "
                                "the part of each TimeTaken (the work before its transaction) "
                                "inside the window. Available time: the agent’s shift hours in "
                                "the window if a shift is set, otherwise the inferred active "
                                "time: each own transaction counts max (%u min, its TimeTaken) "
                                "before it, overlaps merged."),
                              window, o.active_minutes);
    }
  if (strcmp (column, "oldest") == 0)
    return g_strdup (_("The creation time of the oldest new, open or stalled ticket the agent owns."));
  return NULL;
}
