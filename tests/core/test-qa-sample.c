/* test-qa-sample.c: sampling conversations for review: quotas met, strata kept, each conversation picked as often as its stated probability, reasons, and an unbiased weighted IQS.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "csm-qa-margin.h"
#include "csm-qa-sample.h"

static const char * const agents[] = { "alice", "bob", "carol" };
static const char * const channels[] = { "chat", "email", "phone" };

/* 3 agents: alice 30 conversations, bob 12, carol 3; channels in the
 * proportions 3 : 2 : 1; some with risk signals. */
static GArray *
population (void)
{
  GArray *all = g_array_new (FALSE, TRUE, sizeof (CsmQaCandidate));
  static const guint sizes[] = { 30, 12, 3 };
  gint64 number = 1;

  for (guint a = 0; a < G_N_ELEMENTS (agents); a++)
    for (guint i = 0; i < sizes[a]; i++)
      {
        CsmQaCandidate c = { 0 };

        c.conversation = number++;
        c.agent = agents[a];
        c.stratum = channels[i % 6 < 3 ? 0 : i % 6 < 5 ? 1 : 2];
        c.csat = i % 7 == 0 ? 1 : 5;
        c.sla_breached = i % 5 == 0;
        c.handle_minutes = i % 4 == 0 ? 45 : 10;
        c.customer_text = i % 9 == 0 ? "This is UNACCEPTABLE, I want a refund!" : "Thanks.";
        g_array_append_val (all, c);
      }
  return all;
}

static guint
count_agent (GPtrArray            *picks,
             const CsmQaCandidate *candidates,
             const char           *agent)
{
  guint n = 0;

  for (guint i = 0; i < picks->len; i++)
    n += g_strcmp0 (candidates[((CsmQaPick *) picks->pdata[i])->candidate].agent, agent) == 0;
  return n;
}

/* Every mode: each agent gets min(quota, theirs), never the same
 * conversation twice, each with a probability in (0, 1]. */
static void
test_quotas (void)
{
  g_autoptr(GArray) all = population ();
  const CsmQaCandidate *c = (const CsmQaCandidate *) all->data;

  for (CsmQaSampleMode mode = CSM_QA_SAMPLE_RANDOM; mode <= CSM_QA_SAMPLE_RISK; mode++)
    for (guint32 seed = 1; seed <= 50; seed++)
      {
        g_autoptr(GPtrArray) picks = csm_qa_sample (c, all->len, 6, mode, NULL, seed);
        g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

        g_assert_cmpuint (count_agent (picks, c, "alice"), ==, 6);
        g_assert_cmpuint (count_agent (picks, c, "bob"), ==, 6);
        g_assert_cmpuint (count_agent (picks, c, "carol"), ==, 3);
        for (guint i = 0; i < picks->len; i++)
          {
            CsmQaPick *pick = picks->pdata[i];

            g_assert_true (g_hash_table_add (seen, GUINT_TO_POINTER (pick->candidate)));
            g_assert_cmpfloat (pick->probability, >, 0);
            g_assert_cmpfloat (pick->probability, <=, 1);
          }
      }
  /* The same seed, the same sample. */
  {
    g_autoptr(GPtrArray) a = csm_qa_sample (c, all->len, 6, CSM_QA_SAMPLE_RISK, NULL, 9);
    g_autoptr(GPtrArray) b = csm_qa_sample (c, all->len, 6, CSM_QA_SAMPLE_RISK, NULL, 9);

    g_assert_cmpuint (a->len, ==, b->len);
    for (guint i = 0; i < a->len; i++)
      g_assert_cmpuint (((CsmQaPick *) a->pdata[i])->candidate, ==,
                        ((CsmQaPick *) b->pdata[i])->candidate);
  }
}

/* Bob awaits the effect of a training, 4 reviews short: his quota of 6 is
 * 10, each at random with probability 10 / 12; Carol's extra finds only
 * her 3. */
