/* csm-sim-server-records.c: single records as REST2 serves them, /rt and tickets to CFs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-sim-server"

#include "config.h"

#define RT_VERSION "5.0.3+dfsg-3~deb12u7"
#define OCFV "objectcustomfieldvalue"

#include <string.h>

#include "csm-sim-rights.h"
#include "csm-sim-server-private.h"

void
csm_sim_serve_rt (CsmSimRequest          *r,
                  const CsmSimRouteMatch *match)
{
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, "Version", RT_VERSION);
  json_object_set_array_member (o, "Plugins", json_array_new ());
  csm_sim_respond_json (r, SOUP_STATUS_OK, csm_sim_json_object (o), TRUE);
}

/* ETag of a ticket: the newest transaction this user may see. */
gint64
csm_sim_ticket_etag (CsmSimRequest      *r,
                     const CsmSimTicket *ticket)
{
  for (guint i = ticket->txns->len; i > 0; i--)
    {
      const CsmSimTransaction *x =
        csm_sim_world_get_transaction_at (r->world, g_array_index (ticket->txns, guint, i - 1));

      if (csm_sim_rights_can_see_transaction (r->world, r->user->id, x))
        return x->id;
    }
  return 0;
}

static JsonNode *
ticket_record (CsmSimRequest      *r,
               const CsmSimTicket *t)
{
  JsonObject *o = json_object_new ();
  static const char *const prefix = "fields";

  json_object_set_int_member (o, "id", t->id);
  json_object_set_member (o, "EffectiveId",
                          csm_sim_json_object (csm_sim_json_uid_int (r, "ticket", t->id)));
  json_object_set_member (o, "Queue", csm_sim_json_queue (r, t->queue, "Queue", prefix));
  json_object_set_member (o, "Owner", csm_sim_json_user (r, t->owner, "Owner", prefix));
  json_object_set_member (o, "Creator", csm_sim_json_user (r, t->creator, "Creator", prefix));
  json_object_set_member (o, "LastUpdatedBy",
                          csm_sim_json_user (r, t->last_updated_by, "LastUpdatedBy", prefix));
  json_object_set_string_member (o, "Subject", t->subject);
  json_object_set_string_member (o, "Status", t->status);
  json_object_set_string_member (o, "Type", t->type);
  if (t->sla != NULL)
    json_object_set_string_member (o, "SLA", t->sla);
  json_object_set_member (o, "Priority", csm_sim_json_int_string (t->priority));
  json_object_set_member (o, "InitialPriority", csm_sim_json_int_string (t->initial_priority));
  json_object_set_member (o, "FinalPriority", csm_sim_json_int_string (t->final_priority));
  json_object_set_member (o, "TimeEstimated", csm_sim_json_int_string (t->time_estimated));
  json_object_set_member (o, "TimeWorked", csm_sim_json_int_string (t->time_worked));
  json_object_set_member (o, "TimeLeft", csm_sim_json_int_string (t->time_left));
  json_object_set_member (o, "Created", csm_sim_json_date (t->created));
  json_object_set_member (o, "LastUpdated", csm_sim_json_date (t->last_updated));
  json_object_set_member (o, "Starts", csm_sim_json_date (t->starts));
  json_object_set_member (o, "Started", csm_sim_json_date (t->started));
  json_object_set_member (o, "Due", csm_sim_json_date (t->due));
  json_object_set_member (o, "Resolved", csm_sim_json_date (t->resolved));
  /* Told is NULL until someone tells the requestor: Serialize drops it. */
  if (t->told != 0)
    json_object_set_member (o, "Told", csm_sim_json_date (t->told));
  json_object_set_member (o, "Requestor",
                          csm_sim_json_role_members (r, t->requestors, NULL, prefix));
  json_object_set_member (o, "Cc", csm_sim_json_role_members (r, t->cc, NULL, prefix));
  json_object_set_member (o, "AdminCc", csm_sim_json_role_members (r, t->admincc, NULL, prefix));
  json_object_set_member (o, "CustomFields",
                          csm_sim_json_ticket_custom_fields (r, t, prefix, FALSE));
  json_object_set_member (o, "_hyperlinks", csm_sim_json_ticket_hyperlinks (r, t));
  return csm_sim_json_object (o);
}

