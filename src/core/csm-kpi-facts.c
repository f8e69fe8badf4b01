/* csm-kpi-facts.c: what the KPI engine reads of each ticket, copied so a report can be counted on another thread.
 *
 * Tickets belong to the main thread: the sync changes them in place. A
 * report is counted on a worker thread from these facts instead, which
 * nothing changes once they are made. Strings are kept once each in a
 * string chunk, so a group's name is one pointer however many tickets
 * share it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-kpi"

#include "config.h"

#include <stdlib.h>

#include "csm-kpi-private.h"
#include "csm-time.h"

static gint8
answer (CsmTicket  *ticket,
        const char *field,
        int         lowest,
        int         highest)
{
  int value;

  if (field != NULL && csm_ticket_get_custom_int (ticket, field, &value) &&
      value >= lowest && value <= highest)
    return (gint8) value;
  return CSM_KPI_NO_ANSWER;
}

static const char *
keep (CsmKpiFacts *self,
      const char  *text)
{
  return g_string_chunk_insert_const (self->strings, text != NULL ? text : "");
}

/**
 * csm_kpi_facts_new:
 * @tickets: (element-type CsmTicket): the tickets, read on the calling thread
 * @options: the custom fields' names and the SLA policy
 *
 * Returns: (transfer full): the facts of every ticket; or, with @tickets
 *   empty, facts to fill with csm_kpi_facts_append() before sharing them
 */
CsmKpiFacts *
csm_kpi_facts_new (GPtrArray           *tickets,
                   const CsmKpiOptions *options)
{
  CsmKpiFacts *self = g_new0 (CsmKpiFacts, 1);

  g_return_val_if_fail (tickets != NULL, self);
  g_return_val_if_fail (options != NULL, self);

  g_atomic_ref_count_init (&self->ref_count);
  self->facts = g_array_sized_new (FALSE, TRUE, sizeof (CsmKpiFact), tickets->len);
  self->requestors = g_ptr_array_new ();
  self->strings = g_string_chunk_new (4096);
  csm_kpi_facts_append (self, tickets, 0, tickets->len, options);
  return self;
}

/**
 * csm_kpi_facts_append:
 * @facts: facts nobody else holds yet
 * @start: the first of @tickets to read
 * @n: how many (fewer if @tickets ends first)
 *
 * Adds the facts of some tickets, so that the main loop can read a large
 * helpdesk a slice at a time.
 */
void
csm_kpi_facts_append (CsmKpiFacts         *facts,
                      GPtrArray           *tickets,
                      guint                start,
                      guint                n,
                      const CsmKpiOptions *options)
{
  CsmKpiFacts *self = facts;
  gboolean with_policy;
  guint end;

  g_return_if_fail (facts != NULL);
  g_return_if_fail (tickets != NULL);
  g_return_if_fail (options != NULL);

  with_policy = options->policy != NULL && !csm_sla_policy_is_empty (options->policy);
  end = start + MIN (n, tickets->len - MIN (start, tickets->len));
  for (guint i = start; i < end; i++)
    {
      CsmTicket *t = g_ptr_array_index (tickets, i);
      const char * const *requestors = csm_ticket_get_requestors (t);
      const char *owner = csm_ticket_get_owner (t);
      CsmKpiFact fact = {
        .id = csm_ticket_get_id (t),
        .created = csm_ticket_get_created (t),
        .first_response = csm_ticket_get_first_response (t),
        .resolved = csm_ticket_get_resolved (t),
        .time_worked = csm_ticket_get_time_worked (t),
        .agent_replies = (guint) MAX (0, csm_ticket_get_agent_replies (t)),
        .csat = answer (t, options->csat_field, 1, 5),
        .nps = answer (t, options->nps_field, 0, 10),
        .ces = answer (t, options->ces_field, 1, 7),
        .resolved_now = _csm_kpi_is_resolved (csm_ticket_get_status (t)),
        .status = keep (self, csm_ticket_get_status (t)),
        .queue = keep (self, csm_ticket_get_queue_name (t)),
        /* RT's "Nobody" owns every unowned ticket. */
        .owner = keep (self, owner != NULL && *owner != '\0' ? owner : "Nobody"),
        .channel = keep (self, csm_ticket_get_custom_field (t, options->channel_field)),
        .requestors_start = self->requestors->len,
      };

      if (with_policy)
        fact.response_deadline = csm_sla_policy_response_deadline (options->policy, t);
      for (guint r = 0; requestors != NULL && requestors[r] != NULL; r++)
        {
          g_autofree char *folded = g_utf8_casefold (requestors[r], -1);

          g_ptr_array_add (self->requestors, (gpointer) keep (self, folded));
        }
      fact.requestors_len = self->requestors->len - fact.requestors_start;
      self->with_field[0] += fact.csat != CSM_KPI_NO_ANSWER;
      self->with_field[1] += fact.nps != CSM_KPI_NO_ANSWER;
      self->with_field[2] += fact.ces != CSM_KPI_NO_ANSWER;
      self->with_field[3] += *fact.channel != '\0';
      g_array_append_val (self->facts, fact);
    }
}

CsmKpiFacts *
csm_kpi_facts_ref (CsmKpiFacts *facts)
{
  g_return_val_if_fail (facts != NULL, NULL);
  g_atomic_ref_count_inc (&facts->ref_count);
  return facts;
}

void
csm_kpi_facts_unref (CsmKpiFacts *facts)
{
  if (facts == NULL || !g_atomic_ref_count_dec (&facts->ref_count))
    return;
  g_array_unref (facts->facts);
  g_ptr_array_unref (facts->requestors);
  g_string_chunk_free (facts->strings);
  g_free (facts);
}

