/* csm-sim-world.c: the simulator's in-memory helpdesk, shaped like RT 5's database.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-sim-world"

#include "config.h"

#include <string.h>

#include "csm-sim-world.h"

/* Transactions live in fixed-size chunks so record pointers never move. */
#define TXN_CHUNK_BITS 12
#define TXN_CHUNK_SIZE (1u << TXN_CHUNK_BITS)
#define TXN_CHUNK_MASK (TXN_CHUNK_SIZE - 1)

/* RT's ids after its initial data: principals 1..14 are system objects. */
#define FIRST_FREE_PRINCIPAL 15
#define NEXT_PRINCIPAL_AFTER_INIT 27
#define FIRST_FREE_QUEUE     3
#define FIRST_FREE_CF        2

struct _CsmSimWorld
{
  GObject parent_instance;

  GRecMutex lock;
  gint64 now;
  guint64 revision;
  const CsmSimSla *sla;        /* the agreements its SLA scrips apply */
  GStringChunk *strings;

  GPtrArray *queues;
  GHashTable *queue_by_id;
  GHashTable *queue_by_name;

  GPtrArray *users;
  GHashTable *user_by_id;
  GHashTable *user_by_name;
  GHashTable *user_by_email;

  GPtrArray *groups;
  GHashTable *group_by_id;

  GPtrArray *cfs;
  GHashTable *cf_by_id;
  GHashTable *cf_by_name;

  GPtrArray *tickets;          /* sorted by id */
  GHashTable *ticket_by_id;

  CsmSimTransaction **txn_chunks;
  guint n_txn_chunks;
  guint n_txns;
  gboolean txns_time_ordered;

  gint64 next_principal;
  gint64 next_queue;
  gint64 next_cf;
  gint64 next_ticket;
  gint64 next_txn;
  gint64 next_ocfv;
};

G_DEFINE_FINAL_TYPE (CsmSimWorld, csm_sim_world, G_TYPE_OBJECT)

G_DEFINE_QUARK (csm-sim-world-error-quark, csm_sim_world_error)

static const char *const statuses[] = { "new", "open", "stalled", "resolved", "rejected", "deleted" };

/* RT 5.0.3's default %PriorityAsString: Low 0, Medium 50, High 100. */
const char *
csm_sim_priority_label (int priority)
{
  if (priority >= 100)
    return "High";
  if (priority >= 50)
    return "Medium";
  if (priority >= 0)
    return "Low";
  return "unknown";
}

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

static gint64
take_principal (CsmSimWorld *self,
                gint64       requested,
                guint        consumed)
{
  gint64 id = requested > 0 ? requested : self->next_principal;

  if (id + consumed > self->next_principal)
    self->next_principal = id + consumed;

  return id;
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
  take_principal (self, 0, 4);
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
  g_autofree char *key = NULL;

  g_return_val_if_fail (CSM_IS_SIM_WORLD (self), NULL);

  if (name == NULL)
    return NULL;

  key = g_utf8_strdown (name, -1);
  return g_hash_table_lookup (self->queue_by_name, key);
}

static gboolean
is_all_digits (const char *s)
{
  if (s == NULL || *s == '\0')
    return FALSE;
  for (; *s; s++)
    if (!g_ascii_isdigit (*s))
      return FALSE;
  return TRUE;
}

/* RT's Load(): digits are an id, anything else a name. */
const CsmSimQueue *
csm_sim_world_lookup_queue_by_ref (CsmSimWorld *self,
                                   const char  *id_or_name)
{
  g_return_val_if_fail (CSM_IS_SIM_WORLD (self), NULL);

  if (is_all_digits (id_or_name))
    return csm_sim_world_lookup_queue (self, g_ascii_strtoll (id_or_name, NULL, 10));
  return csm_sim_world_lookup_queue_by_name (self, id_or_name);
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
  id = take_principal (self, id, 2);

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
  g_autofree char *key = NULL;

  g_return_val_if_fail (CSM_IS_SIM_WORLD (self), NULL);

  if (name == NULL)
    return NULL;

  key = g_utf8_strdown (name, -1);
  return g_hash_table_lookup (self->user_by_name, key);
}

const CsmSimUser *
csm_sim_world_lookup_user_by_email (CsmSimWorld *self,
                                    const char  *email)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (CSM_IS_SIM_WORLD (self), NULL);

  if (email == NULL || *email == '\0')
    return NULL;

  key = g_utf8_strdown (email, -1);
  return g_hash_table_lookup (self->user_by_email, key);
}

const CsmSimUser *
csm_sim_world_lookup_user_by_ref (CsmSimWorld *self,
                                  const char  *id_or_name)
{
  g_return_val_if_fail (CSM_IS_SIM_WORLD (self), NULL);

  if (is_all_digits (id_or_name))
    return csm_sim_world_lookup_user (self, g_ascii_strtoll (id_or_name, NULL, 10));
  return csm_sim_world_lookup_user_by_name (self, id_or_name);
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

  id = take_principal (self, id, 1);

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
  g_autofree char *key = NULL;

  g_return_val_if_fail (CSM_IS_SIM_WORLD (self), NULL);

  if (name == NULL)
    return NULL;

  key = g_utf8_strdown (name, -1);
  return g_hash_table_lookup (self->cf_by_name, key);
}

