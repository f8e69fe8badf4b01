/* csm-rt-provider.h: Request Tracker 5 through its REST2 API.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "csm-provider.h"

G_BEGIN_DECLS

#define CSM_TYPE_RT_PROVIDER (csm_rt_provider_get_type ())

G_DECLARE_FINAL_TYPE (CsmRtProvider, csm_rt_provider, CSM, RT_PROVIDER, CsmProvider)

CsmRtProvider *csm_rt_provider_new              (CsmAccount    *account,
                                                 const char    *secret);
void           csm_rt_provider_set_timeout      (CsmRtProvider *self,
                                                 guint          seconds);
void           csm_rt_provider_set_max_body     (CsmRtProvider *self,
                                                 gsize          max_bytes);
void           csm_rt_provider_set_tls_database (CsmRtProvider *self,
                                                 GTlsDatabase  *database);
char          *csm_rt_provider_build_ticket_query (const CsmTicketQuery *query);

G_END_DECLS
