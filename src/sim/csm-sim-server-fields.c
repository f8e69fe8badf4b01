/* csm-sim-server-fields.c: RT::REST2's expand_field: records' members as JSON nodes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-sim-server"

#include "config.h"

#include <string.h>

#include "csm-sim-rights.h"
#include "csm-sim-server-private.h"

JsonNode *
csm_sim_json_string (const char *value)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_string (node, value ? value : "");
  return node;
}

JsonNode *
csm_sim_json_int_string (gint64 value)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, value);

  return csm_sim_json_string (text);
}

JsonNode *
csm_sim_json_int (gint64 value)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_int (node, value);
  return node;
}

JsonNode *
csm_sim_json_date (gint64 value)
{
  g_autofree char *iso = csm_sim_format_iso (value);

  return csm_sim_json_string (iso);
}

JsonNode *
csm_sim_json_object (JsonObject *object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  return node;
}

static JsonNode *
csm_sim_json_array (JsonArray *array)
{
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  json_node_take_array (node, array);
  return node;
}

char *
csm_sim_request_url (CsmSimRequest *r,
                     const char    *type,
                     const char    *id)
{
  return g_strdup_printf ("%s/%s/%s", r->base, type, id);
}

/* RT::REST2::Util::expand_uid: {type, id (a string), _url}. */
JsonObject *
csm_sim_json_uid (CsmSimRequest *r,
                  const char    *type,
                  const char    *id)
{
  JsonObject *o = json_object_new ();
  g_autofree char *url = csm_sim_request_url (r, type, id);

  json_object_set_string_member (o, "type", type);
  json_object_set_string_member (o, "id", id);
  json_object_set_string_member (o, "_url", url);
  return o;
}

JsonObject *
csm_sim_json_uid_int (CsmSimRequest *r,
                      const char    *type,
                      gint64         id)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  return csm_sim_json_uid (r, type, text);
}

/* The sub-fields asked for in @field, from the parameter @prefix[@field]
 * (fields[Owner]=Name,RealName); NULL for none. *@name gets the
 * parameter's name, which the sub-fields' own sub-fields hang from. */
GStrv
csm_sim_request_subfields (CsmSimRequest  *r,
                           const char     *prefix,
                           const char     *field,
                           char          **name)
{
  g_autofree char *param = g_strdup_printf ("%s[%s]", prefix, field);
  const char *list = csm_sim_request_param (r, param);
  GStrv subs = list != NULL && *list != '\0' ? g_strsplit (list, ",", -1) : NULL;

  if (name != NULL)
    *name = g_steal_pointer (&param);
  return subs;
}

const char *
csm_sim_queue_lifecycle (const CsmSimQueue *queue)
{
  return queue->id == CSM_SIM_QUEUE_APPROVALS ? "approvals" : "default";
}

const char *
csm_sim_queue_disabled_text (const CsmSimQueue *queue)
{
  if (!queue->disabled)
    return "0";
  return queue->id == CSM_SIM_QUEUE_APPROVALS ? "2" : "1";
}

/* RT's initial data makes RT_System, Nobody and root as RT_System; the
 * helpdesk's users are made by root. */
static gint64
user_creator (const CsmSimUser *user)
{
  return user->id <= CSM_SIM_USER_ROOT ? CSM_SIM_USER_RT_SYSTEM : CSM_SIM_USER_ROOT;
}

/* Gecos (the Unix login) is set only on root, by RT's initial data. */
const char *
csm_sim_user_gecos (const CsmSimUser *user)
{
  return user->id == CSM_SIM_USER_ROOT ? "root" : NULL;
}

static void
add_subfields (CsmSimRequest    *r,
               JsonObject       *o,
               const char       *prefix,
               const char       *field,
               CsmSimExpandFunc  expand,
               gconstpointer     record)
{
  g_autofree char *name = NULL;
  g_auto(GStrv) subs = csm_sim_request_subfields (r, prefix, field, &name);

  for (guint i = 0; subs != NULL && subs[i] != NULL; i++)
    if (*subs[i] != '\0')
      json_object_set_member (o, subs[i], expand (r, record, subs[i], name));
}

