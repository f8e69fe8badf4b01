/* csm-provider-error.h: the one error domain every helpdesk failure maps to.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CSM_PROVIDER_ERROR (csm_provider_error_quark ())

typedef enum
{
  CSM_PROVIDER_ERROR_AUTH,          /* 401: wrong or missing credentials */
  CSM_PROVIDER_ERROR_FORBIDDEN,     /* 403: the user lacks a right */
  CSM_PROVIDER_ERROR_NOT_FOUND,     /* 404 */
  CSM_PROVIDER_ERROR_BAD_QUERY,     /* 400: the helpdesk rejected the query */
  CSM_PROVIDER_ERROR_RATE_LIMITED,  /* 429, with Retry-After */
  CSM_PROVIDER_ERROR_SERVER,        /* 5xx */
  CSM_PROVIDER_ERROR_NETWORK,       /* cannot connect, connection dropped */
  CSM_PROVIDER_ERROR_TIMEOUT,       /* no complete answer in time */
  CSM_PROVIDER_ERROR_BAD_RESPONSE,  /* malformed, truncated, huge, wrong types */
  CSM_PROVIDER_ERROR_TLS,           /* the certificate is not trusted */
  CSM_PROVIDER_ERROR_NOT_HELPDESK,  /* the server answers, but is not this helpdesk */
  CSM_PROVIDER_ERROR_REDIRECTED,    /* a redirect to another host; credentials not sent */
  CSM_PROVIDER_ERROR_REFUSED,       /* a write the helpdesk answered with an error message */
  CSM_PROVIDER_ERROR_UNLISTED,      /* the helpdesk does not list these: look them up one by one */
} CsmProviderError;

GQuark    csm_provider_error_quark            (void);
void      csm_provider_error_set_retry_after  (GError        *error,
                                               guint          seconds);
guint     csm_provider_error_get_retry_after  (const GError  *error);
gboolean  csm_provider_error_is_transient     (const GError  *error);

G_END_DECLS
