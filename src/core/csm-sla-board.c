/* csm-sla-board.c: the SLA page's lanes (breached, at risk, predicted to breach) and attainment.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-sla-board"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "csm-sla-board.h"
#include "csm-sla-entry-private.h"
#include "csm-ticket-private.h"
#include "csm-time.h"

void
csm_sla_board_options_init (CsmSlaBoardOptions *options)
{
  g_return_if_fail (options != NULL);

  options->horizon_seconds = CSM_SLA_DEFAULT_HORIZON;
  options->rate_window_seconds = CSM_SLA_DEFAULT_RATE_WINDOW;
}

typedef struct
{
  CsmTicket *ticket;
  gint64 created;
  gint64 id;
  int candidate;        /* index in the candidates, -1 without Due */
} Waiting;

typedef struct
{
  GArray *waiting;      /* of Waiting */
  guint replies;        /* first replies in the window */
} Lane;

typedef struct
{
  CsmTicket *ticket;
  guint lane;
  guint position;
} Candidate;

static void
lane_clear (gpointer data)
{
  Lane *lane = data;

  g_clear_pointer (&lane->waiting, g_array_unref);
}

static int
compare_waiting (gconstpointer a,
                 gconstpointer b)
{
  const Waiting *wa = a;
  const Waiting *wb = b;

  if (wa->created != wb->created)
    return wa->created < wb->created ? -1 : 1;
  return wa->id < wb->id ? -1 : wa->id > wb->id;
}

/* The board's order, sorted as small keys rather than as the entries they
 * become: the sort of 50,000 deadlines then stays in cache. */
typedef struct
{
  gint64 due;
  gint64 id;
  guint candidate;
} SortKey;

/* One stable LSD radix pass set on @field (0: due, 1: id), skipping the
 * bytes all keys share: deadlines span days, ids a few hundred thousand,
 * so a sort is a handful of counting passes instead of n log n compares. */
static void
radix_sort_keys (GArray *keys,
                 guint   field)
{
  guint n = keys->len;
  g_autofree SortKey *tmp = NULL;
  SortKey *src = (SortKey *) (gpointer) keys->data;
  SortKey *dst;
  guint64 min = G_MAXUINT64, max = 0;

  if (n < 2)
    return;
  for (guint i = 0; i < n; i++)
    {
      guint64 v = (guint64) (field == 0 ? src[i].due : src[i].id) ^ G_GUINT64_CONSTANT (0x8000000000000000);

      min = MIN (min, v);
      max = MAX (max, v);
    }

  tmp = g_new (SortKey, n);
  dst = tmp;
  for (guint shift = 0; shift < 64 && ((max - min) >> shift) != 0; shift += 8)
    {
      guint count[257] = { 0 };

      for (guint i = 0; i < n; i++)
        {
          guint64 v = ((guint64) (field == 0 ? src[i].due : src[i].id) ^
                       G_GUINT64_CONSTANT (0x8000000000000000)) - min;

          count[((v >> shift) & 0xff) + 1]++;
        }
      for (guint b = 1; b < 257; b++)
        count[b] += count[b - 1];
      for (guint i = 0; i < n; i++)
        {
          guint64 v = ((guint64) (field == 0 ? src[i].due : src[i].id) ^
                       G_GUINT64_CONSTANT (0x8000000000000000)) - min;

          dst[count[(v >> shift) & 0xff]++] = src[i];
        }
      {
        SortKey *swap = src;

        src = dst;
        dst = swap;
      }
    }
  if (src != (SortKey *) (gpointer) keys->data)
    memcpy (keys->data, src, n * sizeof (SortKey));
}

/**
 * csm_sla_board_compute:
 * @policy: (nullable): the described SLA levels; %NULL counts every Due in
 *   wall-clock time
 * @tickets: (element-type CsmTicket): all the tickets (the inactive ones
 *   count for the queues' reply rates)
 * @options: (nullable): horizon and rate window; %NULL for the defaults
 * @now: the current time
 *
 * One entry for every active ticket with a Due, in exactly one state:
 * breached (Due < @now, RT's breach query) > at risk (remaining, paused
 * outside business hours, at most the horizon) > predicted (waiting for a
 * first reply and the queue's pace reaches it after Due, or the queue gave
 * no first reply in the window) > ok.
 *
 * The prediction: a queue's waiting tickets (active, no first reply) in
 * creation order (ties by id), whether or not they have a Due; its rate is
 * the number of tickets whose first reply lies in [@now − window, @now],
 * per hour; the k-th waiting ticket is reached at @now + k × window ÷
 * replies (= k × 3600 ÷ rate), rounded down to the second.
 *
 * Returns: (transfer full) (element-type CsmSlaEntry): the entries, by Due
 *   then id
 */
