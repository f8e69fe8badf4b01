/* csm-qa-consistency.c: how consistent a team is: the spread of agents' category IQS, week by week.
 *
 * A week starts Monday 00:00 in the time zone given (so a DST week has 167
 * or 169 hours). An agent counts in a category's week when at least one of
 * their reviews submitted in it rates the category (not N/A); their
 * category IQS is the mean of those category scores, the reviews taken as
 * IQS takes them (csm_qa_iqs_compute (): the latest version of each, no
 * calibration review). The spread is the population standard deviation of
 * the agents' category IQS; a week of one agent has none and is left out.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "csm-json-writer.h"
#include "csm-qa-consistency.h"
#include "csm-qa-iqs.h"

void
csm_qa_consistency_row_free (CsmQaConsistencyRow *row)
{
  if (row == NULL)
    return;
  g_free (row->category);
  g_free (row);
}

/* Monday 00:00 of the week holding @t, in @tz. */
static GDateTime *
week_of (gint64     t,
         GTimeZone *tz)
{
  g_autoptr(GDateTime) at = g_date_time_new_from_unix_utc (t);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (at, tz);
  g_autoptr(GDateTime) midnight = g_date_time_new (tz, g_date_time_get_year (local),
                                                   g_date_time_get_month (local),
                                                   g_date_time_get_day_of_month (local), 0, 0, 0);

  return g_date_time_add_days (midnight, 1 - g_date_time_get_day_of_week (local));
}

static int
by_category_then_week (gconstpointer a,
                       gconstpointer b)
{
  const CsmQaConsistencyRow *x = *(CsmQaConsistencyRow * const *) a;
  const CsmQaConsistencyRow *y = *(CsmQaConsistencyRow * const *) b;
  int c = g_strcmp0 (x->category, y->category);

  return c != 0 ? c : (x->week > y->week) - (x->week < y->week);
}

/**
 * csm_qa_consistency_compute:
 * @reviews: (element-type CsmQaReview): reviews of any period
 * @from: the first instant counted
 * @to: the end, not counted
 * @tz: the console's time zone, where weeks start
 *
 * Returns: (transfer full) (element-type CsmQaConsistencyRow): one row a
 *   category and week of [@from, @to) with two agents or more, by category
 *   name, then week
 */
GPtrArray *
csm_qa_consistency_compute (GPtrArray *reviews,
                            gint64     from,
                            gint64     to,
                            GTimeZone *tz)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_qa_consistency_row_free);
  g_autoptr(GHashTable) by_agent = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                          (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GDateTime) week = NULL;

  g_return_val_if_fail (reviews != NULL && tz != NULL, rows);

  for (guint i = 0; i < reviews->len; i++)
    {
      CsmQaReview *r = g_ptr_array_index (reviews, i);
      GPtrArray *mine;

      if (r->agent == NULL)
        continue;
      mine = g_hash_table_lookup (by_agent, r->agent);
      if (mine == NULL)
        g_hash_table_insert (by_agent, r->agent, mine = g_ptr_array_new ());
      g_ptr_array_add (mine, r);
    }

  for (week = week_of (from, tz); g_date_time_to_unix (week) < to;)
    {
      g_autoptr(GDateTime) next = g_date_time_add_weeks (week, 1);
      gint64 start = MAX (from, g_date_time_to_unix (week));
      gint64 end = MIN (to, g_date_time_to_unix (next));
      /* category → GArray of agents' category IQS this week */
      g_autoptr(GHashTable) categories = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                                (GDestroyNotify) g_array_unref);
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, by_agent);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          g_autoptr(GPtrArray) iqs = csm_qa_iqs_compute (value, CSM_QA_GROUP_CATEGORY, NULL, start,
                                                         end);

          for (guint c = 0; c < iqs->len; c++)
            {
              const CsmQaIqsRow *row = g_ptr_array_index (iqs, c);
              GArray *agents = g_hash_table_lookup (categories, row->group);

              if (!row->defined)
                continue;
              if (agents == NULL)
                g_hash_table_insert (categories, g_strdup (row->group),
                                     agents = g_array_new (FALSE, FALSE, sizeof (double)));
              g_array_append_val (agents, row->iqs);
            }
        }
      g_hash_table_iter_init (&iter, categories);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          GArray *agents = value;
          CsmQaConsistencyRow *row;
          double sum = 0, squares = 0;

          if (agents->len < 2)
            continue;
          row = g_new0 (CsmQaConsistencyRow, 1);
          row->category = g_strdup (key);
          row->week = g_date_time_to_unix (week);
          row->agents = agents->len;
          row->min = row->max = g_array_index (agents, double, 0);
          for (guint a = 0; a < agents->len; a++)
            {
              double v = g_array_index (agents, double, a);

              sum += v;
              row->min = MIN (row->min, v);
              row->max = MAX (row->max, v);
            }
          row->mean = sum / agents->len;
          for (guint a = 0; a < agents->len; a++)
            squares += (g_array_index (agents, double, a) - row->mean) *
                       (g_array_index (agents, double, a) - row->mean);
          row->sd = sqrt (squares / agents->len);
          g_ptr_array_add (rows, row);
        }
      g_date_time_unref (week);
      week = g_steal_pointer (&next);
    }
  g_ptr_array_sort (rows, by_category_then_week);
  return rows;
}

static void
member_one_decimal (CsmJsonWriter *w,
                    const char    *key,
                    double         value)
{
  csm_json_writer_key (w, key);
  csm_json_writer_double (w, round (value * 10) / 10 + 0.0);
}

/**
 * csm_qa_consistency_to_json:
 * @tz: where the weeks start, for their dates
 *
 * Returns: (transfer full): a JSON array, one object a category and week:
 *   category, week (its Monday, YYYY-MM-DD), agents, iqs_mean, iqs_sd,
 *   iqs_min, iqs_max (one decimal)
 */
char *
csm_qa_consistency_to_json (GPtrArray *rows,
                            GTimeZone *tz)
{
  g_autoptr(CsmJsonWriter) w = csm_json_writer_new (TRUE);

  csm_json_writer_begin_array (w);
  for (guint i = 0; i < rows->len; i++)
    {
      const CsmQaConsistencyRow *row = g_ptr_array_index (rows, i);
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (row->week);
      g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);
      g_autofree char *day = g_date_time_format (local, "%Y-%m-%d");

      csm_json_writer_begin_object (w);
      csm_json_writer_member_string (w, "category", row->category);
      csm_json_writer_member_string (w, "week", day);
      csm_json_writer_member_int (w, "agents", row->agents);
      member_one_decimal (w, "iqs_mean", row->mean);
      member_one_decimal (w, "iqs_sd", row->sd);
      member_one_decimal (w, "iqs_min", row->min);
      member_one_decimal (w, "iqs_max", row->max);
      csm_json_writer_end_object (w);
    }
  csm_json_writer_end_array (w);
  return csm_json_writer_free_to_string (g_steal_pointer (&w), NULL);
}
