/* csm-test-tickets.h: tickets made by hand for known-answer tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "csm-kpi.h"
#include "csm-ticket.h"

G_BEGIN_DECLS

CsmTicket *csm_test_ticket_new     (gint64      id,
                                    gint64      queue_id,
                                    const char *queue,
                                    const char *status,
                                    const char *owner,
                                    gint64      created);
GPtrArray *csm_test_tickets_sample (gint64      now);

gint64     csm_test_at             (const char *iso);
void       csm_test_assert_kpi     (CsmKpiValue  value,
                                    double       expected,
                                    const char  *what);
void       csm_test_assert_no_kpi  (CsmKpiValue  value,
                                    const char  *what);
int        csm_test_compare_ids    (gconstpointer a,
                                    gconstpointer b);

G_END_DECLS
