/* csm-staffing-page.h: how many agents each queue's live channels need now and for the rest of today, with a what-if; a ticket queue's burn-down.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "csm-page.h"
#include "csm-staffing-plan.h"

G_BEGIN_DECLS

#define CSM_TYPE_STAFFING_PAGE (csm_staffing_page_get_type ())

G_DECLARE_FINAL_TYPE (CsmStaffingPage, csm_staffing_page, CSM, STAFFING_PAGE, CsmPage)

GPtrArray *csm_staffing_page_get_rows          (CsmStaffingPage *self);
gint64     csm_staffing_page_get_compute_usec  (CsmStaffingPage *self);

G_END_DECLS
