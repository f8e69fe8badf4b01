/* csm-sla-entry.c: one active ticket with a deadline, as the SLA page and --export=sla show it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-sla-entry"

#include "config.h"

#include "csm-enums.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "csm-sla-entry-private.h"
#include "csm-ticket.h"
#include "csm-time.h"

G_DEFINE_FINAL_TYPE (CsmSlaEntry, csm_sla_entry, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TICKET,
  PROP_STATE,
  PROP_DUE,
  PROP_SECONDS_TO_DUE,
  PROP_PREDICTED_FIRST_RESPONSE,
  PROP_QUEUE_POSITION,
  PROP_QUEUE_RATE,
  PROP_REASON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * csm_sla_state_to_string:
 *
 * Returns: the state's name in exports: "ok", "predicted", "at_risk" or "breached"
 */
const char *
csm_sla_state_to_string (CsmSlaState state)
{
  switch (state)
    {
    case CSM_SLA_STATE_OK:
      return "ok";
    case CSM_SLA_STATE_PREDICTED:
      return "predicted";
    case CSM_SLA_STATE_AT_RISK:
      return "at_risk";
    case CSM_SLA_STATE_BREACHED:
      return "breached";
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
csm_sla_entry_finalize (GObject *object)
{
  CsmSlaEntry *self = (CsmSlaEntry *) object;

  g_clear_object (&self->ticket);

  G_OBJECT_CLASS (csm_sla_entry_parent_class)->finalize (object);
}

static void
csm_sla_entry_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CsmSlaEntry *self = CSM_SLA_ENTRY (object);

  switch (prop_id)
    {
    case PROP_TICKET:
      g_value_set_object (value, self->ticket);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_DUE:
      g_value_set_int64 (value, self->due);
      break;
    case PROP_SECONDS_TO_DUE:
      g_value_set_int64 (value, self->seconds_to_due);
      break;
    case PROP_PREDICTED_FIRST_RESPONSE:
      g_value_set_int64 (value, self->predicted);
      break;
    case PROP_QUEUE_POSITION:
      g_value_set_uint (value, self->position);
      break;
    case PROP_QUEUE_RATE:
      g_value_set_double (value, csm_sla_entry_get_queue_rate (self));
      break;
    case PROP_REASON:
      g_value_take_string (value, csm_sla_entry_dup_reason (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
csm_sla_entry_class_init (CsmSlaEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = csm_sla_entry_finalize;
  object_class->get_property = csm_sla_entry_get_property;

  properties[PROP_TICKET] =
    g_param_spec_object ("ticket", NULL, NULL, CSM_TYPE_TICKET, flags);
  /* a CsmSlaState */
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, CSM_TYPE_SLA_STATE, CSM_SLA_STATE_OK, flags);
  properties[PROP_DUE] =
    g_param_spec_int64 ("due", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_SECONDS_TO_DUE] =
    g_param_spec_int64 ("seconds-to-due", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_PREDICTED_FIRST_RESPONSE] =
    g_param_spec_int64 ("predicted-first-response", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_QUEUE_POSITION] =
    g_param_spec_uint ("queue-position", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_QUEUE_RATE] =
    g_param_spec_double ("queue-rate", NULL, NULL, 0, G_MAXDOUBLE, 0, flags);
  properties[PROP_REASON] =
    g_param_spec_string ("reason", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
csm_sla_entry_init (CsmSlaEntry *self)
{
}

CsmSlaEntry *
_csm_sla_entry_new (CsmTicket *ticket)
{
  CsmSlaEntry *self = g_object_new (CSM_TYPE_SLA_ENTRY, NULL);

  self->ticket = g_object_ref (ticket);
  return self;
}

/**
 * csm_sla_entry_get_ticket:
 *
 * Returns: (transfer none): the ticket
 */
CsmTicket *
csm_sla_entry_get_ticket (CsmSlaEntry *self)
{
  g_return_val_if_fail (CSM_IS_SLA_ENTRY (self), NULL);
  return self->ticket;
}

CsmSlaState
csm_sla_entry_get_state (CsmSlaEntry *self)
{
  g_return_val_if_fail (CSM_IS_SLA_ENTRY (self), CSM_SLA_STATE_OK);
  return self->state;
}

/* The instant the entry was computed at. */
gint64
csm_sla_entry_get_now (CsmSlaEntry *self)
{
  g_return_val_if_fail (CSM_IS_SLA_ENTRY (self), 0);
  return self->now;
}

gint64
csm_sla_entry_get_due (CsmSlaEntry *self)
{
  g_return_val_if_fail (CSM_IS_SLA_ENTRY (self), 0);
  return self->due;
}

/**
 * csm_sla_entry_get_seconds_to_due:
 *
 * Returns: csm_sla_policy_remaining() at the entry's "now": business
 *   seconds for a business-minutes deadline; negative once passed
 */
gint64
csm_sla_entry_get_seconds_to_due (CsmSlaEntry *self)
{
  g_return_val_if_fail (CSM_IS_SLA_ENTRY (self), 0);
  return self->seconds_to_due;
}

/* Whether seconds-to-due counts business time only. */
gboolean
csm_sla_entry_get_business (CsmSlaEntry *self)
{
  g_return_val_if_fail (CSM_IS_SLA_ENTRY (self), FALSE);
  return self->business;
}

/* Whether the ticket still waits for its first reply. */
gboolean
csm_sla_entry_get_waiting (CsmSlaEntry *self)
{
  g_return_val_if_fail (CSM_IS_SLA_ENTRY (self), FALSE);
  return self->waiting;
}

/**
 * csm_sla_entry_get_predicted_first_response:
 *
 * Returns: when the queue's pace reaches the ticket (now + position × 3600
 *   ÷ rate); 0 when not predicted: answered already, or the queue gave no
 *   first reply in the rate window (then never: see the reason)
 */
gint64
csm_sla_entry_get_predicted_first_response (CsmSlaEntry *self)
{
  g_return_val_if_fail (CSM_IS_SLA_ENTRY (self), 0);
  return self->predicted;
}

/**
 * csm_sla_entry_get_queue_position:
 *
 * Returns: the 1-based place among the tickets of its queue waiting for a
 *   first reply, oldest first; 0 when the ticket is not waiting
 */
guint
csm_sla_entry_get_queue_position (CsmSlaEntry *self)
{
  g_return_val_if_fail (CSM_IS_SLA_ENTRY (self), 0);
  return self->position;
}

/**
 * csm_sla_entry_get_queue_rate:
 *
 * Returns: first replies per hour in the ticket's queue, over the rate window
 */
double
csm_sla_entry_get_queue_rate (CsmSlaEntry *self)
{
  g_return_val_if_fail (CSM_IS_SLA_ENTRY (self), 0);
  if (self->window <= 0)
    return 0;
  return (double) self->replies * 3600.0 / (double) self->window;
}

gint64
csm_sla_entry_get_rate_window (CsmSlaEntry *self)
{
  g_return_val_if_fail (CSM_IS_SLA_ENTRY (self), 0);
  return self->window;
}

static char *
format_ordinal (guint n)
{
  /* Translators: ordinal numbers, "1st", "2nd", "3rd", "4th"; languages
   * without such suffixes may translate them all alike, e.g. "%u." */
  if (n % 100 >= 11 && n % 100 <= 13)
    return g_strdup_printf (_("%uth"), n);
  switch (n % 10)
    {
    case 1:
      return g_strdup_printf (_("%ust"), n);
    case 2:
      return g_strdup_printf (_("%und"), n);
    case 3:
      return g_strdup_printf (_("%urd"), n);
    default:
      return g_strdup_printf (_("%uth"), n);
    }
}

static char *
format_rate (double rate)
{
  if (fabs (rate - round (rate)) < 0.05)
    return g_strdup_printf ("%.0f", round (rate));
  return g_strdup_printf ("%.1f", rate);
}

/**
 * csm_sla_entry_dup_reason:
 *
 * The explanation the SLA page shows, e.g. "12th in Billing; Billing
 * answers 9 an hour; deadline in 50 min". Built on demand: the board holds
 * tens of thousands of entries and shows a few.
 *
 * Returns: (transfer full): the text
 */
char *
csm_sla_entry_dup_reason (CsmSlaEntry *self)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const char *queue;
  g_autofree char *span = NULL;

  g_return_val_if_fail (CSM_IS_SLA_ENTRY (self), NULL);

  queue = csm_ticket_get_queue_name (self->ticket);
  if (queue == NULL || *queue == '\0')
    queue = _("its queue");

  if (self->waiting && self->position > 0)
    {
      g_autofree char *ordinal = format_ordinal (self->position);

      /* Translators: the ticket's place among those waiting for a first
       * reply, e.g. "12th in Billing" */
      g_ptr_array_add (parts, g_strdup_printf (_("%s in %s"), ordinal, queue));
    }
  if (self->waiting)
    {
      if (self->replies > 0)
        {
          g_autofree char *rate = format_rate (csm_sla_entry_get_queue_rate (self));

          /* Translators: first replies per hour, e.g. "Billing answers 9 an hour" */
          g_ptr_array_add (parts, g_strdup_printf (_("%s answers %s an hour"), queue, rate));
        }
      else if (self->window == 3600)
        g_ptr_array_add (parts, g_strdup_printf (_("no first replies in %s in the last hour"),
                                                 queue));
      else
        {
          g_autofree char *window = csm_format_duration (self->window);

          /* Translators: e.g. "no first replies in Billing in the last 4 h" */
          g_ptr_array_add (parts, g_strdup_printf (_("no first replies in %s in the last %s"),
                                                   queue, window));
        }
      if (self->predicted != 0 &&
          (self->state == CSM_SLA_STATE_OK || self->state == CSM_SLA_STATE_AT_RISK))
        {
          span = csm_format_duration (self->predicted - self->now);
          g_ptr_array_add (parts, g_strdup_printf (_("reply expected in %s"), span));
          g_clear_pointer (&span, g_free);
        }
    }

  /* passed: wall-clock time since; ahead: the countdown, paused out of hours */
  span = csm_format_duration (self->due < self->now ? self->now - self->due
                                                    : self->seconds_to_due);
  if (self->due < self->now)
    g_ptr_array_add (parts, g_strdup_printf (_("deadline passed %s ago"), span));
  else if (self->business && self->seconds_to_due != self->due - self->now)
    g_ptr_array_add (parts, g_strdup_printf (_("deadline in %s of business hours"), span));
  else
    g_ptr_array_add (parts, g_strdup_printf (_("deadline in %s"), span));

  g_ptr_array_add (parts, NULL);
  /* Translators: separates the parts of an SLA explanation */
  return g_strjoinv (_("; "), (char **) parts->pdata);
}