guint
csm_kpi_facts_get_len (const CsmKpiFacts *facts)
{
  g_return_val_if_fail (facts != NULL, 0);
  return facts->facts->len;
}

/**
 * csm_kpi_facts_count_fields:
 * @csat: (out) (optional): how many tickets have a CSAT answer
 * @nps: (out) (optional): … an NPS answer
 * @ces: (out) (optional): … a CES answer
 * @channel: (out) (optional): … a channel
 *
 * Whether the helpdesk has the fields the options name at all.
 */
void
csm_kpi_facts_count_fields (const CsmKpiFacts *facts,
                            guint             *csat,
                            guint             *nps,
                            guint             *ces,
                            guint             *channel)
{
  g_return_if_fail (facts != NULL);

  if (csat != NULL)
    *csat = facts->with_field[0];
  if (nps != NULL)
    *nps = facts->with_field[1];
  if (ces != NULL)
    *ces = facts->with_field[2];
  if (channel != NULL)
    *channel = facts->with_field[3];
}

/* ------------------------------------------------------------------------ */
/* Repeat contacts                                                          */

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* Requestor (its string in the chunk) → the creation times of their
 * tickets, sorted. */
GHashTable *
_csm_kpi_requestor_index (const CsmKpiFacts *facts)
{
  GHashTable *index = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
  GHashTableIter iter;
  gpointer value;

  for (guint i = 0; i < facts->facts->len; i++)
    {
      const CsmKpiFact *f = &g_array_index (facts->facts, CsmKpiFact, i);

      for (guint r = 0; r < f->requestors_len; r++)
        {
          gpointer who = g_ptr_array_index (facts->requestors, f->requestors_start + r);
          GArray *created = g_hash_table_lookup (index, who);

          if (created == NULL)
            {
              created = g_array_new (FALSE, FALSE, sizeof (gint64));
              g_hash_table_insert (index, who, created);
            }
          g_array_append_val (created, f->created);
        }
    }
  g_hash_table_iter_init (&iter, index);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_array_sort (value, compare_int64);
  return index;
}

/* A requestor of @fact opened another ticket in (resolved, resolved + window]. */
gboolean
_csm_kpi_contacted_again (const CsmKpiFacts *facts,
                          const CsmKpiFact  *fact,
                          gint64             resolved,
                          GHashTable        *index,
                          gint64             window)
{
  for (guint r = 0; r < fact->requestors_len; r++)
    {
      GArray *created = g_hash_table_lookup (index, g_ptr_array_index (facts->requestors,
                                                                       fact->requestors_start + r));
      guint lo = 0, hi = created != NULL ? created->len : 0;

      /* The first creation after the resolution… */
      while (lo < hi)
        {
          guint mid = lo + (hi - lo) / 2;

          if (g_array_index (created, gint64, mid) <= resolved)
            lo = mid + 1;
          else
            hi = mid;
        }
      /* …falls inside the window. */
      if (created != NULL && lo < created->len &&
          g_array_index (created, gint64, lo) <= resolved + window)
        return TRUE;
    }
  return FALSE;
}

/* ------------------------------------------------------------------------ */
/* Prepared for a report                                                    */

static gboolean
is_active (const char *status)
{
  return status != NULL && csm_status_classify (status) != CSM_STATUS_CLASS_INACTIVE;
}

/* Without a history, a ticket's status now is taken for its status then;
 * before its first change, it had the status that change left. */
CsmKpiPrepared *
_csm_kpi_prepare (const CsmKpiFacts *facts,
                  GHashTable        *histories)
{
  CsmKpiPrepared *prepared = g_new0 (CsmKpiPrepared, 1);
  guint n = facts->facts->len;

  prepared->facts = facts;
  prepared->timelines = g_new0 (CsmKpiTimeline, MAX (n, 1));
  prepared->steps = g_array_new (FALSE, FALSE, sizeof (CsmKpiStep));
  for (guint i = 0; i < n; i++)
    {
      const CsmKpiFact *f = &g_array_index (facts->facts, CsmKpiFact, i);
      const CsmKpiHistory *history = histories != NULL ? g_hash_table_lookup (histories, &f->id)
                                                       : NULL;
      CsmKpiTimeline *line = &prepared->timelines[i];

      line->start = prepared->steps->len;
      if (history == NULL || history->changes->len == 0)
        {
          line->active_before = is_active (f->status);
          line->resolved_before = f->resolved_now;
          line->reopened = history != NULL && history->reopened;
          continue;
        }
      line->reopened = history->reopened;
      line->active_before = is_active (g_array_index (history->changes, CsmKpiStatusChange, 0).from);
      line->resolved_before =
        _csm_kpi_is_resolved (g_array_index (history->changes, CsmKpiStatusChange, 0).from);
      for (guint c = 0; c < history->changes->len; c++)
        {
          const CsmKpiStatusChange *change = &g_array_index (history->changes,
                                                             CsmKpiStatusChange, c);
          CsmKpiStep step = { change->at, is_active (change->to),
                              _csm_kpi_is_resolved (change->to) };

          g_array_append_val (prepared->steps, step);
        }
      line->len = prepared->steps->len - line->start;
    }
  return prepared;
}

void
_csm_kpi_prepared_free (CsmKpiPrepared *prepared)
{
  if (prepared == NULL)
    return;
  g_free (prepared->timelines);
  g_array_unref (prepared->steps);
  g_free (prepared);
}
