/* csm-sim-world-directory.c: the simulated RT's directory: queues, users, groups, custom fields.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-sim-world"

#include "config.h"

#include "csm-sim-world-private.h"

#include "csm-sim-text.h"

/* Names and addresses are matched whatever their case, as RT does. */
static gpointer
lookup_folded (GHashTable *table,
               const char *name)
{
  g_autofree char *key = NULL;

  if (name == NULL)
    return NULL;

  key = g_utf8_strdown (name, -1);
  return g_hash_table_lookup (table, key);
}

/* RT's Load(): digits are an id, anything else a name. */
static gpointer
lookup_by_ref (GHashTable *by_id,
               GHashTable *by_name,
               const char *id_or_name)
{
  if (csm_sim_is_digits (id_or_name))
    {
      gint64 id = g_ascii_strtoll (id_or_name, NULL, 10);

      return g_hash_table_lookup (by_id, &id);
    }
  return lookup_folded (by_name, id_or_name);
}

/* ------------------------------------------------------------------------ */
/* Queues                                                                   */
/* ------------------------------------------------------------------------ */

const CsmSimQueue *
csm_sim_world_add_queue (CsmSimWorld *self,
                         gint64       id,
                         const char  *name,
                         const char  *description,
                         gboolean     sla_disabled,
                         GError     **error)
{
  CsmSimQueue *queue;
  g_autofree char *key = NULL;

  g_return_val_if_fail (CSM_IS_SIM_WORLD (self), NULL);
  g_return_val_if_fail (name != NULL && *name != '\0', NULL);

  if (id <= 0)
    id = self->next_queue;
  key = g_utf8_strdown (name, -1);

  if (g_hash_table_contains (self->queue_by_id, &id) ||
      g_hash_table_contains (self->queue_by_name, key))
    {
      g_set_error (error, CSM_SIM_WORLD_ERROR, CSM_SIM_WORLD_ERROR_EXISTS,
                   "Queue %" G_GINT64_FORMAT " '%s' already exists", id, name);
      return NULL;
    }

  queue = g_new0 (CsmSimQueue, 1);
  queue->id = id;
  queue->name = g_strdup (name);
  queue->description = g_strdup (description ? description : "");
  queue->sla_disabled = sla_disabled;
  queue->created = self->now;
  queue->last_updated = self->now;
  {
    g_autofree char *lower = g_ascii_strdown (name, -1);

    queue->correspond_address = g_strdup_printf ("%s@helpdesk.example.com", lower);
    queue->comment_address = g_strdup_printf ("%s-comment@helpdesk.example.com", lower);
  }

  g_ptr_array_add (self->queues, queue);
  g_hash_table_insert (self->queue_by_id, &queue->id, queue);
  g_hash_table_insert (self->queue_by_name, g_steal_pointer (&key), queue);

  if (id >= self->next_queue)
    self->next_queue = id + 1;
  /* Each queue owns four role groups in RT's principal space. */
  csm_sim_world_take_principal (self, 0, 4);
  self->revision++;

  return queue;
}

const CsmSimQueue *
csm_sim_world_lookup_queue (CsmSimWorld *self,
                            gint64       id)
{
  g_return_val_if_fail (CSM_IS_SIM_WORLD (self), NULL);

  return g_hash_table_lookup (self->queue_by_id, &id);
}

const CsmSimQueue *
csm_sim_world_lookup_queue_by_name (CsmSimWorld *self,
                                    const char  *name)
{
  g_return_val_if_fail (CSM_IS_SIM_WORLD (self), NULL);

  return lookup_folded (self->queue_by_name, name);
}

const CsmSimQueue *
csm_sim_world_lookup_queue_by_ref (CsmSimWorld *self,
                                   const char  *id_or_name)
{
  g_return_val_if_fail (CSM_IS_SIM_WORLD (self), NULL);

  return lookup_by_ref (self->queue_by_id, self->queue_by_name, id_or_name);
}

GPtrArray *
csm_sim_world_get_queues (CsmSimWorld *self)
{
  g_return_val_if_fail (CSM_IS_SIM_WORLD (self), NULL);

  return self->queues;
}

void
csm_sim_world_set_queue_addresses (CsmSimWorld *self,
                                   gint64       queue_id,
                                   const char  *correspond,
                                   const char  *comment)
{
  CsmSimQueue *queue;

  g_return_if_fail (CSM_IS_SIM_WORLD (self));

  queue = g_hash_table_lookup (self->queue_by_id, &queue_id);
  g_return_if_fail (queue != NULL);

  g_free (queue->correspond_address);
  queue->correspond_address = g_strdup (correspond ? correspond : "");
  g_free (queue->comment_address);
  queue->comment_address = g_strdup (comment ? comment : "");
  self->revision++;
}

