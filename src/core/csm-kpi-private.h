/* csm-kpi-private.h: what the KPI engine's files share: a ticket's facts and the requestor index.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "csm-kpi.h"

G_BEGIN_DECLS

#define CSM_KPI_NO_ANSWER (-1)

/* One ticket, as the engine reads it. The strings live in the facts'
 * string chunk, one copy each, so equal strings are equal pointers. */
typedef struct
{
  gint64 id;
  gint64 created;
  gint64 first_response;     /* CSM_TIME_UNSET: no agent reply yet */
  gint64 resolved;           /* CSM_TIME_UNSET: never resolved */
  gint64 response_deadline;  /* 0: no described SLA level */
  gint64 time_worked;        /* minutes */
  guint agent_replies;
  gint8 csat;                /* CSM_KPI_NO_ANSWER or 1–5 */
  gint8 nps;                 /* … or 0–10 */
  gint8 ces;                 /* … or 1–7 */
  guint8 resolved_now : 1;
  const char *status;
  const char *queue;
  const char *owner;         /* "Nobody" when unowned */
  const char *channel;       /* "" when unset */
  guint requestors_start;    /* into CsmKpiFacts.requestors */
  guint requestors_len;
} CsmKpiFact;

struct _CsmKpiFacts
{
  gatomicrefcount ref_count;
  GArray *facts;             /* (element-type CsmKpiFact) */
  GPtrArray *requestors;     /* case-folded addresses, strings in @strings */
  GStringChunk *strings;
  guint with_field[4];       /* tickets with a CSAT, NPS, CES answer, a channel */
};

/* A ticket's activity, classified once: whether it was active before its
 * first status change, then one step a change. */
typedef struct
{
  gint64 at;
  guint8 active : 1;
  guint8 resolved : 1;
} CsmKpiStep;

typedef struct
{
  guint start;               /* into CsmKpiPrepared.steps */
  guint len;
  gboolean active_before;
  gboolean resolved_before;
  gboolean reopened;
} CsmKpiTimeline;

/* The facts with their histories looked up and classified, for the
 * passes of one report. */
typedef struct
{
  const CsmKpiFacts *facts;
  CsmKpiTimeline *timelines; /* one a fact, in the facts' order */
  GArray *steps;             /* (element-type CsmKpiStep) */
} CsmKpiPrepared;

CsmKpiPrepared *_csm_kpi_prepare         (const CsmKpiFacts    *facts,
                                          GHashTable           *histories);
void        _csm_kpi_prepared_free      (CsmKpiPrepared      *prepared);
GPtrArray  *_csm_kpi_compute_prepared   (const CsmKpiPrepared *prepared,
                                         const CsmKpiOptions  *options,
                                         const gint64         *bounds,
                                         guint                 n_bounds,
                                         gint64                now);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsmKpiPrepared, _csm_kpi_prepared_free)

GHashTable *_csm_kpi_requestor_index    (const CsmKpiFacts   *facts);
gboolean    _csm_kpi_contacted_again    (const CsmKpiFacts   *facts,
                                         const CsmKpiFact    *fact,
                                         gint64               resolved,
                                         GHashTable          *index,
                                         gint64               window);
gboolean    _csm_kpi_is_resolved        (const char          *status);

G_END_DECLS
