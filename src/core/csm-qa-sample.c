/* csm-qa-sample.c: which conversations get reviewed: per-agent quotas, random, stratified or risk-weighted, each pick with its probability and its reasons.
 *
 * Each agent gets min(quota, their conversations) picks, drawn apart from
 * the other agents', from one seeded generator, agents in name order, so
 * the same candidates and seed give the same sample.
 *
 *   - Random: a simple random sample; each conversation's probability is
 *     k / N.
 *   - Stratified: the quota shared among the agent's strata in proportion
 *     to their sizes (largest remainders), a simple random sample in each;
 *     a conversation's probability is k_s / N_s.
 *   - Risk-weighted: a conversation weighs 1 plus the weight of each risk
 *     signal it has; its probability is k · w / Σ w, capped at 1 (the
 *     capped ones are certain, the rest share what is left), and the
 *     sample is drawn systematically over a random order, which gives each
 *     conversation exactly that probability. Its inverse weighs the
 *     conversation in an unbiased IQS (csm_qa_weighted_mean ()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "csm-qa-sample.h"

/* Words of frustration or urgency the console starts with; the list is a
 * setting people change. */
static const char * const default_words[] = {
  "angry", "annoyed", "asap", "cancel", "complaint", "disappointed", "frustrated",
  "immediately", "refund", "ridiculous", "unacceptable", "urgent", NULL,
};

void
csm_qa_pick_free (CsmQaPick *pick)
{
  if (pick == NULL)
    return;
  g_strfreev (pick->words);
  g_free (pick);
}

/**
 * csm_qa_risk_weights_init:
 *
 * The console's starting weights: low CSAT 3, SLA breached 2, reopened 2,
 * long handle time (over 30 minutes) 1, a new agent 1, words 2, and its
 * own word list.
 */
void
csm_qa_risk_weights_init (CsmQaRiskWeights *weights)
{
  static const double defaults[CSM_QA_N_RISKS] = { 3, 2, 2, 1, 1, 2 };

  memcpy (weights->weight, defaults, sizeof defaults);
  weights->long_handle_minutes = 30;
  weights->words = default_words;
}

typedef struct
{
  const char *start;
  gsize length;
} Token;

static gboolean
is_ascii (const char *text,
          gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if ((guchar) text[i] >= 0x80)
      return FALSE;
  return TRUE;
}

/* Whether @token is @word (@length bytes, @ascii or not), regardless of
 * case: ASCII compared in place, anything else casefolded. */
static gboolean
token_is (const Token *token,
          const char  *word,
          gsize        length,
          gboolean     ascii)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  if (ascii && is_ascii (token->start, token->length))
    return token->length == length && g_ascii_strncasecmp (token->start, word, length) == 0;
  a = g_utf8_casefold (token->start, (gssize) token->length);
  b = g_utf8_casefold (word, (gssize) length);
  return g_strcmp0 (a, b) == 0;
}

/* Calls @found for each listed word @text holds (whole, regardless of
 * case), in the list's order, until it returns FALSE. */
static void
each_listed_word (const char         *text,
                  const char * const *words,
                  gboolean          (*found) (const char *word, gpointer data),
                  gpointer            data)
{
  if (text == NULL || words == NULL)
    return;
  for (guint i = 0; words[i] != NULL; i++)
    {
      gsize length = strlen (words[i]);
      gboolean ascii = is_ascii (words[i], length);

      for (const char *p = text; *p != '\0';)
        {
          Token token = { p, 0 };

          while (*p != '\0' && g_unichar_isalnum (g_utf8_get_char (p)))
            p = g_utf8_next_char (p);
          token.length = (gsize) (p - token.start);
          if (token.length > 0 && token_is (&token, words[i], length, ascii))
            {
              if (!found (words[i], data))
                return;
              break;
            }
          while (*p != '\0' && !g_unichar_isalnum (g_utf8_get_char (p)))
            p = g_utf8_next_char (p);
        }
    }
}

