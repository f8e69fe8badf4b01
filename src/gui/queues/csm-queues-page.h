/* csm-queues-page.h: every queue live, and the active tickets in a sortable, filterable list.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "csm-page.h"

G_BEGIN_DECLS

#define CSM_TYPE_QUEUES_PAGE (csm_queues_page_get_type ())

G_DECLARE_FINAL_TYPE (CsmQueuesPage, csm_queues_page, CSM, QUEUES_PAGE, CsmPage)

void          csm_queues_page_focus_search    (CsmQueuesPage *self);

/* For its cells (CsmTicketCell). */
typedef struct _CsmTicketCell CsmTicketCell;
void          csm_queues_page_add_live_cell   (CsmQueuesPage *self,
                                               CsmTicketCell *cell);
void          csm_queues_page_remove_live_cell (CsmQueuesPage *self,
                                                CsmTicketCell *cell);

/* For tests and the screenshot tooling. */
GListModel   *csm_queues_page_get_summaries   (CsmQueuesPage *self);
GListModel   *csm_queues_page_get_rows        (CsmQueuesPage *self);
GtkColumnView *csm_queues_page_get_column_view (CsmQueuesPage *self);
const char   *csm_queues_page_get_state_name  (CsmQueuesPage *self);
void          csm_queues_page_set_filter_text (CsmQueuesPage *self,
                                               const char    *text);
void          csm_queues_page_set_queue_filter (CsmQueuesPage *self,
                                                gint64        queue_id);

G_END_DECLS
