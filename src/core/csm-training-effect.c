/* csm-training-effect.c: whether scores moved after training: the agent's trained-category IQS before and after, the difference with its 95 % interval, per module; the export.
 *
 * The reviews judged are the ones IQS counts (the latest version of each,
 * never a calibration review) of the agent that rate at least one of the
 * categories the assignment trains. A review's trained score is the mean
 * of its 0–100 scores in those categories (N/A left out).
 *
 *   before: the N reviews submitted last before the assignment was made;
 *   after:  the N reviews submitted first from its completion on.
 *
 * Each side is a number only with N reviews; with fewer it says how many
 * more are needed, never a mean of too few. The difference (after −
 * before) carries Welch's 95 % interval,
 *   d ± t(0.975, ν) · √(s₁²/N + s₂²/N),
 * ν by Welch–Satterthwaite (the two sides' spreads need not be equal); a
 * spread of zero on both sides gives the interval [d, d].
 *
 * A review is dated by its submission, not the conversation's: a review
 * written after completion of a conversation handled before it counts as
 * after.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "csm-json-writer.h"
#include "csm-qa-iqs.h"
#include "csm-qa-scorecard.h"
#include "csm-time.h"
#include "csm-training.h"

typedef struct
{
  gint64 submitted;
  double score;
} Scored;

static int
by_submitted (gconstpointer a,
              gconstpointer b)
{
  const Scored *x = a, *y = b;

  return (x->submitted > y->submitted) - (x->submitted < y->submitted);
}

/* The agent's counted reviews rating a trained category, with their
 * trained score, oldest first. */
static GArray *
trained_scores (const CsmTrainingAssignment *assignment,
                GPtrArray                   *reviews,
                gint64                       now)
{
  g_autoptr(GPtrArray) mine = g_ptr_array_new ();
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GHashTable) counted = g_hash_table_new (NULL, NULL);
  GArray *scored = g_array_new (FALSE, FALSE, sizeof (Scored));

  for (guint i = 0; i < reviews->len; i++)
    {
      CsmQaReview *r = g_ptr_array_index (reviews, i);

      if (g_strcmp0 (r->agent, assignment->agent) == 0 && r->submitted <= now)
        g_ptr_array_add (mine, r);
    }
  /* IQS's own choice of reviews: latest versions, no calibration. */
  rows = csm_qa_iqs_compute (mine, CSM_QA_GROUP_CATEGORY, NULL, CSM_TIME_UNSET, CSM_TIME_UNSET);
  for (guint i = 0; i < rows->len; i++)
    {
      const CsmQaIqsRow *row = g_ptr_array_index (rows, i);

      if (assignment->categories == NULL ||
          !g_strv_contains ((const char * const *) assignment->categories, row->group))
        continue;
      for (guint m = 0; m < row->members->len; m++)
        g_hash_table_add (counted, GUINT_TO_POINTER (g_array_index (row->members, guint, m) + 1));
    }
  for (guint i = 0; i < mine->len; i++)
    {
      const CsmQaReview *r = g_ptr_array_index (mine, i);
      Scored s = { r->submitted, 0 };
      guint rated = 0;

      if (!g_hash_table_contains (counted, GUINT_TO_POINTER (i + 1)))
        continue;
      for (guint c = 0; assignment->categories[c] != NULL; c++)
        {
          int at = csm_qa_scorecard_lookup (r->scorecard, assignment->categories[c]);
          const CsmQaCategory *category;

          if (at < 0 || (guint) at >= r->n_ratings)
            continue;
          category = csm_qa_scorecard_get_category (r->scorecard, at);
          if (r->ratings[at] >= 1 && r->ratings[at] <= category->scale)
            {
              s.score += csm_qa_category_score (r->ratings[at], category->scale);
              rated++;
            }
        }
      if (rated == 0)
        continue;
      s.score /= rated;
      g_array_append_val (scored, s);
    }
  g_array_sort (scored, by_submitted);
  return scored;
}

static CsmQaMargin
side (GArray *scores,
      guint   first,
      guint   count,
      guint   n)
{
  g_autofree double *values = g_new0 (double, MAX (count, 1));
  CsmQaMargin margin;

  for (guint i = 0; i < count; i++)
    values[i] = g_array_index (scores, Scored, first + i).score;
  margin = csm_qa_margin (values, count, 0);
  /* A side is a number only with all N of its reviews. */
  margin.defined = count == n && margin.defined;
  return margin;
}

/**
 * csm_training_effect:
 * @reviews: (element-type CsmQaReview): the reviews the console has
 * @n: the reviews each side takes, 2 or more
 * @now: the instant it is measured at: a review submitted, or a
 *   completion recorded, after it is not known yet
 *
 * Returns: the effect of @assignment at @now
 */