static gboolean
note_any (const char *word,
          gpointer    data)
{
  *(gboolean *) data = TRUE;
  return FALSE;
}

static gboolean
collect_word (const char *word,
              gpointer    data)
{
  g_strv_builder_add (data, word);
  return TRUE;
}

/* The listed words @text holds, in the list's order, or %NULL. */
static char **
matched_words (const char         *text,
               const char * const *words)
{
  g_autoptr(GStrvBuilder) found = NULL;
  gboolean any = FALSE;

  each_listed_word (text, words, note_any, &any);
  if (!any)
    return NULL;
  found = g_strv_builder_new ();
  each_listed_word (text, words, collect_word, found);
  return g_strv_builder_end (found);
}

/**
 * csm_qa_candidate_risks:
 * @words: (out) (optional) (transfer full) (nullable): the listed words
 *   the customer wrote
 *
 * Returns: the risk signals @candidate has
 */
CsmQaRisk
csm_qa_candidate_risks (const CsmQaCandidate    *candidate,
                        const CsmQaRiskWeights  *weights,
                        char                  ***words)
{
  CsmQaRisk risks = 0;
  gboolean any = FALSE;
  char **found = NULL;

  /* The words themselves only when asked for: sampling needs the signal. */
  if (words != NULL)
    found = matched_words (candidate->customer_text, weights->words);
  else
    each_listed_word (candidate->customer_text, weights->words, note_any, &any);

  if (candidate->csat >= 1 && candidate->csat <= 2)
    risks |= CSM_QA_RISK_LOW_CSAT;
  if (candidate->sla_breached)
    risks |= CSM_QA_RISK_SLA_BREACHED;
  if (candidate->reopened)
    risks |= CSM_QA_RISK_REOPENED;
  if (candidate->handle_minutes > weights->long_handle_minutes)
    risks |= CSM_QA_RISK_LONG_HANDLE;
  if (candidate->new_agent)
    risks |= CSM_QA_RISK_NEW_AGENT;
  if (found != NULL || any)
    risks |= CSM_QA_RISK_WORDS;
  if (words != NULL)
    *words = found;
  return risks;
}

static void
add_pick (GPtrArray              *picks,
          const CsmQaCandidate   *candidates,
          guint                   index,
          double                  probability,
          const CsmQaRiskWeights *weights)
{
  CsmQaPick *pick = g_new0 (CsmQaPick, 1);

  pick->candidate = index;
  pick->probability = probability;
  pick->risks = csm_qa_candidate_risks (&candidates[index], weights, &pick->words);
  g_ptr_array_add (picks, pick);
}

/* The first @k of @idx become a simple random sample of it. */
static void
shuffle_first (GRand *rand,
               guint *idx,
               guint  n,
               guint  k)
{
  for (guint i = 0; i < k && i + 1 < n; i++)
    {
      guint j = i + (guint) g_rand_int_range (rand, 0, (gint32) (n - i));
      guint t = idx[i];

      idx[i] = idx[j];
      idx[j] = t;
    }
}

static void
sample_random (GRand                  *rand,
               guint                  *idx,
               guint                   n,
               guint                   k,
               const CsmQaCandidate   *candidates,
               const CsmQaRiskWeights *weights,
               GPtrArray              *picks)
{
  shuffle_first (rand, idx, n, k);
  for (guint i = 0; i < k; i++)
    add_pick (picks, candidates, idx[i], (double) k / n, weights);
}

static int
compare_stratum (gconstpointer a,
                 gconstpointer b,
                 gpointer      data)
{
  const CsmQaCandidate *candidates = data;
  const char *x = candidates[*(const guint *) a].stratum;
  const char *y = candidates[*(const guint *) b].stratum;
  int order = g_strcmp0 (x != NULL ? x : "", y != NULL ? y : "");

  /* Within a stratum, the candidates' own order: the draw then depends on
   * the seed alone. */
  return order != 0 ? order : (*(const guint *) a > *(const guint *) b) -
                              (*(const guint *) a < *(const guint *) b);
}