static JsonNode *
self_link (CsmSimRequest *r,
           const char    *type,
           gint64         id,
           JsonArray     *links)
{
  JsonObject *o = json_object_new ();
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_autofree char *url = csm_sim_request_url (r, type, text);

  json_object_set_string_member (o, "ref", "self");
  json_object_set_string_member (o, "type", type);
  json_object_set_int_member (o, "id", id);
  json_object_set_string_member (o, "_url", url);
  json_array_add_object_element (links, o);
  return NULL;
}

static void
add_link (JsonArray  *links,
          const char *ref,
          const char *url,
          const char *type)
{
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, "ref", ref);
  if (type != NULL)
    json_object_set_string_member (o, "type", type);
  json_object_set_string_member (o, "_url", url);
  json_array_add_object_element (links, o);
}

static JsonNode *
transaction_record (CsmSimRequest           *r,
                    const CsmSimTransaction *x)
{
  JsonObject *o = json_object_new ();
  JsonArray *links = json_array_new ();
  static const char *const prefix = "fields";
  gboolean cf = g_strcmp0 (x->type, "CustomField") == 0;

  json_object_set_int_member (o, "id", x->id);
  json_object_set_string_member (o, "Type", x->type);
  json_object_set_member (o, "Created", csm_sim_json_date (x->created));
  json_object_set_member (o, "Creator", csm_sim_json_user (r, x->creator, "Creator", prefix));
  json_object_set_member (o, "TimeTaken", csm_sim_json_int_string (x->time_taken));
  json_object_set_member (o, "Object",
                          csm_sim_json_object (csm_sim_json_uid_int (r, "ticket", x->object_id)));
  if (cf)
    {
      /* A CustomField transaction serializes its CF and value references. */
      if (x->field != NULL)
        json_object_set_member (o, "Field",
                                csm_sim_json_object (csm_sim_json_uid (r, "customfield",
                                                                       x->field)));
      if (x->old_reference || x->new_reference)
        json_object_set_string_member (o, "ReferenceType", "RT::ObjectCustomFieldValue");
      if (x->old_reference)
        json_object_set_member (o, "OldReference",
                                csm_sim_json_object (csm_sim_json_uid_int (r, OCFV,
                                                                           x->old_reference)));
      if (x->new_reference)
        json_object_set_member (o, "NewReference",
                                csm_sim_json_object (csm_sim_json_uid_int (r, OCFV,
                                                                           x->new_reference)));
    }
  else
    {
      if (x->field != NULL)
        json_object_set_string_member (o, "Field", x->field);
      if (x->old_value != NULL)
        json_object_set_string_member (o, "OldValue", x->old_value);
      if (x->new_value != NULL)
        json_object_set_string_member (o, "NewValue", x->new_value);
    }
  if (x->data != NULL)
    json_object_set_string_member (o, "Data", x->data);

  self_link (r, "transaction", x->id, links);
  json_object_set_array_member (o, "_hyperlinks", links);
  return csm_sim_json_object (o);
}