const CsmSimCustomField *
csm_sim_world_lookup_custom_field_by_ref (CsmSimWorld *self,
                                          const char  *id_or_name)
{
  g_return_val_if_fail (CSM_IS_SIM_WORLD (self), NULL);

  if (is_all_digits (id_or_name))
    return csm_sim_world_lookup_custom_field (self, g_ascii_strtoll (id_or_name, NULL, 10));
  return csm_sim_world_lookup_custom_field_by_name (self, id_or_name);
}

GPtrArray *
csm_sim_world_get_custom_fields (CsmSimWorld *self)
{
  g_return_val_if_fail (CSM_IS_SIM_WORLD (self), NULL);

  return self->cfs;
}

/* ------------------------------------------------------------------------ */
/* Tickets and transactions                                                 */
/* ------------------------------------------------------------------------ */

gboolean
csm_sim_status_is_valid (const char *status)
{
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    if (g_strcmp0 (status, statuses[i]) == 0)
      return TRUE;
  return FALSE;
}

/* RT's default lifecycle: new is "initial", open and stalled "active". */
gboolean
csm_sim_status_is_active (const char *status)
{
  return g_strcmp0 (status, "open") == 0 || g_strcmp0 (status, "stalled") == 0;
}

gboolean
csm_sim_status_is_inactive (const char *status)
{
  return g_strcmp0 (status, "resolved") == 0 || g_strcmp0 (status, "rejected") == 0 ||
         g_strcmp0 (status, "deleted") == 0;
}

const CsmSimTicket *
csm_sim_world_lookup_ticket (CsmSimWorld *self,
                             gint64       id)
{
  g_return_val_if_fail (CSM_IS_SIM_WORLD (self), NULL);

  return g_hash_table_lookup (self->ticket_by_id, &id);
}

static CsmSimTicket *
lookup_ticket_mutable (CsmSimWorld *self,
                       gint64       id)
{
  return g_hash_table_lookup (self->ticket_by_id, &id);
}

/* Sorted by id. */
GPtrArray *
csm_sim_world_get_tickets (CsmSimWorld *self)
{
  g_return_val_if_fail (CSM_IS_SIM_WORLD (self), NULL);

  return self->tickets;
}

guint
csm_sim_world_get_n_tickets (CsmSimWorld *self)
{
  g_return_val_if_fail (CSM_IS_SIM_WORLD (self), 0);

  return self->tickets->len;
}

guint
csm_sim_world_get_n_transactions (CsmSimWorld *self)
{
  g_return_val_if_fail (CSM_IS_SIM_WORLD (self), 0);

  return self->n_txns;
}

/* Transactions in id order; index < csm_sim_world_get_n_transactions(). */
const CsmSimTransaction *
csm_sim_world_get_transaction_at (CsmSimWorld *self,
                                  guint        index)
{
  g_return_val_if_fail (CSM_IS_SIM_WORLD (self), NULL);
  g_return_val_if_fail (index < self->n_txns, NULL);

  return &self->txn_chunks[index >> TXN_CHUNK_BITS][index & TXN_CHUNK_MASK];
}

