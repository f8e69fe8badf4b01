/* csm-sim-world-mutations.c: ticket changes, each recorded as RT 5.0.3 records it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-sim-world"

#include "config.h"

#include <string.h>

#include "csm-sim-world-private.h"

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

/* A refusal: RT's text for it, and FALSE. */
static gboolean
refuse (char **message,
        char  *text)
{
  set_message (message, text);
  return FALSE;
}

/* RT's answer to a change to what the field already holds. */
static gboolean
refuse_unchanged (char **message)
{
  return refuse (message, g_strdup ("That is already the current value"));
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

  ticket = csm_sim_world_lookup_ticket_mutable (self, ticket_id);
  g_return_val_if_fail (ticket != NULL, FALSE);

  new_user = csm_sim_world_lookup_user (self, owner);
  if (new_user == NULL)
    return refuse (message, g_strdup ("That user does not exist"));
  if (owner != CSM_SIM_USER_NOBODY &&
      (new_user->disabled ||
       (new_user->access != CSM_SIM_ACCESS_ADMIN && new_user->access != CSM_SIM_ACCESS_AGENT)))
    return refuse (message, g_strdup ("That user may not own tickets in that queue"));
  if (owner == ticket->owner)
    return refuse (message, g_strdup ("That user already owns that ticket"));

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

  ticket = csm_sim_world_lookup_ticket_mutable (self, ticket_id);
  g_return_val_if_fail (ticket != NULL, FALSE);

  lower = g_ascii_strdown (status, -1);
  if (!csm_sim_status_is_valid (lower))
    return refuse (message, g_strdup_printf ("Status '%s' isn't a valid status for this ticket.",
                                             status));
  if (g_strcmp0 (lower, ticket->status) == 0)
    return refuse_unchanged (message);

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

  ticket = csm_sim_world_lookup_ticket_mutable (self, ticket_id);
  g_return_val_if_fail (ticket != NULL, FALSE);

  new_queue = csm_sim_world_lookup_queue (self, queue_id);
  if (new_queue == NULL || new_queue->disabled)
    return refuse (message, g_strdup_printf ("Queue %" G_GINT64_FORMAT " does not exist",
                                             queue_id));
  if (queue_id == ticket->queue)
    return refuse_unchanged (message);

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

  ticket = csm_sim_world_lookup_ticket_mutable (self, ticket_id);
  g_return_val_if_fail (ticket != NULL, FALSE);

  if (priority == ticket->priority)
    return refuse_unchanged (message);

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

  ticket = csm_sim_world_lookup_ticket_mutable (self, ticket_id);
  g_return_val_if_fail (ticket != NULL, FALSE);

  if (g_strcmp0 (subject, ticket->subject) == 0)
    return refuse_unchanged (message);

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

  ticket = csm_sim_world_lookup_ticket_mutable (self, ticket_id);
  g_return_val_if_fail (ticket != NULL, FALSE);

  slot = g_strcmp0 (field, "Due") == 0 ? &ticket->due : &ticket->starts;
  if (*slot == value)
    return refuse_unchanged (message);

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

  ticket = csm_sim_world_lookup_ticket_mutable (self, ticket_id);
  g_return_val_if_fail (ticket != NULL, FALSE);

  if (sla != NULL && *sla == '\0')
    sla = NULL;
  if (g_strcmp0 (sla, ticket->sla) == 0)
    return refuse_unchanged (message);

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

  ticket = csm_sim_world_lookup_ticket_mutable (self, ticket_id);
  g_return_val_if_fail (ticket != NULL, FALSE);

  if (minutes == 0)
    return refuse_unchanged (message);

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

  ticket = csm_sim_world_lookup_ticket_mutable (self, ticket_id);
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

      return refuse (message, g_strdup_printf ("Could not add a new value to custom field '%s': "
                                               "Input must match %s", cf->name, hint));
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

    csm_sim_ticket_put_cf_value (self, ticket, cf, cf_id, value, &new_ref, &old_ref);
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

  ticket = csm_sim_world_lookup_ticket_mutable (self, ticket_id);
  g_return_val_if_fail (ticket != NULL, FALSE);

  user = csm_sim_world_lookup_user (self, user_id);
  if (user == NULL)
    return refuse (message, g_strdup ("That principal does not exist"));
  if (csm_sim_ticket_has_requestor (ticket, user_id))
    return refuse (message, g_strdup_printf ("%s is already a Requestor", user->name));

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

  ticket = csm_sim_world_lookup_ticket_mutable (self, ticket_id);
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

  ticket = csm_sim_world_lookup_ticket_mutable (self, ticket_id);
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

  ticket = csm_sim_world_lookup_ticket_mutable (self, ticket_id);
  g_return_val_if_fail (ticket != NULL, FALSE);

  if (g_strcmp0 (ticket->status, "deleted") == 0)
    return refuse_unchanged (message);

  apply_status (self, ticket, actor, "deleted");
  set_message (message, g_strdup ("Ticket deleted"));
  return TRUE;
}