void
csm_sim_world_set_queue_disabled (CsmSimWorld *self,
                                  gint64       queue_id,
                                  gboolean     disabled)
{
  CsmSimQueue *queue;

  g_return_if_fail (CSM_IS_SIM_WORLD (self));

  queue = g_hash_table_lookup (self->queue_by_id, &queue_id);
  g_return_if_fail (queue != NULL);

  queue->disabled = disabled;
  self->revision++;
}

/* ------------------------------------------------------------------------ */
/* Users and groups                                                         */
/* ------------------------------------------------------------------------ */

const CsmSimUser *
csm_sim_world_add_user (CsmSimWorld  *self,
                        gint64        id,
                        const char   *name,
                        const char   *real_name,
                        const char   *email,
                        CsmSimAccess  access,
                        GError      **error)
{
  CsmSimUser *user;
  g_autofree char *key = NULL;
  g_autofree char *email_key = NULL;

  g_return_val_if_fail (CSM_IS_SIM_WORLD (self), NULL);
  g_return_val_if_fail (name != NULL && *name != '\0', NULL);

  key = g_utf8_strdown (name, -1);
  if (email != NULL && *email != '\0')
    email_key = g_utf8_strdown (email, -1);

  if ((id > 0 && (g_hash_table_contains (self->user_by_id, &id) ||
                  g_hash_table_contains (self->group_by_id, &id))) ||
      g_hash_table_contains (self->user_by_name, key) ||
      (email_key != NULL && g_hash_table_contains (self->user_by_email, email_key)))
    {
      g_set_error (error, CSM_SIM_WORLD_ERROR, CSM_SIM_WORLD_ERROR_EXISTS,
                   "User %" G_GINT64_FORMAT " '%s' already exists", id, name);
      return NULL;
    }

  /* A user and its ACL-equivalence group. */
  id = csm_sim_world_take_principal (self, id, 2);

  user = g_new0 (CsmSimUser, 1);
  user->id = id;
  user->name = g_strdup (name);
  user->real_name = g_strdup (real_name ? real_name : "");
  user->email = g_strdup (email ? email : "");
  user->access = access;
  user->privileged = access == CSM_SIM_ACCESS_ADMIN || access == CSM_SIM_ACCESS_AGENT ||
                     access == CSM_SIM_ACCESS_VIEWER;
  user->created = self->now;
  user->last_updated = self->now;

  g_ptr_array_add (self->users, user);
  g_hash_table_insert (self->user_by_id, &user->id, user);
  g_hash_table_insert (self->user_by_name, g_steal_pointer (&key), user);
  if (email_key != NULL)
    g_hash_table_insert (self->user_by_email, g_steal_pointer (&email_key), user);

  if (user->privileged && g_hash_table_contains (self->group_by_id,
                                                 &(gint64) { CSM_SIM_GROUP_PRIVILEGED }))
    csm_sim_world_add_group_member (self, CSM_SIM_GROUP_PRIVILEGED, user->id, NULL);

  self->revision++;

  return user;
}

const CsmSimUser *
csm_sim_world_lookup_user (CsmSimWorld *self,
                           gint64       id)
{
  g_return_val_if_fail (CSM_IS_SIM_WORLD (self), NULL);

  return g_hash_table_lookup (self->user_by_id, &id);
}

const CsmSimUser *
csm_sim_world_lookup_user_by_name (CsmSimWorld *self,
                                   const char  *name)
{
  g_return_val_if_fail (CSM_IS_SIM_WORLD (self), NULL);

  return lookup_folded (self->user_by_name, name);
}

const CsmSimUser *
csm_sim_world_lookup_user_by_email (CsmSimWorld *self,
                                    const char  *email)
{
  g_return_val_if_fail (CSM_IS_SIM_WORLD (self), NULL);

  if (email == NULL || *email == '\0')
    return NULL;

  return lookup_folded (self->user_by_email, email);
}

const CsmSimUser *
csm_sim_world_lookup_user_by_ref (CsmSimWorld *self,
                                  const char  *id_or_name)
{
  g_return_val_if_fail (CSM_IS_SIM_WORLD (self), NULL);

  return lookup_by_ref (self->user_by_id, self->user_by_name, id_or_name);
}

GPtrArray *
csm_sim_world_get_users (CsmSimWorld *self)
{
  g_return_val_if_fail (CSM_IS_SIM_WORLD (self), NULL);

  return self->users;
}