static void
sample_stratified (GRand                  *rand,
                   guint                  *idx,
                   guint                   n,
                   guint                   k,
                   const CsmQaCandidate   *candidates,
                   const CsmQaRiskWeights *weights,
                   GPtrArray              *picks)
{
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree guint *share = NULL;
  g_autofree double *remainder = NULL;
  guint n_strata, given = 0;

  g_qsort_with_data (idx, n, sizeof (guint), compare_stratum, (gpointer) candidates);
  for (guint i = 0; i < n; i++)
    if (i == 0 || g_strcmp0 (candidates[idx[i]].stratum, candidates[idx[i - 1]].stratum) != 0)
      g_array_append_val (starts, i);
  n_strata = starts->len;
  g_array_append_val (starts, n);
  share = g_new0 (guint, n_strata);
  remainder = g_new0 (double, n_strata);
  for (guint s = 0; s < n_strata; s++)
    {
      guint size = g_array_index (starts, guint, s + 1) - g_array_index (starts, guint, s);
      double exact = (double) k * size / n;

      share[s] = (guint) floor (exact);
      remainder[s] = exact - share[s];
      given += share[s];
    }
  /* What the floors left, to the largest remainders (the first stratum on
   * a tie). */
  for (; given < k; given++)
    {
      guint best = 0;

      for (guint s = 1; s < n_strata; s++)
        if (remainder[s] > remainder[best])
          best = s;
      share[best]++;
      remainder[best] = -1;
    }
  for (guint s = 0; s < n_strata; s++)
    {
      guint start = g_array_index (starts, guint, s);
      guint size = g_array_index (starts, guint, s + 1) - start;

      shuffle_first (rand, idx + start, size, share[s]);
      for (guint i = 0; i < share[s]; i++)
        add_pick (picks, candidates, idx[start + i], (double) share[s] / size, weights);
    }
}

static void
sample_risk (GRand                  *rand,
             guint                  *idx,
             guint                   n,
             guint                   k,
             const CsmQaCandidate   *candidates,
             const CsmQaRiskWeights *weights,
             GPtrArray              *picks)
{
  g_autofree double *w = g_new (double, n);
  g_autofree double *p = g_new (double, n);
  g_autofree gboolean *certain = g_new0 (gboolean, n);
  guint n_certain = 0;
  gboolean capped;

  for (guint i = 0; i < n; i++)
    {
      CsmQaRisk risks = csm_qa_candidate_risks (&candidates[idx[i]], weights, NULL);

      w[i] = 1;
      for (guint r = 0; r < CSM_QA_N_RISKS; r++)
        if (risks & (1u << r))
          w[i] += MAX (weights->weight[r], 0);
    }
  /* k · w / Σ w, the ones over 1 certain, the rest sharing what is left. */
  do
    {
      double total = 0;

      capped = FALSE;
      for (guint i = 0; i < n; i++)
        if (!certain[i])
          total += w[i];
      for (guint i = 0; i < n; i++)
        {
          if (certain[i])
            continue;
          p[i] = (k - n_certain) * w[i] / total;
          if (p[i] >= 1)
            {
              certain[i] = TRUE;
              p[i] = 1;
              n_certain++;
              capped = TRUE;
            }
        }
    }
  while (capped && n_certain < k);
  for (guint i = 0; i < n; i++)
    if (certain[i])
      add_pick (picks, candidates, idx[i], 1, weights);
  /* Systematic over a random order: a start in [0, 1), then every 1; a
   * conversation is picked when the running sum of probabilities passes
   * the next mark, which happens with exactly its probability. */
  {
    g_autofree guint *order = g_new (guint, n);
    double cumulative = 0, mark = g_rand_double (rand);
    guint wanted = k - n_certain, taken = 0;

    for (guint i = 0; i < n; i++)
      order[i] = i;
    shuffle_first (rand, order, n, n);
    for (guint o = 0; o < n && taken < wanted; o++)
      {
        guint i = order[o];

        if (certain[i])
          continue;
        cumulative += p[i];
        if (cumulative > mark)
          {
            add_pick (picks, candidates, idx[i], p[i], weights);
            mark += 1;
            taken++;
          }
      }
  }
}