/* _expand_object for a user: {type user, id <name>, _url} + fields[...]. */
JsonNode *
csm_sim_json_user (CsmSimRequest *r,
                   gint64         user_id,
                   const char    *field,
                   const char    *prefix)
{
  const CsmSimUser *user = csm_sim_world_lookup_user (r->world, user_id);
  JsonObject *o;

  if (user == NULL)
    return csm_sim_json_string ("");
  o = csm_sim_json_uid (r, "user", user->name);
  if (field != NULL)
    add_subfields (r, o, prefix, field, csm_sim_expand_user_field, user);
  return csm_sim_json_object (o);
}

JsonNode *
csm_sim_json_queue (CsmSimRequest *r,
                    gint64         queue_id,
                    const char    *field,
                    const char    *prefix)
{
  const CsmSimQueue *queue = csm_sim_world_lookup_queue (r->world, queue_id);
  JsonObject *o;

  if (queue == NULL)
    return csm_sim_json_string ("");
  o = csm_sim_json_uid_int (r, "queue", queue->id);
  if (field != NULL)
    add_subfields (r, o, prefix, field, csm_sim_expand_queue_field, queue);
  return csm_sim_json_object (o);
}

JsonNode *
csm_sim_expand_user_field (CsmSimRequest *r,
                           gconstpointer  record,
                           const char    *field,
                           const char    *prefix)
{
  const CsmSimUser *user = record;

  if (strcmp (field, "id") == 0)
    return csm_sim_json_int (user->id);
  if (strcmp (field, "Name") == 0)
    return csm_sim_json_string (user->name);
  if (strcmp (field, "RealName") == 0)
    return csm_sim_json_string (user->real_name);
  if (strcmp (field, "EmailAddress") == 0)
    return csm_sim_json_string (user->email);
  if (strcmp (field, "Lang") == 0)
    return csm_sim_json_string (user->lang);
  if (strcmp (field, "Timezone") == 0)
    return csm_sim_json_string (user->timezone);
  if (strcmp (field, "Comments") == 0)
    return csm_sim_json_string (user->comments);
  if (strcmp (field, "Gecos") == 0)
    return csm_sim_json_string (csm_sim_user_gecos (user));
  if (strcmp (field, "Created") == 0)
    return csm_sim_json_date (user->created);
  if (strcmp (field, "LastUpdated") == 0)
    return csm_sim_json_date (user->last_updated);
  if (strcmp (field, "Creator") == 0 || strcmp (field, "LastUpdatedBy") == 0)
    return csm_sim_json_user (r, user_creator (user), field, prefix);
  /* Privileged and Disabled are not columns of Users: RT gives "". */
  return csm_sim_json_string ("");
}

JsonNode *
csm_sim_expand_queue_field (CsmSimRequest *r,
                            gconstpointer  record,
                            const char    *field,
                            const char    *prefix)
{
  const CsmSimQueue *queue = record;

  if (strcmp (field, "id") == 0)
    return csm_sim_json_int (queue->id);
  if (strcmp (field, "Name") == 0)
    return csm_sim_json_string (queue->name);
  if (strcmp (field, "Description") == 0)
    return csm_sim_json_string (queue->description);
  if (strcmp (field, "CorrespondAddress") == 0)
    return csm_sim_json_string (queue->correspond_address);
  if (strcmp (field, "CommentAddress") == 0)
    return csm_sim_json_string (queue->comment_address);
  if (strcmp (field, "Lifecycle") == 0)
    return csm_sim_json_string (csm_sim_queue_lifecycle (queue));
  if (strcmp (field, "SortOrder") == 0)
    return csm_sim_json_string ("0");
  if (strcmp (field, "SLADisabled") == 0)
    return csm_sim_json_string (queue->sla_disabled ? "1" : "0");
  if (strcmp (field, "Disabled") == 0)
    return csm_sim_json_string (csm_sim_queue_disabled_text (queue));
  if (strcmp (field, "Created") == 0)
    return csm_sim_json_date (queue->created);
  if (strcmp (field, "LastUpdated") == 0)
    return csm_sim_json_date (queue->last_updated);
  if (strcmp (field, "Creator") == 0 || strcmp (field, "LastUpdatedBy") == 0)
    return csm_sim_json_user (r, queue->id <= 2 ? CSM_SIM_USER_RT_SYSTEM : CSM_SIM_USER_ROOT, field,
                              prefix);
  return csm_sim_json_string ("");
}