void
csm_sim_world_set_user_disabled (CsmSimWorld *self,
                                 gint64       user_id,
                                 gboolean     disabled)
{
  CsmSimUser *user;

  g_return_if_fail (CSM_IS_SIM_WORLD (self));

  user = g_hash_table_lookup (self->user_by_id, &user_id);
  g_return_if_fail (user != NULL);

  user->disabled = disabled;
  self->revision++;
}

void
csm_sim_world_set_user_locale (CsmSimWorld *self,
                               gint64       user_id,
                               const char  *lang,
                               const char  *time_zone)
{
  CsmSimUser *user;

  g_return_if_fail (CSM_IS_SIM_WORLD (self));

  user = g_hash_table_lookup (self->user_by_id, &user_id);
  g_return_if_fail (user != NULL);

  g_free (user->lang);
  user->lang = g_strdup (lang);
  g_free (user->timezone);
  user->timezone = g_strdup (time_zone);
  self->revision++;
}

const CsmSimGroup *
csm_sim_world_add_group (CsmSimWorld *self,
                         gint64       id,
                         const char  *name,
                         const char  *description,
                         GError     **error)
{
  CsmSimGroup *group;

  g_return_val_if_fail (CSM_IS_SIM_WORLD (self), NULL);
  g_return_val_if_fail (name != NULL && *name != '\0', NULL);

  if (id > 0 && (g_hash_table_contains (self->group_by_id, &id) ||
                 g_hash_table_contains (self->user_by_id, &id)))
    {
      g_set_error (error, CSM_SIM_WORLD_ERROR, CSM_SIM_WORLD_ERROR_EXISTS,
                   "Principal %" G_GINT64_FORMAT " already exists", id);
      return NULL;
    }

  for (guint i = 0; i < self->groups->len; i++)
    {
      CsmSimGroup *other = g_ptr_array_index (self->groups, i);

      if (g_ascii_strcasecmp (other->name, name) == 0 &&
          g_strcmp0 (other->domain, "UserDefined") == 0)
        {
          g_set_error (error, CSM_SIM_WORLD_ERROR, CSM_SIM_WORLD_ERROR_EXISTS,
                       "Group '%s' already exists", name);
          return NULL;
        }
    }

  id = csm_sim_world_take_principal (self, id, 1);

  group = g_new0 (CsmSimGroup, 1);
  group->id = id;
  group->name = g_strdup (name);
  group->description = g_strdup (description ? description : "");
  group->domain = g_strdup ("UserDefined");
  group->members = g_array_new (FALSE, FALSE, sizeof (gint64));
  group->created = self->now;
  group->last_updated = self->now;

  g_ptr_array_add (self->groups, group);
  g_hash_table_insert (self->group_by_id, &group->id, group);
  self->revision++;

  return group;
}

gboolean
csm_sim_world_add_group_member (CsmSimWorld *self,
                                gint64       group_id,
                                gint64       user_id,
                                GError     **error)
{
  CsmSimGroup *group;

  g_return_val_if_fail (CSM_IS_SIM_WORLD (self), FALSE);

  group = g_hash_table_lookup (self->group_by_id, &group_id);
  if (group == NULL || !g_hash_table_contains (self->user_by_id, &user_id))
    {
      g_set_error (error, CSM_SIM_WORLD_ERROR, CSM_SIM_WORLD_ERROR_NOT_FOUND,
                   "No group %" G_GINT64_FORMAT " or user %" G_GINT64_FORMAT,
                   group_id, user_id);
      return FALSE;
    }

  for (guint i = 0; i < group->members->len; i++)
    if (g_array_index (group->members, gint64, i) == user_id)
      return TRUE;

  g_array_append_val (group->members, user_id);
  self->revision++;

  return TRUE;
}

const CsmSimGroup *
csm_sim_world_lookup_group (CsmSimWorld *self,
                            gint64       id)
{
  g_return_val_if_fail (CSM_IS_SIM_WORLD (self), NULL);

  return g_hash_table_lookup (self->group_by_id, &id);
}

GPtrArray *
csm_sim_world_get_groups (CsmSimWorld *self)
{
  g_return_val_if_fail (CSM_IS_SIM_WORLD (self), NULL);

  return self->groups;
}

/* The user-defined groups @user_id is a member of (RT's "Memberships"). */
GPtrArray *
csm_sim_world_get_user_memberships (CsmSimWorld *self,
                                    gint64       user_id)
{
  GPtrArray *result;

  g_return_val_if_fail (CSM_IS_SIM_WORLD (self), NULL);

  result = g_ptr_array_new ();
  for (guint i = 0; i < self->groups->len; i++)
    {
      CsmSimGroup *group = g_ptr_array_index (self->groups, i);

      if (g_strcmp0 (group->domain, "UserDefined") != 0)
        continue;
      for (guint j = 0; j < group->members->len; j++)
        if (g_array_index (group->members, gint64, j) == user_id)
          {
            g_ptr_array_add (result, group);
            break;
          }
    }

  return result;
}

