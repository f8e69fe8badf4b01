/* csm-sim-scenario-save.c: fixed helpdesk scenarios as JSON files: writing a CsmSimWorld out.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-sim-scenario"

#include "config.h"

#include <json-glib/json-glib.h>

#include "csm-sim-scenario.h"

static void
add_int (JsonBuilder *b,
         const char  *member,
         gint64       value)
{
  json_builder_set_member_name (b, member);
  json_builder_add_int_value (b, value);
}

static void
add_string (JsonBuilder *b,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (b, member);
  json_builder_add_string_value (b, value);
}

static void
add_boolean (JsonBuilder *b,
             const char  *member,
             gboolean     value)
{
  json_builder_set_member_name (b, member);
  json_builder_add_boolean_value (b, value);
}

static void
add_time (JsonBuilder *b,
          const char  *member,
          gint64       value,
          gboolean     null_when_unset)
{
  json_builder_set_member_name (b, member);
  if (value == 0 && null_when_unset)
    json_builder_add_null_value (b);
  else
    {
      g_autofree char *iso = csm_sim_format_iso (value);

      json_builder_add_string_value (b, iso);
    }
}

static void
add_string_or_null (JsonBuilder *b,
                    const char  *member,
                    const char  *value)
{
  json_builder_set_member_name (b, member);
  if (value == NULL)
    json_builder_add_null_value (b);
  else
    json_builder_add_string_value (b, value);
}

static const char *
user_name_of (CsmSimWorld *world,
              gint64       id)
{
  const CsmSimUser *user = csm_sim_world_lookup_user (world, id);

  return user ? user->name : NULL;
}

static void
add_user_list (JsonBuilder *b,
               CsmSimWorld *world,
               const char  *member,
               GArray      *ids)
{
  json_builder_set_member_name (b, member);
  json_builder_begin_array (b);
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    json_builder_add_string_value (b, user_name_of (world, g_array_index (ids, gint64, i)));
  json_builder_end_array (b);
}

static gboolean
is_builtin_user (gint64 id)
{
  return id == CSM_SIM_USER_RT_SYSTEM || id == CSM_SIM_USER_NOBODY || id == CSM_SIM_USER_ROOT;
}

/* Writes one record of one of the scenario's arrays, or nothing for a
 * record of RT's initial data (which every world has). */
typedef void (*RecordWriter) (JsonBuilder   *b,
                              CsmSimWorld   *world,
                              gconstpointer  record);

static void
write_records (JsonBuilder  *b,
               CsmSimWorld  *world,
               const char   *member,
               GPtrArray    *records,
               RecordWriter  write)
{
  json_builder_set_member_name (b, member);
  json_builder_begin_array (b);
  for (guint i = 0; i < records->len; i++)
    write (b, world, g_ptr_array_index (records, i));
  json_builder_end_array (b);
}

static void
write_queue (JsonBuilder   *b,
             CsmSimWorld   *world,
             gconstpointer  record)
{
  const CsmSimQueue *q = record;

  if (q->id == CSM_SIM_QUEUE_GENERAL || g_strcmp0 (q->name, "___Approvals") == 0)
    return;
  json_builder_begin_object (b);
  add_int (b, "id", q->id);
  add_string (b, "Name", q->name);
  add_string (b, "Description", q->description);
  add_boolean (b, "SLADisabled", q->sla_disabled);
  add_boolean (b, "Disabled", q->disabled);
  add_string (b, "CorrespondAddress", q->correspond_address);
  add_string (b, "CommentAddress", q->comment_address);
  add_time (b, "Created", q->created, TRUE);
  json_builder_end_object (b);
}

static void
write_user (JsonBuilder   *b,
            CsmSimWorld   *world,
            gconstpointer  record)
{
  const CsmSimUser *u = record;

  if (is_builtin_user (u->id))
    return;
  json_builder_begin_object (b);
  add_int (b, "id", u->id);
  add_string (b, "Name", u->name);
  add_string (b, "RealName", u->real_name);
  add_string (b, "EmailAddress", u->email);
  add_string (b, "Access", csm_sim_access_to_string (u->access));
  add_boolean (b, "Disabled", u->disabled);
  add_string_or_null (b, "Lang", u->lang);
  add_string_or_null (b, "Timezone", u->timezone);
  add_time (b, "Created", u->created, TRUE);
  json_builder_end_object (b);
}

static void
write_group (JsonBuilder   *b,
             CsmSimWorld   *world,
             gconstpointer  record)
{
  const CsmSimGroup *g = record;

  if (g_strcmp0 (g->domain, "UserDefined") != 0)
    return;
  json_builder_begin_object (b);
  add_int (b, "id", g->id);
  add_string (b, "Name", g->name);
  add_string (b, "Description", g->description);
  add_user_list (b, world, "Members", g->members);
  add_time (b, "Created", g->created, TRUE);
  json_builder_end_object (b);
}

static void
write_custom_field (JsonBuilder   *b,
                    CsmSimWorld   *world,
                    gconstpointer  record)
{
  const CsmSimCustomField *cf = record;

  json_builder_begin_object (b);
  add_int (b, "id", cf->id);
  add_string (b, "Name", cf->name);
  add_string (b, "Type", cf->type);
  add_string (b, "Description", cf->description);
  add_string_or_null (b, "Pattern", cf->pattern);
  add_int (b, "MaxValues", cf->max_values);
  json_builder_set_member_name (b, "Values");
  json_builder_begin_array (b);
  for (guint j = 0; j < cf->values->len; j++)
    json_builder_add_string_value (b, g_ptr_array_index (cf->values, j));
  json_builder_end_array (b);
  add_time (b, "Created", cf->created, TRUE);
  json_builder_end_object (b);
}

