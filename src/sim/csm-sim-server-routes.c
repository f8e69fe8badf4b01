/* csm-sim-server-routes.c: REST2's route table: which handler answers which method and path.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-sim-server"

#include "config.h"

#include <string.h>

#include "csm-sim-server-private.h"
#include "csm-sim-text.h"

typedef void (*RouteHandler) (CsmSimRequest          *r,
                              const CsmSimRouteMatch *match);

typedef struct
{
  const char *methods;     /* as the Allow header of a 405 lists them */
  const char *pattern;     /* literal segments, ":id" (digits) or "*" (any one) */
  RouteHandler handler;
  gboolean conditional;    /* no Last-Modified: a past If-Modified-Since is a 304 */
} Route;

/* REST2's resources, as RT 5.0.3 dispatches them. */
static const Route routes[] = {
  { "GET, HEAD",                    "rt",                    csm_sim_serve_rt,            TRUE },
  { "GET, HEAD, POST",              "tickets",               csm_sim_serve_tickets,       TRUE },
  { "POST",                         "ticket",                csm_sim_serve_ticket_create, FALSE },
  { "GET, HEAD, DELETE, PUT, POST", "ticket/:id",            csm_sim_serve_ticket,        FALSE },
  { "GET, HEAD, POST",              "ticket/:id/history",    csm_sim_serve_history,       TRUE },
  { "GET, HEAD",                    "ticket/:id/attachments", csm_sim_serve_attachments,  TRUE },
  { "POST",                         "ticket/:id/correspond", csm_sim_serve_message,       FALSE },
  { "POST",                         "ticket/:id/comment",    csm_sim_serve_message,       FALSE },
  { "PUT",                          "ticket/:id/take",       csm_sim_serve_owner_action,  FALSE },
  { "PUT",                          "ticket/:id/untake",     csm_sim_serve_owner_action,  FALSE },
  { "PUT",                          "ticket/:id/steal",      csm_sim_serve_owner_action,  FALSE },
  { "GET, HEAD, POST",              "transactions",          csm_sim_serve_transactions,  TRUE },
  { "GET, HEAD",                    "transaction/:id",       csm_sim_serve_transaction,   FALSE },
  { "GET, POST",                    "queues",                csm_sim_serve_queues,        TRUE },
  { "GET, POST",                    "queues/all",            csm_sim_serve_queues,        TRUE },
  { "GET, HEAD",                    "queue/*",               csm_sim_serve_queue,         FALSE },
  { "GET, POST",                    "users",                 csm_sim_serve_users,         TRUE },
  { "GET, HEAD",                    "user/*",                csm_sim_serve_user,          FALSE },
  { "GET, HEAD",                    "user/*/groups",         csm_sim_serve_user_groups,   TRUE },
  { "GET, POST",                    "groups",                csm_sim_serve_groups,        TRUE },
  { "GET, HEAD",                    "group/:id",             csm_sim_serve_group,         FALSE },
  { "GET, HEAD",                    "group/:id/members",     csm_sim_serve_group_members, TRUE },
  { "GET, POST",                    "customfields",          csm_sim_serve_custom_fields, TRUE },
  { "GET, HEAD",                    "customfield/:id",       csm_sim_serve_custom_field,  FALSE },
};

static gboolean
method_is (CsmSimRequest *r,
           const char    *methods)
{
  g_auto(GStrv) list = g_strsplit (methods, ", ", -1);

  for (guint i = 0; list[i] != NULL; i++)
    if (strcmp (list[i], r->method) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
parse_id (const char *text,
          gint64     *id)
{
  if (!csm_sim_is_digits (text) || strlen (text) > 18)
    return FALSE;
  *id = g_ascii_strtoll (text, NULL, 10);
  return TRUE;
}

static gboolean
route_matches (const Route      *route,
               CsmSimRouteMatch *match)
{
  const char *p = route->pattern;

  for (guint i = 0; i < match->n_segments; i++)
    {
      const char *end;
      gsize length;

      if (p == NULL)
        return FALSE;
      end = strchr (p, '/');
      length = end != NULL ? (gsize) (end - p) : strlen (p);
      if (length == 3 && strncmp (p, ":id", 3) == 0)
        {
          if (!parse_id (match->segments[i], &match->id))
            return FALSE;
        }
      else if (!(length == 1 && *p == '*') &&
               !(strlen (match->segments[i]) == length &&
                 strncmp (p, match->segments[i], length) == 0))
        return FALSE;
      p = end != NULL ? end + 1 : NULL;
    }
  return p == NULL;
}

void
csm_sim_route (CsmSimRequest *r)
{
  g_auto(GStrv) segments = NULL;
  const char *route_path = r->route;
  gsize len = strlen (route_path);
  g_autofree char *trimmed = NULL;
  CsmSimRouteMatch match = { 0, };

  /* REST2's regexes allow one trailing slash on most paths. */
  trimmed = (len > 1 && route_path[len - 1] == '/') ? g_strndup (route_path, len - 1)
                                                     : g_strdup (route_path);
  segments = g_strsplit (trimmed[0] == '/' ? trimmed + 1 : trimmed, "/", -1);
  match.segments = segments;
  match.n_segments = g_strv_length (segments);

  for (guint i = 0; i < match.n_segments; i++)
    {
      char *decoded = g_uri_unescape_string (segments[i], NULL);

      if (decoded != NULL)
        {
          g_free (segments[i]);
          segments[i] = decoded;
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    {
      if (!route_matches (&routes[i], &match))
        continue;
      if (!method_is (r, routes[i].methods))
        csm_sim_respond_method_not_allowed (r, routes[i].methods);
      else if (!routes[i].conditional || !csm_sim_request_check_not_modified (r))
        routes[i].handler (r, &match);
      return;
    }

  csm_sim_respond_error (r, SOUP_STATUS_NOT_FOUND, "Not Found");
}