static JsonNode *
queue_record (CsmSimRequest     *r,
              const CsmSimQueue *q)
{
  JsonObject *o = json_object_new ();
  JsonArray *links = json_array_new ();
  JsonArray *cfs = json_array_new ();
  GPtrArray *all_cfs = csm_sim_world_get_custom_fields (r->world);
  gboolean see_cfs = csm_sim_rights_has (r->user, CSM_SIM_RIGHT_SEE_CUSTOM_FIELD);
  g_autofree char *history = NULL;
  g_autofree char *create = NULL;

  json_object_set_int_member (o, "id", q->id);
  json_object_set_string_member (o, "Name", q->name);
  json_object_set_string_member (o, "Description", q->description);
  json_object_set_string_member (o, "CorrespondAddress", q->correspond_address);
  json_object_set_string_member (o, "CommentAddress", q->comment_address);
  json_object_set_string_member (o, "Lifecycle", csm_sim_queue_lifecycle (q));
  json_object_set_string_member (o, "SortOrder", "0");
  json_object_set_string_member (o, "SLADisabled", q->sla_disabled ? "1" : "0");
  json_object_set_string_member (o, "Disabled", csm_sim_queue_disabled_text (q));
  json_object_set_member (o, "Created", csm_sim_json_date (q->created));
  json_object_set_member (o, "LastUpdated", csm_sim_json_date (q->last_updated));
  json_object_set_member (o, "Creator", csm_sim_expand_queue_field (r, q, "Creator", "fields"));
  json_object_set_member (o, "LastUpdatedBy",
                          csm_sim_expand_queue_field (r, q, "LastUpdatedBy", "fields"));
  json_object_set_array_member (o, "Cc", json_array_new ());
  json_object_set_array_member (o, "AdminCc", json_array_new ());
  json_object_set_array_member (o, "CustomFields", json_array_new ());
  json_object_set_array_member (o, "TicketTransactionCustomFields", json_array_new ());
  /* The CFs are applied globally: ___Approvals lists them too. Seen in
   * the queue's context: whoever has SeeCustomField there. */
  for (guint i = 0; see_cfs && i < all_cfs->len; i++)
    {
      const CsmSimCustomField *cf = g_ptr_array_index (all_cfs, i);
      JsonObject *c = csm_sim_json_uid_int (r, "customfield", cf->id);

      json_object_set_string_member (c, "ref", "customfield");
      json_object_set_string_member (c, "name", cf->name);
      json_array_add_object_element (cfs, c);
    }
  json_object_set_array_member (o, "TicketCustomFields", cfs);

  self_link (r, "queue", q->id, links);
  history = g_strdup_printf ("%s/queue/%" G_GINT64_FORMAT "/history", r->base, q->id);
  add_link (links, "history", history, NULL);
  /* Only with CreateTicket there: not the viewer's, and in ___Approvals
   * nobody's but the superuser's. */
  if (csm_sim_rights_is_superuser (r->user) ||
      (csm_sim_rights_has (r->user, CSM_SIM_RIGHT_CREATE_TICKET) &&
       q->id != CSM_SIM_QUEUE_APPROVALS))
    {
      create = g_strdup_printf ("%s/ticket?Queue=%" G_GINT64_FORMAT, r->base, q->id);
      add_link (links, "create", create, "ticket");
    }
  json_object_set_array_member (o, "_hyperlinks", links);
  return csm_sim_json_object (o);
}

static JsonNode *
user_record (CsmSimRequest    *r,
             const CsmSimUser *u)
{
  JsonObject *o = json_object_new ();
  JsonArray *links = json_array_new ();
  JsonArray *memberships = json_array_new ();
  g_autoptr(GPtrArray) groups = csm_sim_world_get_user_memberships (r->world, u->id);
  g_autofree char *history = g_strdup_printf ("%s/user/%" G_GINT64_FORMAT "/history", r->base,
                                              u->id);
  g_autofree char *groups_url = g_strdup_printf ("%s/user/%" G_GINT64_FORMAT "/groups", r->base,
                                                 u->id);
  gboolean admin = csm_sim_rights_is_superuser (r->user);

  /* RT::REST2::Resource::User: without AdminUsers (the superuser's here),
   * another user's record is only a summary: the UserSummaryExtraInfo
   * columns (Name, RealName, EmailAddress), Privileged and the links. */
  if (!admin && u->id != r->user->id)
    {
      json_object_set_string_member (o, "Name", u->name);
      json_object_set_string_member (o, "RealName", u->real_name);
      if (u->id == CSM_SIM_USER_RT_SYSTEM)
        json_object_set_null_member (o, "EmailAddress");
      else
        json_object_set_string_member (o, "EmailAddress", u->email);
      json_object_set_int_member (o, "Privileged", u->privileged ? 1 : 0);
      self_link (r, "user", u->id, links);
      json_object_set_array_member (o, "_hyperlinks", links);
      json_array_unref (memberships);
      return csm_sim_json_object (o);
    }

  json_object_set_int_member (o, "id", u->id);
  json_object_set_string_member (o, "Name", u->name);
  json_object_set_string_member (o, "RealName", u->real_name);
  /* RT_System's address is NULL in RT's initial data: Serialize drops it. */
  if (u->id != CSM_SIM_USER_RT_SYSTEM)
    json_object_set_string_member (o, "EmailAddress", u->email);
  if (csm_sim_user_gecos (u) != NULL)
    json_object_set_string_member (o, "Gecos", csm_sim_user_gecos (u));
  if (u->comments != NULL)
    json_object_set_string_member (o, "Comments", u->comments);
  if (u->lang != NULL)
    json_object_set_string_member (o, "Lang", u->lang);
  if (u->timezone != NULL)
    json_object_set_string_member (o, "Timezone", u->timezone);
  json_object_set_int_member (o, "Privileged", u->privileged ? 1 : 0);
  json_object_set_string_member (o, "Disabled", u->disabled ? "1" : "0");
  json_object_set_member (o, "Created", csm_sim_json_date (u->created));
  json_object_set_member (o, "LastUpdated", csm_sim_json_date (u->last_updated));
  json_object_set_member (o, "Creator", csm_sim_expand_user_field (r, u, "Creator", "fields"));
  json_object_set_member (o, "LastUpdatedBy",
                          csm_sim_expand_user_field (r, u, "LastUpdatedBy", "fields"));
  json_object_set_array_member (o, "CustomFields", json_array_new ());
  /* OwnGroups as the requesting user: only the superuser may see groups. */
  for (guint i = 0; admin && i < groups->len; i++)
    json_array_add_object_element (memberships,
                                   csm_sim_json_uid_int (r, "group",
                                                         ((CsmSimGroup *) groups->pdata[i])->id));
  json_object_set_array_member (o, "Memberships", memberships);

  self_link (r, "user", u->id, links);
  add_link (links, "history", history, NULL);
  /* The groups link needs AdminGroupMembership (or ModifyOwnMembership for
   * oneself, which nobody has here). */
  if (admin)
    add_link (links, "memberships", groups_url, NULL);
  json_object_set_array_member (o, "_hyperlinks", links);
  return csm_sim_json_object (o);
}