JsonNode *
csm_sim_expand_cf_field (CsmSimRequest           *r,
                         const CsmSimCustomField *cf,
                         const char              *field)
{
  if (strcmp (field, "id") == 0)
    return csm_sim_json_int (cf->id);
  if (strcmp (field, "Name") == 0)
    return csm_sim_json_string (cf->name);
  if (strcmp (field, "Description") == 0)
    return csm_sim_json_string (cf->description);
  if (strcmp (field, "Type") == 0)
    return csm_sim_json_string (cf->type);
  if (strcmp (field, "Pattern") == 0)
    return csm_sim_json_string (cf->pattern);
  if (strcmp (field, "MaxValues") == 0)
    return csm_sim_json_int_string (cf->max_values);
  if (strcmp (field, "LookupType") == 0)
    return csm_sim_json_string ("RT::Queue-RT::Ticket");
  if (strcmp (field, "Disabled") == 0 || strcmp (field, "SortOrder") == 0 ||
      strcmp (field, "UniqueValues") == 0)
    return csm_sim_json_string ("0");
  if (strcmp (field, "Created") == 0 || strcmp (field, "LastUpdated") == 0)
    return csm_sim_json_date (cf->created);
  return csm_sim_json_string ("");
}

/* The CustomFields member: every ticket CF with its values. */
JsonNode *
csm_sim_json_ticket_custom_fields (CsmSimRequest      *r,
                                   const CsmSimTicket *ticket,
                                   const char         *prefix,
                                   gboolean            in_collection)
{
  GPtrArray *cfs = csm_sim_world_get_custom_fields (r->world);
  JsonArray *array;
  g_auto(GStrv) subs = csm_sim_request_subfields (r, prefix, "CustomFields", NULL);

  /* A user who may not see any CF gets "" in a search (RT's expand_field
   * falls back to ''), [] on the record. */
  if (!csm_sim_rights_has (r->user, CSM_SIM_RIGHT_SEE_CUSTOM_FIELD) || cfs->len == 0)
    return in_collection ? csm_sim_json_string ("") : csm_sim_json_array (json_array_new ());

  array = json_array_new ();
  for (guint i = 0; i < cfs->len; i++)
    {
      const CsmSimCustomField *cf = g_ptr_array_index (cfs, i);
      JsonObject *o = csm_sim_json_uid_int (r, "customfield", cf->id);
      JsonArray *values = json_array_new ();

      json_object_set_string_member (o, "name", cf->name);
      for (guint j = 0; ticket->cf_values != NULL && j < ticket->cf_values->len; j++)
        {
          const CsmSimCfValue *v = &g_array_index (ticket->cf_values, CsmSimCfValue, j);

          if (v->cf_id == cf->id)
            json_array_add_string_element (values, v->value);
        }
      json_object_set_array_member (o, "values", values);
      for (guint k = 0; subs != NULL && subs[k] != NULL; k++)
        if (*subs[k] != '\0')
          json_object_set_member (o, subs[k], csm_sim_expand_cf_field (r, cf, subs[k]));
      json_array_add_object_element (array, o);
    }
  return csm_sim_json_array (array);
}

JsonNode *
csm_sim_json_role_members (CsmSimRequest *r,
                           GArray        *ids,
                           const char    *field,
                           const char    *prefix)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; ids != NULL && i < ids->len; i++)
    json_array_add_element (array,
                            csm_sim_json_user (r, g_array_index (ids, gint64, i), field, prefix));
  return csm_sim_json_array (array);
}

typedef struct
{
  const char *from;
  const char *to;
  const char *label;
  const char *update;      /* NULL: the link points at the ticket itself */
} LifecycleAction;

/* RT 5's default lifecycle "actions", in its order. */
static const LifecycleAction lifecycle_actions[] = {
  { "new", "open", "Open It", "Respond" },
  { "new", "resolved", "Resolve", "Comment" },
  { "new", "rejected", "Reject", "Respond" },
  { "new", "deleted", "Delete", NULL },
  { "open", "stalled", "Stall", "Comment" },
  { "open", "resolved", "Resolve", "Comment" },
  { "open", "rejected", "Reject", "Respond" },
  { "stalled", "open", "Open It", NULL },
  { "resolved", "open", "Re-open", "Comment" },
  { "rejected", "open", "Re-open", "Comment" },
  { "deleted", "open", "Undelete", NULL },
};