GPtrArray *
csm_sla_board_compute (CsmSlaPolicy             *policy,
                       GPtrArray                *tickets,
                       const CsmSlaBoardOptions *options,
                       gint64                    now)
{
  CsmSlaBoardOptions defaults;
  g_autoptr(GHashTable) lane_of = NULL;
  g_autoptr(GArray) lanes = NULL;
  g_autoptr(GArray) candidates = NULL;
  g_autoptr(GArray) keys = NULL;
  GPtrArray *result;
  gint64 window_start;
  gint64 last_queue = G_MININT64;
  guint last_lane = 0;
  CsmBusinessHours *business_hours = NULL;
  const char *last_sla = NULL;
  const CsmSlaLevel *last_level = NULL;

  g_return_val_if_fail (tickets != NULL, g_ptr_array_new_with_free_func (g_object_unref));

  if (options == NULL)
    {
      csm_sla_board_options_init (&defaults);
      options = &defaults;
    }
  window_start = now - options->rate_window_seconds;
  if (policy != NULL && !csm_business_hours_is_always_open (csm_sla_policy_get_hours (policy)))
    business_hours = csm_sla_policy_get_hours (policy);

  lane_of = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  lanes = g_array_new (FALSE, TRUE, sizeof (Lane));
  g_array_set_clear_func (lanes, lane_clear);
  candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));

  /* One pass: lanes, reply counts and candidates. */
  for (guint i = 0; i < tickets->len; i++)
    {
      CsmTicket *t = g_ptr_array_index (tickets, i);
      gint64 fr = t->first_response;
      guint l;
      Lane *lane;
      int candidate = -1;

      /* tickets come grouped by queue more often than not */
      if (t->queue_id == last_queue)
        l = last_lane;
      else
        {
          gpointer value;

          if (g_hash_table_lookup_extended (lane_of, &t->queue_id, NULL, &value))
            l = GPOINTER_TO_UINT (value);
          else
            {
              Lane fresh = { g_array_new (FALSE, FALSE, sizeof (Waiting)), 0 };

              l = lanes->len;
              g_array_append_val (lanes, fresh);
              g_hash_table_insert (lane_of, g_memdup2 (&t->queue_id, sizeof (gint64)),
                                   GUINT_TO_POINTER (l));
            }
          last_queue = t->queue_id;
          last_lane = l;
        }
      lane = &g_array_index (lanes, Lane, l);

      if (fr != CSM_TIME_UNSET && fr >= window_start && fr <= now)
        lane->replies++;

      if (_csm_ticket_status_class (t) == CSM_STATUS_CLASS_INACTIVE)
        continue;

      if (t->due != CSM_TIME_UNSET)
        {
          Candidate c = { t, l, 0 };

          candidate = (int) candidates->len;
          g_array_append_val (candidates, c);
        }
      if (fr == CSM_TIME_UNSET)
        {
          Waiting w = { t, t->created, t->id, candidate };

          g_array_append_val (lane->waiting, w);
        }
    }

  /* Positions, FIFO per queue. */
  for (guint l = 0; l < lanes->len; l++)
    {
      Lane *lane = &g_array_index (lanes, Lane, l);

      g_array_sort (lane->waiting, compare_waiting);
      for (guint k = 0; k < lane->waiting->len; k++)
        {
          Waiting *w = &g_array_index (lane->waiting, Waiting, k);

          if (w->candidate >= 0)
            g_array_index (candidates, Candidate, w->candidate).position = k + 1;
        }
    }

  keys = g_array_sized_new (FALSE, FALSE, sizeof (SortKey), candidates->len);
  for (guint i = 0; i < candidates->len; i++)
    {
      CsmTicket *t = g_array_index (candidates, Candidate, i).ticket;
      SortKey key = { t->due, t->id, i };

      g_array_append_val (keys, key);
    }
  /* by id, then stably by Due: by Due, ties by id */
  radix_sort_keys (keys, 1);
  radix_sort_keys (keys, 0);

  result = g_ptr_array_new_full (candidates->len, g_object_unref);
  for (guint i = 0; i < keys->len; i++)
    {
      Candidate *c = &g_array_index (candidates, Candidate, g_array_index (keys, SortKey, i).candidate);
      Lane *lane = &g_array_index (lanes, Lane, c->lane);
      CsmTicket *t = c->ticket;
      CsmSlaEntry *entry = _csm_sla_entry_new (t);

      entry->now = now;
      entry->due = t->due;
      entry->window = options->rate_window_seconds;
      entry->replies = lane->replies;
      entry->position = c->position;
      entry->waiting = t->first_response == CSM_TIME_UNSET;
      entry->seconds_to_due = t->due - now;
      if (business_hours != NULL)
        {
          /* tickets of a level come in runs: look the name up once a run */
          if (t->sla != last_sla && g_strcmp0 (t->sla, last_sla) != 0)
            last_level = csm_sla_policy_lookup (policy, t->sla);
          last_sla = t->sla;
          if (last_level != NULL &&
              (last_level->response_business || last_level->resolve_business) &&
              csm_sla_policy_due_is_business (policy, t))
            {
              entry->business = TRUE;
              entry->seconds_to_due = csm_business_hours_seconds_between (business_hours, now, t->due);
            }
        }

      if (entry->waiting && lane->replies > 0 && entry->window > 0)
        entry->predicted = now + (gint64) c->position * entry->window / (gint64) lane->replies;

      if (t->due < now)
        entry->state = CSM_SLA_STATE_BREACHED;
      else if (entry->seconds_to_due <= options->horizon_seconds)
        entry->state = CSM_SLA_STATE_AT_RISK;
      else if (entry->waiting && (entry->predicted == 0 || entry->predicted > t->due))
        entry->state = CSM_SLA_STATE_PREDICTED;
      else
        entry->state = CSM_SLA_STATE_OK;

      g_ptr_array_add (result, entry);
    }

  return result;
}

