/* csm-sim-world.c: the simulator's in-memory helpdesk, shaped like RT 5's database.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-sim-world"

#include "config.h"

#include "csm-sim-world-private.h"

/* RT's ids after its initial data: principals 1..14 are system objects. */
#define FIRST_FREE_PRINCIPAL 15
#define NEXT_PRINCIPAL_AFTER_INIT 27
#define FIRST_FREE_QUEUE     3
#define FIRST_FREE_CF        2

G_DEFINE_FINAL_TYPE (CsmSimWorld, csm_sim_world, G_TYPE_OBJECT)

G_DEFINE_QUARK (csm-sim-world-error-quark, csm_sim_world_error)

/* ------------------------------------------------------------------------ */
/* Record lifetimes                                                         */
/* ------------------------------------------------------------------------ */

static void
queue_free (gpointer data)
{
  CsmSimQueue *queue = data;

  g_free (queue->name);
  g_free (queue->description);
  g_free (queue->correspond_address);
  g_free (queue->comment_address);
  g_free (queue);
}

static void
user_free (gpointer data)
{
  CsmSimUser *user = data;

  g_free (user->name);
  g_free (user->real_name);
  g_free (user->email);
  g_free (user->comments);
  g_free (user->lang);
  g_free (user->timezone);
  g_free (user);
}

static void
group_free (gpointer data)
{
  CsmSimGroup *group = data;

  g_free (group->name);
  g_free (group->description);
  g_free (group->domain);
  g_array_unref (group->members);
  g_free (group);
}

static void
cf_free (gpointer data)
{
  CsmSimCustomField *cf = data;

  g_free (cf->name);
  g_free (cf->description);
  g_free (cf->type);
  g_free (cf->pattern);
  g_ptr_array_unref (cf->values);
  g_clear_pointer (&cf->regex, g_regex_unref);
  g_free (cf);
}

static void
ticket_free (gpointer data)
{
  CsmSimTicket *ticket = data;

  g_free (ticket->subject);
  g_clear_pointer (&ticket->requestors, g_array_unref);
  g_clear_pointer (&ticket->cc, g_array_unref);
  g_clear_pointer (&ticket->admincc, g_array_unref);
  g_clear_pointer (&ticket->cf_values, g_array_unref);
  g_clear_pointer (&ticket->txns, g_array_unref);
  g_free (ticket);
}

static void
csm_sim_world_finalize (GObject *object)
{
  CsmSimWorld *self = (CsmSimWorld *) object;

  g_hash_table_unref (self->queue_by_id);
  g_hash_table_unref (self->queue_by_name);
  g_ptr_array_unref (self->queues);
  g_hash_table_unref (self->user_by_id);
  g_hash_table_unref (self->user_by_name);
  g_hash_table_unref (self->user_by_email);
  g_ptr_array_unref (self->users);
  g_hash_table_unref (self->group_by_id);
  g_ptr_array_unref (self->groups);
  g_hash_table_unref (self->cf_by_id);
  g_hash_table_unref (self->cf_by_name);
  g_ptr_array_unref (self->cfs);
  g_hash_table_unref (self->ticket_by_id);
  g_hash_table_unref (self->message_contents);
  g_ptr_array_unref (self->tickets);

  for (guint i = 0; i < self->n_txn_chunks; i++)
    g_free (self->txn_chunks[i]);
  g_free (self->txn_chunks);

  g_string_chunk_free (self->strings);
  g_rec_mutex_clear (&self->lock);

  G_OBJECT_CLASS (csm_sim_world_parent_class)->finalize (object);
}

static void
csm_sim_world_class_init (CsmSimWorldClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = csm_sim_world_finalize;
}

static GHashTable *
id_table_new (void)
{
  return g_hash_table_new (g_int64_hash, g_int64_equal);
}

static GHashTable *
name_table_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
csm_sim_world_init (CsmSimWorld *self)
{
  self->sla = csm_sim_sla_reference_rt ();
  g_rec_mutex_init (&self->lock);

  self->strings = g_string_chunk_new (64 * 1024);
  self->message_contents = g_hash_table_new (NULL, NULL);
  self->queues = g_ptr_array_new_with_free_func (queue_free);
  self->queue_by_id = id_table_new ();
  self->queue_by_name = name_table_new ();
  self->users = g_ptr_array_new_with_free_func (user_free);
  self->user_by_id = id_table_new ();
  self->user_by_name = name_table_new ();
  self->user_by_email = name_table_new ();
  self->groups = g_ptr_array_new_with_free_func (group_free);
  self->group_by_id = id_table_new ();
  self->cfs = g_ptr_array_new_with_free_func (cf_free);
  self->cf_by_id = id_table_new ();
  self->cf_by_name = name_table_new ();
  self->tickets = g_ptr_array_new_with_free_func (ticket_free);
  self->ticket_by_id = id_table_new ();
  self->txns_time_ordered = TRUE;

  self->next_principal = FIRST_FREE_PRINCIPAL;
  self->next_queue = FIRST_FREE_QUEUE;
  self->next_cf = FIRST_FREE_CF;
  self->next_ticket = 1;
  self->next_txn = 1;
  self->next_ocfv = 1;
}