/* The index of the first transaction whose id is >= @min_id. */
guint
csm_sim_world_find_transaction_index (CsmSimWorld *self,
                                      gint64       min_id)
{
  guint lo = 0, hi;

  g_return_val_if_fail (CSM_IS_SIM_WORLD (self), 0);

  hi = self->n_txns;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if ((gint64) csm_sim_world_get_transaction_at (self, mid)->id < min_id)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

/* Whether Created never decreases along the id order (true unless a loader
 * inserted history out of order), which lets date searches bisect. */
gboolean
csm_sim_world_transactions_time_ordered (CsmSimWorld *self)
{
  g_return_val_if_fail (CSM_IS_SIM_WORLD (self), FALSE);

  return self->txns_time_ordered;
}

guint
csm_sim_world_find_transaction_index_by_time (CsmSimWorld *self,
                                              gint64       min_created)
{
  guint lo = 0, hi;

  g_return_val_if_fail (CSM_IS_SIM_WORLD (self), 0);
  g_return_val_if_fail (self->txns_time_ordered, 0);

  hi = self->n_txns;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (csm_sim_world_get_transaction_at (self, mid)->created < min_created)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

const CsmSimTransaction *
csm_sim_world_lookup_transaction (CsmSimWorld *self,
                                  gint64       id)
{
  guint index;
  const CsmSimTransaction *txn;

  g_return_val_if_fail (CSM_IS_SIM_WORLD (self), NULL);

  index = csm_sim_world_find_transaction_index (self, id);
  if (index >= self->n_txns)
    return NULL;
  txn = csm_sim_world_get_transaction_at (self, index);
  return (gint64) txn->id == id ? txn : NULL;
}

gint64
csm_sim_world_get_ticket_last_txn_id (CsmSimWorld        *self,
                                      const CsmSimTicket *ticket)
{
  g_return_val_if_fail (CSM_IS_SIM_WORLD (self), 0);
  g_return_val_if_fail (ticket != NULL, 0);

  if (ticket->txns->len == 0)
    return 0;
  return csm_sim_world_get_transaction_at (self, g_array_index (ticket->txns, guint,
                                                                ticket->txns->len - 1))->id;
}

const char *
csm_sim_ticket_get_cf_value (const CsmSimTicket *ticket,
                             gint64              cf_id)
{
  g_return_val_if_fail (ticket != NULL, NULL);

  if (ticket->cf_values == NULL)
    return NULL;
  for (guint i = 0; i < ticket->cf_values->len; i++)
    {
      const CsmSimCfValue *v = &g_array_index (ticket->cf_values, CsmSimCfValue, i);

      if (v->cf_id == cf_id)
        return v->value;
    }
  return NULL;
}

gboolean
csm_sim_ticket_has_requestor (const CsmSimTicket *ticket,
                              gint64              user_id)
{
  g_return_val_if_fail (ticket != NULL, FALSE);

  if (ticket->requestors == NULL)
    return FALSE;
  for (guint i = 0; i < ticket->requestors->len; i++)
    if (g_array_index (ticket->requestors, gint64, i) == user_id)
      return TRUE;
  return FALSE;
}

static GArray **
watcher_array (CsmSimTicket *ticket,
               const char   *role)
{
  if (g_strcmp0 (role, "Requestor") == 0)
    return &ticket->requestors;
  if (g_strcmp0 (role, "Cc") == 0)
    return &ticket->cc;
  if (g_strcmp0 (role, "AdminCc") == 0)
    return &ticket->admincc;
  return NULL;
}

void
csm_sim_ticket_add_raw_watcher (CsmSimTicket *ticket,
                                const char   *role,
                                gint64        user_id)
{
  GArray **array;

  g_return_if_fail (ticket != NULL);

  array = watcher_array (ticket, role);
  g_return_if_fail (array != NULL);

  if (*array == NULL)
    *array = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < (*array)->len; i++)
    if (g_array_index (*array, gint64, i) == user_id)
      return;
  g_array_append_val (*array, user_id);
}

/* Adds a value (multi-value CFs) or replaces the value (MaxValues 1).
 * Returns the replaced value's ObjectCustomFieldValue id through @old_ref. */
static void
ticket_put_cf_value (CsmSimWorld       *self,
                     CsmSimTicket      *ticket,
                     const CsmSimCustomField *cf,
                     gint64             cf_id,
                     const char        *value,
                     gint64            *new_ref,
                     gint64            *old_ref)
{
  CsmSimCfValue entry = { cf_id, csm_sim_world_intern (self, value), self->next_ocfv++ };

  if (old_ref != NULL)
    *old_ref = 0;
  if (new_ref != NULL)
    *new_ref = entry.ocfv_id;

  if (ticket->cf_values == NULL)
    ticket->cf_values = g_array_new (FALSE, FALSE, sizeof (CsmSimCfValue));

  if (cf == NULL || cf->max_values == 1)
    {
      for (guint i = 0; i < ticket->cf_values->len; i++)
        {
          CsmSimCfValue *v = &g_array_index (ticket->cf_values, CsmSimCfValue, i);

          if (v->cf_id == cf_id)
            {
              if (old_ref != NULL)
                *old_ref = v->ocfv_id;
              *v = entry;
              return;
            }
        }
    }

  g_array_append_val (ticket->cf_values, entry);
}

void
csm_sim_ticket_set_raw_cf_value (CsmSimWorld  *self,
                                 CsmSimTicket *ticket,
                                 gint64        cf_id,
                                 const char   *value)
{
  g_return_if_fail (CSM_IS_SIM_WORLD (self));
  g_return_if_fail (ticket != NULL);
  g_return_if_fail (value != NULL);

  ticket_put_cf_value (self, ticket, csm_sim_world_lookup_custom_field (self, cf_id), cf_id,
                       value, NULL, NULL);
  self->revision++;
}

static gboolean
ticket_remove_cf_value (CsmSimTicket *ticket,
                        gint64        cf_id,
                        const char   *value,
                        gint64       *old_ref)
{
  if (ticket->cf_values == NULL)
    return FALSE;

  for (guint i = 0; i < ticket->cf_values->len; i++)
    {
      CsmSimCfValue *v = &g_array_index (ticket->cf_values, CsmSimCfValue, i);

      if (v->cf_id == cf_id && (value == NULL || g_strcmp0 (v->value, value) == 0))
        {
          *old_ref = v->ocfv_id;
          g_array_remove_index (ticket->cf_values, i);
          return TRUE;
        }
    }
  return FALSE;
}

static void
ticket_insert_sorted (CsmSimWorld  *self,
                      CsmSimTicket *ticket)
{
  guint lo = 0, hi = self->tickets->len;

  if (hi == 0 || ((CsmSimTicket *) g_ptr_array_index (self->tickets, hi - 1))->id < ticket->id)
    {
      g_ptr_array_add (self->tickets, ticket);
      return;
    }

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (((CsmSimTicket *) g_ptr_array_index (self->tickets, mid))->id < ticket->id)
        lo = mid + 1;
      else
        hi = mid;
    }
  g_ptr_array_insert (self->tickets, lo, ticket);
}

