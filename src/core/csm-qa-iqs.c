/* csm-qa-iqs.c: the internal quality score (IQS) of a period, overall or by agent, queue, category or reviewer.
 *
 * IQS is the mean review score over the reviews submitted in [from, to)
 * that are not calibration reviews (those measure the reviewers, not the
 * agents). A review whose every weighted category was N/A has no score
 * and is not averaged. A submitted review is never changed: a reviewer who
 * scores a conversation again submits a new version, and only the latest
 * version of a reviewer's review of a conversation counts (the older ones
 * are kept, and exported, as history). By category, a row averages that category's score
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

static gboolean
counts (const CsmQaReview *review)
{
  return review->submitted != CSM_TIME_UNSET && review->calibration_session == NULL;
}

static char *
version_key (const CsmQaReview *review)
{
  return g_strconcat (review->conversation != NULL ? review->conversation : "", "\x1f",
                      review->reviewer != NULL ? review->reviewer : "", NULL);
}

/* (conversation, reviewer) → the index of its latest version: the latest
 * submitted, and of two submitted in the same second the later in @reviews. */
static GHashTable *
latest_versions (GPtrArray *reviews)
{
  GHashTable *latest = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint r = 0; r < reviews->len; r++)
    {
      const CsmQaReview *review = g_ptr_array_index (reviews, r);
      g_autofree char *key = NULL;
      gpointer seen;

      if (!counts (review))
        continue;
      key = version_key (review);
      if (!g_hash_table_lookup_extended (latest, key, NULL, &seen) ||
          review->submitted >= ((const CsmQaReview *) g_ptr_array_index (
                                  reviews, GPOINTER_TO_UINT (seen)))->submitted)
        g_hash_table_insert (latest, g_steal_pointer (&key), GUINT_TO_POINTER (r));
    }
  return latest;
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
  g_autoptr(GHashTable) latest = NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_qa_iqs_row_free);
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (reviews != NULL, rows);

  latest = latest_versions (reviews);
  for (guint r = 0; r < reviews->len; r++)
    {
      const CsmQaReview *review = g_ptr_array_index (reviews, r);
      g_autofree char *key = NULL;
      CsmQaScore score;
      const char *group = NULL;

      if (!counts (review) ||
          (from != CSM_TIME_UNSET && review->submitted < from) ||
          (to != CSM_TIME_UNSET && review->submitted >= to))
        continue;
      key = version_key (review);
      if (GPOINTER_TO_UINT (g_hash_table_lookup (latest, key)) != r)
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

/* The group @review falls in, for a grouping other than by category. */
static const char *
group_of (const CsmQaReview *review,
          CsmQaGrouping      grouping,
          GHashTable        *queues)
{
  const char *group;

  switch (grouping)
    {
    case CSM_QA_GROUP_AGENT:
      return review->agent;
    case CSM_QA_GROUP_REVIEWER:
      return review->reviewer;
    case CSM_QA_GROUP_QUEUE:
      group = queues != NULL ? g_hash_table_lookup (queues, review->conversation) : NULL;
      return group != NULL ? group : "";
    case CSM_QA_GROUP_CATEGORY:
    case CSM_QA_GROUP_NONE:
    default:
      return NULL;
    }
}

/**
 * csm_qa_iqs_trend:
 * @reviews: (element-type CsmQaReview): reviews of any period
 * @grouping: what @group names, or %CSM_QA_GROUP_NONE for every review
 * @group: (nullable): the agent, queue, category or reviewer to follow
 * @queues: (nullable): as for csm_qa_iqs_compute ()
 * @from: the first bucket's start
 * @to: the end of the last (exclusive)
 * @step: each bucket's length in seconds
 *
 * IQS over time: csm_qa_iqs_compute () over [from + i·step, from + (i+1)·step),
 * the last bucket ending at @to, so each point is exactly the IQS of its
 * bucket (and of the same reviews a drill-down lists).
 *
 * Returns: (transfer full) (element-type CsmQaIqsRow): one row a bucket, in
 *   order, its group the bucket's start as decimal Unix seconds
 */
GPtrArray *
csm_qa_iqs_trend (GPtrArray     *reviews,
                  CsmQaGrouping  grouping,
                  const char    *group,
                  GHashTable    *queues,
                  gint64         from,
                  gint64         to,
                  gint64         step)
{
  GPtrArray *trend = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_qa_iqs_row_free);
  g_autoptr(GHashTable) latest = NULL;
  g_autofree double *sums = NULL;
  guint n_buckets;

  g_return_val_if_fail (reviews != NULL, trend);
  g_return_val_if_fail (step > 0 && from < to, trend);

  /* One pass over the reviews, not one a bucket: each counted review (the
   * same rules as csm_qa_iqs_compute ()) goes to the bucket it was
   * submitted in. */
  n_buckets = (guint) ((to - from + step - 1) / step);
  sums = g_new0 (double, n_buckets);
  for (guint b = 0; b < n_buckets; b++)
    {
      CsmQaIqsRow *row = g_new0 (CsmQaIqsRow, 1);

      row->group = g_strdup_printf ("%" G_GINT64_FORMAT, from + (gint64) b * step);
      row->members = g_array_new (FALSE, FALSE, sizeof (guint));
      g_ptr_array_add (trend, row);
    }

  latest = latest_versions (reviews);
  for (guint r = 0; r < reviews->len; r++)
    {
      const CsmQaReview *review = g_ptr_array_index (reviews, r);
      g_autofree char *key = NULL;
      CsmQaIqsRow *row;
      double value;
      guint b;

      if (!counts (review) || review->submitted < from || review->submitted >= to)
        continue;
      key = version_key (review);
      if (GPOINTER_TO_UINT (g_hash_table_lookup (latest, key)) != r)
        continue;
      b = (guint) ((review->submitted - from) / step);
      row = g_ptr_array_index (trend, b);
      if (grouping == CSM_QA_GROUP_CATEGORY)
        {
          int i = csm_qa_scorecard_lookup (review->scorecard, group);
          const CsmQaCategory *c = i >= 0 ? csm_qa_scorecard_get_category (review->scorecard, i)
                                          : NULL;

          if (c == NULL || review->ratings[i] < 1 || review->ratings[i] > c->scale)
            continue;
          value = csm_qa_category_score (review->ratings[i], c->scale);
        }
      else
        {
          CsmQaScore score = csm_qa_review_get_score (review);

          if (!score.defined ||
              (grouping != CSM_QA_GROUP_NONE &&
               g_strcmp0 (group_of (review, grouping, queues), group) != 0))
            continue;
          value = score.value;
        }
      sums[b] += value;
      row->reviews++;
      g_array_append_val (row->members, r);
    }
  for (guint b = 0; b < n_buckets; b++)
    {
      CsmQaIqsRow *row = g_ptr_array_index (trend, b);

      row->defined = row->reviews > 0;
      row->iqs = row->defined ? sums[b] / row->reviews : 0.0;
    }
  return trend;
}
