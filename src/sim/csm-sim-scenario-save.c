/* csm-sim-scenario-save.c: fixed helpdesk scenarios as JSON files: writing a CsmSimWorld out.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-sim-scenario"

#include "config.h"

#include <json-glib/json-glib.h>

#include "csm-sim-scenario.h"

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

char *
csm_sim_scenario_to_data (CsmSimWorld *world)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  GPtrArray *list;

  g_return_val_if_fail (CSM_IS_SIM_WORLD (world), NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, CSM_SIM_SCENARIO_FORMAT);
  add_time (b, "now", csm_sim_world_get_now (world), FALSE);

  json_builder_set_member_name (b, "queues");
  json_builder_begin_array (b);
  list = csm_sim_world_get_queues (world);
  for (guint i = 0; i < list->len; i++)
    {
      const CsmSimQueue *q = g_ptr_array_index (list, i);

      if (q->id == CSM_SIM_QUEUE_GENERAL || g_strcmp0 (q->name, "___Approvals") == 0)
        continue;
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, q->id);
      json_builder_set_member_name (b, "Name");
      json_builder_add_string_value (b, q->name);
      json_builder_set_member_name (b, "Description");
      json_builder_add_string_value (b, q->description);
      json_builder_set_member_name (b, "SLADisabled");
      json_builder_add_boolean_value (b, q->sla_disabled);
      json_builder_set_member_name (b, "Disabled");
      json_builder_add_boolean_value (b, q->disabled);
      json_builder_set_member_name (b, "CorrespondAddress");
      json_builder_add_string_value (b, q->correspond_address);
      json_builder_set_member_name (b, "CommentAddress");
      json_builder_add_string_value (b, q->comment_address);
      add_time (b, "Created", q->created, TRUE);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "users");
  json_builder_begin_array (b);
  list = csm_sim_world_get_users (world);
  for (guint i = 0; i < list->len; i++)
    {
      const CsmSimUser *u = g_ptr_array_index (list, i);

      if (is_builtin_user (u->id))
        continue;
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, u->id);
      json_builder_set_member_name (b, "Name");
      json_builder_add_string_value (b, u->name);
      json_builder_set_member_name (b, "RealName");
      json_builder_add_string_value (b, u->real_name);
      json_builder_set_member_name (b, "EmailAddress");
      json_builder_add_string_value (b, u->email);
      json_builder_set_member_name (b, "Access");
      json_builder_add_string_value (b, csm_sim_access_to_string (u->access));
      json_builder_set_member_name (b, "Disabled");
      json_builder_add_boolean_value (b, u->disabled);
      add_string_or_null (b, "Lang", u->lang);
      add_string_or_null (b, "Timezone", u->timezone);
      add_time (b, "Created", u->created, TRUE);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "groups");
  json_builder_begin_array (b);
  list = csm_sim_world_get_groups (world);
  for (guint i = 0; i < list->len; i++)
    {
      const CsmSimGroup *g = g_ptr_array_index (list, i);

      if (g_strcmp0 (g->domain, "UserDefined") != 0)
        continue;
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, g->id);
      json_builder_set_member_name (b, "Name");
      json_builder_add_string_value (b, g->name);
      json_builder_set_member_name (b, "Description");
      json_builder_add_string_value (b, g->description);
      add_user_list (b, world, "Members", g->members);
      add_time (b, "Created", g->created, TRUE);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "custom_fields");
  json_builder_begin_array (b);
  list = csm_sim_world_get_custom_fields (world);
  for (guint i = 0; i < list->len; i++)
    {
      const CsmSimCustomField *cf = g_ptr_array_index (list, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, cf->id);
      json_builder_set_member_name (b, "Name");
      json_builder_add_string_value (b, cf->name);
      json_builder_set_member_name (b, "Type");
      json_builder_add_string_value (b, cf->type);
      json_builder_set_member_name (b, "Description");
      json_builder_add_string_value (b, cf->description);
      add_string_or_null (b, "Pattern", cf->pattern);
      json_builder_set_member_name (b, "MaxValues");
      json_builder_add_int_value (b, cf->max_values);
      json_builder_set_member_name (b, "Values");
      json_builder_begin_array (b);
      for (guint j = 0; j < cf->values->len; j++)
        json_builder_add_string_value (b, g_ptr_array_index (cf->values, j));
      json_builder_end_array (b);
      add_time (b, "Created", cf->created, TRUE);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "tickets");
  json_builder_begin_array (b);
  list = csm_sim_world_get_tickets (world);
  for (guint i = 0; i < list->len; i++)
    {
      const CsmSimTicket *t = g_ptr_array_index (list, i);
      const CsmSimQueue *queue = csm_sim_world_lookup_queue (world, t->queue);
      GPtrArray *cfs = csm_sim_world_get_custom_fields (world);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, t->id);
      json_builder_set_member_name (b, "Subject");
      json_builder_add_string_value (b, t->subject);
      json_builder_set_member_name (b, "Queue");
      json_builder_add_string_value (b, queue ? queue->name : NULL);
      json_builder_set_member_name (b, "Status");
      json_builder_add_string_value (b, t->status);
      json_builder_set_member_name (b, "Owner");
      json_builder_add_string_value (b, user_name_of (world, t->owner));
      json_builder_set_member_name (b, "Creator");
      json_builder_add_string_value (b, user_name_of (world, t->creator));
      json_builder_set_member_name (b, "LastUpdatedBy");
      json_builder_add_string_value (b, user_name_of (world, t->last_updated_by));
      json_builder_set_member_name (b, "Priority");
      json_builder_add_int_value (b, t->priority);
      json_builder_set_member_name (b, "InitialPriority");
      json_builder_add_int_value (b, t->initial_priority);
      json_builder_set_member_name (b, "FinalPriority");
      json_builder_add_int_value (b, t->final_priority);
      json_builder_set_member_name (b, "TimeEstimated");
      json_builder_add_int_value (b, t->time_estimated);
      json_builder_set_member_name (b, "TimeWorked");
      json_builder_add_int_value (b, t->time_worked);
      json_builder_set_member_name (b, "TimeLeft");
      json_builder_add_int_value (b, t->time_left);
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
  json_builder_end_array (b);

  json_builder_set_member_name (b, "transactions");
  json_builder_begin_array (b);
  for (guint i = 0; i < csm_sim_world_get_n_transactions (world); i++)
    {
      const CsmSimTransaction *x = csm_sim_world_get_transaction_at (world, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, x->id);
      json_builder_set_member_name (b, "Ticket");
      json_builder_add_int_value (b, x->object_id);
      json_builder_set_member_name (b, "Type");
      json_builder_add_string_value (b, x->type);
      add_string_or_null (b, "Field", x->field);
      add_string_or_null (b, "OldValue", x->old_value);
      add_string_or_null (b, "NewValue", x->new_value);
      add_string_or_null (b, "Data", x->data);
      json_builder_set_member_name (b, "Creator");
      json_builder_add_string_value (b, user_name_of (world, x->creator));
      add_time (b, "Created", x->created, FALSE);
      json_builder_set_member_name (b, "TimeTaken");
      json_builder_add_int_value (b, x->time_taken);
      if (x->old_reference != 0 || x->new_reference != 0)
        {
          json_builder_set_member_name (b, "OldReference");
          json_builder_add_int_value (b, x->old_reference);
          json_builder_set_member_name (b, "NewReference");
          json_builder_add_int_value (b, x->new_reference);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
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