/* ------------------------------------------------------------------------ */
/* Attainment                                                               */
/* ------------------------------------------------------------------------ */

void
csm_sla_attainment_row_free (CsmSlaAttainmentRow *row)
{
  if (row == NULL)
    return;
  g_free (row->key);
  g_free (row);
}

static double
percent (guint met,
         guint missed)
{
  if (met + missed == 0)
    return -1;
  return 100.0 * met / (met + missed);
}

/**
 * csm_sla_attainment_row_response_percent:
 *
 * Returns: response targets met, in percent of those counted; -1 when none
 */
double
csm_sla_attainment_row_response_percent (const CsmSlaAttainmentRow *row)
{
  g_return_val_if_fail (row != NULL, -1);
  return percent (row->response_met, row->response_missed);
}

/**
 * csm_sla_attainment_row_resolve_percent:
 *
 * Returns: resolve targets met, in percent of those counted; -1 when none
 */
double
csm_sla_attainment_row_resolve_percent (const CsmSlaAttainmentRow *row)
{
  g_return_val_if_fail (row != NULL, -1);
  return percent (row->resolve_met, row->resolve_missed);
}

static CsmSlaAttainmentRow *
row_for (GHashTable *rows,
         GPtrArray  *result,
         const char *key)
{
  CsmSlaAttainmentRow *row = g_hash_table_lookup (rows, key);

  if (row == NULL)
    {
      row = g_new0 (CsmSlaAttainmentRow, 1);
      row->key = g_strdup (key);
      g_ptr_array_add (result, row);
      g_hash_table_insert (rows, row->key, row);
    }
  return row;
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const CsmSlaAttainmentRow *ra = *(CsmSlaAttainmentRow * const *) a;
  const CsmSlaAttainmentRow *rb = *(CsmSlaAttainmentRow * const *) b;
  int r = g_utf8_collate (ra->key, rb->key);

  return r != 0 ? r : g_strcmp0 (ra->key, rb->key);
}