CsmSimTicket *
csm_sim_world_insert_ticket (CsmSimWorld            *self,
                             const CsmSimTicketSpec *spec,
                             GError                **error)
{
  CsmSimTicket *ticket;
  gint64 id;
  const char *status;

  g_return_val_if_fail (CSM_IS_SIM_WORLD (self), NULL);
  g_return_val_if_fail (spec != NULL, NULL);

  id = spec->id > 0 ? spec->id : self->next_ticket;
  if (g_hash_table_contains (self->ticket_by_id, &id))
    {
      g_set_error (error, CSM_SIM_WORLD_ERROR, CSM_SIM_WORLD_ERROR_EXISTS,
                   "Ticket %" G_GINT64_FORMAT " already exists", id);
      return NULL;
    }
  if (csm_sim_world_lookup_queue (self, spec->queue) == NULL)
    {
      g_set_error (error, CSM_SIM_WORLD_ERROR, CSM_SIM_WORLD_ERROR_NOT_FOUND,
                   "Ticket %" G_GINT64_FORMAT ": no queue %" G_GINT64_FORMAT, id, spec->queue);
      return NULL;
    }
  status = spec->status ? spec->status : "new";
  if (!csm_sim_status_is_valid (status))
    {
      g_set_error (error, CSM_SIM_WORLD_ERROR, CSM_SIM_WORLD_ERROR_INVALID,
                   "Ticket %" G_GINT64_FORMAT ": invalid status '%s'", id, status);
      return NULL;
    }

  ticket = g_new0 (CsmSimTicket, 1);
  ticket->id = id;
  ticket->subject = g_strdup (spec->subject ? spec->subject : "");
  ticket->status = csm_sim_world_intern (self, status);
  ticket->type = csm_sim_world_intern (self, "ticket");
  ticket->sla = spec->sla && *spec->sla ? csm_sim_world_intern (self, spec->sla) : NULL;
  ticket->queue = spec->queue;
  ticket->owner = spec->owner > 0 ? spec->owner : CSM_SIM_USER_NOBODY;
  ticket->creator = spec->creator > 0 ? spec->creator : CSM_SIM_USER_ROOT;
  ticket->last_updated_by = ticket->creator;
  ticket->priority = spec->priority;
  ticket->time_estimated = spec->time_estimated;
  ticket->created = spec->created != 0 ? spec->created : self->now;
  ticket->last_updated = ticket->created;
  ticket->starts = spec->starts;
  ticket->due = spec->due;
  ticket->txns = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < spec->n_requestors; i++)
    csm_sim_ticket_add_raw_watcher (ticket, "Requestor", spec->requestors[i]);

  ticket_insert_sorted (self, ticket);
  g_hash_table_insert (self->ticket_by_id, &ticket->id, ticket);
  if (id >= self->next_ticket)
    self->next_ticket = id + 1;
  /* Four role groups per ticket (AdminCc, Cc, Owner, Requestor). */
  take_principal (self, 0, 4);
  self->revision++;

  return ticket;
}

static CsmSimTransaction *
append_txn_slot (CsmSimWorld *self)
{
  guint chunk = self->n_txns >> TXN_CHUNK_BITS;

  if (chunk >= self->n_txn_chunks)
    {
      self->txn_chunks = g_renew (CsmSimTransaction *, self->txn_chunks, chunk + 1);
      self->txn_chunks[chunk] = g_new0 (CsmSimTransaction, TXN_CHUNK_SIZE);
      self->n_txn_chunks = chunk + 1;
    }

  return &self->txn_chunks[chunk][self->n_txns & TXN_CHUNK_MASK];
}

/* Appends a transaction as given (its id must be above every existing id).
 * Strings are interned; the ticket's history index is updated, nothing else. */
const CsmSimTransaction *
csm_sim_world_insert_transaction (CsmSimWorld             *self,
                                  const CsmSimTransaction *txn,
                                  GError                 **error)
{
  CsmSimTransaction *slot;
  CsmSimTicket *ticket;
  gint64 id;
  guint index;

  g_return_val_if_fail (CSM_IS_SIM_WORLD (self), NULL);
  g_return_val_if_fail (txn != NULL && txn->type != NULL, NULL);

  ticket = lookup_ticket_mutable (self, txn->object_id);
  if (ticket == NULL)
    {
      g_set_error (error, CSM_SIM_WORLD_ERROR, CSM_SIM_WORLD_ERROR_NOT_FOUND,
                   "Transaction %u: no ticket %u", txn->id, txn->object_id);
      return NULL;
    }

  id = txn->id > 0 ? txn->id : self->next_txn;
  if (id < self->next_txn || id > G_MAXUINT32)
    {
      g_set_error (error, CSM_SIM_WORLD_ERROR, CSM_SIM_WORLD_ERROR_INVALID,
                   "Transaction %" G_GINT64_FORMAT ": ids must increase", id);
      return NULL;
    }

  if (self->n_txns > 0 &&
      csm_sim_world_get_transaction_at (self, self->n_txns - 1)->created > txn->created)
    self->txns_time_ordered = FALSE;

  slot = append_txn_slot (self);
  *slot = *txn;
  slot->id = (guint32) id;
  slot->type = csm_sim_world_intern (self, txn->type);
  slot->field = csm_sim_world_intern (self, txn->field);
  slot->old_value = csm_sim_world_intern (self, txn->old_value);
  slot->new_value = csm_sim_world_intern (self, txn->new_value);
  slot->data = csm_sim_world_intern (self, txn->data);

  index = self->n_txns++;
  g_array_append_val (ticket->txns, index);
  self->next_txn = id + 1;
  self->revision++;

  return slot;
}

/* A transaction recorded by a mutation: now, by @actor, and the ticket's
 * LastUpdated follows (LastUpdatedBy too, unless RT_System acts). */
