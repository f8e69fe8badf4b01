/* csm-qa-scorecard.h: a QA scorecard: weighted categories on 2- to 5-point scales, versioned, as JSON.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define CSM_QA_ERROR (csm_qa_error_quark ())

/**
 * CsmQaError:
 * @CSM_QA_ERROR_INVALID: a scorecard or review that breaks a rule; the
 *   message names the row, the field and the rule
 * @CSM_QA_ERROR_CONFLICT: someone else changed it first
 * @CSM_QA_ERROR_NOT_FOUND: no such scorecard, version or review
 */
typedef enum
{
  CSM_QA_ERROR_INVALID,
  CSM_QA_ERROR_CONFLICT,
  CSM_QA_ERROR_NOT_FOUND,
} CsmQaError;

/* A rating's value where the category was not applicable, and where it
 * is not rated yet (a draft). */
#define CSM_QA_NA 0
#define CSM_QA_UNRATED (-1)

#define CSM_QA_MIN_SCALE 2
#define CSM_QA_MAX_SCALE 5

/**
 * CsmQaCategory:
 * @name: unique within its scorecard
 * @weight: 0–100; a category of weight 0 is rated but does not count
 * @scale: the number of points: 2 (binary), 3, 4 or 5; ratings run 1…@scale
 * @na_allowed: whether the reviewer may say "not applicable"
 * @critical: under 50 % here makes the whole review 0
 * @guidance: (array length=scale) (nullable elements): what each rating
 *   means, guidance[rating − 1]
 */
typedef struct
{
  char *name;
  int weight;
  int scale;
  gboolean na_allowed;
  gboolean critical;
  char **guidance;
} CsmQaCategory;

typedef struct _CsmQaScorecard CsmQaScorecard;

#define CSM_TYPE_QA_SCORECARD (csm_qa_scorecard_get_type ())

GQuark                csm_qa_error_quark               (void);
GType                 csm_qa_scorecard_get_type        (void) G_GNUC_CONST;

CsmQaScorecard       *csm_qa_scorecard_new             (const char            *name,
                                                        int                    version,
                                                        const CsmQaCategory   *categories,
                                                        guint                  n_categories,
                                                        GError               **error);
CsmQaScorecard       *csm_qa_scorecard_new_default     (void);
CsmQaScorecard       *csm_qa_scorecard_new_from_json   (const char            *json,
                                                        GError               **error);
CsmQaScorecard       *csm_qa_scorecard_new_from_node   (JsonNode              *node,
                                                        GError               **error);
CsmQaScorecard       *csm_qa_scorecard_copy_as_version (CsmQaScorecard        *self,
                                                        int                    version);
char                 *csm_qa_scorecard_to_json         (CsmQaScorecard        *self);
CsmQaScorecard       *csm_qa_scorecard_ref             (CsmQaScorecard        *self);
void                  csm_qa_scorecard_unref           (CsmQaScorecard        *self);

const char           *csm_qa_scorecard_get_name        (CsmQaScorecard        *self);
int                   csm_qa_scorecard_get_version     (CsmQaScorecard        *self);
guint                 csm_qa_scorecard_get_n_categories (CsmQaScorecard       *self);
const CsmQaCategory  *csm_qa_scorecard_get_category    (CsmQaScorecard        *self,
                                                        guint                  i);
int                   csm_qa_scorecard_lookup          (CsmQaScorecard        *self,
                                                        const char            *category);
gboolean              csm_qa_scorecard_same_content    (CsmQaScorecard        *a,
                                                        CsmQaScorecard        *b);

double                csm_qa_category_score            (int                    rating,
                                                        int                    scale);
double                csm_qa_round1                    (double                 value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsmQaScorecard, csm_qa_scorecard_unref)

G_END_DECLS
