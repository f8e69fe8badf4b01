/* csm-qa-precision.c: each agent's IQS with its margin of error, the reviews a target margin needs, the sample-weighted IQS; assignments' state.
 *
 * An agent's IQS is the mean score of the reviews that count in the
 * period (csm_qa_iqs_compute () by agent: the latest version of each, no
 * calibration review). Its 95 % margin is Student's t times the standard
 * error, narrowed by the finite population correction when the number of
 * conversations the agent handled is known (csm-qa-margin.c). The reviews
 * a target margin needs come from the agent's standard deviation, or from
 * the team's while the agent has fewer than two reviews.
 *
 * A sample that favours risky conversations (low CSAT, breaches…) makes an
 * agent look worse than they are if its reviews are simply averaged. Each
 * pick's probability is kept with its assignment; the reviews of picked
 * conversations are then averaged with weights 1/p (Hájek), which undoes
 * the lean.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "csm-json-writer.h"
#include "csm-qa-iqs.h"
#include "csm-qa-precision.h"
#include "csm-time.h"

void
csm_qa_precision_row_free (CsmQaPrecisionRow *row)
{
  if (row == NULL)
    return;
  g_free (row->agent);
  g_free (row);
}

static GArray *
scores_of (GPtrArray *reviews,
           GArray    *members)
{
  GArray *scores = g_array_sized_new (FALSE, FALSE, sizeof (double), members->len);

  for (guint i = 0; i < members->len; i++)
    {
      const CsmQaReview *r = g_ptr_array_index (reviews, g_array_index (members, guint, i));
      double score = csm_qa_review_get_score (r).value;

      g_array_append_val (scores, score);
    }
  return scores;
}

/**
 * csm_qa_precision_compute:
 * @reviews: (element-type CsmQaReview): reviews of any period
 * @from: the period's start, or %CSM_TIME_UNSET
 * @to: its end (exclusive), or %CSM_TIME_UNSET
 * @population: (nullable): agent (char *) → the conversations they handled
 *   in the period (GUINT_TO_POINTER), for the finite population correction
 * @probabilities: (nullable): conversation (char *) → the probability
 *   (double *) with which a sample picked it
 * @target_margin: the margin wanted, > 0 (5 for ±5 points)
 *
 * Returns: (transfer full) (element-type CsmQaPrecisionRow): one row an
 *   agent with a review that counts, by name
 */
GPtrArray *
csm_qa_precision_compute (GPtrArray  *reviews,
                          gint64      from,
                          gint64      to,
                          GHashTable *population,
                          GHashTable *probabilities,
                          double      target_margin)
{
  g_autoptr(GPtrArray) by_agent = NULL;
  g_autoptr(GPtrArray) all = NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_qa_precision_row_free);
  CsmQaMargin team = { 0 };

  g_return_val_if_fail (reviews != NULL && target_margin > 0, rows);

  all = csm_qa_iqs_compute (reviews, CSM_QA_GROUP_NONE, NULL, from, to);
  {
    const CsmQaIqsRow *row = g_ptr_array_index (all, 0);
    g_autoptr(GArray) scores = scores_of (reviews, row->members);

    team = csm_qa_margin ((double *) scores->data, scores->len, 0);
  }
  by_agent = csm_qa_iqs_compute (reviews, CSM_QA_GROUP_AGENT, NULL, from, to);
  for (guint i = 0; i < by_agent->len; i++)
    {
      const CsmQaIqsRow *iqs = g_ptr_array_index (by_agent, i);
      g_autoptr(GArray) scores = scores_of (reviews, iqs->members);
      g_autoptr(GArray) sampled = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) chances = g_array_new (FALSE, FALSE, sizeof (double));
      CsmQaPrecisionRow *row = g_new0 (CsmQaPrecisionRow, 1);
      guint handled = population != NULL
                      ? GPOINTER_TO_UINT (g_hash_table_lookup (population, iqs->group)) : 0;
      double sd;

      row->agent = g_strdup (iqs->group);
      row->margin = csm_qa_margin ((double *) scores->data, scores->len, handled);
      row->needed_from_team = !row->margin.defined && team.defined;
      sd = row->margin.defined ? row->margin.sd : team.sd;
      if (row->margin.defined || team.defined)
        row->needed = csm_qa_reviews_needed (sd, target_margin, handled);
      row->more = row->needed > row->margin.n ? row->needed - row->margin.n : 0;

      for (guint m = 0; probabilities != NULL && m < iqs->members->len; m++)
        {
          const CsmQaReview *r = g_ptr_array_index (reviews,
                                                    g_array_index (iqs->members, guint, m));
          const double *p = g_hash_table_lookup (probabilities, r->conversation);

          if (p == NULL || *p <= 0 || *p > 1)
            continue;
          g_array_append_val (sampled, g_array_index (scores, double, m));
          g_array_append_val (chances, *p);
        }
      row->sampled = sampled->len;
      if (sampled->len > 0)
        {
          double sum = 0;

          for (guint s = 0; s < sampled->len; s++)
            sum += g_array_index (sampled, double, s);
          row->sampled_iqs = sum / sampled->len;
          row->weighted_defined = csm_qa_weighted_mean ((double *) sampled->data,
                                                        (double *) chances->data, sampled->len,
                                                        &row->weighted_iqs);
        }
      g_ptr_array_add (rows, row);
    }
  return rows;
}