static JsonNode *
group_record (CsmSimRequest     *r,
              const CsmSimGroup *g)
{
  JsonObject *o = json_object_new ();
  JsonArray *links = json_array_new ();
  JsonArray *members = json_array_new ();
  gboolean system = g_strcmp0 (g->domain, "SystemInternal") == 0;
  g_autofree char *history = g_strdup_printf ("%s/group/%" G_GINT64_FORMAT "/history", r->base,
                                              g->id);
  g_autofree char *members_url = g_strdup_printf ("%s/group/%" G_GINT64_FORMAT "/members", r->base,
                                                  g->id);

  json_object_set_int_member (o, "id", g->id);
  json_object_set_string_member (o, "Name", g->name);
  json_object_set_string_member (o, "Description", g->description);
  json_object_set_string_member (o, "Domain", g->domain);
  json_object_set_string_member (o, "Instance", "0");
  json_object_set_string_member (o, "Disabled", "0");
  json_object_set_member (o, "Created", csm_sim_json_date (g->created));
  json_object_set_member (o, "LastUpdated", csm_sim_json_date (g->last_updated));
  json_object_set_member (o, "Creator",
                          csm_sim_json_user (r, system ? CSM_SIM_USER_RT_SYSTEM : CSM_SIM_USER_ROOT,
                                             NULL, NULL));
  json_object_set_member (o, "LastUpdatedBy",
                          csm_sim_json_user (r, system ? CSM_SIM_USER_RT_SYSTEM : CSM_SIM_USER_ROOT,
                                             NULL, NULL));
  json_object_set_array_member (o, "CustomFields", json_array_new ());
  for (guint i = 0; i < g->members->len; i++)
    json_array_add_element (members,
                            csm_sim_json_user (r, g_array_index (g->members, gint64, i), NULL,
                                               NULL));
  json_object_set_array_member (o, "Members", members);

  self_link (r, "group", g->id, links);
  add_link (links, "history", history, NULL);
  add_link (links, "members", members_url, NULL);
  json_object_set_array_member (o, "_hyperlinks", links);
  return csm_sim_json_object (o);
}

