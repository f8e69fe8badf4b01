/* csm-account.h: which helpdesk the console talks to, and as whom (never the secret itself).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "csm-types.h"

G_BEGIN_DECLS

#define CSM_TYPE_ACCOUNT (csm_account_get_type ())

G_DECLARE_FINAL_TYPE (CsmAccount, csm_account, CSM, ACCOUNT, GObject)

#define CSM_ACCOUNT_ERROR (csm_account_error_quark ())

typedef enum
{
  CSM_ACCOUNT_ERROR_INVALID_URL,
} CsmAccountError;

GQuark         csm_account_error_quark       (void);
char          *csm_account_normalize_url     (const char    *input,
                                              GError       **error);
CsmAccount    *csm_account_new               (const char    *provider,
                                              const char    *base_url,
                                              CsmAuthMethod  auth_method,
                                              const char    *username);
const char    *csm_account_get_id            (CsmAccount    *self);
const char    *csm_account_get_provider      (CsmAccount    *self);
const char    *csm_account_get_base_url      (CsmAccount    *self);
const char    *csm_account_get_host          (CsmAccount    *self);
CsmAuthMethod  csm_account_get_auth_method   (CsmAccount    *self);
const char    *csm_account_get_username      (CsmAccount    *self);
const char    *csm_account_get_agents_group  (CsmAccount    *self);
void           csm_account_set_agents_group  (CsmAccount    *self,
                                              const char    *group);
gboolean       csm_account_get_demo          (CsmAccount    *self);
void           csm_account_set_demo          (CsmAccount    *self,
                                              gboolean       demo);
char          *csm_account_dup_label         (CsmAccount    *self);
char          *csm_account_dup_web_url       (CsmAccount    *self,
                                              gint64         ticket_id);

G_END_DECLS
