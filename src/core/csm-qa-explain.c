/* csm-qa-explain.c: a review's score written out as the sum it is.
 *
 * What the review form shows under the score, so a reviewer (and the agent
 * later) can check it by hand: every rated category's score times its
 * weight, over the sum of the weights; the categories left out and why; and
 * a failed critical category, which makes the whole review 0.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-qa"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csm-qa-review.h"

static void
append_number (GString *text,
               double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  /* One decimal, dropped when it is 0: 100, 66.7. */
  value = csm_qa_round1 (value);
  if (value == (double) (gint64) value)
    g_string_append_printf (text, "%" G_GINT64_FORMAT, (gint64) value);
  else
    g_string_append (text, g_ascii_formatd (buf, sizeof buf, "%.1f", value));
}

/**
 * csm_qa_score_explain:
 * @ratings: (array length=n_ratings): as for csm_qa_score ()
 *
 * Returns: (transfer full): the score's working, e.g.
 *   "(100 × 20 + 66.7 × 10) ÷ 30 = 88.9", then one line for each kind of
 *   category left out
 */
char *
csm_qa_score_explain (CsmQaScorecard *scorecard,
                      const int      *ratings,
                      guint           n_ratings)
{
  CsmQaScore score;
  GString *text = g_string_new (NULL);
  g_autoptr(GString) na = g_string_new (NULL);
  guint n_unrated = 0, n_terms = 0;
  int weights = 0;

  g_return_val_if_fail (scorecard != NULL, g_string_free (text, FALSE));
  g_return_val_if_fail (n_ratings == csm_qa_scorecard_get_n_categories (scorecard),
                        g_string_free (text, FALSE));

  score = csm_qa_score (scorecard, ratings, n_ratings);
  if (score.critical_failed)
    {
      for (guint i = 0; i < n_ratings; i++)
        {
          const CsmQaCategory *c = csm_qa_scorecard_get_category (scorecard, i);

          if (c->critical && ratings[i] >= 1 && ratings[i] <= c->scale &&
              csm_qa_category_score (ratings[i], c->scale) < 50.0)
            {
              /* Translators: a critical category of a QA scorecard scored under 50 % */
              g_string_append_printf (text, _("%s is critical and scored under 50: the review "
                                              "scores 0."), c->name);
              break;
            }
        }
      return g_string_free (text, FALSE);
    }

  for (guint i = 0; i < n_ratings; i++)
    {
      const CsmQaCategory *c = csm_qa_scorecard_get_category (scorecard, i);

      if (ratings[i] == CSM_QA_NA)
        {
          if (na->len > 0)
            g_string_append (na, ", ");
          g_string_append (na, c->name);
          continue;
        }
      if (ratings[i] < 1 || ratings[i] > c->scale)
        {
          n_unrated++;
          continue;
        }
      g_string_append (text, n_terms++ == 0 ? "(" : " + ");
      append_number (text, csm_qa_category_score (ratings[i], c->scale));
      g_string_append_printf (text, " × %d", c->weight);
      weights += c->weight;
    }

  if (n_terms == 0)
    g_string_append (text, _("No category is rated yet."));
  else if (weights == 0)
    g_string_append (text, _(") — every rated category weighs 0: no score."));
  else
    {
      g_string_append_printf (text, ") ÷ %d = ", weights);
      append_number (text, score.value);
    }
  if (na->len > 0)
    {
      g_string_append_c (text, '\n');
      /* Translators: the categories rated “not applicable”, which do not count */
      g_string_append_printf (text, _("N/A, left out: %s"), na->str);
    }
  if (n_unrated > 0 && n_terms > 0)
    {
      g_string_append_c (text, '\n');
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u category not rated yet",
                                                 "%u categories not rated yet", n_unrated),
                              n_unrated);
    }
  return g_string_free (text, FALSE);
}