static JsonNode *
custom_field_record (CsmSimRequest           *r,
                     const CsmSimCustomField *cf)
{
  JsonObject *o = json_object_new ();
  JsonArray *links = json_array_new ();

  json_object_set_int_member (o, "id", cf->id);
  json_object_set_string_member (o, "Name", cf->name);
  json_object_set_string_member (o, "Description", cf->description);
  json_object_set_string_member (o, "Type", cf->type);
  json_object_set_string_member (o, "LookupType", "RT::Queue-RT::Ticket");
  json_object_set_member (o, "MaxValues", csm_sim_json_int_string (cf->max_values));
  /* RT stores "" for no pattern, so the record always has one. */
  json_object_set_string_member (o, "Pattern", cf->pattern != NULL ? cf->pattern : "");
  json_object_set_string_member (o, "EntryHint",
                                 cf->max_values == 1 ? (g_strcmp0 (cf->type, "Select") == 0
                                                        ? "Select one value" : "Enter one value")
                                                     : "Enter multiple values");
  json_object_set_string_member (o, "SortOrder", "0");
  json_object_set_string_member (o, "UniqueValues", "0");
  json_object_set_string_member (o, "Disabled", "0");
  json_object_set_member (o, "Created", csm_sim_json_date (cf->created));
  json_object_set_member (o, "LastUpdated", csm_sim_json_date (cf->created));
  json_object_set_member (o, "Creator", csm_sim_json_user (r, CSM_SIM_USER_ROOT, NULL, NULL));
  json_object_set_member (o, "LastUpdatedBy", csm_sim_json_user (r, CSM_SIM_USER_ROOT, NULL, NULL));
  /* RT::REST2::Resource::CustomField::serialize reduces serialize_record's
   * {name, category} values to their names. */
  if (g_strcmp0 (cf->type, "Select") == 0)
    {
      JsonArray *values = json_array_new ();

      for (guint i = 0; i < cf->values->len; i++)
        json_array_add_string_element (values, g_ptr_array_index (cf->values, i));
      json_object_set_array_member (o, "Values", values);
    }
  self_link (r, "customfield", cf->id, links);
  /* ... and its hypermedia_links point a selection CF at its values. */
  if (g_strcmp0 (cf->type, "Select") == 0)
    {
      g_autofree char *values_url = g_strdup_printf ("%s/customfield/%" G_GINT64_FORMAT "/values",
                                                     r->base, cf->id);

      add_link (links, "customfieldvalues", values_url, NULL);
    }
  json_object_set_array_member (o, "_hyperlinks", links);
  return csm_sim_json_object (o);
}

void
csm_sim_serve_ticket (CsmSimRequest          *r,
                      const CsmSimRouteMatch *match)
{
  const CsmSimTicket *t = csm_sim_world_lookup_ticket (r->world, match->id);

  if (t != NULL && !csm_sim_rights_can_see_ticket (r->world, r->user->id, t))
    {
      csm_sim_respond_error (r, SOUP_STATUS_FORBIDDEN, "Forbidden");
      return;
    }
  if (t == NULL)
    {
      if (strcmp (r->method, "PUT") == 0)
        csm_sim_respond_error (r, SOUP_STATUS_NOT_FOUND,
                               "Resource does not exist; use POST to create");
      else
        csm_sim_respond_error (r, SOUP_STATUS_NOT_FOUND, "Not Found");
      return;
    }

  if (strcmp (r->method, "PUT") == 0)
    {
      csm_sim_update_ticket (r, t, NULL);
      return;
    }
  if (strcmp (r->method, "POST") == 0)
    {
      csm_sim_respond_error (r, SOUP_STATUS_CONFLICT, "Resource already exists; use PUT to update");
      return;
    }
  if (strcmp (r->method, "DELETE") == 0)
    {
      if (!csm_sim_rights_is_superuser (r->user))
        {
          csm_sim_respond_error (r, SOUP_STATUS_FORBIDDEN, "Forbidden");
          return;
        }
      {
        guint mark = csm_sim_world_get_n_transactions (r->world);

        csm_sim_world_delete_ticket (r->world, t->id, r->user->id, NULL);
        csm_sim_run_scrips (r, mark);
      }
      csm_sim_respond_empty (r, SOUP_STATUS_NO_CONTENT);
      return;
    }

  if (csm_sim_request_check_record_conditions (r, csm_sim_ticket_etag (r, t), t->last_updated))
    return;
  csm_sim_respond_json (r, SOUP_STATUS_OK, ticket_record (r, t), TRUE);
}

