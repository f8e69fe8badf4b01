/* csm-sim-scenario.c: fixed helpdesk scenarios as JSON files: reading them into a CsmSimWorld.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-sim-scenario"

#include "config.h"

#include <json-glib/json-glib.h>

#include "csm-sim-scenario.h"

static const char *const access_names[] = {
  [CSM_SIM_ACCESS_ADMIN] = "admin",
  [CSM_SIM_ACCESS_AGENT] = "agent",
  [CSM_SIM_ACCESS_VIEWER] = "viewer",
  [CSM_SIM_ACCESS_CUSTOMER] = "customer",
};

const char *
csm_sim_access_to_string (CsmSimAccess access)
{
  g_return_val_if_fail (access <= CSM_SIM_ACCESS_CUSTOMER, NULL);

  return access_names[access];
}

gboolean
csm_sim_access_from_string (const char   *text,
                            CsmSimAccess *access)
{
  g_return_val_if_fail (access != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (access_names); i++)
    if (g_strcmp0 (text, access_names[i]) == 0)
      {
        *access = (CsmSimAccess) i;
        return TRUE;
      }
  return FALSE;
}

/* ------------------------------------------------------------------------ */
/* Loading                                                                  */
/* ------------------------------------------------------------------------ */

typedef struct
{
  CsmSimWorld *world;
  GError *error;
  const char *where;       /* "ticket 3", for messages */
} Loader;

static void
fail (Loader     *loader,
      const char *format,
      ...) G_GNUC_PRINTF (2, 3);

static void
fail (Loader     *loader,
      const char *format,
      ...)
{
  va_list args;
  g_autofree char *text = NULL;

  if (loader->error != NULL)
    return;
  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (&loader->error, CSM_SIM_WORLD_ERROR, CSM_SIM_WORLD_ERROR_INVALID,
               "Scenario: %s%s%s", loader->where ? loader->where : "",
               loader->where ? ": " : "", text);
}

static const char *
get_string (Loader     *loader,
            JsonObject *object,
            const char *member,
            gboolean    required)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        fail (loader, "missing \"%s\"", member);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      fail (loader, "\"%s\" must be a string", member);
      return NULL;
    }
  return json_node_get_string (node);
}

static gint64
get_int (Loader     *loader,
         JsonObject *object,
         const char *member,
         gint64      fallback)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return fallback;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      fail (loader, "\"%s\" must be an integer", member);
      return fallback;
    }
  return json_node_get_int (node);
}

static gboolean
get_bool (Loader     *loader,
          JsonObject *object,
          const char *member,
          gboolean    fallback)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return fallback;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      fail (loader, "\"%s\" must be true or false", member);
      return fallback;
    }
  return json_node_get_boolean (node);
}

static gint64
get_time (Loader     *loader,
          JsonObject *object,
          const char *member,
          gint64      fallback)
{
  const char *text = get_string (loader, object, member, FALSE);
  gint64 value;

  if (text == NULL)
    return json_object_has_member (object, member) ? 0 : fallback;
  if (!csm_sim_parse_iso (text, &value))
    {
      fail (loader, "\"%s\" is not a date: %s", member, text);
      return fallback;
    }
  return value;
}

static JsonArray *
get_array (Loader     *loader,
           JsonObject *object,
           const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      fail (loader, "\"%s\" must be an array", member);
      return NULL;
    }
  return json_node_get_array (node);
}

static JsonObject *
element_object (Loader    *loader,
                JsonArray *array,
                guint      index)
{
  JsonNode *node = json_array_get_element (array, index);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      fail (loader, "element %u must be an object", index);
      return NULL;
    }
  return json_node_get_object (node);
}

static gint64
user_ref (Loader     *loader,
          const char *name)
{
  const CsmSimUser *user;

  if (name == NULL)
    return 0;
  user = csm_sim_world_lookup_user_by_name (loader->world, name);
  if (user == NULL)
    {
      fail (loader, "no user \"%s\"", name);
      return 0;
    }
  return user->id;
}