static void
member_one_decimal (CsmJsonWriter *w,
                    const char    *key,
                    gboolean       defined,
                    double         value)
{
  csm_json_writer_key (w, key);
  if (defined)
    csm_json_writer_double (w, round (value * 10) / 10 + 0.0);
  else
    csm_json_writer_null (w);
}

/**
 * csm_qa_precision_to_json:
 *
 * Returns: (transfer full): a JSON array, one object an agent: agent,
 *   reviews, iqs, margin (the 95 % margin, null under two reviews),
 *   target, needed (null when unknown), more, sampled, sampled_iqs,
 *   weighted_iqs (null without sampled reviews); one decimal
 */
char *
csm_qa_precision_to_json (GPtrArray *rows,
                          double     target_margin)
{
  g_autoptr(CsmJsonWriter) w = csm_json_writer_new (TRUE);

  csm_json_writer_begin_array (w);
  for (guint i = 0; i < rows->len; i++)
    {
      const CsmQaPrecisionRow *row = g_ptr_array_index (rows, i);

      csm_json_writer_begin_object (w);
      csm_json_writer_member_string (w, "agent", row->agent);
      csm_json_writer_member_int (w, "reviews", row->margin.n);
      member_one_decimal (w, "iqs", row->margin.n > 0, row->margin.mean);
      member_one_decimal (w, "margin", row->margin.defined, row->margin.margin);
      member_one_decimal (w, "target", TRUE, target_margin);
      csm_json_writer_key (w, "needed");
      if (row->needed > 0)
        csm_json_writer_int (w, row->needed);
      else
        csm_json_writer_null (w);
      csm_json_writer_member_int (w, "more", row->more);
      csm_json_writer_member_int (w, "sampled", row->sampled);
      member_one_decimal (w, "sampled_iqs", row->sampled > 0, row->sampled_iqs);
      member_one_decimal (w, "weighted_iqs", row->weighted_defined, row->weighted_iqs);
      csm_json_writer_end_object (w);
    }
  csm_json_writer_end_array (w);
  return csm_json_writer_free_to_string (g_steal_pointer (&w), NULL);
}

/**
 * csm_qa_assignment_state:
 * @due: the due date, or 0 for none
 * @reviews: (element-type CsmQaReview): the reviews the person reads
 *
 * Returns: done once @reviewer has submitted a review of @conversation
 *   (not a calibration review), else overdue when @now is past @due
 */
CsmQaAssignmentState
csm_qa_assignment_state (const char *conversation,
                         const char *reviewer,
                         gint64      due,
                         GPtrArray  *reviews,
                         gint64      now)
{
  for (guint i = 0; reviews != NULL && i < reviews->len; i++)
    {
      const CsmQaReview *r = g_ptr_array_index (reviews, i);

      if (r->submitted != CSM_TIME_UNSET && r->calibration_session == NULL &&
          g_strcmp0 (r->conversation, conversation) == 0 &&
          g_strcmp0 (r->reviewer, reviewer) == 0)
        return CSM_QA_ASSIGNMENT_DONE;
    }
  return due != 0 && now > due ? CSM_QA_ASSIGNMENT_OVERDUE : CSM_QA_ASSIGNMENT_OPEN;
}

const char *
csm_qa_assignment_state_to_string (CsmQaAssignmentState state)
{
  switch (state)
    {
    case CSM_QA_ASSIGNMENT_DONE:
      return "done";
    case CSM_QA_ASSIGNMENT_OVERDUE:
      return "overdue";
    case CSM_QA_ASSIGNMENT_OPEN:
    default:
      return "open";
    }
}