void
csm_sim_serve_transaction (CsmSimRequest          *r,
                           const CsmSimRouteMatch *match)
{
  const CsmSimTransaction *x = csm_sim_world_lookup_transaction (r->world, match->id);

  if (x == NULL)
    {
      /* RT dies loading a transaction that does not exist. */
      csm_sim_respond_error (r, SOUP_STATUS_INTERNAL_SERVER_ERROR, "Internal Server Error");
      return;
    }
  if (!csm_sim_rights_can_see_transaction (r->world, r->user->id, x))
    {
      csm_sim_respond_error (r, SOUP_STATUS_FORBIDDEN, "Forbidden");
      return;
    }
  if (csm_sim_request_check_not_modified (r))
    return;
  /* RT::Transaction::Serialize calls a serializer REST2 does not pass
   * for queue moves: RT answers 500 with an empty body. */
  if (g_strcmp0 (x->type, "Set") == 0 && g_strcmp0 (x->field, "Queue") == 0)
    {
      csm_sim_respond_empty (r, SOUP_STATUS_INTERNAL_SERVER_ERROR);
      return;
    }
  csm_sim_respond_json (r, SOUP_STATUS_OK, transaction_record (r, x), TRUE);
}

void
csm_sim_serve_queue (CsmSimRequest          *r,
                     const CsmSimRouteMatch *match)
{
  const CsmSimQueue *q = csm_sim_world_lookup_queue_by_ref (r->world, match->segments[1]);

  if (q == NULL)
    {
      csm_sim_respond_error (r, SOUP_STATUS_NOT_FOUND, "Not Found");
      return;
    }
  if (csm_sim_request_check_record_conditions (r, 0, q->last_updated))
    return;
  csm_sim_respond_json (r, SOUP_STATUS_OK, queue_record (r, q), TRUE);
}

void
csm_sim_serve_user (CsmSimRequest          *r,
                    const CsmSimRouteMatch *match)
{
  const CsmSimUser *u = csm_sim_world_lookup_user_by_ref (r->world, match->segments[1]);

  /* An unprivileged user may read their own record only (checked before
   * RT looks whether the record exists). */
  if (!csm_sim_rights_can_see_user (r->user, u))
    {
      csm_sim_respond_error (r, SOUP_STATUS_FORBIDDEN, "Forbidden");
      return;
    }
  if (u == NULL)
    {
      csm_sim_respond_error (r, SOUP_STATUS_NOT_FOUND, "Not Found");
      return;
    }
  if (csm_sim_request_check_record_conditions (r, u->last_txn_id, u->last_updated))
    return;
  csm_sim_respond_json (r, SOUP_STATUS_OK, user_record (r, u), TRUE);
}

void
csm_sim_serve_group (CsmSimRequest          *r,
                     const CsmSimRouteMatch *match)
{
  const CsmSimGroup *g = csm_sim_world_lookup_group (r->world, match->id);

  /* deb12u7: refused before RT looks, then only user-defined groups are
   * found. */
  if (!csm_sim_rights_is_superuser (r->user))
    {
      csm_sim_respond_error (r, SOUP_STATUS_FORBIDDEN, "Forbidden");
      return;
    }
  if (!csm_sim_group_is_user_defined (g))
    {
      csm_sim_respond_error (r, SOUP_STATUS_NOT_FOUND, "Not Found");
      return;
    }
  if (csm_sim_request_check_record_conditions (r, g->last_txn_id, g->last_updated))
    return;
  csm_sim_respond_json (r, SOUP_STATUS_OK, group_record (r, g), TRUE);
}

void
csm_sim_serve_custom_field (CsmSimRequest          *r,
                            const CsmSimRouteMatch *match)
{
  const CsmSimCustomField *cf = csm_sim_world_lookup_custom_field (r->world, match->id);

  if (cf == NULL)
    {
      csm_sim_respond_error (r, SOUP_STATUS_NOT_FOUND, "Not Found");
      return;
    }
  /* No context object here: only a global SeeCustomField counts. */
  if (!csm_sim_rights_is_superuser (r->user))
    {
      csm_sim_respond_error (r, SOUP_STATUS_FORBIDDEN, "Forbidden");
      return;
    }
  if (csm_sim_request_check_record_conditions (r, 0, cf->created))
    return;
  csm_sim_respond_json (r, SOUP_STATUS_OK, custom_field_record (r, cf), TRUE);
}