/**
 * csm_sla_attainment_compute:
 * @policy: the described SLA levels
 * @tickets: (element-type CsmTicket): the tickets
 * @by_queue: one row per queue (%TRUE) or per SLA level (%FALSE)
 * @from: the period's start (included)
 * @to: the period's end (excluded)
 * @now: the current time
 *
 * A target counts in the period its deadline falls in. Response
 * (csm_sla_policy_response_deadline()): met when the first reply came by
 * the deadline, missed when it came later or the deadline passed
 * unanswered. Resolve (csm_sla_policy_resolve_deadline()): met when
 * Resolved is by the deadline, missed when later or when the ticket is
 * still active past it. Not counted (yet): deadlines still ahead of @now
 * without an answer, and inactive tickets that were never resolved
 * (rejected, deleted). Answers and resolutions after @now are ignored, so
 * a period can be recomputed as of an earlier instant. Tickets whose level
 * the policy lacks are skipped.
 *
 * Returns: (transfer full) (element-type CsmSlaAttainmentRow): the rows,
 *   by key; by level every described level has a row, by queue every queue
 *   holding a ticket of a described level
 */
GPtrArray *
csm_sla_attainment_compute (CsmSlaPolicy *policy,
                            GPtrArray    *tickets,
                            gboolean      by_queue,
                            gint64        from,
                            gint64        to,
                            gint64        now)
{
  GPtrArray *result = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_sla_attainment_row_free);
  g_autoptr(GHashTable) rows = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (policy != NULL, result);
  g_return_val_if_fail (tickets != NULL, result);

  if (!by_queue)
    for (guint i = 0; i < csm_sla_policy_get_n_levels (policy); i++)
      row_for (rows, result, csm_sla_policy_get_level (policy, i)->name);

  for (guint i = 0; i < tickets->len; i++)
    {
      CsmTicket *t = g_ptr_array_index (tickets, i);
      const CsmSlaLevel *level = csm_sla_policy_lookup (policy, t->sla);
      CsmSlaAttainmentRow *row;
      gint64 deadline;

      if (level == NULL)
        continue;
      row = row_for (rows, result,
                     by_queue ? (t->queue_name ? t->queue_name : "") : level->name);

      deadline = csm_sla_policy_response_deadline (policy, t);
      if (deadline != 0 && deadline >= from && deadline < to)
        {
          gboolean answered = t->first_response != CSM_TIME_UNSET && t->first_response <= now;

          if (answered && t->first_response <= deadline)
            row->response_met++;
          else if (answered || deadline < now)
            row->response_missed++;
        }

      deadline = csm_sla_policy_resolve_deadline (policy, t);
      if (deadline != 0 && deadline >= from && deadline < to)
        {
          gboolean resolved = t->resolved != CSM_TIME_UNSET && t->resolved <= now;

          if (resolved && t->resolved <= deadline)
            row->resolve_met++;
          else if (resolved ||
                   (deadline < now && _csm_ticket_status_class (t) != CSM_STATUS_CLASS_INACTIVE))
            row->resolve_missed++;
        }
    }

  g_ptr_array_sort (result, compare_rows);
  return result;
}

/**
 * csm_sla_board_dup_formula:
 * @what: "breached", "at_risk", "predicted" or "attainment"
 * @options: (nullable): the options in use; without them, the defaults
 *
 * Returns: (transfer full): how the board decides it, with the horizon and
 *   the rate window in use, in words for the people reading the board
 */
char *
csm_sla_board_dup_formula (const char               *what,
                           const CsmSlaBoardOptions *options)
{
  int horizon = options ? (int) (options->horizon_seconds / 60) : 30;
  int window = options ? (int) (options->rate_window_seconds / 60) : 60;

  if (g_strcmp0 (what, "breached") == 0)
    return g_strdup (_("Breached: an active ticket (new, open or stalled) whose deadline, the Due "
                       "date RT keeps for it, has passed."));
  if (g_strcmp0 (what, "at_risk") == 0)
    return g_strdup_printf (_("At risk: an active ticket whose deadline is at most %d minutes away. "
                              "Where its SLA level counts business minutes, only business hours "
                              "count."), horizon);
  if (g_strcmp0 (what, "predicted") == 0)
    return g_strdup_printf (_("Predicted to breach: a ticket still waiting for its first reply "
                              "whose predicted reply comes after its deadline. A queue’s waiting "
                              "tickets are taken oldest first, at the rate the queue sent first "
                              "replies over the last %d minutes: the k-th waiting ticket is "
                              "answered after k ÷ that rate."), window);
  return g_strdup (_("Attainment = deadlines met ÷ deadlines met or missed, among the deadlines "
                     "in the period. Response: the first agent reply by the response deadline "
                     "the SLA level gives; resolve: resolved by the resolve deadline. A deadline "
                     "still ahead of an open ticket is not counted yet."));
}