static void
test_extra_for_training (void)
{
  g_autoptr(GArray) all = population ();
  const CsmQaCandidate *c = (const CsmQaCandidate *) all->data;
  g_autoptr(GHashTable) extra = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) picks = NULL;

  g_hash_table_insert (extra, (gpointer) "bob", GUINT_TO_POINTER (4));
  g_hash_table_insert (extra, (gpointer) "carol", GUINT_TO_POINTER (4));
  picks = csm_qa_sample_with_extra (c, all->len, 6, extra, CSM_QA_SAMPLE_RANDOM, NULL, 3);
  g_assert_cmpuint (count_agent (picks, c, "alice"), ==, 6);
  g_assert_cmpuint (count_agent (picks, c, "bob"), ==, 10);
  g_assert_cmpuint (count_agent (picks, c, "carol"), ==, 3);
  for (guint i = 0; i < picks->len; i++)
    {
      CsmQaPick *pick = picks->pdata[i];

      if (g_str_equal (c[pick->candidate].agent, "bob"))
        g_assert_cmpfloat_with_epsilon (pick->probability, 10.0 / 12, 1e-12);
      else if (g_str_equal (c[pick->candidate].agent, "alice"))
        g_assert_cmpfloat_with_epsilon (pick->probability, 6.0 / 30, 1e-12);
    }
}

/* Alice's 30: chat 15, email 10, phone 5; a quota of 6 is 3, 2 and 1, in
 * every draw; each conversation's probability is its stratum's share. */
static void
test_stratified (void)
{
  g_autoptr(GArray) all = population ();
  const CsmQaCandidate *c = (const CsmQaCandidate *) all->data;

  for (guint32 seed = 1; seed <= 200; seed++)
    {
      g_autoptr(GPtrArray) picks = csm_qa_sample (c, 30, 6, CSM_QA_SAMPLE_STRATIFIED, NULL,
                                                  seed);
      guint per[3] = { 0 };

      g_assert_cmpuint (picks->len, ==, 6);
      for (guint i = 0; i < picks->len; i++)
        {
          CsmQaPick *pick = picks->pdata[i];

          for (guint s = 0; s < 3; s++)
            if (g_strcmp0 (c[pick->candidate].stratum, channels[s]) == 0)
              {
                per[s]++;
                g_assert_cmpfloat_with_epsilon (pick->probability, 0.2, 1e-12);
              }
        }
      g_assert_cmpuint (per[0], ==, 3);
      g_assert_cmpuint (per[1], ==, 2);
      g_assert_cmpuint (per[2], ==, 1);
    }
}

/* Over many seeds, each conversation is picked as often as its stated
 * probability says (risk-weighted: the certain ones every time). */
static void
test_risk_frequencies (void)
{
  enum { SEEDS = 10000 };
  g_autoptr(GArray) all = population ();
  const CsmQaCandidate *c = (const CsmQaCandidate *) all->data;
  double counts[30] = { 0 }, probability[30] = { 0 };
  CsmQaRiskWeights weights;

  /* The words count as a signal; which ones, test_reasons () checks. */
  csm_qa_risk_weights_init (&weights);
  for (guint i = 0; i < 30; i++)
    if (c[i].customer_text != NULL && g_str_has_prefix (c[i].customer_text, "This"))
      ((CsmQaCandidate *) c)[i].sla_breached = TRUE;
  weights.words = NULL;
  for (guint32 seed = 1; seed <= SEEDS; seed++)
    {
      g_autoptr(GPtrArray) picks = csm_qa_sample (c, 30, 6, CSM_QA_SAMPLE_RISK, &weights,
                                                  seed);

      for (guint i = 0; i < picks->len; i++)
        {
          CsmQaPick *pick = picks->pdata[i];

          counts[pick->candidate]++;
          if (probability[pick->candidate] == 0)
            probability[pick->candidate] = pick->probability;
          g_assert_cmpfloat_with_epsilon (probability[pick->candidate], pick->probability, 1e-12);
        }
    }
  for (guint i = 0; i < 30; i++)
    {
      double p = probability[i], sd = sqrt (p * (1 - p) / SEEDS);

      g_assert_cmpfloat (p, >, 0);
      /* Within 4.5 standard errors of the stated probability. */
      if (fabs (counts[i] / SEEDS - p) > 4.5 * sd + 1e-12)
        g_error ("conversation %u: picked %.4f of the time, stated %.4f", i + 1,
                 counts[i] / SEEDS, p);
    }
}

/* Reasons: the signals a conversation has, and the words its customer
 * wrote, as listed (case and punctuation aside). */
