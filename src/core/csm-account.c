/* csm-account.c: which helpdesk the console talks to, and as whom (never the secret itself).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-account"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "csm-account.h"

struct _CsmAccount
{
  GObject parent_instance;

  char *id;
  char *provider;
  char *base_url;
  char *host;
  CsmAuthMethod auth_method;
  char *username;
  char *agents_group;
  gboolean demo;
};

G_DEFINE_FINAL_TYPE (CsmAccount, csm_account, G_TYPE_OBJECT)
G_DEFINE_QUARK (csm-account-error-quark, csm_account_error)

static void
csm_account_finalize (GObject *object)
{
  CsmAccount *self = (CsmAccount *) object;

  g_free (self->id);
  g_free (self->provider);
  g_free (self->base_url);
  g_free (self->host);
  g_free (self->username);
  g_free (self->agents_group);

  G_OBJECT_CLASS (csm_account_parent_class)->finalize (object);
}

static void
csm_account_class_init (CsmAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = csm_account_finalize;
}

static void
csm_account_init (CsmAccount *self)
{
}

/**
 * csm_account_normalize_url:
 * @input: what the user typed: "rt.example.com", "https://rt.example.com/rt/",
 *   or a REST2 URL such as "https://rt.example.com/REST/2.0"
 *
 * Turns a helpdesk address into the console's canonical base URL: scheme,
 * host, optional port and path, no trailing slash, no REST2 suffix, no query.
 * A bare host name gets https.
 *
 * Returns: (transfer full) (nullable): the base URL, or %NULL with @error set
 */
char *
csm_account_normalize_url (const char  *input,
                           GError     **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *path = NULL;
  const char *scheme;
  gsize len;

  g_return_val_if_fail (input != NULL, NULL);

  text = g_strstrip (g_strdup (input));
  if (*text == '\0')
    {
      g_set_error (error, CSM_ACCOUNT_ERROR, CSM_ACCOUNT_ERROR_INVALID_URL,
                   _("Enter the address of the helpdesk."));
      return NULL;
    }
  if (strstr (text, "://") == NULL)
    {
      char *with_scheme = g_strconcat ("https://", text, NULL);
      g_free (text);
      text = with_scheme;
    }

  uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, CSM_ACCOUNT_ERROR, CSM_ACCOUNT_ERROR_INVALID_URL,
                   _("“%s” is not a web address."), input);
      return NULL;
    }
  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0)
    {
      g_set_error (error, CSM_ACCOUNT_ERROR, CSM_ACCOUNT_ERROR_INVALID_URL,
                   _("The address must start with https:// or http://."));
      return NULL;
    }
  if (g_uri_get_userinfo (uri) != NULL)
    {
      /* A password in the URL would end up in settings and logs. */
      g_set_error (error, CSM_ACCOUNT_ERROR, CSM_ACCOUNT_ERROR_INVALID_URL,
                   _("Do not put a user name or password in the address; enter them below."));
      return NULL;
    }

  path = g_strdup (g_uri_get_path (uri));
  len = strlen (path);
  while (len > 0 && path[len - 1] == '/')
    path[--len] = '\0';
  if (len >= 9 && g_ascii_strcasecmp (path + len - 9, "/REST/2.0") == 0)
    path[len - 9] = '\0';
  len = strlen (path);
  while (len > 0 && path[len - 1] == '/')
    path[--len] = '\0';

  {
    g_autofree char *lower_scheme = g_ascii_strdown (scheme, -1);
    g_autofree char *lower_host = g_ascii_strdown (g_uri_get_host (uri), -1);
    g_autoptr(GUri) clean = g_uri_build (G_URI_FLAGS_NONE, lower_scheme, NULL, lower_host,
                                         g_uri_get_port (uri), path, NULL, NULL);
    return g_uri_to_string (clean);
  }
}

/**
 * csm_account_new:
 * @provider: the provider id, e.g. "rt"
 * @base_url: a URL already passed through csm_account_normalize_url()
 * @auth_method: token or password
 * @username: (nullable): the helpdesk user, for password sign-in
 */