static void
load_queues (Loader    *loader,
             JsonArray *array)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array) && !loader->error; i++)
    {
      JsonObject *o = element_object (loader, array, i);
      const CsmSimQueue *queue;
      CsmSimQueue *mutable_queue;
      const char *name;

      if (o == NULL)
        return;
      name = get_string (loader, o, "Name", TRUE);
      if (name == NULL)
        return;

      queue = csm_sim_world_lookup_queue_by_name (loader->world, name);
      if (queue == NULL)
        queue = csm_sim_world_add_queue (loader->world, get_int (loader, o, "id", 0), name,
                                         get_string (loader, o, "Description", FALSE),
                                         get_bool (loader, o, "SLADisabled", TRUE),
                                         &loader->error);
      if (queue == NULL)
        return;

      mutable_queue = (CsmSimQueue *) queue;
      g_free (mutable_queue->description);
      mutable_queue->description = g_strdup (get_string (loader, o, "Description", FALSE) ?: "");
      mutable_queue->sla_disabled = get_bool (loader, o, "SLADisabled", TRUE);
      mutable_queue->disabled = get_bool (loader, o, "Disabled", FALSE);
      if (json_object_has_member (o, "CorrespondAddress") ||
          json_object_has_member (o, "CommentAddress"))
        csm_sim_world_set_queue_addresses (loader->world, queue->id,
                                           get_string (loader, o, "CorrespondAddress", FALSE),
                                           get_string (loader, o, "CommentAddress", FALSE));
      mutable_queue->created = get_time (loader, o, "Created", queue->created);
      mutable_queue->last_updated = get_time (loader, o, "LastUpdated", queue->created);
    }
}

static void
load_users (Loader    *loader,
            JsonArray *array)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array) && !loader->error; i++)
    {
      JsonObject *o = element_object (loader, array, i);
      const CsmSimUser *user;
      CsmSimUser *mutable_user;
      const char *name, *access_text;
      CsmSimAccess access = CSM_SIM_ACCESS_CUSTOMER;

      if (o == NULL)
        return;
      name = get_string (loader, o, "Name", TRUE);
      access_text = get_string (loader, o, "Access", FALSE);
      if (name == NULL)
        return;
      if (access_text != NULL && !csm_sim_access_from_string (access_text, &access))
        {
          fail (loader, "user %s: unknown Access \"%s\"", name, access_text);
          return;
        }

      user = csm_sim_world_add_user (loader->world, get_int (loader, o, "id", 0), name,
                                     get_string (loader, o, "RealName", FALSE),
                                     get_string (loader, o, "EmailAddress", FALSE), access,
                                     &loader->error);
      if (user == NULL)
        return;

      mutable_user = (CsmSimUser *) user;
      mutable_user->disabled = get_bool (loader, o, "Disabled", FALSE);
      mutable_user->created = get_time (loader, o, "Created", user->created);
      mutable_user->last_updated = get_time (loader, o, "LastUpdated", user->created);
      if (json_object_has_member (o, "Lang") || json_object_has_member (o, "Timezone"))
        csm_sim_world_set_user_locale (loader->world, user->id,
                                       get_string (loader, o, "Lang", FALSE),
                                       get_string (loader, o, "Timezone", FALSE));
    }
}

static void
load_groups (Loader    *loader,
             JsonArray *array)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array) && !loader->error; i++)
    {
      JsonObject *o = element_object (loader, array, i);
      const CsmSimGroup *group;
      JsonArray *members;
      const char *name;

      if (o == NULL)
        return;
      name = get_string (loader, o, "Name", TRUE);
      if (name == NULL)
        return;
      group = csm_sim_world_add_group (loader->world, get_int (loader, o, "id", 0), name,
                                       get_string (loader, o, "Description", FALSE),
                                       &loader->error);
      if (group == NULL)
        return;
      ((CsmSimGroup *) group)->created = get_time (loader, o, "Created", group->created);
      ((CsmSimGroup *) group)->last_updated = get_time (loader, o, "LastUpdated", group->created);

      members = get_array (loader, o, "Members");
      for (guint j = 0; members != NULL && j < json_array_get_length (members); j++)
        {
          gint64 id = user_ref (loader, json_array_get_string_element (members, j));

          if (id == 0 ||
              !csm_sim_world_add_group_member (loader->world, group->id, id, &loader->error))
            return;
        }
    }
}