static int
compare_agent (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/**
 * csm_qa_sample:
 * @candidates: (array length=n_candidates): the conversations to sample
 *   from, every agent's
 * @quota: the picks each agent gets (all their conversations when they
 *   have fewer)
 * @weights: (nullable): the risk signals' weights and words
 *   (csm_qa_risk_weights_init() when %NULL)
 * @seed: the draw's seed
 *
 * Returns: (transfer full) (element-type CsmQaPick): the picks, agent by
 *   agent in name order
 */
GPtrArray *
csm_qa_sample (const CsmQaCandidate   *candidates,
               guint                   n_candidates,
               guint                   quota,
               CsmQaSampleMode         mode,
               const CsmQaRiskWeights *weights,
               guint32                 seed)
{
  return csm_qa_sample_with_extra (candidates, n_candidates, quota, NULL, mode, weights, seed);
}

/**
 * csm_qa_sample_with_extra:
 * @extra: (nullable) (element-type utf8 guint): agent → picks they get
 *   beyond @quota (an agent whose training awaits its after-measurement)
 *
 * As csm_qa_sample(), an agent's quota raised by their @extra; each pick's
 * probability is that of the larger draw.
 */
GPtrArray *
csm_qa_sample_with_extra (const CsmQaCandidate   *candidates,
                          guint                   n_candidates,
                          guint                   quota,
                          GHashTable             *extra,
                          CsmQaSampleMode         mode,
                          const CsmQaRiskWeights *weights,
                          guint32                 seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GHashTable) by_agent = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                          (GDestroyNotify) g_array_unref);
  g_autofree const char **agents = NULL;
  GPtrArray *picks = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_qa_pick_free);
  CsmQaRiskWeights defaults;
  guint n_agents;

  g_return_val_if_fail (candidates != NULL || n_candidates == 0, picks);

  if (weights == NULL)
    {
      csm_qa_risk_weights_init (&defaults);
      weights = &defaults;
    }
  for (guint i = 0; i < n_candidates; i++)
    {
      const char *agent = candidates[i].agent != NULL ? candidates[i].agent : "";
      GArray *mine = g_hash_table_lookup (by_agent, agent);

      if (mine == NULL)
        {
          mine = g_array_new (FALSE, FALSE, sizeof (guint));
          g_hash_table_insert (by_agent, (gpointer) agent, mine);
        }
      g_array_append_val (mine, i);
    }
  agents = (const char **) g_hash_table_get_keys_as_array (by_agent, &n_agents);
  qsort (agents, n_agents, sizeof (char *), compare_agent);
  for (guint a = 0; a < n_agents; a++)
    {
      GArray *mine = g_hash_table_lookup (by_agent, agents[a]);
      guint *idx = (guint *) mine->data;
      guint more = extra != NULL ? GPOINTER_TO_UINT (g_hash_table_lookup (extra, agents[a])) : 0;
      guint k = MIN (quota + more, mine->len);

      if (k == 0)
        continue;
      switch (mode)
        {
        case CSM_QA_SAMPLE_STRATIFIED:
          sample_stratified (rand, idx, mine->len, k, candidates, weights, picks);
          break;
        case CSM_QA_SAMPLE_RISK:
          sample_risk (rand, idx, mine->len, k, candidates, weights, picks);
          break;
        case CSM_QA_SAMPLE_RANDOM:
        default:
          sample_random (rand, idx, mine->len, k, candidates, weights, picks);
          break;
        }
    }
  return picks;
}
