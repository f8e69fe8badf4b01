/* csm-qa-iqs.c: the internal quality score (IQS) of a period, overall or by agent, queue, category or reviewer.
 *
 * IQS is the mean review score over the reviews submitted in [from, to)
 * that are not calibration reviews (those measure the reviewers, not the
 * agents). A review whose every weighted category was N/A has no score
 * and is not averaged. By category, a row averages that category's score
 * over the reviews that rated it, N/A dropping out.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-qa"

#include "config.h"

#include "csm-qa-iqs.h"
#include "csm-time.h"

typedef struct
{
  CsmQaIqsRow *row;
  double sum;
} Acc;

void
csm_qa_iqs_row_free (CsmQaIqsRow *row)
{
  if (row == NULL)
    return;
  g_free (row->group);
  g_clear_pointer (&row->members, g_array_unref);
  g_free (row);
}

static void
acc_free (gpointer data)
{
  Acc *acc = data;

  csm_qa_iqs_row_free (acc->row);
  g_free (acc);
}

static void
add (GHashTable *groups,
     const char *group,
     guint       index,
     double      score)
{
  Acc *acc = g_hash_table_lookup (groups, group != NULL ? group : "\001");

  if (acc == NULL)
    {
      acc = g_new0 (Acc, 1);
      acc->row = g_new0 (CsmQaIqsRow, 1);
      acc->row->group = g_strdup (group);
      acc->row->members = g_array_new (FALSE, FALSE, sizeof (guint));
      /* NULL (no grouping) is keyed apart from "" (no queue). */
      g_hash_table_insert (groups, group != NULL ? acc->row->group : (char *) "\001", acc);
    }
  acc->sum += score;
  acc->row->reviews++;
  g_array_append_val (acc->row->members, index);
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const CsmQaIqsRow *x = *(CsmQaIqsRow **) a, *y = *(CsmQaIqsRow **) b;

  return g_strcmp0 (x->group, y->group);
}

/**
 * csm_qa_iqs_compute:
 * @reviews: (element-type CsmQaReview): reviews of any period
 * @queues: (nullable): conversation (char *) → its queue (char *), for
 *   %CSM_QA_GROUP_QUEUE
 * @from: the period's start, or %CSM_TIME_UNSET for no bound
 * @to: its end (exclusive), or %CSM_TIME_UNSET for no bound
 *
 * Returns: (transfer full) (element-type CsmQaIqsRow): one row without
 *   grouping (undefined when no review counts), else one a group that
 *   holds a counted review, by name
 */
GPtrArray *
csm_qa_iqs_compute (GPtrArray     *reviews,
                    CsmQaGrouping  grouping,
                    GHashTable    *queues,
                    gint64         from,
                    gint64         to)
{
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, acc_free);
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_qa_iqs_row_free);
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (reviews != NULL, rows);

  for (guint r = 0; r < reviews->len; r++)
    {
      const CsmQaReview *review = g_ptr_array_index (reviews, r);
      CsmQaScore score;
      const char *group = NULL;

      if (review->submitted == CSM_TIME_UNSET || review->calibration_session != NULL ||
          (from != CSM_TIME_UNSET && review->submitted < from) ||
          (to != CSM_TIME_UNSET && review->submitted >= to))
        continue;
      if (grouping == CSM_QA_GROUP_CATEGORY)
        {
          for (guint i = 0; i < review->n_ratings; i++)
            {
              const CsmQaCategory *c = csm_qa_scorecard_get_category (review->scorecard, i);

              if (review->ratings[i] >= 1 && review->ratings[i] <= c->scale)
                add (groups, c->name, r, csm_qa_category_score (review->ratings[i], c->scale));
            }
          continue;
        }
      score = csm_qa_review_get_score (review);
      if (!score.defined)
        continue;
      switch (grouping)
        {
        case CSM_QA_GROUP_AGENT:
          group = review->agent;
          break;
        case CSM_QA_GROUP_REVIEWER:
          group = review->reviewer;
          break;
        case CSM_QA_GROUP_QUEUE:
          group = queues != NULL ? g_hash_table_lookup (queues, review->conversation) : NULL;
          if (group == NULL)
            group = "";
          break;
        case CSM_QA_GROUP_CATEGORY:
        case CSM_QA_GROUP_NONE:
        default:
          group = NULL;
          break;
        }
      add (groups, group, r, score.value);
    }

  if (grouping == CSM_QA_GROUP_NONE && g_hash_table_size (groups) == 0)
    {
      CsmQaIqsRow *row = g_new0 (CsmQaIqsRow, 1);

      row->members = g_array_new (FALSE, FALSE, sizeof (guint));
      g_ptr_array_add (rows, row);
      return rows;
    }
  g_hash_table_iter_init (&iter, groups);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Acc *acc = value;

      acc->row->defined = acc->row->reviews > 0;
      acc->row->iqs = acc->row->reviews > 0 ? acc->sum / acc->row->reviews : 0.0;
      g_ptr_array_add (rows, g_steal_pointer (&acc->row));
    }
  g_ptr_array_sort (rows, compare_rows);
  return rows;
}