static const CsmSimTransaction *
record_txn (CsmSimWorld  *self,
            CsmSimTicket *ticket,
            gint64        actor,
            const char   *type,
            const char   *field,
            const char   *old_value,
            const char   *new_value,
            const char   *data,
            int           time_taken)
{
  CsmSimTransaction txn = { 0, };

  txn.object_id = (guint32) ticket->id;
  txn.creator = (guint32) actor;
  txn.created = self->now;
  txn.type = type;
  txn.field = field;
  txn.old_value = old_value;
  txn.new_value = new_value;
  txn.data = data;
  txn.time_taken = time_taken;

  ticket->last_updated = self->now;
  if (actor != CSM_SIM_USER_RT_SYSTEM)
    ticket->last_updated_by = actor;
  if (time_taken != 0)
    ticket->time_worked += time_taken;

  return csm_sim_world_insert_transaction (self, &txn, NULL);
}

static void
set_message (char      **message,
             char       *text)
{
  if (message != NULL)
    *message = text;
  else
    g_free (text);
}

const CsmSimTicket *
csm_sim_world_create_ticket (CsmSimWorld            *self,
                             const CsmSimTicketSpec *spec,
                             GError                **error)
{
  CsmSimTicket *ticket;
  CsmSimTransaction txn = { 0, };

  g_return_val_if_fail (CSM_IS_SIM_WORLD (self), NULL);
  g_return_val_if_fail (spec != NULL, NULL);

  ticket = csm_sim_world_insert_ticket (self, spec, error);
  if (ticket == NULL)
    return NULL;

  /* Created straight into a non-initial status: RT stamps Started (and
   * Resolved for an inactive one) at creation. */
  if (g_strcmp0 (ticket->status, "new") != 0)
    ticket->started = ticket->created;
  if (csm_sim_status_is_inactive (ticket->status))
    ticket->resolved = ticket->created;

  txn.object_id = (guint32) ticket->id;
  txn.creator = (guint32) ticket->creator;
  txn.created = ticket->created;
  txn.type = "Create";
  csm_sim_world_insert_transaction (self, &txn, NULL);

  return ticket;
}

gboolean
csm_sim_world_set_owner (CsmSimWorld *self,
                         gint64       ticket_id,
                         gint64       actor,
                         gint64       owner,
                         char       **message)
{
  CsmSimTicket *ticket;
  const CsmSimUser *old_user, *new_user;
  char old_id[24], new_id[24];

  g_return_val_if_fail (CSM_IS_SIM_WORLD (self), FALSE);

  ticket = lookup_ticket_mutable (self, ticket_id);
  g_return_val_if_fail (ticket != NULL, FALSE);

  new_user = csm_sim_world_lookup_user (self, owner);
  if (new_user == NULL)
    {
      set_message (message, g_strdup ("That user does not exist"));
      return FALSE;
    }
  if (owner != CSM_SIM_USER_NOBODY &&
      (new_user->disabled ||
       (new_user->access != CSM_SIM_ACCESS_ADMIN && new_user->access != CSM_SIM_ACCESS_AGENT)))
    {
      set_message (message, g_strdup ("That user may not own tickets in that queue"));
      return FALSE;
    }
  if (owner == ticket->owner)
    {
      set_message (message, g_strdup ("That user already owns that ticket"));
      return FALSE;
    }

  old_user = csm_sim_world_lookup_user (self, ticket->owner);
  g_snprintf (old_id, sizeof old_id, "%" G_GINT64_FORMAT, ticket->owner);
  g_snprintf (new_id, sizeof new_id, "%" G_GINT64_FORMAT, owner);
  ticket->owner = owner;

  /* RT records the column change and the Owner role-group change. */
  record_txn (self, ticket, actor, "Set", "Owner", old_id, new_id, NULL, 0);
  record_txn (self, ticket, actor, "SetWatcher", "Owner", old_id, new_id, NULL, 0);

  set_message (message, g_strdup_printf ("Owner changed from %s to %s",
                                         old_user ? old_user->name : old_id, new_user->name));
  return TRUE;
}

/* RT's _SetStatus: Started at the first move out of "new", Resolved at
 * every move into an inactive status. */
static void
apply_status (CsmSimWorld  *self,
              CsmSimTicket *ticket,
              gint64        actor,
              const char   *status)
{
  const char *old = ticket->status;

  if (g_strcmp0 (old, "new") == 0 && g_strcmp0 (status, "new") != 0 && ticket->started == 0)
    ticket->started = self->now;
  if (csm_sim_status_is_inactive (status))
    ticket->resolved = self->now;

  ticket->status = csm_sim_world_intern (self, status);
  record_txn (self, ticket, actor, "Status", "Status", old, ticket->status, NULL, 0);
}

gboolean
csm_sim_world_set_status (CsmSimWorld *self,
                          gint64       ticket_id,
                          gint64       actor,
                          const char  *status,
                          char       **message)
{
  CsmSimTicket *ticket;
  g_autofree char *lower = NULL;
  const char *old;

  g_return_val_if_fail (CSM_IS_SIM_WORLD (self), FALSE);
  g_return_val_if_fail (status != NULL, FALSE);

  ticket = lookup_ticket_mutable (self, ticket_id);
  g_return_val_if_fail (ticket != NULL, FALSE);

  lower = g_ascii_strdown (status, -1);
  if (!csm_sim_status_is_valid (lower))
    {
      set_message (message, g_strdup_printf ("Status '%s' isn't a valid status for this ticket.",
                                             status));
      return FALSE;
    }
  if (g_strcmp0 (lower, ticket->status) == 0)
    {
      set_message (message, g_strdup ("That is already the current value"));
      return FALSE;
    }

  old = ticket->status;
  apply_status (self, ticket, actor, lower);
  set_message (message, g_strdup_printf ("Status changed from '%s' to '%s'", old, lower));
  return TRUE;
}