static void
load_custom_fields (Loader    *loader,
                    JsonArray *array)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array) && !loader->error; i++)
    {
      JsonObject *o = element_object (loader, array, i);
      const CsmSimCustomField *cf;
      JsonArray *values;
      const char *name;

      if (o == NULL)
        return;
      name = get_string (loader, o, "Name", TRUE);
      if (name == NULL)
        return;
      cf = csm_sim_world_add_custom_field (loader->world, get_int (loader, o, "id", 0), name,
                                           get_string (loader, o, "Type", FALSE),
                                           get_string (loader, o, "Description", FALSE),
                                           get_string (loader, o, "Pattern", FALSE),
                                           (guint) get_int (loader, o, "MaxValues", 1),
                                           &loader->error);
      if (cf == NULL)
        return;
      ((CsmSimCustomField *) cf)->created = get_time (loader, o, "Created", cf->created);

      values = get_array (loader, o, "Values");
      for (guint j = 0; values != NULL && j < json_array_get_length (values); j++)
        if (!csm_sim_world_add_custom_field_value (loader->world, cf->id,
                                                   json_array_get_string_element (values, j),
                                                   &loader->error))
          return;
    }
}

static void
load_watchers (Loader       *loader,
               CsmSimTicket *ticket,
               JsonObject   *o,
               const char   *member,
               const char   *role)
{
  JsonArray *array = get_array (loader, o, member);

  for (guint j = 0; array != NULL && j < json_array_get_length (array); j++)
    {
      gint64 id = user_ref (loader, json_array_get_string_element (array, j));

      if (id == 0)
        return;
      csm_sim_ticket_add_raw_watcher (ticket, role, id);
    }
}