CsmAccount *
csm_account_new (const char    *provider,
                 const char    *base_url,
                 CsmAuthMethod  auth_method,
                 const char    *username)
{
  CsmAccount *self;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *key = NULL;
  g_autofree char *digest = NULL;

  g_return_val_if_fail (provider != NULL, NULL);
  g_return_val_if_fail (base_url != NULL, NULL);

  self = g_object_new (CSM_TYPE_ACCOUNT, NULL);
  self->provider = g_strdup (provider);
  self->base_url = g_strdup (base_url);
  self->auth_method = auth_method;
  self->username = (username && *username) ? g_strdup (username) : NULL;

  uri = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    self->host = g_strdup (base_url);
  else if (g_uri_get_port (uri) > 0)
    self->host = g_strdup_printf ("%s:%d", g_uri_get_host (uri), g_uri_get_port (uri));
  else
    self->host = g_strdup (g_uri_get_host (uri));

  /* Stable across runs, safe as a file name, and says nothing secret. */
  key = g_strdup_printf ("%s\n%s\n%s", provider, base_url, self->username ? self->username : "");
  digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, key, -1);
  self->id = g_strndup (digest, 16);

  return self;
}

const char *
csm_account_get_id (CsmAccount *self)
{
  g_return_val_if_fail (CSM_IS_ACCOUNT (self), NULL);
  return self->id;
}

const char *
csm_account_get_provider (CsmAccount *self)
{
  g_return_val_if_fail (CSM_IS_ACCOUNT (self), NULL);
  return self->provider;
}

const char *
csm_account_get_base_url (CsmAccount *self)
{
  g_return_val_if_fail (CSM_IS_ACCOUNT (self), NULL);
  return self->base_url;
}

const char *
csm_account_get_host (CsmAccount *self)
{
  g_return_val_if_fail (CSM_IS_ACCOUNT (self), NULL);
  return self->host;
}

CsmAuthMethod
csm_account_get_auth_method (CsmAccount *self)
{
  g_return_val_if_fail (CSM_IS_ACCOUNT (self), CSM_AUTH_TOKEN);
  return self->auth_method;
}

const char *
csm_account_get_username (CsmAccount *self)
{
  g_return_val_if_fail (CSM_IS_ACCOUNT (self), NULL);
  return self->username;
}

const char *
csm_account_get_agents_group (CsmAccount *self)
{
  g_return_val_if_fail (CSM_IS_ACCOUNT (self), NULL);
  return self->agents_group;
}

/**
 * csm_account_set_agents_group:
 * @group: (nullable): the helpdesk group whose members are the agents; %NULL
 *   or empty means all privileged users
 */
void
csm_account_set_agents_group (CsmAccount *self,
                              const char *group)
{
  g_return_if_fail (CSM_IS_ACCOUNT (self));

  g_free (self->agents_group);
  self->agents_group = (group && *group) ? g_strdup (group) : NULL;
}

gboolean
csm_account_get_demo (CsmAccount *self)
{
  g_return_val_if_fail (CSM_IS_ACCOUNT (self), FALSE);
  return self->demo;
}

void
csm_account_set_demo (CsmAccount *self,
                      gboolean    demo)
{
  g_return_if_fail (CSM_IS_ACCOUNT (self));
  self->demo = !!demo;
}

/**
 * csm_account_dup_label:
 *
 * Returns: (transfer full): how the header names the account: "alice @ rt.example.com"
 */
char *
csm_account_dup_label (CsmAccount *self)
{
  g_return_val_if_fail (CSM_IS_ACCOUNT (self), NULL);

  if (self->username != NULL)
    /* Translators: user name @ helpdesk host */
    return g_strdup_printf (_("%s @ %s"), self->username, self->host);
  return g_strdup (self->host);
}

/**
 * csm_account_dup_web_url:
 * @ticket_id: a ticket
 *
 * Returns: (transfer full): the ticket's page in the helpdesk's own web UI
 */
char *
csm_account_dup_web_url (CsmAccount *self,
                         gint64      ticket_id)
{
  g_return_val_if_fail (CSM_IS_ACCOUNT (self), NULL);
  return g_strdup_printf ("%s/Ticket/Display.html?id=%" G_GINT64_FORMAT, self->base_url, ticket_id);
}