/* A world with RT 5's built-in users, groups and queues. */
CsmSimWorld *
csm_sim_world_new (void)
{
  CsmSimWorld *self = g_object_new (CSM_TYPE_SIM_WORLD, NULL);
  const CsmSimUser *user;
  const CsmSimQueue *queue;
  CsmSimUser *mutable_user;

  self->now = g_get_real_time () / G_USEC_PER_SEC;

  user = csm_sim_world_add_user (self, CSM_SIM_USER_RT_SYSTEM, "RT_System", "The RT System itself",
                                 NULL, CSM_SIM_ACCESS_ADMIN, NULL);
  mutable_user = (CsmSimUser *) user;
  mutable_user->comments = g_strdup ("Do not delete or modify this user. It is integral to RT's "
                                     "internal database structures");
  mutable_user->privileged = FALSE;
  user = csm_sim_world_add_user (self, CSM_SIM_USER_NOBODY, "Nobody", "Nobody in particular",
                                 NULL, CSM_SIM_ACCESS_CUSTOMER, NULL);
  mutable_user = (CsmSimUser *) user;
  mutable_user->comments = g_strdup ("Do not delete or modify this user. It is integral to RT's "
                                     "internal data structures");
  user = csm_sim_world_add_user (self, CSM_SIM_USER_ROOT, "root", "Enoch Root", "root@localhost",
                                 CSM_SIM_ACCESS_ADMIN, NULL);
  mutable_user = (CsmSimUser *) user;
  mutable_user->comments = g_strdup ("SuperUser");

  csm_sim_world_add_group (self, CSM_SIM_GROUP_EVERYONE, "Everyone", "Pseudogroup for internal use",
                           NULL);
  csm_sim_world_add_group (self, CSM_SIM_GROUP_PRIVILEGED, "Privileged",
                           "Pseudogroup for internal use", NULL);
  csm_sim_world_add_group (self, CSM_SIM_GROUP_UNPRIVILEGED, "Unprivileged",
                           "Pseudogroup for internal use", NULL);
  for (guint i = 0; i < self->groups->len; i++)
    {
      CsmSimGroup *group = g_ptr_array_index (self->groups, i);

      g_free (group->domain);
      group->domain = g_strdup ("SystemInternal");
    }
  /* Privileged membership is derived from the users' flag; the built-ins
   * above were added before the group existed. */
  csm_sim_world_add_group_member (self, CSM_SIM_GROUP_PRIVILEGED, CSM_SIM_USER_ROOT, NULL);

  queue = csm_sim_world_add_queue (self, CSM_SIM_QUEUE_GENERAL, "General", "The default queue",
                                   TRUE, NULL);
  csm_sim_world_set_queue_addresses (self, queue->id, "", "");
  queue = csm_sim_world_add_queue (self, 2, "___Approvals", "A system-internal queue for the "
                                   "approvals system", TRUE, NULL);
  csm_sim_world_set_queue_addresses (self, queue->id, "", "");
  csm_sim_world_set_queue_disabled (self, queue->id, TRUE);

  /* The built-ins take fixed ids; after them (and the role groups of
   * RT's own queues and catalog) RT hands out principal 27. */
  self->next_principal = NEXT_PRINCIPAL_AFTER_INIT;
  self->next_queue = FIRST_FREE_QUEUE;
  self->revision = 0;

  return self;
}

void
csm_sim_world_lock (CsmSimWorld *self)
{
  g_return_if_fail (CSM_IS_SIM_WORLD (self));

  g_rec_mutex_lock (&self->lock);
}

void
csm_sim_world_unlock (CsmSimWorld *self)
{
  g_return_if_fail (CSM_IS_SIM_WORLD (self));

  g_rec_mutex_unlock (&self->lock);
}

/**
 * csm_sim_world_get_agreements:
 *
 * Returns: the helpdesk's service levels (RT's %ServiceAgreements): those
 *   of the reference RT unless csm_sim_world_set_agreements() chose others
 */
const CsmSimSla *
csm_sim_world_get_agreements (CsmSimWorld *self)
{
  g_return_val_if_fail (CSM_IS_SIM_WORLD (self), NULL);
  return self->sla;
}

void
csm_sim_world_set_agreements (CsmSimWorld     *self,
                              const CsmSimSla *sla)
{
  g_return_if_fail (CSM_IS_SIM_WORLD (self));
  g_return_if_fail (sla != NULL);
  self->sla = sla;
}

gint64
csm_sim_world_get_now (CsmSimWorld *self)
{
  g_return_val_if_fail (CSM_IS_SIM_WORLD (self), 0);

  return self->now;
}

void
csm_sim_world_set_now (CsmSimWorld *self,
                       gint64       now)
{
  g_return_if_fail (CSM_IS_SIM_WORLD (self));

  self->now = now;
  self->revision++;
}

void
csm_sim_world_advance (CsmSimWorld *self,
                       gint64       seconds)
{
  g_return_if_fail (CSM_IS_SIM_WORLD (self));

  self->now += seconds;
  self->revision++;
}

/* Bumped on every change (including the clock), so cached search results
 * can tell whether they are still valid. */
guint64
csm_sim_world_get_revision (CsmSimWorld *self)
{
  g_return_val_if_fail (CSM_IS_SIM_WORLD (self), 0);

  return self->revision;
}

void
csm_sim_world_touch (CsmSimWorld *self)
{
  g_return_if_fail (CSM_IS_SIM_WORLD (self));

  self->revision++;
}

const char *
csm_sim_world_intern (CsmSimWorld *self,
                      const char  *string)
{
  g_return_val_if_fail (CSM_IS_SIM_WORLD (self), NULL);

  if (string == NULL)
    return NULL;

  return g_string_chunk_insert_const (self->strings, string);
}

/* An id in RT's principal space: @requested, or the next free one; the
 * record takes @consumed ids from there (itself and its groups). */
gint64
csm_sim_world_take_principal (CsmSimWorld *self,
                              gint64       requested,
                              guint        consumed)
{
  gint64 id = requested > 0 ? requested : self->next_principal;

  if (id + consumed > self->next_principal)
    self->next_principal = id + consumed;

  return id;
}