static void
load_tickets (Loader     *loader,
              JsonArray  *array,
              GHashTable *explicit_time_worked,
              GHashTable *explicit_last_updated)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array) && !loader->error; i++)
    {
      JsonObject *o = element_object (loader, array, i);
      CsmSimTicketSpec spec = { 0, };
      CsmSimTicket *ticket;
      const CsmSimQueue *queue;
      const char *queue_name;
      JsonNode *cfs;
      g_autofree char *where = NULL;

      if (o == NULL)
        return;

      spec.id = get_int (loader, o, "id", 0);
      loader->where = where = g_strdup_printf ("ticket %" G_GINT64_FORMAT, spec.id);
      queue_name = get_string (loader, o, "Queue", TRUE);
      if (queue_name == NULL)
        return;
      queue = csm_sim_world_lookup_queue_by_name (loader->world, queue_name);
      if (queue == NULL)
        {
          fail (loader, "no queue \"%s\"", queue_name);
          return;
        }

      spec.subject = get_string (loader, o, "Subject", FALSE);
      spec.queue = queue->id;
      spec.status = get_string (loader, o, "Status", FALSE);
      spec.creator = user_ref (loader, get_string (loader, o, "Creator", FALSE));
      spec.owner = user_ref (loader, get_string (loader, o, "Owner", FALSE));
      spec.priority = (int) get_int (loader, o, "Priority", 0);
      spec.time_estimated = (int) get_int (loader, o, "TimeEstimated", 0);
      spec.created = get_time (loader, o, "Created", 0);
      spec.starts = get_time (loader, o, "Starts", 0);
      spec.due = get_time (loader, o, "Due", 0);
      spec.sla = get_string (loader, o, "SLA", FALSE);
      if (loader->error != NULL)
        return;
      if (spec.created == 0)
        {
          fail (loader, "missing \"Created\"");
          return;
        }

      ticket = csm_sim_world_insert_ticket (loader->world, &spec, &loader->error);
      if (ticket == NULL)
        return;

      ticket->initial_priority = (int) get_int (loader, o, "InitialPriority", 0);
      ticket->final_priority = (int) get_int (loader, o, "FinalPriority", 0);
      ticket->time_left = (int) get_int (loader, o, "TimeLeft", 0);
      ticket->started = get_time (loader, o, "Started", 0);
      ticket->resolved = get_time (loader, o, "Resolved", 0);
      ticket->told = get_time (loader, o, "Told", 0);
      if (json_object_has_member (o, "TimeWorked"))
        {
          ticket->time_worked = (int) get_int (loader, o, "TimeWorked", 0);
          g_hash_table_add (explicit_time_worked, &ticket->id);
        }
      if (json_object_has_member (o, "LastUpdated"))
        {
          ticket->last_updated = get_time (loader, o, "LastUpdated", ticket->created);
          g_hash_table_add (explicit_last_updated, &ticket->id);
        }
      if (json_object_has_member (o, "LastUpdatedBy"))
        ticket->last_updated_by = user_ref (loader, get_string (loader, o, "LastUpdatedBy", TRUE));

      load_watchers (loader, ticket, o, "Requestors", "Requestor");
      load_watchers (loader, ticket, o, "Cc", "Cc");
      load_watchers (loader, ticket, o, "AdminCc", "AdminCc");

      cfs = json_object_get_member (o, "CustomFields");
      if (cfs != NULL && !JSON_NODE_HOLDS_NULL (cfs))
        {
          JsonObject *cf_object;
          g_autoptr(GList) names = NULL;

          if (!JSON_NODE_HOLDS_OBJECT (cfs))
            {
              fail (loader, "\"CustomFields\" must be an object");
              return;
            }
          cf_object = json_node_get_object (cfs);
          names = json_object_get_members (cf_object);
          for (GList *l = names; l != NULL; l = l->next)
            {
              const CsmSimCustomField *cf =
                csm_sim_world_lookup_custom_field_by_name (loader->world, l->data);
              JsonNode *values = json_object_get_member (cf_object, l->data);

              if (cf == NULL)
                {
                  fail (loader, "no custom field \"%s\"", (const char *) l->data);
                  return;
                }
              if (JSON_NODE_HOLDS_ARRAY (values))
                {
                  JsonArray *list = json_node_get_array (values);

                  for (guint j = 0; j < json_array_get_length (list); j++)
                    csm_sim_ticket_set_raw_cf_value (loader->world, ticket, cf->id,
                                                     json_array_get_string_element (list, j));
                }
              else if (JSON_NODE_HOLDS_VALUE (values) &&
                       json_node_get_value_type (values) == G_TYPE_STRING)
                csm_sim_ticket_set_raw_cf_value (loader->world, ticket, cf->id,
                                                 json_node_get_string (values));
              else if (!JSON_NODE_HOLDS_NULL (values))
                {
                  fail (loader, "custom field \"%s\": values must be strings",
                        (const char *) l->data);
                  return;
                }
            }
        }
    }
  loader->where = NULL;
}