JsonNode *
csm_sim_json_ticket_hyperlinks (CsmSimRequest      *r,
                                const CsmSimTicket *ticket)
{
  JsonArray *links = json_array_new ();
  JsonObject *o;
  g_autofree char *self_url = g_strdup_printf ("%s/ticket/%" G_GINT64_FORMAT, r->base, ticket->id);
  gboolean staff = csm_sim_rights_has (r->user, CSM_SIM_RIGHT_MODIFY_TICKET);
  gboolean reply = csm_sim_rights_has (r->user, CSM_SIM_RIGHT_REPLY_TO_TICKET);

  o = json_object_new ();
  json_object_set_string_member (o, "ref", "self");
  json_object_set_string_member (o, "type", "ticket");
  json_object_set_int_member (o, "id", ticket->id);
  json_object_set_string_member (o, "_url", self_url);
  json_array_add_object_element (links, o);

  if (csm_sim_rights_has (r->user, CSM_SIM_RIGHT_SEE_CUSTOM_FIELD))
    {
      GPtrArray *cfs = csm_sim_world_get_custom_fields (r->world);

      for (guint i = 0; i < cfs->len; i++)
        {
          const CsmSimCustomField *cf = g_ptr_array_index (cfs, i);

          o = csm_sim_json_uid_int (r, "customfield", cf->id);
          json_object_set_string_member (o, "ref", "customfield");
          json_object_set_string_member (o, "name", cf->name);
          json_array_add_object_element (links, o);
        }
    }

  {
    g_autofree char *url = g_strconcat (self_url, "/history", NULL);

    o = json_object_new ();
    json_object_set_string_member (o, "ref", "history");
    json_object_set_string_member (o, "_url", url);
    json_array_add_object_element (links, o);
  }

  if (reply)
    {
      g_autofree char *url = g_strconcat (self_url, "/correspond", NULL);

      o = json_object_new ();
      json_object_set_string_member (o, "ref", "correspond");
      json_object_set_string_member (o, "_url", url);
      json_array_add_object_element (links, o);
    }
  if (staff)
    {
      g_autofree char *url = g_strconcat (self_url, "/comment", NULL);

      o = json_object_new ();
      json_object_set_string_member (o, "ref", "comment");
      json_object_set_string_member (o, "_url", url);
      json_array_add_object_element (links, o);

      for (guint i = 0; i < G_N_ELEMENTS (lifecycle_actions); i++)
        {
          const LifecycleAction *a = &lifecycle_actions[i];
          g_autofree char *action_url = NULL;

          if (strcmp (a->from, ticket->status) != 0)
            continue;
          /* Deleting needs DeleteTicket, which only the superuser has here. */
          if (strcmp (a->to, "deleted") == 0 && !csm_sim_rights_is_superuser (r->user))
            continue;
          if (a->update == NULL)
            action_url = g_strdup (self_url);
          else
            action_url = g_strconcat (self_url,
                                      strcmp (a->update, "Respond") == 0 ? "/correspond"
                                                                         : "/comment",
                                      NULL);
          o = json_object_new ();
          json_object_set_string_member (o, "ref", "lifecycle");
          json_object_set_string_member (o, "from", a->from);
          json_object_set_string_member (o, "to", a->to);
          json_object_set_string_member (o, "label", a->label);
          if (a->update != NULL)
            json_object_set_string_member (o, "update", a->update);
          json_object_set_string_member (o, "_url", action_url);
          json_array_add_object_element (links, o);
        }
    }

  return csm_sim_json_array (links);
}

