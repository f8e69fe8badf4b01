/* csm-sim-server-writes.c: ticket writes: updates, owner changes, creation, correspond and comment.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-sim-server"

#include "config.h"

#include <string.h>

#include "csm-sim-rights.h"
#include "csm-sim-server-private.h"

/* What RT answers a body that is not JSON at all. */
#define MALFORMED_JSON                                                                  \
  "JSON parse error: malformed JSON string, neither tag, array, object, number, string " \
  "or atom, at character offset 0\n"

/* A JSON member as RT's Perl would stringify it; NULL for null/missing. */
static char *
member_text (JsonObject *o,
             const char *name)
{
  JsonNode *node = json_object_get_member (o, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *inner = json_node_get_object (node);

      /* A UID object ({type, id, _url}) stands for its id. */
      if (json_object_has_member (inner, "id") && json_object_has_member (inner, "_url"))
        return member_text (inner, "id");
      return g_strdup ("");
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      if (json_array_get_length (array) == 0)
        return g_strdup ("");
      node = json_array_get_element (array, 0);
      if (!JSON_NODE_HOLDS_VALUE (node))
        return g_strdup ("");
    }
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return g_strdup (json_node_get_string (node));
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_DOUBLE:
      {
        char buffer[G_ASCII_DTOSTR_BUF_SIZE];

        return g_strdup (g_ascii_dtostr (buffer, sizeof buffer, json_node_get_double (node)));
      }
    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? "1" : "");
    default:
      return g_strdup ("");
    }
}

static int
text_to_int (const char *text)
{
  return text != NULL ? (int) g_ascii_strtoll (text, NULL, 10) : 0;
}

static void
push_ticket_message (GPtrArray          *messages,
                     const CsmSimTicket *ticket,
                     char               *message)
{
  if (message == NULL)
    return;
  g_ptr_array_add (messages,
                   g_strdup_printf ("Ticket %" G_GINT64_FORMAT ": %s", ticket->id, message));
  g_free (message);
}

/* RT::Record::Update's "did it change?" test, per attribute. */
static gboolean
attribute_unchanged (CsmSimRequest      *r,
                     const CsmSimTicket *t,
                     const char         *attribute,
                     const char         *value)
{
  g_autofree char *current = NULL;
  const char *name = NULL;

  if (strcmp (attribute, "Owner") == 0)
    {
      const CsmSimUser *owner = csm_sim_world_lookup_user (r->world, t->owner);

      name = owner ? owner->name : NULL;
      current = g_strdup_printf ("%" G_GINT64_FORMAT, t->owner);
    }
  else if (strcmp (attribute, "Queue") == 0)
    {
      const CsmSimQueue *queue = csm_sim_world_lookup_queue (r->world, t->queue);

      name = queue ? queue->name : NULL;
      current = g_strdup_printf ("%" G_GINT64_FORMAT, t->queue);
    }
  else if (strcmp (attribute, "Status") == 0)
    current = g_strdup (t->status);
  else if (strcmp (attribute, "Priority") == 0)
    current = g_strdup_printf ("%d", t->priority);
  else if (strcmp (attribute, "TimeWorked") == 0)
    current = g_strdup_printf ("%d", t->time_worked);
  else if (strcmp (attribute, "Subject") == 0)
    current = g_strdup (t->subject);
  else if (strcmp (attribute, "SLA") == 0)
    current = g_strdup (t->sla ? t->sla : "");
  else if (strcmp (attribute, "Due") == 0)
    current = csm_sim_format_sql (t->due);
  else if (strcmp (attribute, "Starts") == 0)
    current = csm_sim_format_sql (t->starts);

  if (name != NULL && (strcmp (name, value) == 0 || strcmp (name, *value ? value : "0") == 0))
    return TRUE;
  return g_strcmp0 (value, current) == 0 || g_strcmp0 (*value ? value : "0", current) == 0;
}

typedef enum
{
  OWNER_SET,
  OWNER_TAKE,
  OWNER_UNTAKE,
  OWNER_STEAL,
} OwnerChange;