gboolean
csm_sim_world_set_queue (CsmSimWorld *self,
                         gint64       ticket_id,
                         gint64       actor,
                         gint64       queue_id,
                         char       **message)
{
  CsmSimTicket *ticket;
  const CsmSimQueue *old_queue, *new_queue;
  char old_id[24], new_id[24];

  g_return_val_if_fail (CSM_IS_SIM_WORLD (self), FALSE);

  ticket = lookup_ticket_mutable (self, ticket_id);
  g_return_val_if_fail (ticket != NULL, FALSE);

  new_queue = csm_sim_world_lookup_queue (self, queue_id);
  if (new_queue == NULL || new_queue->disabled)
    {
      set_message (message, g_strdup_printf ("Queue %" G_GINT64_FORMAT " does not exist", queue_id));
      return FALSE;
    }
  if (queue_id == ticket->queue)
    {
      set_message (message, g_strdup ("That is already the current value"));
      return FALSE;
    }

  old_queue = csm_sim_world_lookup_queue (self, ticket->queue);
  g_snprintf (old_id, sizeof old_id, "%" G_GINT64_FORMAT, ticket->queue);
  g_snprintf (new_id, sizeof new_id, "%" G_GINT64_FORMAT, queue_id);
  ticket->queue = queue_id;
  record_txn (self, ticket, actor, "Set", "Queue", old_id, new_id, NULL, 0);

  set_message (message, g_strdup_printf ("Queue changed from %s to %s",
                                         old_queue ? old_queue->name : old_id, new_queue->name));
  return TRUE;
}

gboolean
csm_sim_world_set_priority (CsmSimWorld *self,
                            gint64       ticket_id,
                            gint64       actor,
                            int          priority,
                            char       **message)
{
  CsmSimTicket *ticket;
  char old_value[16], new_value[16];
  int old;

  g_return_val_if_fail (CSM_IS_SIM_WORLD (self), FALSE);

  ticket = lookup_ticket_mutable (self, ticket_id);
  g_return_val_if_fail (ticket != NULL, FALSE);

  if (priority == ticket->priority)
    {
      set_message (message, g_strdup ("That is already the current value"));
      return FALSE;
    }

  old = ticket->priority;
  g_snprintf (old_value, sizeof old_value, "%d", old);
  g_snprintf (new_value, sizeof new_value, "%d", priority);
  ticket->priority = priority;
  record_txn (self, ticket, actor, "Set", "Priority", old_value, new_value, NULL, 0);

  /* RT 5.0.3 shows priorities through %PriorityAsString. */
  set_message (message, g_strdup_printf ("Priority changed from '%s' to '%s'",
                                         csm_sim_priority_label (old),
                                         csm_sim_priority_label (priority)));
  return TRUE;
}

gboolean
csm_sim_world_set_subject (CsmSimWorld *self,
                           gint64       ticket_id,
                           gint64       actor,
                           const char  *subject,
                           char       **message)
{
  CsmSimTicket *ticket;
  g_autofree char *old = NULL;

  g_return_val_if_fail (CSM_IS_SIM_WORLD (self), FALSE);
  g_return_val_if_fail (subject != NULL, FALSE);

  ticket = lookup_ticket_mutable (self, ticket_id);
  g_return_val_if_fail (ticket != NULL, FALSE);

  if (g_strcmp0 (subject, ticket->subject) == 0)
    {
      set_message (message, g_strdup ("That is already the current value"));
      return FALSE;
    }

  old = g_steal_pointer (&ticket->subject);
  ticket->subject = g_strdup (subject);
  record_txn (self, ticket, actor, "Set", "Subject", old, subject, NULL, 0);
  set_message (message, g_strdup_printf ("Subject changed from '%s' to '%s'", old, subject));
  return TRUE;
}

static gboolean
set_date (CsmSimWorld *self,
          gint64       ticket_id,
          gint64       actor,
          const char  *field,
          gint64       value,
          char       **message)
{
  CsmSimTicket *ticket;
  gint64 *slot;
  g_autofree char *old_sql = NULL;
  g_autofree char *new_sql = NULL;
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = NULL;

  ticket = lookup_ticket_mutable (self, ticket_id);
  g_return_val_if_fail (ticket != NULL, FALSE);

  slot = g_strcmp0 (field, "Due") == 0 ? &ticket->due : &ticket->starts;
  if (*slot == value)
    {
      set_message (message, g_strdup ("That is already the current value"));
      return FALSE;
    }

  old_sql = csm_sim_format_sql (*slot);
  new_sql = csm_sim_format_sql (value);
  old_text = csm_sim_format_rt_string (*slot);
  new_text = csm_sim_format_rt_string (value);
  *slot = value;
  record_txn (self, ticket, actor, "Set", field, old_sql, new_sql, NULL, 0);

  set_message (message, g_strdup_printf ("%s changed from %s to %s", field, old_text, new_text));
  return TRUE;
}

gboolean
csm_sim_world_set_due (CsmSimWorld *self,
                       gint64       ticket_id,
                       gint64       actor,
                       gint64       due,
                       char       **message)
{
  g_return_val_if_fail (CSM_IS_SIM_WORLD (self), FALSE);

  return set_date (self, ticket_id, actor, "Due", due, message);
}