static void
test_reasons (void)
{
  CsmQaRiskWeights weights;
  CsmQaCandidate c = { 0 };
  g_auto(GStrv) words = NULL;
  CsmQaRisk risks;

  csm_qa_risk_weights_init (&weights);
  c.agent = "dan";
  c.csat = 2;
  c.reopened = TRUE;
  c.handle_minutes = 31;
  c.customer_text = "Still broken?! This is URGENT. Refunding me would help; refund now.";
  risks = csm_qa_candidate_risks (&c, &weights, &words);
  g_assert_cmpuint (risks, ==, CSM_QA_RISK_LOW_CSAT | CSM_QA_RISK_REOPENED |
                               CSM_QA_RISK_LONG_HANDLE | CSM_QA_RISK_WORDS);
  /* Whole words: "refunding" is not "refund"; in the list's order. */
  g_assert_cmpuint (g_strv_length (words), ==, 2);
  g_assert_cmpstr (words[0], ==, "refund");
  g_assert_cmpstr (words[1], ==, "urgent");
  g_clear_pointer (&words, g_strfreev);

  c.csat = 3;
  c.reopened = FALSE;
  c.handle_minutes = 30;
  c.customer_text = "Thank you!";
  c.new_agent = TRUE;
  c.sla_breached = TRUE;
  risks = csm_qa_candidate_risks (&c, &weights, &words);
  g_assert_cmpuint (risks, ==, CSM_QA_RISK_NEW_AGENT | CSM_QA_RISK_SLA_BREACHED);
  g_assert_null (words);

  /* Edited weights: a heavier signal makes its conversations likelier. */
  {
    CsmQaCandidate two[2] = { { .conversation = 1, .agent = "e", .sla_breached = TRUE },
                              { .conversation = 2, .agent = "e" } };
    g_autoptr(GPtrArray) picks = NULL;

    weights.weight[1] = 3;   /* SLA breached: 1 + 3 against 1 */
    picks = csm_qa_sample (two, 2, 1, CSM_QA_SAMPLE_RISK, &weights, 5);
    g_assert_cmpuint (picks->len, ==, 1);
    g_assert_cmpfloat_with_epsilon (((CsmQaPick *) picks->pdata[0])->probability,
                                    ((CsmQaPick *) picks->pdata[0])->candidate == 0 ? 0.8 : 0.2,
                                    1e-12);
  }
}

/* A population whose true IQS is known, where risky conversations score
 * lower: risk-weighted samples' plain mean is tilted low (by about 9
 * points); weighted by the inverse of each pick's probability (the ratio,
 * Hájek, estimator: unbiased but for a term of order 1/n) it is within
 * 0.5 of the truth. */
static void
test_weighted_iqs_unbiased (void)
{
  enum { N = 400, SEEDS = 1000, QUOTA = 40 };
  g_autofree CsmQaCandidate *c = g_new0 (CsmQaCandidate, N);
  g_autofree double *score = g_new (double, N);
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  double truth = 0, weighted_sum = 0, plain_sum = 0;

  for (guint i = 0; i < N; i++)
    {
      c[i].conversation = i + 1;
      c[i].agent = "alice";
      c[i].sla_breached = g_rand_int_range (rand, 0, 4) == 0;
      c[i].csat = g_rand_int_range (rand, 0, 5) == 0 ? 1 : 5;
      score[i] = 90 - 25 * c[i].sla_breached - 20 * (c[i].csat == 1) +
                 g_rand_double_range (rand, -5, 5);
      truth += score[i] / N;
    }
  for (guint32 seed = 1; seed <= SEEDS; seed++)
    {
      g_autoptr(GPtrArray) picks = csm_qa_sample (c, N, QUOTA, CSM_QA_SAMPLE_RISK, NULL, seed);
      double x[QUOTA], p[QUOTA], mean, plain = 0;

      g_assert_cmpuint (picks->len, ==, QUOTA);
      for (guint i = 0; i < QUOTA; i++)
        {
          CsmQaPick *pick = picks->pdata[i];

          x[i] = score[pick->candidate];
          p[i] = pick->probability;
          plain += x[i] / QUOTA;
        }
      g_assert_true (csm_qa_weighted_mean (x, p, QUOTA, &mean));
      weighted_sum += mean;
      plain_sum += plain;
    }
  g_test_message ("true %.2f, weighted %.2f, plain %.2f", truth, weighted_sum / SEEDS,
                  plain_sum / SEEDS);
  g_assert_cmpfloat_with_epsilon (weighted_sum / SEEDS, truth, 0.5);
  g_assert_cmpfloat (truth - plain_sum / SEEDS, >, 5);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/qa/sample/quotas", test_quotas);
  g_test_add_func ("/qa/sample/stratified", test_stratified);
  g_test_add_func ("/qa/sample/extra-for-training", test_extra_for_training);
  g_test_add_func ("/qa/sample/risk-frequencies", test_risk_frequencies);
  g_test_add_func ("/qa/sample/reasons", test_reasons);
  g_test_add_func ("/qa/sample/weighted-iqs-unbiased", test_weighted_iqs_unbiased);
  return g_test_run ();
}