CsmTrainingEffect
csm_training_effect (const CsmTrainingAssignment *assignment,
                     GPtrArray                   *reviews,
                     guint                        n,
                     gint64                       now)
{
  CsmTrainingEffect effect = { 0 };
  g_autoptr(GArray) scores = NULL;
  guint before_end = 0, after_start, after_count;

  g_return_val_if_fail (assignment != NULL && reviews != NULL, effect);

  n = MAX (n, 2);
  effect.needed = n;
  effect.after_missing = n;
  scores = trained_scores (assignment, reviews, now);
  while (before_end < scores->len &&
         g_array_index (scores, Scored, before_end).submitted < assignment->assigned)
    before_end++;
  effect.before = side (scores, before_end - MIN (before_end, n), MIN (before_end, n), n);
  if (assignment->completed == CSM_TIME_UNSET || assignment->completed > now)
    return effect;
  for (after_start = before_end; after_start < scores->len &&
       g_array_index (scores, Scored, after_start).submitted < assignment->completed;
       after_start++)
    ;
  after_count = MIN (scores->len - after_start, n);
  effect.after = side (scores, after_start, after_count, n);
  effect.after_missing = n - after_count;
  if (!effect.before.defined || !effect.after.defined)
    return effect;

  effect.defined = TRUE;
  effect.difference = effect.after.mean - effect.before.mean;
  {
    double v1 = effect.before.sd * effect.before.sd / n;
    double v2 = effect.after.sd * effect.after.sd / n;
    double se = sqrt (v1 + v2);
    double df;

    if (se == 0)
      {
        effect.low = effect.high = effect.difference;
        return effect;
      }
    df = (v1 + v2) * (v1 + v2) / (v1 * v1 / (n - 1) + v2 * v2 / (n - 1));
    effect.low = effect.difference - csm_qa_t_quantile (0.975, df) * se;
    effect.high = effect.difference + csm_qa_t_quantile (0.975, df) * se;
  }
  return effect;
}

/**
 * csm_training_awaiting_after:
 * @agents: (element-type utf8 guint): filled with each agent whose
 *   completed assignment awaits its after-measurement (and has its N
 *   reviews before) → the reviews it still needs (the most of theirs)
 *
 * Returns: how many agents that is
 */
guint
csm_training_awaiting_after (GPtrArray  *assignments,
                             GPtrArray  *reviews,
                             guint       n,
                             gint64      now,
                             GHashTable *agents)
{
  for (guint i = 0; i < assignments->len; i++)
    {
      const CsmTrainingAssignment *a = g_ptr_array_index (assignments, i);
      CsmTrainingEffect effect;
      guint had;

      if (a->completed == CSM_TIME_UNSET || a->completed > now)
        continue;
      effect = csm_training_effect (a, reviews, n, now);
      /* Without its N reviews before, more after measure nothing. */
      if (effect.after_missing == 0 || !effect.before.defined)
        continue;
      had = GPOINTER_TO_UINT (g_hash_table_lookup (agents, a->agent));
      g_hash_table_insert (agents, g_strdup (a->agent),
                           GUINT_TO_POINTER (MAX (had, effect.after_missing)));
    }
  return g_hash_table_size (agents);
}

void
csm_training_module_effect_free (CsmTrainingModuleEffect *effect)
{
  if (effect == NULL)
    return;
  g_free (effect->module);
  g_free (effect);
}

static int
by_module (gconstpointer a,
           gconstpointer b)
{
  return g_strcmp0 ((*(CsmTrainingModuleEffect * const *) a)->module,
                    (*(CsmTrainingModuleEffect * const *) b)->module);
}

/**
 * csm_training_module_effects:
 *
 * Returns: (transfer full) (element-type CsmTrainingModuleEffect): one a
 *   module with assignments, by name: how many completed it, and the mean
 *   effect over those whose effect is measured
 */
GPtrArray *
csm_training_module_effects (GPtrArray *assignments,
                             GPtrArray *reviews,
                             guint      n,
                             gint64     now)
{
  GPtrArray *effects = g_ptr_array_new_with_free_func (
    (GDestroyNotify) csm_training_module_effect_free);
  g_autoptr(GHashTable) by_name = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < assignments->len; i++)
    {
      const CsmTrainingAssignment *a = g_ptr_array_index (assignments, i);
      CsmTrainingModuleEffect *m = g_hash_table_lookup (by_name, a->module);
      CsmTrainingEffect effect;

      if (m == NULL)
        {
          m = g_new0 (CsmTrainingModuleEffect, 1);
          m->module = g_strdup (a->module);
          g_hash_table_insert (by_name, m->module, m);
          g_ptr_array_add (effects, m);
        }
      m->assigned++;
      if (a->completed == CSM_TIME_UNSET || a->completed > now)
        continue;
      m->completed++;
      effect = csm_training_effect (a, reviews, n, now);
      if (!effect.defined)
        continue;
      /* A running mean: the sum would do as well for these sizes. */
      m->measured++;
      m->mean += (effect.difference - m->mean) / m->measured;
    }
  g_ptr_array_sort (effects, by_module);
  return effects;
}