/* RT::Ticket::CurrentUserCanSetOwner with _NewOwnerCanOwnTicket: the new
 * owner is checked before the actor's rights. ModifyTicket, TakeTicket,
 * StealTicket and OwnTicket are the staff's; ReassignTicket only the
 * superuser's. Returns the refusal, or NULL. */
static char *
owner_change_refused (CsmSimRequest      *r,
                      const CsmSimTicket *t,
                      const CsmSimUser   *new_owner,
                      OwnerChange         type)
{
  const CsmSimUser *me = r->user;
  gboolean staff = csm_sim_rights_has (me, CSM_SIM_RIGHT_MODIFY_TICKET);
  gboolean reassign = csm_sim_rights_is_superuser (me);
  gboolean take_or_steal = type == OWNER_TAKE || type == OWNER_STEAL;

  if (take_or_steal)
    new_owner = me;
  if (new_owner == NULL)
    return g_strdup ("That user does not exist");
  if (!csm_sim_rights_can_own_tickets (new_owner))
    return g_strdup ("That user may not own tickets in that queue");
  if (new_owner->id == t->owner)
    return g_strdup ("That user already owns that ticket");

  if (reassign && !take_or_steal)
    return NULL;
  if (t->owner == CSM_SIM_USER_NOBODY)
    {
      if (type == OWNER_STEAL)
        return g_strdup ("You can only steal a ticket owned by someone else");
      if (!staff)
        return g_strdup ("Permission Denied");
    }
  else if (t->owner != me->id)
    {
      if (!staff)
        return g_strdup ("Permission Denied");
      if (type == OWNER_STEAL)
        return NULL;
      if (type == OWNER_TAKE || new_owner->id == me->id)
        return g_strdup ("You can only take tickets that are unowned");
      if (!reassign)
        return g_strdup ("You can only reassign tickets that you own or that are unowned");
    }
  else
    {
      if (take_or_steal)
        return g_strdup ("You already own this ticket");
      if (!staff)
        return g_strdup ("Permission Denied");
    }
  return NULL;
}

static void
update_attribute (CsmSimRequest      *r,
                  const CsmSimTicket *t,
                  const char         *attribute,
                  const char         *value,
                  GPtrArray          *messages)
{
  char *message = NULL;
  gint64 actor = r->user->id;
  guint mark = csm_sim_world_get_n_transactions (r->world);

  if (strcmp (attribute, "Owner") == 0)
    {
      const CsmSimUser *owner = csm_sim_world_lookup_user_by_ref (r->world, value);

      message = owner_change_refused (r, t, owner, OWNER_SET);
      if (message == NULL)
        csm_sim_world_set_owner (r->world, t->id, actor, owner->id, &message);
      csm_sim_run_scrips (r, mark);
      push_ticket_message (messages, t, message);
      return;
    }

  if (!csm_sim_rights_has (r->user, CSM_SIM_RIGHT_MODIFY_TICKET))
    {
      push_ticket_message (messages, t, g_strdup ("Permission Denied"));
      return;
    }

  if (strcmp (attribute, "Queue") == 0)
    {
      const CsmSimQueue *queue = csm_sim_world_lookup_queue_by_ref (r->world, value);

      if (queue == NULL || queue->disabled)
        message = g_strdup_printf ("Queue %s does not exist", value);
      else
        csm_sim_world_set_queue (r->world, t->id, actor, queue->id, &message);
    }
  else if (strcmp (attribute, "Status") == 0)
    {
      if (g_ascii_strcasecmp (value, "deleted") == 0 && !csm_sim_rights_is_superuser (r->user))
        message = g_strdup ("Permission Denied");
      else
        csm_sim_world_set_status (r->world, t->id, actor, value, &message);
    }
  else if (strcmp (attribute, "Priority") == 0)
    csm_sim_world_set_priority (r->world, t->id, actor, text_to_int (value), &message);
  else if (strcmp (attribute, "Subject") == 0)
    csm_sim_world_set_subject (r->world, t->id, actor, value, &message);
  else if (strcmp (attribute, "SLA") == 0)
    csm_sim_world_set_sla (r->world, t->id, actor, value, &message);
  else if (strcmp (attribute, "TimeWorked") == 0)
    csm_sim_world_add_time_worked (r->world, t->id, actor, text_to_int (value) - t->time_worked,
                                   &message);
  else if (strcmp (attribute, "Due") == 0 || strcmp (attribute, "Starts") == 0)
    {
      gint64 when = 0;

      csm_sim_parse_rt_date (value, csm_sim_world_get_now (r->world), &when);
      if (strcmp (attribute, "Due") == 0)
        csm_sim_world_set_due (r->world, t->id, actor, when, &message);
      else
        csm_sim_world_set_starts (r->world, t->id, actor, when, &message);
    }

  csm_sim_run_scrips (r, mark);
  push_ticket_message (messages, t, message);
}