gboolean
csm_sim_world_set_starts (CsmSimWorld *self,
                          gint64       ticket_id,
                          gint64       actor,
                          gint64       starts,
                          char       **message)
{
  g_return_val_if_fail (CSM_IS_SIM_WORLD (self), FALSE);

  return set_date (self, ticket_id, actor, "Starts", starts, message);
}

gboolean
csm_sim_world_set_sla (CsmSimWorld *self,
                       gint64       ticket_id,
                       gint64       actor,
                       const char  *sla,
                       char       **message)
{
  CsmSimTicket *ticket;
  const char *old;

  g_return_val_if_fail (CSM_IS_SIM_WORLD (self), FALSE);

  ticket = lookup_ticket_mutable (self, ticket_id);
  g_return_val_if_fail (ticket != NULL, FALSE);

  if (sla != NULL && *sla == '\0')
    sla = NULL;
  if (g_strcmp0 (sla, ticket->sla) == 0)
    {
      set_message (message, g_strdup ("That is already the current value"));
      return FALSE;
    }

  old = ticket->sla;
  ticket->sla = csm_sim_world_intern (self, sla);
  record_txn (self, ticket, actor, "Set", "SLA", old, ticket->sla, NULL, 0);
  set_message (message, g_strdup_printf ("SLA changed from '%s' to '%s'",
                                         old ? old : "", sla ? sla : ""));
  return TRUE;
}

/* PUT {"TimeWorked": N} as RT records it: a Set transaction whose TimeTaken
 * is the difference. */
gboolean
csm_sim_world_add_time_worked (CsmSimWorld *self,
                               gint64       ticket_id,
                               gint64       actor,
                               int          minutes,
                               char       **message)
{
  CsmSimTicket *ticket;
  char old_value[16], new_value[16];

  g_return_val_if_fail (CSM_IS_SIM_WORLD (self), FALSE);

  ticket = lookup_ticket_mutable (self, ticket_id);
  g_return_val_if_fail (ticket != NULL, FALSE);

  if (minutes == 0)
    {
      set_message (message, g_strdup ("That is already the current value"));
      return FALSE;
    }

  g_snprintf (old_value, sizeof old_value, "%d", ticket->time_worked);
  g_snprintf (new_value, sizeof new_value, "%d", ticket->time_worked + minutes);
  record_txn (self, ticket, actor, "Set", "TimeWorked", old_value, new_value, NULL, minutes);
  set_message (message, g_strdup_printf ("Worked %d minutes", minutes));
  return TRUE;
}

/* RT's FriendlyPattern: "[text]" from a "(?#text)" comment, else the regex. */
static char *
friendly_pattern (const char *pattern)
{
  const char *start = strstr (pattern, "(?#");

  if (start != NULL)
    {
      const char *end = strchr (start, ')');

      if (end != NULL)
        return g_strdup_printf ("[%.*s]", (int) (end - start - 3), start + 3);
    }
  return g_strdup (pattern);
}

/* AddCustomFieldValue (or DeleteCustomFieldValue for a NULL @value). */
gboolean
csm_sim_world_set_custom_field (CsmSimWorld *self,
                                gint64       ticket_id,
                                gint64       actor,
                                gint64       cf_id,
                                const char  *value,
                                char       **message)
{
  CsmSimTicket *ticket;
  const CsmSimCustomField *cf;
  const char *old;
  gint64 old_ref = 0, new_ref = 0;
  const CsmSimTransaction *txn;
  char field[24];

  g_return_val_if_fail (CSM_IS_SIM_WORLD (self), FALSE);

  ticket = lookup_ticket_mutable (self, ticket_id);
  g_return_val_if_fail (ticket != NULL, FALSE);
  cf = csm_sim_world_lookup_custom_field (self, cf_id);
  g_return_val_if_fail (cf != NULL, FALSE);

  g_snprintf (field, sizeof field, "%" G_GINT64_FORMAT, cf_id);
  old = cf->max_values == 1 ? csm_sim_ticket_get_cf_value (ticket, cf_id) : NULL;

  if (value == NULL)
    {
      g_autofree char *removed = NULL;

      old = csm_sim_ticket_get_cf_value (ticket, cf_id);
      if (old == NULL)
        {
          set_message (message, NULL);
          return TRUE;
        }
      removed = g_strdup (old);
      ticket_remove_cf_value (ticket, cf_id, old, &old_ref);
      txn = record_txn (self, ticket, actor, "CustomField", field, removed, NULL, NULL, 0);
      ((CsmSimTransaction *) txn)->old_reference = (guint32) old_ref;
      set_message (message, g_strdup_printf ("%s is no longer a value for custom field %s",
                                             removed, cf->name));
      return TRUE;
    }

  if (cf->regex != NULL && !g_regex_match (cf->regex, value, 0, NULL))
    {
      g_autofree char *hint = friendly_pattern (cf->pattern);

      set_message (message, g_strdup_printf ("Could not add a new value to custom field '%s': "
                                             "Input must match %s", cf->name, hint));
      return FALSE;
    }

  /* The value is already there: RT answers without a message. */
  if (ticket->cf_values != NULL)
    for (guint i = 0; i < ticket->cf_values->len; i++)
      {
        const CsmSimCfValue *v = &g_array_index (ticket->cf_values, CsmSimCfValue, i);

        if (v->cf_id == cf_id && g_strcmp0 (v->value, value) == 0)
          {
            set_message (message, NULL);
            return TRUE;
          }
      }

  {
    g_autofree char *old_copy = g_strdup (old);

    ticket_put_cf_value (self, ticket, cf, cf_id, value, &new_ref, &old_ref);
    txn = record_txn (self, ticket, actor, "CustomField", field, old_copy, value, NULL, 0);
    ((CsmSimTransaction *) txn)->old_reference = (guint32) old_ref;
    ((CsmSimTransaction *) txn)->new_reference = (guint32) new_ref;

    if (old_copy != NULL)
      set_message (message, g_strdup_printf ("%s %s changed to %s", cf->name, old_copy, value));
    else
      set_message (message, g_strdup_printf ("%s %s added", cf->name, value));
  }
  return TRUE;
}

