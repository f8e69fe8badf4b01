/* csm-ticket-filter.h: which tickets a list shows, and in what order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "csm-types.h"

G_BEGIN_DECLS

/**
 * CsmTicketFilterSpec:
 * @active_only: hide resolved, rejected and deleted tickets
 * @queue_id: only this queue (0: any)
 * @status: only this status (%NULL: any)
 * @owner: only this owner's tickets (%NULL: anyone; "" : unowned only)
 * @text: words that must all appear in the subject, the requestor, the
 *   queue or owner name, or match "#id" / the id (%NULL or empty: no text)
 */
typedef struct
{
  gboolean active_only;
  gint64 queue_id;
  char *status;
  char *owner;
  char *text;
  /* private: casefolded words of @text */
  GStrv words;
} CsmTicketFilterSpec;

void      csm_ticket_filter_spec_set_text  (CsmTicketFilterSpec *spec,
                                            const char          *text);
void      csm_ticket_filter_spec_clear     (CsmTicketFilterSpec *spec);
gboolean  csm_ticket_filter_matches        (const CsmTicketFilterSpec *spec,
                                            CsmTicket           *ticket);
int       csm_ticket_compare               (CsmTicket           *a,
                                            CsmTicket           *b,
                                            CsmTicketColumn      column);
gboolean  csm_ticket_column_from_string    (const char          *name,
                                            CsmTicketColumn     *out_column);
const char *csm_ticket_column_to_string    (CsmTicketColumn      column);

G_END_DECLS