/* update_custom_fields: messages without the "Ticket N:" prefix. */
static void
update_custom_fields (CsmSimRequest      *r,
                      const CsmSimTicket *t,
                      JsonObject         *body,
                      GPtrArray          *messages)
{
  JsonNode *node = json_object_get_member (body, "CustomFields");
  JsonObject *cfs;
  g_autoptr(GList) names = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return;
  /* Without SeeCustomField the CF cannot be loaded: silently nothing. */
  if (!csm_sim_rights_has (r->user, CSM_SIM_RIGHT_SEE_CUSTOM_FIELD))
    return;

  cfs = json_node_get_object (node);
  names = json_object_get_members (cfs);
  for (GList *l = names; l != NULL; l = l->next)
    {
      const CsmSimCustomField *cf = csm_sim_world_lookup_custom_field_by_ref (r->world, l->data);
      g_autofree char *value = NULL;
      char *message = NULL;

      if (cf == NULL)
        continue;
      value = member_text (cfs, l->data);
      csm_sim_world_set_custom_field (r->world, t->id, r->user->id, cf->id, value, &message);
      if (message != NULL)
        g_ptr_array_add (messages, message);
    }
}

void
csm_sim_update_ticket (CsmSimRequest      *r,
                       const CsmSimTicket *t,
                       const char         *action)
{
  static const char *const attributes[] = {
    "Due", "Owner", "Priority", "Queue", "SLA", "Starts", "Status", "Subject", "TimeWorked",
  };
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  const char *if_match;
  CsmSimBodyStatus status;

  if (!csm_sim_request_content_type_accepted (r, FALSE))
    {
      csm_sim_respond_error (r, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE, "Unsupported Media Type");
      return;
    }
  body = csm_sim_request_body_object (r, &status);
  if (status == CSM_SIM_BODY_MALFORMED)
    {
      csm_sim_respond_error (r, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE, "Unsupported Media Type");
      return;
    }
  if (status == CSM_SIM_BODY_NOT_OBJECT)
    {
      csm_sim_respond_error (r, SOUP_STATUS_BAD_REQUEST, "JSON object must be a HASH");
      return;
    }

  if_match = soup_message_headers_get_one (soup_server_message_get_request_headers (r->msg),
                                           "If-Match");
  if (if_match != NULL && strcmp (if_match, "*") != 0)
    {
      g_autofree char *etag = g_strdup_printf ("\"%" G_GINT64_FORMAT "\"",
                                               csm_sim_ticket_etag (r, t));

      if (strstr (if_match, etag) == NULL)
        {
          csm_sim_respond_error (r, SOUP_STATUS_PRECONDITION_FAILED, "Precondition Failed");
          return;
        }
    }

  if (action != NULL)
    {
      /* RT::Ticket::Take, Untake and Steal: SetOwner with their type. */
      OwnerChange type = strcmp (action, "take") == 0 ? OWNER_TAKE
                         : strcmp (action, "steal") == 0 ? OWNER_STEAL : OWNER_UNTAKE;
      const CsmSimUser *new_owner = type == OWNER_UNTAKE
                                    ? csm_sim_world_lookup_user (r->world, CSM_SIM_USER_NOBODY)
                                    : r->user;
      guint mark = csm_sim_world_get_n_transactions (r->world);
      char *message = NULL;

      if (type == OWNER_STEAL && t->owner == r->user->id)
        message = g_strdup ("You already own this ticket");
      else
        message = owner_change_refused (r, t, new_owner, type);
      if (message == NULL)
        csm_sim_world_set_owner (r->world, t->id, r->user->id, new_owner->id, &message);
      csm_sim_run_scrips (r, mark);
      if (message != NULL)
        g_ptr_array_add (messages, message);
    }

  for (guint i = 0; i < G_N_ELEMENTS (attributes); i++)
    {
      g_autofree char *value = member_text (body, attributes[i]);

      if (value == NULL || attribute_unchanged (r, t, attributes[i], value))
        continue;
      update_attribute (r, t, attributes[i], value, messages);
    }
  update_custom_fields (r, t, body, messages);

  csm_sim_respond_messages (r, SOUP_STATUS_OK, messages, FALSE);
}