gboolean
csm_sim_world_add_requestor (CsmSimWorld *self,
                             gint64       ticket_id,
                             gint64       actor,
                             gint64       user_id,
                             char       **message)
{
  CsmSimTicket *ticket;
  const CsmSimUser *user;
  char principal[24];

  g_return_val_if_fail (CSM_IS_SIM_WORLD (self), FALSE);

  ticket = lookup_ticket_mutable (self, ticket_id);
  g_return_val_if_fail (ticket != NULL, FALSE);

  user = csm_sim_world_lookup_user (self, user_id);
  if (user == NULL)
    {
      set_message (message, g_strdup ("That principal does not exist"));
      return FALSE;
    }
  if (csm_sim_ticket_has_requestor (ticket, user_id))
    {
      set_message (message, g_strdup_printf ("%s is already a Requestor", user->name));
      return FALSE;
    }

  csm_sim_ticket_add_raw_watcher (ticket, "Requestor", user_id);
  g_snprintf (principal, sizeof principal, "%" G_GINT64_FORMAT, user_id);
  record_txn (self, ticket, actor, "AddWatcher", "Requestor", NULL, principal, NULL, 0);
  set_message (message, g_strdup_printf ("Added %s as Requestor for this ticket", user->name));
  return TRUE;
}

static gboolean
has_requestor_address (CsmSimWorld        *self,
                       const CsmSimTicket *ticket)
{
  if (ticket->requestors == NULL)
    return FALSE;
  for (guint i = 0; i < ticket->requestors->len; i++)
    {
      const CsmSimUser *user = csm_sim_world_lookup_user (self, g_array_index (ticket->requestors,
                                                                                gint64, i));

      if (user != NULL && user->email != NULL && *user->email != '\0')
        return TRUE;
    }
  return FALSE;
}

/* A reply. As in RT: TimeWorked grows by @time_taken; a reply from anyone
 * but a requestor sets Told (no transaction); the "On Correspond Open
 * Inactive Tickets" scrip moves a ticket that is not open or stalled to
 * open, as RT_System. Returns the transaction id. */
gint64
csm_sim_world_correspond (CsmSimWorld *self,
                          gint64       ticket_id,
                          gint64       actor,
                          int          time_taken,
                          char       **message)
{
  CsmSimTicket *ticket;
  const CsmSimTransaction *txn;

  g_return_val_if_fail (CSM_IS_SIM_WORLD (self), 0);

  ticket = lookup_ticket_mutable (self, ticket_id);
  g_return_val_if_fail (ticket != NULL, 0);

  txn = record_txn (self, ticket, actor, "Correspond", NULL, NULL, NULL, "No Subject", time_taken);

  if (!csm_sim_ticket_has_requestor (ticket, actor) && has_requestor_address (self, ticket))
    ticket->told = self->now;

  if (!csm_sim_status_is_active (ticket->status) && g_strcmp0 (ticket->status, "deleted") != 0)
    apply_status (self, ticket, CSM_SIM_USER_RT_SYSTEM, "open");

  set_message (message, g_strdup ("Correspondence added"));
  return txn->id;
}

gint64
csm_sim_world_comment (CsmSimWorld *self,
                       gint64       ticket_id,
                       gint64       actor,
                       int          time_taken,
                       char       **message)
{
  CsmSimTicket *ticket;
  const CsmSimTransaction *txn;

  g_return_val_if_fail (CSM_IS_SIM_WORLD (self), 0);

  ticket = lookup_ticket_mutable (self, ticket_id);
  g_return_val_if_fail (ticket != NULL, 0);

  txn = record_txn (self, ticket, actor, "Comment", NULL, NULL, NULL, "No Subject", time_taken);
  set_message (message, g_strdup ("Comments added"));
  return txn->id;
}

/* RT never removes tickets: deleting is the status "deleted". */
gboolean
csm_sim_world_delete_ticket (CsmSimWorld *self,
                             gint64       ticket_id,
                             gint64       actor,
                             char       **message)
{
  CsmSimTicket *ticket;

  g_return_val_if_fail (CSM_IS_SIM_WORLD (self), FALSE);

  ticket = lookup_ticket_mutable (self, ticket_id);
  g_return_val_if_fail (ticket != NULL, FALSE);

  if (g_strcmp0 (ticket->status, "deleted") == 0)
    {
      set_message (message, g_strdup ("That is already the current value"));
      return FALSE;
    }

  apply_status (self, ticket, actor, "deleted");
  set_message (message, g_strdup ("Ticket deleted"));
  return TRUE;
}
