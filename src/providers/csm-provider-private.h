/* csm-provider-private.h: what provider subclasses share with the base class.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "csm-http-client.h"
#include "csm-provider.h"

G_BEGIN_DECLS

void           _csm_provider_set_http_client  (CsmProvider   *self,
                                               CsmHttpClient *http);
CsmHttpClient *_csm_provider_get_http_client  (CsmProvider   *self);

G_END_DECLS