static gint64
resolve_or_create_person (CsmSimRequest *r,
                          const char    *ref)
{
  const CsmSimUser *user = csm_sim_world_lookup_user_by_ref (r->world, ref);

  if (user == NULL)
    user = csm_sim_world_lookup_user_by_email (r->world, ref);
  /* RT creates an unprivileged user for an unknown address. */
  if (user == NULL && strchr (ref, '@') != NULL)
    user = csm_sim_world_add_user (r->world, 0, ref, "", ref, CSM_SIM_ACCESS_CUSTOMER, NULL);
  return user ? user->id : 0;
}

void
csm_sim_serve_ticket_create (CsmSimRequest          *r,
                             const CsmSimRouteMatch *match)
{
  g_autoptr(JsonObject) body = NULL;
  g_autofree char *queue_ref = NULL;
  g_autofree char *status = NULL;
  g_autofree char *owner_ref = NULL;
  g_autofree char *due = NULL;
  g_autofree char *starts = NULL;
  g_autofree char *priority = NULL;
  g_autofree char *estimated = NULL;
  g_autofree char *sla = NULL;
  g_autoptr(GArray) requestors = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  const CsmSimQueue *queue;
  const CsmSimTicket *ticket;
  CsmSimTicketSpec spec = { 0, };
  JsonNode *node;
  CsmSimBodyStatus body_status;
  guint mark;

  if (!csm_sim_request_content_type_accepted (r, FALSE))
    {
      csm_sim_respond_error (r, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE, "Unsupported Media Type");
      return;
    }
  body = csm_sim_request_body_object (r, &body_status);
  if (body_status != CSM_SIM_BODY_OK)
    {
      csm_sim_respond_error (r, SOUP_STATUS_BAD_REQUEST,
                             body_status == CSM_SIM_BODY_MALFORMED ? MALFORMED_JSON
                                                                   : "JSON object must be a HASH");
      return;
    }

  queue_ref = member_text (body, "Queue");
  if (queue_ref == NULL || *queue_ref == '\0')
    {
      csm_sim_respond_error (r, SOUP_STATUS_BAD_REQUEST, "Could not create ticket. Queue not set");
      return;
    }
  queue = csm_sim_world_lookup_queue_by_ref (r->world, queue_ref);
  if (queue == NULL || queue->disabled ||
      !csm_sim_rights_has (r->user, CSM_SIM_RIGHT_CREATE_TICKET))
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf ("No permission to create tickets in the queue '%s'", queue_ref);

      csm_sim_respond_error (r, SOUP_STATUS_FORBIDDEN, message);
      return;
    }

  status = member_text (body, "Status");
  if (status != NULL && *status != '\0')
    {
      g_autofree char *lower = g_ascii_strdown (status, -1);

      if (strcmp (lower, "new") != 0 && strcmp (lower, "open") != 0 &&
          strcmp (lower, "resolved") != 0)
        {
          g_autofree char *message = NULL;

          message = g_strdup_printf ("New tickets can not have status '%s' in this queue.", status);

          csm_sim_respond_error (r, SOUP_STATUS_BAD_REQUEST, message);
          return;
        }
      g_free (status);
      status = g_steal_pointer (&lower);
    }

  node = json_object_get_member (body, "Requestor");
  if (node == NULL)
    node = json_object_get_member (body, "Requestors");
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (element) &&
              json_node_get_value_type (element) == G_TYPE_STRING)
            {
              gint64 id = resolve_or_create_person (r, json_node_get_string (element));

              if (id != 0)
                g_array_append_val (requestors, id);
            }
        }
    }
  else if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
           json_node_get_value_type (node) == G_TYPE_STRING)
    {
      g_auto(GStrv) parts = g_strsplit (json_node_get_string (node), ",", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        {
          gint64 id = resolve_or_create_person (r, g_strstrip (parts[i]));

          if (id != 0)
            g_array_append_val (requestors, id);
        }
    }

  owner_ref = member_text (body, "Owner");
  if (owner_ref != NULL)
    {
      const CsmSimUser *owner = csm_sim_world_lookup_user_by_ref (r->world, owner_ref);

      if (owner != NULL && csm_sim_rights_has (owner, CSM_SIM_RIGHT_OWN_TICKET))
        spec.owner = owner->id;
    }

  due = member_text (body, "Due");
  starts = member_text (body, "Starts");
  priority = member_text (body, "Priority");
  estimated = member_text (body, "TimeEstimated");
  sla = member_text (body, "SLA");

  spec.subject = json_object_get_string_member_with_default (body, "Subject", "");
  spec.queue = queue->id;
  spec.creator = r->user->id;
  spec.status = status;
  spec.priority = text_to_int (priority);
  spec.time_estimated = text_to_int (estimated);
  spec.sla = sla;
  spec.requestors = (const gint64 *) (gpointer) requestors->data;
  spec.n_requestors = requestors->len;
  if (due != NULL)
    csm_sim_parse_rt_date (due, csm_sim_world_get_now (r->world), &spec.due);
  if (starts != NULL)
    csm_sim_parse_rt_date (starts, csm_sim_world_get_now (r->world), &spec.starts);

  /* RT::Ticket::Create: the queue's default service level unless given. */
  if (spec.sla != NULL && *spec.sla == '\0')
    spec.sla = NULL;
  if (spec.sla == NULL && !queue->sla_disabled)
    spec.sla = csm_sim_sla_level_for_queue (csm_sim_world_get_agreements (r->world), queue->name);

  mark = csm_sim_world_get_n_transactions (r->world);
  ticket = csm_sim_world_create_ticket (r->world, &spec, &error);
  if (ticket == NULL)
    {
      csm_sim_respond_error (r, SOUP_STATUS_BAD_REQUEST, error->message);
      return;
    }

  /* CFs given at creation are stored without transactions, as RT does. */
  node = json_object_get_member (body, "CustomFields");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *cfs = json_node_get_object (node);
      g_autoptr(GList) names = json_object_get_members (cfs);

      for (GList *l = names; l != NULL; l = l->next)
        {
          const CsmSimCustomField *cf =
            csm_sim_world_lookup_custom_field_by_ref (r->world, l->data);
          g_autofree char *value = member_text (cfs, l->data);

          if (cf == NULL || value == NULL ||
              (cf->regex != NULL && !g_regex_match (cf->regex, value, 0, NULL)))
            continue;
          csm_sim_ticket_set_raw_cf_value (r->world, (CsmSimTicket *) ticket, cf->id, value);
        }
    }
  csm_sim_run_scrips (r, mark);

  {
    JsonObject *o = csm_sim_json_uid_int (r, "ticket", ticket->id);
    g_autoptr(JsonNode) root = csm_sim_json_object (o);
    g_autofree char *location = NULL;
    CsmJsonWriter *w = csm_json_writer_new (FALSE);

    csm_sim_json_write_node (w, root);
    location = g_strdup_printf (CSM_SIM_API_PREFIX "/ticket/%" G_GINT64_FORMAT, ticket->id);
    soup_message_headers_replace (soup_server_message_get_response_headers (r->msg), "Location",
                                  location);
    csm_sim_respond_written (r, SOUP_STATUS_CREATED, CSM_SIM_CONTENT_TYPE_ERROR, w, FALSE);
  }
}