static void
load_transactions (Loader    *loader,
                   JsonArray *array)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array) && !loader->error; i++)
    {
      JsonObject *o = element_object (loader, array, i);
      CsmSimTransaction txn = { 0, };
      g_autofree char *where = NULL;

      if (o == NULL)
        return;

      txn.id = (guint32) get_int (loader, o, "id", 0);
      loader->where = where = g_strdup_printf ("transaction %u", txn.id);
      txn.object_id = (guint32) get_int (loader, o, "Ticket", 0);
      txn.type = get_string (loader, o, "Type", TRUE);
      txn.field = get_string (loader, o, "Field", FALSE);
      txn.old_value = get_string (loader, o, "OldValue", FALSE);
      txn.new_value = get_string (loader, o, "NewValue", FALSE);
      txn.data = get_string (loader, o, "Data", FALSE);
      txn.creator = (guint32) user_ref (loader, get_string (loader, o, "Creator", TRUE));
      txn.created = get_time (loader, o, "Created", 0);
      txn.time_taken = (gint32) get_int (loader, o, "TimeTaken", 0);
      txn.old_reference = (guint32) get_int (loader, o, "OldReference", 0);
      txn.new_reference = (guint32) get_int (loader, o, "NewReference", 0);
      if (loader->error != NULL)
        return;
      if (csm_sim_world_insert_transaction (loader->world, &txn, &loader->error) == NULL)
        return;
    }
  loader->where = NULL;
}

/* What the file leaves out follows from the history, as in RT. */
static void
derive_ticket_state (CsmSimWorld *world,
                     GHashTable  *explicit_time_worked,
                     GHashTable  *explicit_last_updated)
{
  GPtrArray *tickets = csm_sim_world_get_tickets (world);

  for (guint i = 0; i < tickets->len; i++)
    {
      CsmSimTicket *ticket = g_ptr_array_index (tickets, i);
      gboolean sum = !g_hash_table_contains (explicit_time_worked, &ticket->id);
      gboolean last = !g_hash_table_contains (explicit_last_updated, &ticket->id);

      if (sum)
        ticket->time_worked = 0;
      for (guint j = 0; j < ticket->txns->len; j++)
        {
          const CsmSimTransaction *txn =
            csm_sim_world_get_transaction_at (world, g_array_index (ticket->txns, guint, j));

          if (sum)
            ticket->time_worked += txn->time_taken;
          if (last && txn->created > ticket->last_updated)
            ticket->last_updated = txn->created;
        }
    }
}

/* The built-ins (RT_System, Nobody, root, the system groups, General and
 * ___Approvals) are RT's initial data, made when RT was installed. A scenario
 * does not say when that was; it is taken to be the scenario's earliest
 * time, so that a world loaded from a file is the same on every run and a
 * real RT loaded from it (tests/rt/rt-load-scenario.pl) can be dated alike. */
static void
date_builtins (CsmSimWorld *world)
{
  GPtrArray *users = csm_sim_world_get_users (world);
  GPtrArray *groups = csm_sim_world_get_groups (world);
  GPtrArray *queues = csm_sim_world_get_queues (world);
  GPtrArray *cfs = csm_sim_world_get_custom_fields (world);
  GPtrArray *tickets = csm_sim_world_get_tickets (world);
  gint64 earliest = csm_sim_world_get_now (world);

#define EARLIER(t) G_STMT_START { if ((t) > 0 && (t) < earliest) earliest = (t); } G_STMT_END
  for (guint i = 0; i < users->len; i++)
    if (((CsmSimUser *) users->pdata[i])->id > CSM_SIM_USER_ROOT)
      EARLIER (((CsmSimUser *) users->pdata[i])->created);
  for (guint i = 0; i < groups->len; i++)
    if (g_strcmp0 (((CsmSimGroup *) groups->pdata[i])->domain, "SystemInternal") != 0)
      EARLIER (((CsmSimGroup *) groups->pdata[i])->created);
  for (guint i = 0; i < queues->len; i++)
    if (((CsmSimQueue *) queues->pdata[i])->id > 2)
      EARLIER (((CsmSimQueue *) queues->pdata[i])->created);
  for (guint i = 0; i < cfs->len; i++)
    EARLIER (((CsmSimCustomField *) cfs->pdata[i])->created);
  for (guint i = 0; i < tickets->len; i++)
    EARLIER (((CsmSimTicket *) tickets->pdata[i])->created);
  for (guint i = 0; i < csm_sim_world_get_n_transactions (world); i++)
    EARLIER (csm_sim_world_get_transaction_at (world, i)->created);
#undef EARLIER

  for (guint i = 0; i < users->len; i++)
    {
      CsmSimUser *user = users->pdata[i];

      if (user->id <= CSM_SIM_USER_ROOT)
        user->created = user->last_updated = earliest;
    }
  for (guint i = 0; i < groups->len; i++)
    {
      CsmSimGroup *group = groups->pdata[i];

      if (g_strcmp0 (group->domain, "SystemInternal") == 0)
        group->created = group->last_updated = earliest;
    }
  for (guint i = 0; i < queues->len; i++)
    {
      CsmSimQueue *queue = queues->pdata[i];

      if (queue->id <= 2)
        queue->created = queue->last_updated = earliest;
    }
}