/* RT::REST2::Resource::expand_field for a ticket in a search result. */
JsonNode *
csm_sim_expand_ticket_field (CsmSimRequest      *r,
                             const CsmSimTicket *t,
                             const char         *field)
{
  static const char *const prefix = "fields";

  if (strcmp (field, "id") == 0)
    return csm_sim_json_int (t->id);
  if (strcmp (field, "Subject") == 0)
    return csm_sim_json_string (t->subject);
  if (strcmp (field, "Status") == 0)
    return csm_sim_json_string (t->status);
  if (strcmp (field, "Type") == 0)
    return csm_sim_json_string (t->type);
  if (strcmp (field, "SLA") == 0)
    return csm_sim_json_string (t->sla);
  if (strcmp (field, "Queue") == 0)
    return csm_sim_json_queue (r, t->queue, field, prefix);
  if (strcmp (field, "Owner") == 0)
    return csm_sim_json_user (r, t->owner, field, prefix);
  if (strcmp (field, "Creator") == 0)
    return csm_sim_json_user (r, t->creator, field, prefix);
  if (strcmp (field, "LastUpdatedBy") == 0)
    return csm_sim_json_user (r, t->last_updated_by, field, prefix);
  if (strcmp (field, "EffectiveId") == 0)
    return csm_sim_json_int_string (t->id);
  if (strcmp (field, "Priority") == 0)
    return csm_sim_json_int_string (t->priority);
  if (strcmp (field, "InitialPriority") == 0)
    return csm_sim_json_int_string (t->initial_priority);
  if (strcmp (field, "FinalPriority") == 0)
    return csm_sim_json_int_string (t->final_priority);
  if (strcmp (field, "TimeWorked") == 0)
    return csm_sim_json_int_string (t->time_worked);
  if (strcmp (field, "TimeEstimated") == 0)
    return csm_sim_json_int_string (t->time_estimated);
  if (strcmp (field, "TimeLeft") == 0)
    return csm_sim_json_int_string (t->time_left);
  if (strcmp (field, "Created") == 0)
    return csm_sim_json_date (t->created);
  if (strcmp (field, "LastUpdated") == 0)
    return csm_sim_json_date (t->last_updated);
  if (strcmp (field, "Starts") == 0)
    return csm_sim_json_date (t->starts);
  if (strcmp (field, "Started") == 0)
    return csm_sim_json_date (t->started);
  if (strcmp (field, "Due") == 0)
    return csm_sim_json_date (t->due);
  if (strcmp (field, "Resolved") == 0)
    return csm_sim_json_date (t->resolved);
  if (strcmp (field, "Told") == 0)
    return csm_sim_json_date (t->told);   /* a NULL Told reads as 1970 here */
  if (g_str_has_prefix (field, "Requestor"))
    return csm_sim_json_role_members (r, t->requestors, field, prefix);
  if (g_str_has_prefix (field, "AdminCc"))
    return csm_sim_json_role_members (r, t->admincc, field, prefix);
  if (g_str_has_prefix (field, "Cc"))
    return csm_sim_json_role_members (r, t->cc, field, prefix);
  if (strcmp (field, "CustomFields") == 0)
    return csm_sim_json_ticket_custom_fields (r, t, prefix, TRUE);
  if (strcmp (field, "_hyperlinks") == 0)
    return csm_sim_json_ticket_hyperlinks (r, t);
  return csm_sim_json_string ("");
}

static JsonNode *
reference_node (guint reference)
{
  return reference != 0 ? csm_sim_json_int_string (reference) : csm_sim_json_string ("");
}

JsonNode *
csm_sim_expand_txn_field (CsmSimRequest           *r,
                          const CsmSimTransaction *x,
                          const char              *field)
{
  static const char *const prefix = "fields";

  if (strcmp (field, "id") == 0)
    return csm_sim_json_int (x->id);
  if (strcmp (field, "Type") == 0)
    return csm_sim_json_string (x->type);
  if (strcmp (field, "Field") == 0)
    return csm_sim_json_string (x->field);
  if (strcmp (field, "OldValue") == 0)
    return csm_sim_json_string (x->old_value);
  if (strcmp (field, "NewValue") == 0)
    return csm_sim_json_string (x->new_value);
  if (strcmp (field, "Data") == 0)
    return csm_sim_json_string (x->data);
  if (strcmp (field, "ObjectType") == 0)
    return csm_sim_json_string ("RT::Ticket");
  if (strcmp (field, "ObjectId") == 0)
    return csm_sim_json_int_string (x->object_id);
  if (strcmp (field, "TimeTaken") == 0)
    return csm_sim_json_int_string (x->time_taken);
  if (strcmp (field, "Created") == 0)
    return csm_sim_json_date (x->created);
  if (strcmp (field, "Creator") == 0)
    return csm_sim_json_user (r, x->creator, field, prefix);
  if (strcmp (field, "ReferenceType") == 0)
    return csm_sim_json_string ((x->old_reference || x->new_reference)
                                ? "RT::ObjectCustomFieldValue" : NULL);
  /* The references are plain columns here: expand_field looks for a
   * NewReferenceObj method, and RT::Transaction only has
   * NewReferenceObject (which the record's Serialize uses). */
  if (strcmp (field, "OldReference") == 0)
    return reference_node (x->old_reference);
  if (strcmp (field, "NewReference") == 0)
    return reference_node (x->new_reference);
  return csm_sim_json_string ("");
}