static void
member_time (CsmJsonWriter *w,
             const char    *key,
             gint64         when)
{
  g_autofree char *text = when != CSM_TIME_UNSET ? csm_time_format_iso8601 (when) : NULL;

  csm_json_writer_key (w, key);
  if (text == NULL)
    csm_json_writer_null (w);
  else
    csm_json_writer_string (w, text);
}

static void
member_score (CsmJsonWriter *w,
              const char    *key,
              gboolean       defined,
              double         value)
{
  csm_json_writer_key (w, key);
  if (defined)
    csm_json_writer_double (w, csm_qa_round1 (value));
  else
    csm_json_writer_null (w);
}

/**
 * csm_training_assignments_to_json:
 * @n: the reviews each side of the effect takes
 * @now: the instant states are at
 *
 * Returns: (transfer full): a JSON array, one object an assignment: agent,
 *   module, categories, assigned, due, completed, state, reason (the
 *   rule's name or "manual"), iqs_before, reviews_before, iqs_after,
 *   reviews_after, then difference, difference_low, difference_high,
 *   reviews_needed_after, id, assigned_by, started, completed_by, note
 *   and fired_on. A side's IQS is null without N reviews (its count says
 *   how many there are); scores carry one decimal.
 */
char *
csm_training_assignments_to_json (GPtrArray *assignments,
                                  GPtrArray *reviews,
                                  guint      n,
                                  gint64     now)
{
  g_autoptr(CsmJsonWriter) w = csm_json_writer_new (TRUE);

  csm_json_writer_begin_array (w);
  for (guint i = 0; i < assignments->len; i++)
    {
      const CsmTrainingAssignment *a = g_ptr_array_index (assignments, i);
      CsmTrainingEffect effect = csm_training_effect (a, reviews, n, now);

      csm_json_writer_begin_object (w);
      csm_json_writer_member_string (w, "agent", a->agent);
      csm_json_writer_member_string (w, "module", a->module);
      csm_json_writer_key (w, "categories");
      csm_json_writer_begin_array (w);
      for (guint c = 0; a->categories != NULL && a->categories[c] != NULL; c++)
        csm_json_writer_string (w, a->categories[c]);
      csm_json_writer_end_array (w);
      member_time (w, "assigned", a->assigned);
      member_time (w, "due", a->due);
      member_time (w, "completed", a->completed);
      csm_json_writer_member_string (w, "state",
                                     csm_training_state_to_string (
                                       csm_training_assignment_state (a, now)));
      csm_json_writer_member_string (w, "reason", a->rule != NULL ? a->rule : "manual");
      member_score (w, "iqs_before", effect.before.defined, effect.before.mean);
      csm_json_writer_member_int (w, "reviews_before", effect.before.n);
      member_score (w, "iqs_after", effect.after.defined, effect.after.mean);
      csm_json_writer_member_int (w, "reviews_after", effect.after.n);
      member_score (w, "difference", effect.defined, effect.difference);
      member_score (w, "difference_low", effect.defined, effect.low);
      member_score (w, "difference_high", effect.defined, effect.high);
      csm_json_writer_member_int (w, "reviews_needed_after", effect.after_missing);
      csm_json_writer_member_string (w, "id", a->id);
      csm_json_writer_member_string (w, "assigned_by", a->assigned_by);
      member_time (w, "started", a->started);
      csm_json_writer_key (w, "completed_by");
      if (a->completed_by != NULL)
        csm_json_writer_string (w, a->completed_by);
      else
        csm_json_writer_null (w);
      csm_json_writer_key (w, "note");
      if (a->note != NULL)
        csm_json_writer_string (w, a->note);
      else
        csm_json_writer_null (w);
      csm_json_writer_key (w, "fired_on");
      csm_json_writer_begin_array (w);
      for (guint f = 0; a->fired_on != NULL && a->fired_on[f] != NULL; f++)
        csm_json_writer_string (w, a->fired_on[f]);
      csm_json_writer_end_array (w);
      csm_json_writer_end_object (w);
    }
  csm_json_writer_end_array (w);
  return csm_json_writer_free_to_string (g_steal_pointer (&w), NULL);
}
