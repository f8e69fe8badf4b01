/* csm-ticket.c: one helpdesk ticket, normalised across helpdesks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-ticket"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>

#include "csm-ticket-private.h"
#include "csm-time.h"

G_DEFINE_FINAL_TYPE (CsmTicket, csm_ticket, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_REVISION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
csm_ticket_finalize (GObject *object)
{
  CsmTicket *self = (CsmTicket *) object;

  g_free (self->subject);
  g_free (self->status);
  g_free (self->queue_name);
  g_free (self->owner);
  g_free (self->owner_real_name);
  g_free (self->creator);
  g_free (self->sla);
  g_strfreev (self->requestors);
  g_strfreev (self->custom_fields);

  G_OBJECT_CLASS (csm_ticket_parent_class)->finalize (object);
}

static void
csm_ticket_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  CsmTicket *self = CSM_TICKET (object);

  switch (prop_id)
    {
    case PROP_REVISION:
      g_value_set_uint (value, self->revision);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
csm_ticket_class_init (CsmTicketClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = csm_ticket_finalize;
  object_class->get_property = csm_ticket_get_property;

  /**
   * CsmTicket:revision:
   *
   * Changes, with a notification, whenever the ticket changes in place:
   * what the helpdesk reported, or its metrics. Views showing the ticket
   * follow it.
   */
  properties[PROP_REVISION] =
    g_param_spec_uint ("revision", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

void
_csm_ticket_changed (CsmTicket *ticket)
{
  ticket->revision++;
  g_object_notify_by_pspec (G_OBJECT (ticket), properties[PROP_REVISION]);
}

static void
csm_ticket_init (CsmTicket *self)
{
}

CsmTicket *
csm_ticket_new (gint64 id)
{
  CsmTicket *self = g_object_new (CSM_TYPE_TICKET, NULL);

  self->id = id;
  return self;
}

void
_csm_ticket_set_string (char       **field,
                        const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
}

/**
 * csm_status_classify:
 * @status: (nullable): a helpdesk status name
 *
 * Places a status in RT's default lifecycle. Statuses the console does not
 * know (custom lifecycles) count as open: an unknown status is more likely
 * work in progress than finished work, and hiding work is the worse mistake
 * for a supervisor.
 */
CsmStatusClass
csm_status_classify (const char *status)
{
  if (status == NULL)
    return CSM_STATUS_CLASS_OPEN;
  /* RT's statuses start with different letters: one comparison each. */
  switch (g_ascii_tolower (status[0]))
    {
    case 'n':
      return g_ascii_strcasecmp (status, "new") == 0 ? CSM_STATUS_CLASS_NEW : CSM_STATUS_CLASS_OPEN;
    case 'o':
      return CSM_STATUS_CLASS_OPEN;
    case 's':
      return g_ascii_strcasecmp (status, "stalled") == 0 ? CSM_STATUS_CLASS_STALLED
                                                          : CSM_STATUS_CLASS_OPEN;
    case 'r':
      if (g_ascii_strcasecmp (status, "resolved") == 0 ||
          g_ascii_strcasecmp (status, "rejected") == 0)
        return CSM_STATUS_CLASS_INACTIVE;
      return CSM_STATUS_CLASS_OPEN;
    case 'd':
      return g_ascii_strcasecmp (status, "deleted") == 0 ? CSM_STATUS_CLASS_INACTIVE
                                                          : CSM_STATUS_CLASS_OPEN;
    default:
      return CSM_STATUS_CLASS_OPEN;
    }
}

gint64
csm_ticket_get_id (CsmTicket *self)
{
  g_return_val_if_fail (CSM_IS_TICKET (self), 0);
  return self->id;
}

const char *
csm_ticket_get_subject (CsmTicket *self)
{
  g_return_val_if_fail (CSM_IS_TICKET (self), NULL);
  return self->subject ? self->subject : "";
}

const char *
csm_ticket_get_status (CsmTicket *self)
{
  g_return_val_if_fail (CSM_IS_TICKET (self), NULL);
  return self->status ? self->status : "";
}

CsmStatusClass
csm_ticket_get_status_class (CsmTicket *self)
{
  g_return_val_if_fail (CSM_IS_TICKET (self), CSM_STATUS_CLASS_OPEN);
  return _csm_ticket_status_class (self);
}

gboolean
csm_ticket_is_active (CsmTicket *self)
{
  g_return_val_if_fail (CSM_IS_TICKET (self), FALSE);
  return _csm_ticket_status_class (self) != CSM_STATUS_CLASS_INACTIVE;
}

static void
set_status_quietly (CsmTicket  *ticket,
                    const char *status)
{
  _csm_ticket_set_string (&ticket->status, status);
  ticket->status_class = 0;
}

void
_csm_ticket_set_status (CsmTicket  *ticket,
                        const char *status)
{
  set_status_quietly (ticket, status);
  _csm_ticket_changed (ticket);
}

/**
 * csm_ticket_get_revision:
 *
 * Returns: a number that changes whenever the ticket changes in place (what
 *   the helpdesk reports, or its metrics), so a view can tell whether what
 *   it shows of the ticket is still current
 */
guint
csm_ticket_get_revision (CsmTicket *self)
{
  g_return_val_if_fail (CSM_IS_TICKET (self), 0);
  return self->revision;
}

gint64
csm_ticket_get_queue_id (CsmTicket *self)
{
  g_return_val_if_fail (CSM_IS_TICKET (self), 0);
  return self->queue_id;
}

const char *
csm_ticket_get_queue_name (CsmTicket *self)
{
  g_return_val_if_fail (CSM_IS_TICKET (self), NULL);
  return self->queue_name;
}

/**
 * csm_ticket_get_owner:
 *
 * Returns: (nullable): the owner's user name, or %NULL when nobody owns the ticket
 */
const char *
csm_ticket_get_owner (CsmTicket *self)
{
  g_return_val_if_fail (CSM_IS_TICKET (self), NULL);
  return self->owner;
}

/**
 * csm_ticket_get_owner_display:
 *
 * Returns: the owner's real name if known, else the user name, else "Nobody"
 */
const char *
csm_ticket_get_owner_display (CsmTicket *self)
{
  g_return_val_if_fail (CSM_IS_TICKET (self), NULL);
  if (self->owner == NULL)
    return _("Nobody");
  if (self->owner_real_name != NULL && *self->owner_real_name != '\0')
    return self->owner_real_name;
  return self->owner;
}

const char *
csm_ticket_get_creator (CsmTicket *self)
{
  g_return_val_if_fail (CSM_IS_TICKET (self), NULL);
  return self->creator;
}

int
csm_ticket_get_priority (CsmTicket *self)
{
  g_return_val_if_fail (CSM_IS_TICKET (self), 0);
  return self->priority;
}

gint64
csm_ticket_get_created (CsmTicket *self)
{
  g_return_val_if_fail (CSM_IS_TICKET (self), 0);
  return self->created;
}

gint64
csm_ticket_get_last_updated (CsmTicket *self)
{
  g_return_val_if_fail (CSM_IS_TICKET (self), 0);
  return self->last_updated;
}

gint64
csm_ticket_get_starts (CsmTicket *self)
{
  g_return_val_if_fail (CSM_IS_TICKET (self), 0);
  return self->starts;
}

gint64
csm_ticket_get_started (CsmTicket *self)
{
  g_return_val_if_fail (CSM_IS_TICKET (self), 0);
  return self->started;
}

gint64
csm_ticket_get_due (CsmTicket *self)
{
  g_return_val_if_fail (CSM_IS_TICKET (self), 0);
  return self->due;
}

gint64
csm_ticket_get_resolved (CsmTicket *self)
{
  g_return_val_if_fail (CSM_IS_TICKET (self), 0);
  return self->resolved;
}

gint64
csm_ticket_get_told (CsmTicket *self)
{
  g_return_val_if_fail (CSM_IS_TICKET (self), 0);
  return self->told;
}

int
csm_ticket_get_time_worked (CsmTicket *self)
{
  g_return_val_if_fail (CSM_IS_TICKET (self), 0);
  return self->time_worked;
}

int
csm_ticket_get_time_estimated (CsmTicket *self)
{
  g_return_val_if_fail (CSM_IS_TICKET (self), 0);
  return self->time_estimated;
}

const char *
csm_ticket_get_sla (CsmTicket *self)
{
  g_return_val_if_fail (CSM_IS_TICKET (self), NULL);
  return self->sla;
}

const char * const *
csm_ticket_get_requestors (CsmTicket *self)
{
  g_return_val_if_fail (CSM_IS_TICKET (self), NULL);
  return (const char * const *) self->requestors;
}

const char * const *
csm_ticket_get_custom_fields (CsmTicket *self)
{
  g_return_val_if_fail (CSM_IS_TICKET (self), NULL);
  return (const char * const *) self->custom_fields;
}

/**
 * csm_ticket_get_custom_field:
 * @name: the custom field's name, compared without regard to case
 *
 * Returns: (nullable): the value, or %NULL when the field is unset
 */
const char *
csm_ticket_get_custom_field (CsmTicket  *self,
                             const char *name)
{
  g_return_val_if_fail (CSM_IS_TICKET (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (self->custom_fields == NULL)
    return NULL;
  for (guint i = 0; self->custom_fields[i] && self->custom_fields[i + 1]; i += 2)
    if (g_ascii_strcasecmp (self->custom_fields[i], name) == 0)
      return self->custom_fields[i + 1];
  return NULL;
}

/**
 * csm_ticket_get_custom_int:
 * @name: the custom field's name
 * @out_value: (out): the value
 *
 * Reads a custom field that holds a whole number, such as a CSAT score.
 *
 * Returns: %FALSE when the field is unset or not a number
 */
gboolean
csm_ticket_get_custom_int (CsmTicket  *self,
                           const char *name,
                           int        *out_value)
{
  const char *text = csm_ticket_get_custom_field (self, name);
  g_autofree char *trimmed = NULL;
  gint64 v;

  g_return_val_if_fail (out_value != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  trimmed = g_strstrip (g_strdup (text));
  if (!g_ascii_string_to_signed (trimmed, 10, G_MININT, G_MAXINT, &v, NULL))
    return FALSE;
  *out_value = (int) v;
  return TRUE;
}

gint64
csm_ticket_get_first_response (CsmTicket *self)
{
  g_return_val_if_fail (CSM_IS_TICKET (self), 0);
  return self->first_response;
}

int
csm_ticket_get_handle_minutes (CsmTicket *self)
{
  g_return_val_if_fail (CSM_IS_TICKET (self), 0);
  return self->handle_minutes;
}

int
csm_ticket_get_agent_replies (CsmTicket *self)
{
  g_return_val_if_fail (CSM_IS_TICKET (self), 0);
  return self->agent_replies;
}

/**
 * csm_ticket_get_history_complete:
 *
 * Returns: whether the console holds the ticket's whole history, back to
 *   its creation, so that its first response is known for sure
 */
gboolean
csm_ticket_get_history_complete (CsmTicket *self)
{
  g_return_val_if_fail (CSM_IS_TICKET (self), FALSE);
  return self->history_complete;
}

/**
 * csm_ticket_get_sla_remaining:
 * @now: the current time
 * @out_seconds: (out): seconds until the deadline; negative once it has passed
 *
 * Returns: %FALSE when the ticket has no deadline
 */
gboolean
csm_ticket_get_sla_remaining (CsmTicket *self,
                              gint64     now,
                              gint64    *out_seconds)
{
  g_return_val_if_fail (CSM_IS_TICKET (self), FALSE);
  g_return_val_if_fail (out_seconds != NULL, FALSE);

  if (self->due == CSM_TIME_UNSET)
    return FALSE;
  *out_seconds = self->due - now;
  return TRUE;
}

static gboolean
strv_equal0 (char **a,
             char **b)
{
  if (a == NULL || b == NULL)
    return (a == NULL || *a == NULL) && (b == NULL || *b == NULL);
  return g_strv_equal ((const char * const *) a, (const char * const *) b);
}

/**
 * csm_ticket_equal:
 *
 * Compares what the helpdesk reported about two tickets. The metrics derived
 * from transactions (first response, handle time) are not part of it: they
 * are the console's, see csm_ticket_apply_metrics().
 */
gboolean
csm_ticket_equal (CsmTicket *a,
                  CsmTicket *b)
{
  g_return_val_if_fail (CSM_IS_TICKET (a), FALSE);
  g_return_val_if_fail (CSM_IS_TICKET (b), FALSE);

  return a->id == b->id &&
         g_strcmp0 (a->subject, b->subject) == 0 &&
         g_strcmp0 (a->status, b->status) == 0 &&
         a->queue_id == b->queue_id &&
         g_strcmp0 (a->queue_name, b->queue_name) == 0 &&
         g_strcmp0 (a->owner, b->owner) == 0 &&
         g_strcmp0 (a->owner_real_name, b->owner_real_name) == 0 &&
         g_strcmp0 (a->creator, b->creator) == 0 &&
         a->priority == b->priority &&
         a->created == b->created &&
         a->last_updated == b->last_updated &&
         a->starts == b->starts &&
         a->started == b->started &&
         a->due == b->due &&
         a->resolved == b->resolved &&
         a->told == b->told &&
         a->time_worked == b->time_worked &&
         a->time_estimated == b->time_estimated &&
         g_strcmp0 (a->sla, b->sla) == 0 &&
         strv_equal0 (a->requestors, b->requestors) &&
         strv_equal0 (a->custom_fields, b->custom_fields);
}

/**
 * csm_ticket_update_from:
 * @other: a newer copy of the same ticket
 *
 * Copies what the helpdesk reported in @other into @self, so that views
 * holding @self see the new state without losing their row, selection or
 * scroll position. The derived metrics of @self are kept.
 *
 * Returns: %TRUE if anything changed
 */
gboolean
csm_ticket_update_from (CsmTicket *self,
                        CsmTicket *other)
{
  g_return_val_if_fail (CSM_IS_TICKET (self), FALSE);
  g_return_val_if_fail (CSM_IS_TICKET (other), FALSE);
  g_return_val_if_fail (self->id == other->id, FALSE);

  if (self == other || csm_ticket_equal (self, other))
    return FALSE;

  _csm_ticket_set_string (&self->subject, other->subject);
  set_status_quietly (self, other->status);
  self->queue_id = other->queue_id;
  _csm_ticket_set_string (&self->queue_name, other->queue_name);
  _csm_ticket_set_string (&self->owner, other->owner);
  _csm_ticket_set_string (&self->owner_real_name, other->owner_real_name);
  _csm_ticket_set_string (&self->creator, other->creator);
  self->priority = other->priority;
  self->created = other->created;
  self->last_updated = other->last_updated;
  self->starts = other->starts;
  self->started = other->started;
  self->due = other->due;
  self->resolved = other->resolved;
  self->told = other->told;
  self->time_worked = other->time_worked;
  self->time_estimated = other->time_estimated;
  _csm_ticket_set_string (&self->sla, other->sla);
  g_strfreev (self->requestors);
  self->requestors = g_strdupv (other->requestors);
  g_strfreev (self->custom_fields);
  self->custom_fields = g_strdupv (other->custom_fields);

  _csm_ticket_changed (self);
  return TRUE;
}

/**
 * csm_ticket_copy:
 *
 * Returns: (transfer full): an independent copy
 */
CsmTicket *
csm_ticket_copy (CsmTicket *self)
{
  CsmTicket *copy;

  g_return_val_if_fail (CSM_IS_TICKET (self), NULL);

  copy = csm_ticket_new (self->id);
  csm_ticket_update_from (copy, self);
  copy->first_response = self->first_response;
  copy->handle_minutes = self->handle_minutes;
  copy->agent_replies = self->agent_replies;
  copy->history_complete = self->history_complete;
  return copy;
}