void
csm_sim_serve_message (CsmSimRequest          *r,
                       const CsmSimRouteMatch *match)
{
  const CsmSimTicket *t = csm_sim_world_lookup_ticket (r->world, match->id);
  gboolean correspond = strcmp (match->segments[2], "correspond") == 0;
  const char *content_type = soup_message_headers_get_content_type (
    soup_server_message_get_request_headers (r->msg), NULL);
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *status = NULL;
  g_autofree char *time_taken = NULL;
  char *message = NULL;
  gboolean allowed;
  gint64 txn;
  guint mark;

  if (!csm_sim_request_content_type_accepted (r, TRUE))
    {
      csm_sim_respond_error (r, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE, "Unsupported Media Type");
      return;
    }
  if (content_type != NULL && g_str_has_prefix (content_type, "text/"))
    body = json_object_new ();
  else
    {
      CsmSimBodyStatus body_status;

      body = csm_sim_request_body_object (r, &body_status);
      if (body_status != CSM_SIM_BODY_OK)
        {
          csm_sim_respond_error (r, SOUP_STATUS_BAD_REQUEST, MALFORMED_JSON);
          return;
        }
      if (json_object_has_member (body, "Content") && !json_object_has_member (body, "ContentType"))
        {
          g_autofree char *content = member_text (body, "Content");

          if (content != NULL && *content != '\0')
            {
              csm_sim_respond_error (r, SOUP_STATUS_BAD_REQUEST,
                                     "ContentType is a required field for application/json");
              return;
            }
        }
    }

  allowed = t != NULL && csm_sim_rights_can_see_ticket (r->world, r->user->id, t) &&
            csm_sim_rights_has (r->user, correspond ? CSM_SIM_RIGHT_REPLY_TO_TICKET
                                                    : CSM_SIM_RIGHT_COMMENT_ON_TICKET);
  if (!allowed)
    {
      csm_sim_respond_error (r, SOUP_STATUS_BAD_REQUEST, "Permission Denied");
      return;
    }

  time_taken = member_text (body, "TimeTaken");
  mark = csm_sim_world_get_n_transactions (r->world);
  if (correspond)
    txn = csm_sim_world_correspond (r->world, t->id, r->user->id, text_to_int (time_taken),
                                    &message);
  else
    txn = csm_sim_world_comment (r->world, t->id, r->user->id, text_to_int (time_taken), &message);
  g_ptr_array_add (messages, message);
  if (txn > 0)
    {
      g_autofree char *content = NULL;

      if (content_type != NULL && g_str_has_prefix (content_type, "text/") && r->body != NULL)
        content = g_strndup (g_bytes_get_data (r->body, NULL), g_bytes_get_size (r->body));
      else
        content = member_text (body, "Content");
      csm_sim_world_set_message_content (r->world, txn, content);
    }
  csm_sim_run_scrips (r, mark);

  update_custom_fields (r, t, body, messages);

  status = member_text (body, "Status");
  if (status != NULL && *status != '\0')
    {
      message = NULL;
      if (!csm_sim_rights_has (r->user, CSM_SIM_RIGHT_MODIFY_TICKET))
        message = g_strdup ("Permission Denied");
      else
        {
          mark = csm_sim_world_get_n_transactions (r->world);
          csm_sim_world_set_status (r->world, t->id, r->user->id, status, &message);
          csm_sim_run_scrips (r, mark);
        }
      if (message != NULL)
        g_ptr_array_add (messages, message);
    }

  {
    g_autofree char *location = NULL;

    location = g_strdup_printf (CSM_SIM_API_PREFIX "/transaction/%" G_GINT64_FORMAT, txn);

    soup_message_headers_replace (soup_server_message_get_response_headers (r->msg), "Location",
                                  location);
  }
  csm_sim_respond_messages (r, SOUP_STATUS_CREATED, messages, TRUE);
}

/* take, untake and steal */
void
csm_sim_serve_owner_action (CsmSimRequest          *r,
                            const CsmSimRouteMatch *match)
{
  const CsmSimTicket *t = csm_sim_world_lookup_ticket (r->world, match->id);

  if (t == NULL)
    csm_sim_respond_error (r, SOUP_STATUS_NOT_FOUND, "Resource does not exist; use POST to create");
  else if (!csm_sim_rights_can_see_ticket (r->world, r->user->id, t))
    csm_sim_respond_error (r, SOUP_STATUS_FORBIDDEN, "Forbidden");
  else
    csm_sim_update_ticket (r, t, match->segments[2]);
}