/* ------------------------------------------------------------------------ */
/* Custom fields                                                            */
/* ------------------------------------------------------------------------ */

const CsmSimCustomField *
csm_sim_world_add_custom_field (CsmSimWorld *self,
                                gint64       id,
                                const char  *name,
                                const char  *type,
                                const char  *description,
                                const char  *pattern,
                                guint        max_values,
                                GError     **error)
{
  CsmSimCustomField *cf;
  g_autofree char *key = NULL;
  g_autoptr(GRegex) regex = NULL;

  g_return_val_if_fail (CSM_IS_SIM_WORLD (self), NULL);
  g_return_val_if_fail (name != NULL && *name != '\0', NULL);

  if (id <= 0)
    id = self->next_cf;
  key = g_utf8_strdown (name, -1);

  if (g_hash_table_contains (self->cf_by_id, &id) || g_hash_table_contains (self->cf_by_name, key))
    {
      g_set_error (error, CSM_SIM_WORLD_ERROR, CSM_SIM_WORLD_ERROR_EXISTS,
                   "Custom field %" G_GINT64_FORMAT " '%s' already exists", id, name);
      return NULL;
    }

  if (pattern != NULL && *pattern != '\0')
    {
      g_autoptr(GError) local_error = NULL;

      regex = g_regex_new (pattern, 0, 0, &local_error);
      if (regex == NULL)
        {
          g_set_error (error, CSM_SIM_WORLD_ERROR, CSM_SIM_WORLD_ERROR_INVALID,
                       "Custom field '%s': bad pattern: %s", name, local_error->message);
          return NULL;
        }
    }

  cf = g_new0 (CsmSimCustomField, 1);
  cf->id = id;
  cf->name = g_strdup (name);
  cf->type = g_strdup (type ? type : "Freeform");
  cf->description = g_strdup (description ? description : "");
  cf->pattern = g_strdup (pattern && *pattern ? pattern : NULL);
  cf->max_values = max_values;
  cf->values = g_ptr_array_new_with_free_func (g_free);
  cf->regex = g_steal_pointer (&regex);
  cf->created = self->now;

  g_ptr_array_add (self->cfs, cf);
  g_hash_table_insert (self->cf_by_id, &cf->id, cf);
  g_hash_table_insert (self->cf_by_name, g_steal_pointer (&key), cf);
  if (id >= self->next_cf)
    self->next_cf = id + 1;
  self->revision++;

  return cf;
}

gboolean
csm_sim_world_add_custom_field_value (CsmSimWorld *self,
                                      gint64       cf_id,
                                      const char  *value,
                                      GError     **error)
{
  CsmSimCustomField *cf;

  g_return_val_if_fail (CSM_IS_SIM_WORLD (self), FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  cf = g_hash_table_lookup (self->cf_by_id, &cf_id);
  if (cf == NULL)
    {
      g_set_error (error, CSM_SIM_WORLD_ERROR, CSM_SIM_WORLD_ERROR_NOT_FOUND,
                   "No custom field %" G_GINT64_FORMAT, cf_id);
      return FALSE;
    }

  g_ptr_array_add (cf->values, g_strdup (value));
  self->revision++;
  return TRUE;
}

const CsmSimCustomField *
csm_sim_world_lookup_custom_field (CsmSimWorld *self,
                                   gint64       id)
{
  g_return_val_if_fail (CSM_IS_SIM_WORLD (self), NULL);

  return g_hash_table_lookup (self->cf_by_id, &id);
}

const CsmSimCustomField *
csm_sim_world_lookup_custom_field_by_name (CsmSimWorld *self,
                                           const char  *name)
{
  g_return_val_if_fail (CSM_IS_SIM_WORLD (self), NULL);

  return lookup_folded (self->cf_by_name, name);
}

const CsmSimCustomField *
csm_sim_world_lookup_custom_field_by_ref (CsmSimWorld *self,
                                          const char  *id_or_name)
{
  g_return_val_if_fail (CSM_IS_SIM_WORLD (self), NULL);

  return lookup_by_ref (self->cf_by_id, self->cf_by_name, id_or_name);
}

GPtrArray *
csm_sim_world_get_custom_fields (CsmSimWorld *self)
{
  g_return_val_if_fail (CSM_IS_SIM_WORLD (self), NULL);

  return self->cfs;
}
