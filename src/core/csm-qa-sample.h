/* csm-qa-sample.h: which conversations get reviewed: per-agent quotas, random, stratified or risk-weighted, each pick with its probability and its reasons.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * CsmQaSampleMode:
 * @CSM_QA_SAMPLE_RANDOM: every conversation of the agent equally likely
 * @CSM_QA_SAMPLE_STRATIFIED: the quota shared among the agent's strata
 *   (channels or queues) in proportion to their conversations
 * @CSM_QA_SAMPLE_RISK: likelier the more risk signals a conversation has
 */
typedef enum
{
  CSM_QA_SAMPLE_RANDOM,
  CSM_QA_SAMPLE_STRATIFIED,
  CSM_QA_SAMPLE_RISK,
} CsmQaSampleMode;

/**
 * CsmQaRisk:
 * @CSM_QA_RISK_LOW_CSAT: the customer answered CSAT 1 or 2
 * @CSM_QA_RISK_SLA_BREACHED: a deadline was missed
 * @CSM_QA_RISK_REOPENED: resolved, then opened again
 * @CSM_QA_RISK_LONG_HANDLE: time worked beyond the threshold
 * @CSM_QA_RISK_NEW_AGENT: the agent is new
 * @CSM_QA_RISK_WORDS: the customer wrote words of frustration or urgency
 */
typedef enum
{
  CSM_QA_RISK_LOW_CSAT = 1 << 0,
  CSM_QA_RISK_SLA_BREACHED = 1 << 1,
  CSM_QA_RISK_REOPENED = 1 << 2,
  CSM_QA_RISK_LONG_HANDLE = 1 << 3,
  CSM_QA_RISK_NEW_AGENT = 1 << 4,
  CSM_QA_RISK_WORDS = 1 << 5,
} CsmQaRisk;

#define CSM_QA_N_RISKS 6

/**
 * CsmQaCandidate:
 * @conversation: its number
 * @agent: who handled it
 * @stratum: (nullable): its channel or queue, for stratified sampling
 * @csat: the customer's CSAT answer 1–5, 0 for none
 * @sla_breached: a deadline was missed
 * @reopened: it was reopened
 * @handle_minutes: time worked on it
 * @new_agent: its agent is new
 * @customer_text: (nullable): what the customer wrote, for the word list
 */
typedef struct
{
  gint64 conversation;
  const char *agent;
  const char *stratum;
  int csat;
  gboolean sla_breached;
  gboolean reopened;
  double handle_minutes;
  gboolean new_agent;
  const char *customer_text;
} CsmQaCandidate;

/**
 * CsmQaRiskWeights:
 * @weight: (array fixed-size=6): what each #CsmQaRisk adds to a
 *   conversation's weight, in the order of the flags (a conversation with
 *   none weighs 1)
 * @long_handle_minutes: beyond this, a handle time is long
 * @words: (nullable) (array zero-terminated=1): words of frustration or
 *   urgency, matched whole and without regard to case
 */
typedef struct
{
  double weight[CSM_QA_N_RISKS];
  double long_handle_minutes;
  const char * const *words;
} CsmQaRiskWeights;

/**
 * CsmQaPick:
 * @candidate: the picked candidate's index
 * @probability: the chance it had of being picked (its inverse is its
 *   weight in an unbiased IQS)
 * @risks: the risk signals it has (risk-weighted sampling)
 * @words: (array zero-terminated=1) (nullable): the listed words its
 *   customer wrote
 */
typedef struct
{
  guint candidate;
  double probability;
  CsmQaRisk risks;
  char **words;
} CsmQaPick;

void        csm_qa_pick_free        (CsmQaPick              *pick);
void        csm_qa_risk_weights_init (CsmQaRiskWeights      *weights);
CsmQaRisk   csm_qa_candidate_risks  (const CsmQaCandidate   *candidate,
                                     const CsmQaRiskWeights *weights,
                                     char                 ***words);
GPtrArray  *csm_qa_sample           (const CsmQaCandidate   *candidates,
                                     guint                   n_candidates,
                                     guint                   quota,
                                     CsmQaSampleMode         mode,
                                     const CsmQaRiskWeights *weights,
                                     guint32                 seed);

GPtrArray  *csm_qa_sample_with_extra (const CsmQaCandidate   *candidates,
                                      guint                   n_candidates,
                                      guint                   quota,
                                      GHashTable             *extra,
                                      CsmQaSampleMode         mode,
                                      const CsmQaRiskWeights *weights,
                                      guint32                 seed);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsmQaPick, csm_qa_pick_free)

G_END_DECLS