static void
write_ticket (JsonBuilder   *b,
              CsmSimWorld   *world,
              gconstpointer  record)
{
  const CsmSimTicket *t = record;
  const CsmSimQueue *queue = csm_sim_world_lookup_queue (world, t->queue);
  GPtrArray *cfs = csm_sim_world_get_custom_fields (world);

  json_builder_begin_object (b);
  add_int (b, "id", t->id);
  add_string (b, "Subject", t->subject);
  add_string (b, "Queue", queue ? queue->name : NULL);
  add_string (b, "Status", t->status);
  add_string (b, "Owner", user_name_of (world, t->owner));
  add_string (b, "Creator", user_name_of (world, t->creator));
  add_string (b, "LastUpdatedBy", user_name_of (world, t->last_updated_by));
  add_int (b, "Priority", t->priority);
  add_int (b, "InitialPriority", t->initial_priority);
  add_int (b, "FinalPriority", t->final_priority);
  add_int (b, "TimeEstimated", t->time_estimated);
  add_int (b, "TimeWorked", t->time_worked);
  add_int (b, "TimeLeft", t->time_left);
  add_time (b, "Created", t->created, TRUE);
  add_time (b, "LastUpdated", t->last_updated, TRUE);
  add_time (b, "Starts", t->starts, TRUE);
  add_time (b, "Started", t->started, TRUE);
  add_time (b, "Due", t->due, TRUE);
  add_time (b, "Resolved", t->resolved, TRUE);
  add_time (b, "Told", t->told, TRUE);
  add_string_or_null (b, "SLA", t->sla);
  add_user_list (b, world, "Requestors", t->requestors);
  add_user_list (b, world, "Cc", t->cc);
  add_user_list (b, world, "AdminCc", t->admincc);
  json_builder_set_member_name (b, "CustomFields");
  json_builder_begin_object (b);
  for (guint j = 0; j < cfs->len; j++)
    {
      const CsmSimCustomField *cf = g_ptr_array_index (cfs, j);
      gboolean any = FALSE;

      for (guint k = 0; t->cf_values != NULL && k < t->cf_values->len; k++)
        {
          const CsmSimCfValue *v = &g_array_index (t->cf_values, CsmSimCfValue, k);

          if (v->cf_id != cf->id)
            continue;
          if (!any)
            {
              json_builder_set_member_name (b, cf->name);
              json_builder_begin_array (b);
              any = TRUE;
            }
          json_builder_add_string_value (b, v->value);
        }
      if (any)
        json_builder_end_array (b);
    }
  json_builder_end_object (b);
  json_builder_end_object (b);
}

static void
write_transactions (JsonBuilder *b,
                    CsmSimWorld *world)
{
  json_builder_set_member_name (b, "transactions");
  json_builder_begin_array (b);
  for (guint i = 0; i < csm_sim_world_get_n_transactions (world); i++)
    {
      const CsmSimTransaction *x = csm_sim_world_get_transaction_at (world, i);

      json_builder_begin_object (b);
      add_int (b, "id", x->id);
      add_int (b, "Ticket", x->object_id);
      add_string (b, "Type", x->type);
      add_string_or_null (b, "Field", x->field);
      add_string_or_null (b, "OldValue", x->old_value);
      add_string_or_null (b, "NewValue", x->new_value);
      add_string_or_null (b, "Data", x->data);
      add_string (b, "Creator", user_name_of (world, x->creator));
      add_time (b, "Created", x->created, FALSE);
      add_int (b, "TimeTaken", x->time_taken);
      if (x->old_reference != 0 || x->new_reference != 0)
        {
          add_int (b, "OldReference", x->old_reference);
          add_int (b, "NewReference", x->new_reference);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

char *
csm_sim_scenario_to_data (CsmSimWorld *world)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (CSM_IS_SIM_WORLD (world), NULL);

  json_builder_begin_object (b);
  add_string (b, "format", CSM_SIM_SCENARIO_FORMAT);
  add_time (b, "now", csm_sim_world_get_now (world), FALSE);

  write_records (b, world, "queues", csm_sim_world_get_queues (world), write_queue);
  write_records (b, world, "users", csm_sim_world_get_users (world), write_user);
  write_records (b, world, "groups", csm_sim_world_get_groups (world), write_group);
  write_records (b, world, "custom_fields", csm_sim_world_get_custom_fields (world),
                 write_custom_field);
  write_records (b, world, "tickets", csm_sim_world_get_tickets (world), write_ticket);
  write_transactions (b, world);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  {
    g_autofree char *text = json_generator_to_data (generator, NULL);

    return g_strconcat (text, "\n", NULL);
  }
}

gboolean
csm_sim_scenario_save_file (CsmSimWorld  *world,
                            const char   *path,
                            GError      **error)
{
  g_autofree char *data = NULL;

  g_return_val_if_fail (CSM_IS_SIM_WORLD (world), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  data = csm_sim_scenario_to_data (world);
  return g_file_set_contents (path, data, -1, error);
}
