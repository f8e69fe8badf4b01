/* csm-provider-error.c: the one error domain every helpdesk failure maps to.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-provider-error"

#include "config.h"

#include "csm-provider-error.h"

typedef struct
{
  guint retry_after;
} CsmProviderErrorPrivate;

static void
csm_provider_error_private_init (CsmProviderErrorPrivate *priv)
{
  priv->retry_after = 0;
}

static void
csm_provider_error_private_copy (const CsmProviderErrorPrivate *src,
                                 CsmProviderErrorPrivate       *dest)
{
  dest->retry_after = src->retry_after;
}

static void
csm_provider_error_private_clear (CsmProviderErrorPrivate *priv)
{
}

G_DEFINE_EXTENDED_ERROR (CsmProviderError, csm_provider_error)

/**
 * csm_provider_error_set_retry_after:
 * @error: a %CSM_PROVIDER_ERROR_RATE_LIMITED (or server) error
 * @seconds: how long the helpdesk asked the console to wait
 */
void
csm_provider_error_set_retry_after (GError *error,
                                    guint   seconds)
{
  CsmProviderErrorPrivate *priv;

  g_return_if_fail (error != NULL);

  priv = csm_provider_error_get_private (error);
  if (priv != NULL)
    priv->retry_after = seconds;
}

/**
 * csm_provider_error_get_retry_after:
 *
 * Returns: the wait the helpdesk asked for in seconds, or 0 when it named none
 */
guint
csm_provider_error_get_retry_after (const GError *error)
{
  CsmProviderErrorPrivate *priv;

  g_return_val_if_fail (error != NULL, 0);

  priv = csm_provider_error_get_private (error);
  return priv ? priv->retry_after : 0;
}

/**
 * csm_provider_error_is_transient:
 *
 * Returns: %TRUE for failures that retrying later may cure (network, timeout,
 *   rate limit, server errors); %FALSE for those that need the user
 */
gboolean
csm_provider_error_is_transient (const GError *error)
{
  if (error == NULL || error->domain != CSM_PROVIDER_ERROR)
    return FALSE;
  switch ((CsmProviderError) error->code)
    {
    case CSM_PROVIDER_ERROR_RATE_LIMITED:
    case CSM_PROVIDER_ERROR_SERVER:
    case CSM_PROVIDER_ERROR_NETWORK:
    case CSM_PROVIDER_ERROR_TIMEOUT:
    case CSM_PROVIDER_ERROR_BAD_RESPONSE:
      return TRUE;
    case CSM_PROVIDER_ERROR_AUTH:
    case CSM_PROVIDER_ERROR_FORBIDDEN:
    case CSM_PROVIDER_ERROR_NOT_FOUND:
    case CSM_PROVIDER_ERROR_BAD_QUERY:
    case CSM_PROVIDER_ERROR_TLS:
    case CSM_PROVIDER_ERROR_NOT_HELPDESK:
    case CSM_PROVIDER_ERROR_REDIRECTED:
    case CSM_PROVIDER_ERROR_REFUSED:
    case CSM_PROVIDER_ERROR_UNLISTED:
    default:
      return FALSE;
    }
}