gboolean
csm_sim_scenario_load_data (CsmSimWorld  *world,
                            const char   *data,
                            gssize        length,
                            GError      **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GHashTable) explicit_time_worked = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) explicit_last_updated = g_hash_table_new (g_int64_hash, g_int64_equal);
  Loader loader = { world, NULL, NULL };
  JsonObject *root;
  const char *format;
  gint64 now;
  gboolean fresh;

  g_return_val_if_fail (CSM_IS_SIM_WORLD (world), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!json_parser_load_from_data (parser, data, length, error))
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, CSM_SIM_WORLD_ERROR, CSM_SIM_WORLD_ERROR_INVALID,
                   "Scenario: the top level must be an object");
      return FALSE;
    }
  root = json_node_get_object (json_parser_get_root (parser));
  /* Only RT's built-ins so far: the scenario is the whole helpdesk. */
  fresh = csm_sim_world_get_tickets (world)->len == 0 &&
          csm_sim_world_get_queues (world)->len <= 2 &&
          csm_sim_world_get_custom_fields (world)->len == 0;

  format = get_string (&loader, root, "format", TRUE);
  if (format != NULL && g_strcmp0 (format, CSM_SIM_SCENARIO_FORMAT) != 0)
    fail (&loader, "unknown format \"%s\" (want \"" CSM_SIM_SCENARIO_FORMAT "\")", format);

  /* Records are stamped with the scenario's clock unless they say better. */
  now = get_time (&loader, root, "now", csm_sim_world_get_now (world));
  csm_sim_world_set_now (world, now);

  if (loader.error == NULL)
    load_queues (&loader, get_array (&loader, root, "queues"));
  if (loader.error == NULL)
    load_users (&loader, get_array (&loader, root, "users"));
  if (loader.error == NULL)
    load_groups (&loader, get_array (&loader, root, "groups"));
  if (loader.error == NULL)
    load_custom_fields (&loader, get_array (&loader, root, "custom_fields"));
  if (loader.error == NULL)
    load_tickets (&loader, get_array (&loader, root, "tickets"), explicit_time_worked,
                  explicit_last_updated);
  if (loader.error == NULL)
    load_transactions (&loader, get_array (&loader, root, "transactions"));

  if (loader.error != NULL)
    {
      g_propagate_error (error, loader.error);
      return FALSE;
    }

  derive_ticket_state (world, explicit_time_worked, explicit_last_updated);
  if (fresh)
    date_builtins (world);
  csm_sim_world_set_now (world, now);
  return TRUE;
}

gboolean
csm_sim_scenario_load_file (CsmSimWorld  *world,
                            const char   *path,
                            GError      **error)
{
  g_autofree char *data = NULL;
  gsize length;

  g_return_val_if_fail (CSM_IS_SIM_WORLD (world), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!g_file_get_contents (path, &data, &length, error))
    return FALSE;
  return csm_sim_scenario_load_data (world, data, length, error);
}

CsmSimWorld *
csm_sim_scenario_new_world (const char  *path,
                            GError     **error)
{
  g_autoptr(CsmSimWorld) world = csm_sim_world_new ();

  if (!csm_sim_scenario_load_file (world, path, error))
    return NULL;
  return g_steal_pointer (&world);
}
