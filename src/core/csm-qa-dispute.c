/* csm-qa-dispute.c: an agent's dispute of a rating on one of their reviews, its window, its decision.
 *
 * An agent may dispute a rating of one of their reviews for a number of
 * days after it was submitted (14 unless the setting says otherwise): up
 * to and including the instant submitted + days × 24 h. The export is one
 * object a dispute, every step with who and when.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "csm-json-writer.h"
#include "csm-qa-dispute.h"
#include "csm-qa-scorecard.h"
#include "csm-time.h"

void
csm_qa_dispute_free (CsmQaDispute *dispute)
{
  if (dispute == NULL)
    return;
  g_free (dispute->id);
  g_free (dispute->review);
  g_free (dispute->conversation);
  g_free (dispute->agent);
  g_free (dispute->reviewer);
  g_free (dispute->category);
  g_free (dispute->reason);
  g_free (dispute->opened_by);
  g_free (dispute->decided_by);
  g_free (dispute->decision);
  g_free (dispute->new_review);
  g_free (dispute);
}

static const char * const state_names[] = { "open", "accepted", "rejected" };

const char *
csm_qa_dispute_state_to_string (CsmQaDisputeState state)
{
  g_return_val_if_fail (state <= CSM_QA_DISPUTE_REJECTED, NULL);
  return state_names[state];
}

gboolean
csm_qa_dispute_state_from_string (const char        *text,
                                  CsmQaDisputeState *state)
{
  for (guint i = 0; i < G_N_ELEMENTS (state_names); i++)
    if (g_strcmp0 (text, state_names[i]) == 0)
      {
        *state = (CsmQaDisputeState) i;
        return TRUE;
      }
  return FALSE;
}

/**
 * csm_qa_dispute_window_closes:
 *
 * Returns: the last instant a review submitted at @submitted may be
 *   disputed
 */
gint64
csm_qa_dispute_window_closes (gint64 submitted,
                              guint  days)
{
  return submitted + (gint64) days * 24 * 3600;
}

/**
 * csm_qa_dispute_window_open:
 *
 * Returns: whether at @now a review submitted at @submitted may still be
 *   disputed
 */
gboolean
csm_qa_dispute_window_open (gint64 submitted,
                            gint64 now,
                            guint  days)
{
  return submitted != CSM_TIME_UNSET && now >= submitted &&
         now <= csm_qa_dispute_window_closes (submitted, days);
}

static void
member_rating (CsmJsonWriter *w,
               const char    *key,
               int            rating)
{
  csm_json_writer_key (w, key);
  if (rating == CSM_QA_NA)
    csm_json_writer_string (w, "n/a");
  else if (rating < 1)
    csm_json_writer_null (w);
  else
    csm_json_writer_int (w, rating);
}

static void
member_time (CsmJsonWriter *w,
             const char    *key,
             gint64         when)
{
  csm_json_writer_key (w, key);
  if (when == CSM_TIME_UNSET)
    csm_json_writer_null (w);
  else
    {
      g_autofree char *text = csm_time_format_iso8601 (when);

      csm_json_writer_string (w, text);
    }
}

static void
member_nullable (CsmJsonWriter *w,
                 const char    *key,
                 const char    *value)
{
  csm_json_writer_key (w, key);
  if (value == NULL)
    csm_json_writer_null (w);
  else
    csm_json_writer_string (w, value);
}

/**
 * csm_qa_disputes_to_json:
 * @disputes: (element-type CsmQaDispute)
 *
 * Returns: (transfer full): a JSON array, one object a dispute: id,
 *   review, conversation, agent, reviewer, category, rating, proposed,
 *   reason, opened_by, opened, state, decided_by, decided, decision,
 *   new_rating, new_review; a rating is a number, "n/a", or null for none
 */
char *
csm_qa_disputes_to_json (GPtrArray *disputes)
{
  g_autoptr(CsmJsonWriter) w = csm_json_writer_new (TRUE);

  csm_json_writer_begin_array (w);
  for (guint i = 0; i < disputes->len; i++)
    {
      const CsmQaDispute *d = g_ptr_array_index (disputes, i);

      csm_json_writer_begin_object (w);
      csm_json_writer_member_string (w, "id", d->id);
      csm_json_writer_member_string (w, "review", d->review);
      csm_json_writer_member_string (w, "conversation", d->conversation);
      csm_json_writer_member_string (w, "agent", d->agent);
      csm_json_writer_member_string (w, "reviewer", d->reviewer);
      csm_json_writer_member_string (w, "category", d->category);
      member_rating (w, "rating", d->rating);
      member_rating (w, "proposed", d->proposed);
      csm_json_writer_member_string (w, "reason", d->reason);
      csm_json_writer_member_string (w, "opened_by", d->opened_by);
      member_time (w, "opened", d->opened);
      csm_json_writer_member_string (w, "state", csm_qa_dispute_state_to_string (d->state));
      member_nullable (w, "decided_by", d->decided_by);
      member_time (w, "decided", d->decided);
      member_nullable (w, "decision", d->decision);
      member_rating (w, "new_rating", d->new_rating);
      member_nullable (w, "new_review", d->new_review);
      csm_json_writer_end_object (w);
    }
  csm_json_writer_end_array (w);
  return csm_json_writer_free_to_string (g_steal_pointer (&w), NULL);
}
