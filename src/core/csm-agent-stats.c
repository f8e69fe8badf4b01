/* csm-agent-stats.c: one agent's figures at an instant: presence, load, handle time, occupancy.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-agent-stats"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "csm-agent-stats-private.h"
#include "csm-enums.h"
#include "csm-ticket.h"
#include "csm-time.h"
#include "csm-transaction.h"

G_DEFINE_FINAL_TYPE (CsmAgentStats, csm_agent_stats, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_DISPLAY_NAME,
  PROP_PRESENCE,
  PROP_LAST_ACTIVITY,
  PROP_ACTIVE_OWNED,
  PROP_CAPACITY,
  PROP_LOAD,
  PROP_HANDLE_SECONDS_TODAY,
  PROP_REPLIES_TODAY,
  PROP_OCCUPANCY,
  PROP_AVAILABLE_SECONDS,
  PROP_HANDLE_SECONDS_WINDOW,
  PROP_HAS_SHIFT,
  PROP_OLDEST_OWNED_CREATED,
  PROP_OWNED_TICKETS,
  PROP_ACTIVE_INTERVALS,
  PROP_EVENTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * csm_presence_to_string:
 *
 * Returns: the stable name used in exports: "active", "idle" or "off"
 */
const char *
csm_presence_to_string (CsmPresence presence)
{
  switch (presence)
    {
    case CSM_PRESENCE_ACTIVE: return "active";
    case CSM_PRESENCE_IDLE:   return "idle";
    case CSM_PRESENCE_OFF:
    default:                  return "off";
    }
}

/**
 * csm_presence_to_label:
 *
 * Returns: the presence for people, translated
 */
const char *
csm_presence_to_label (CsmPresence presence)
{
  switch (presence)
    {
    case CSM_PRESENCE_ACTIVE: return C_("presence", "Active");
    case CSM_PRESENCE_IDLE:   return C_("presence", "Idle");
    case CSM_PRESENCE_OFF:
    default:                  return C_("presence", "Off");
    }
}

static void
csm_agent_stats_finalize (GObject *object)
{
  CsmAgentStats *self = (CsmAgentStats *) object;

  g_free (self->name);
  g_free (self->display_name);
  g_clear_pointer (&self->owned_tickets, g_ptr_array_unref);
  g_clear_pointer (&self->owned_ticket_ids, g_array_unref);
  g_clear_pointer (&self->active_intervals, g_array_unref);
  g_clear_pointer (&self->events, g_ptr_array_unref);

  G_OBJECT_CLASS (csm_agent_stats_parent_class)->finalize (object);
}

static void
csm_agent_stats_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CsmAgentStats *self = CSM_AGENT_STATS (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_DISPLAY_NAME:
      g_value_set_string (value, self->display_name);
      break;
    case PROP_PRESENCE:
      g_value_set_enum (value, self->presence);
      break;
    case PROP_LAST_ACTIVITY:
      g_value_set_int64 (value, self->last_activity);
      break;
    case PROP_ACTIVE_OWNED:
      g_value_set_uint (value, self->active_owned);
      break;
    case PROP_CAPACITY:
      g_value_set_uint (value, self->capacity);
      break;
    case PROP_LOAD:
      g_value_set_double (value, self->load);
      break;
    case PROP_HANDLE_SECONDS_TODAY:
      g_value_set_int64 (value, self->handle_seconds_today);
      break;
    case PROP_REPLIES_TODAY:
      g_value_set_uint (value, self->replies_today);
      break;
    case PROP_OCCUPANCY:
      g_value_set_double (value, self->occupancy);
      break;
    case PROP_AVAILABLE_SECONDS:
      g_value_set_int64 (value, self->available_seconds);
      break;
    case PROP_HANDLE_SECONDS_WINDOW:
      g_value_set_int64 (value, self->handle_seconds_window);
      break;
    case PROP_HAS_SHIFT:
      g_value_set_boolean (value, self->has_shift);
      break;
    case PROP_OLDEST_OWNED_CREATED:
      g_value_set_int64 (value, self->oldest_owned_created);
      break;
    case PROP_OWNED_TICKETS:
      g_value_set_boxed (value, self->owned_tickets);
      break;
    case PROP_ACTIVE_INTERVALS:
      g_value_set_boxed (value, self->active_intervals);
      break;
    case PROP_EVENTS:
      g_value_set_boxed (value, self->events);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define RO_FLAGS (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY)

static void
csm_agent_stats_class_init (CsmAgentStatsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = csm_agent_stats_finalize;
  object_class->get_property = csm_agent_stats_get_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, RO_FLAGS);
  properties[PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, NULL, NULL, RO_FLAGS);
  properties[PROP_PRESENCE] =
    g_param_spec_enum ("presence", NULL, NULL, CSM_TYPE_PRESENCE, CSM_PRESENCE_OFF, RO_FLAGS);
  properties[PROP_LAST_ACTIVITY] =
    g_param_spec_int64 ("last-activity", NULL, NULL, G_MININT64, G_MAXINT64, 0, RO_FLAGS);
  properties[PROP_ACTIVE_OWNED] =
    g_param_spec_uint ("active-owned", NULL, NULL, 0, G_MAXUINT, 0, RO_FLAGS);
  properties[PROP_CAPACITY] =
    g_param_spec_uint ("capacity", NULL, NULL, 0, G_MAXUINT, 0, RO_FLAGS);
  /* -1 when the capacity is 0 */
  properties[PROP_LOAD] =
    g_param_spec_double ("load", NULL, NULL, -1, G_MAXDOUBLE, 0, RO_FLAGS);
  properties[PROP_HANDLE_SECONDS_TODAY] =
    g_param_spec_int64 ("handle-seconds-today", NULL, NULL, G_MININT64, G_MAXINT64, 0, RO_FLAGS);
  properties[PROP_REPLIES_TODAY] =
    g_param_spec_uint ("replies-today", NULL, NULL, 0, G_MAXUINT, 0, RO_FLAGS);
  /* -1 when there is no available time in the window */
  properties[PROP_OCCUPANCY] =
    g_param_spec_double ("occupancy", NULL, NULL, -1, G_MAXDOUBLE, -1, RO_FLAGS);
  properties[PROP_AVAILABLE_SECONDS] =
    g_param_spec_int64 ("available-seconds", NULL, NULL, 0, G_MAXINT64, 0, RO_FLAGS);
  properties[PROP_HANDLE_SECONDS_WINDOW] =
    g_param_spec_int64 ("handle-seconds-window", NULL, NULL, G_MININT64, G_MAXINT64, 0, RO_FLAGS);
  properties[PROP_HAS_SHIFT] =
    g_param_spec_boolean ("has-shift", NULL, NULL, FALSE, RO_FLAGS);
  properties[PROP_OLDEST_OWNED_CREATED] =
    g_param_spec_int64 ("oldest-owned-created", NULL, NULL, G_MININT64, G_MAXINT64, 0, RO_FLAGS);
  properties[PROP_OWNED_TICKETS] =
    g_param_spec_boxed ("owned-tickets", NULL, NULL, G_TYPE_PTR_ARRAY, RO_FLAGS);
  properties[PROP_ACTIVE_INTERVALS] =
    g_param_spec_boxed ("active-intervals", NULL, NULL, G_TYPE_ARRAY, RO_FLAGS);
  properties[PROP_EVENTS] =
    g_param_spec_boxed ("events", NULL, NULL, G_TYPE_PTR_ARRAY, RO_FLAGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
csm_agent_stats_init (CsmAgentStats *self)
{
  self->presence = CSM_PRESENCE_OFF;
  self->occupancy = -1;
  self->owned_tickets = g_ptr_array_new_with_free_func (g_object_unref);
  self->owned_ticket_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->active_intervals = g_array_new (FALSE, FALSE, sizeof (CsmActiveInterval));
  self->events = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_transaction_unref);
}

CsmAgentStats *
_csm_agent_stats_new (const char *name,
                      const char *display_name)
{
  CsmAgentStats *self = g_object_new (CSM_TYPE_AGENT_STATS, NULL);

  self->name = g_strdup (name ? name : "");
  self->display_name = g_strdup (display_name ? display_name : self->name);
  return self;
}

const char *
csm_agent_stats_get_name (CsmAgentStats *self)
{
  g_return_val_if_fail (CSM_IS_AGENT_STATS (self), NULL);
  return self->name;
}

const char *
csm_agent_stats_get_display_name (CsmAgentStats *self)
{
  g_return_val_if_fail (CSM_IS_AGENT_STATS (self), NULL);
  return self->display_name;
}

CsmPresence
csm_agent_stats_get_presence (CsmAgentStats *self)
{
  g_return_val_if_fail (CSM_IS_AGENT_STATS (self), CSM_PRESENCE_OFF);
  return self->presence;
}

/* The time of the agent's last transaction at or before now; 0 for none. */
gint64
csm_agent_stats_get_last_activity (CsmAgentStats *self)
{
  g_return_val_if_fail (CSM_IS_AGENT_STATS (self), CSM_TIME_UNSET);
  return self->last_activity;
}

guint
csm_agent_stats_get_active_owned (CsmAgentStats *self)
{
  g_return_val_if_fail (CSM_IS_AGENT_STATS (self), 0);
  return self->active_owned;
}

guint
csm_agent_stats_get_capacity (CsmAgentStats *self)
{
  g_return_val_if_fail (CSM_IS_AGENT_STATS (self), 0);
  return self->capacity;
}

/* active_owned ÷ capacity; -1 when the capacity is 0 (not computable). */
double
csm_agent_stats_get_load (CsmAgentStats *self)
{
  g_return_val_if_fail (CSM_IS_AGENT_STATS (self), -1);
  return self->load;
}

gint64
csm_agent_stats_get_handle_seconds_today (CsmAgentStats *self)
{
  g_return_val_if_fail (CSM_IS_AGENT_STATS (self), 0);
  return self->handle_seconds_today;
}

guint
csm_agent_stats_get_replies_today (CsmAgentStats *self)
{
  g_return_val_if_fail (CSM_IS_AGENT_STATS (self), 0);
  return self->replies_today;
}

/* handle_seconds_window ÷ available_seconds; -1 when nothing was available. */
double
csm_agent_stats_get_occupancy (CsmAgentStats *self)
{
  g_return_val_if_fail (CSM_IS_AGENT_STATS (self), -1);
  return self->occupancy;
}

gint64
csm_agent_stats_get_available_seconds (CsmAgentStats *self)
{
  g_return_val_if_fail (CSM_IS_AGENT_STATS (self), 0);
  return self->available_seconds;
}

gint64
csm_agent_stats_get_handle_seconds_window (CsmAgentStats *self)
{
  g_return_val_if_fail (CSM_IS_AGENT_STATS (self), 0);
  return self->handle_seconds_window;
}

/* Whether the available time is the agent's shift (TRUE) or the inferred
 * active time (FALSE). */
gboolean
csm_agent_stats_get_has_shift (CsmAgentStats *self)
{
  g_return_val_if_fail (CSM_IS_AGENT_STATS (self), FALSE);
  return self->has_shift;
}

gint64
csm_agent_stats_get_window_start (CsmAgentStats *self)
{
  g_return_val_if_fail (CSM_IS_AGENT_STATS (self), 0);
  return self->window_start;
}

gint64
csm_agent_stats_get_now (CsmAgentStats *self)
{
  g_return_val_if_fail (CSM_IS_AGENT_STATS (self), 0);
  return self->now;
}

gint64
csm_agent_stats_get_oldest_owned_created (CsmAgentStats *self)
{
  g_return_val_if_fail (CSM_IS_AGENT_STATS (self), CSM_TIME_UNSET);
  return self->oldest_owned_created;
}

gint64
csm_agent_stats_get_oldest_owned_id (CsmAgentStats *self)
{
  g_return_val_if_fail (CSM_IS_AGENT_STATS (self), 0);
  return self->oldest_owned_id;
}

/**
 * csm_agent_stats_get_owned_tickets:
 *
 * Returns: (transfer none) (element-type CsmTicket): the active tickets the
 *   agent owns, oldest created first (ties by id)
 */
GPtrArray *
csm_agent_stats_get_owned_tickets (CsmAgentStats *self)
{
  g_return_val_if_fail (CSM_IS_AGENT_STATS (self), NULL);
  return self->owned_tickets;
}

/**
 * csm_agent_stats_get_owned_ticket_ids:
 *
 * Returns: (transfer none) (element-type gint64): the ids of
 *   csm_agent_stats_get_owned_tickets(), same order
 */
GArray *
csm_agent_stats_get_owned_ticket_ids (CsmAgentStats *self)
{
  g_return_val_if_fail (CSM_IS_AGENT_STATS (self), NULL);
  return self->owned_ticket_ids;
}

/**
 * csm_agent_stats_get_active_intervals:
 *
 * Returns: (transfer none) (element-type CsmActiveInterval): today's
 *   inferred activity (local midnight to now), merged, in time order
 */
GArray *
csm_agent_stats_get_active_intervals (CsmAgentStats *self)
{
  g_return_val_if_fail (CSM_IS_AGENT_STATS (self), NULL);
  return self->active_intervals;
}

/**
 * csm_agent_stats_get_events:
 *
 * Returns: (transfer none) (element-type CsmTransaction): the agent's own
 *   transactions today (local midnight to now), in time order
 */
GPtrArray *
csm_agent_stats_get_events (CsmAgentStats *self)
{
  g_return_val_if_fail (CSM_IS_AGENT_STATS (self), NULL);
  return self->events;
}

static char *
format_ratio (double value)
{
  if (value < 0)
    return g_strdup (_("not computable"));
  return g_strdup_printf ("%.0f %%", value * 100);
}

/**
 * csm_agent_stats_dup_explanation:
 * @column: "presence", "active", "load", "handle-today", "replies-today",
 *   "occupancy" or "oldest"
 *
 * What was counted for this agent, with the numbers, for the formula
 * popover (csm_agent_board_dup_formula() gives the rule itself).
 *
 * Returns: (transfer full) (nullable): the text, or %NULL for an unknown column
 */
char *
csm_agent_stats_dup_explanation (CsmAgentStats *self,
                                 const char    *column)
{
  g_return_val_if_fail (CSM_IS_AGENT_STATS (self), NULL);
  g_return_val_if_fail (column != NULL, NULL);

  if (strcmp (column, "presence") == 0)
    {
      g_autofree char *ago = NULL;

      if (self->last_activity == CSM_TIME_UNSET)
        return g_strdup_printf (_("%s: no transaction of theirs in the period loaded"),
                                csm_presence_to_label (self->presence));
      ago = csm_format_duration (self->now - self->last_activity);
      /* TRANSLATORS: "Idle: last own transaction 40 min ago (active ≤ 15 min, idle ≤ 120 min)" */
      return g_strdup_printf (_("%s: last own transaction %s ago (active ≤ %u min, idle ≤ %u min)"),
                              csm_presence_to_label (self->presence), ago,
                              self->active_minutes, self->idle_minutes);
    }
  if (strcmp (column, "active") == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u new, open or stalled ticket owned",
                                         "%u new, open or stalled tickets owned",
                                         self->active_owned),
                            self->active_owned);
  if (strcmp (column, "load") == 0)
    {
      g_autofree char *ratio = format_ratio (self->load);

      return g_strdup_printf (_("%u active owned ÷ capacity %u = %s"),
                              self->active_owned, self->capacity, ratio);
    }
  if (strcmp (column, "handle-today") == 0)
    {
      g_autofree char *total = csm_format_duration (self->handle_seconds_today);

      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%s: TimeTaken summed over %u own transaction since midnight",
                                           "%s: TimeTaken summed over %u own transactions since midnight",
                                           self->events->len),
                              total, self->events->len);
    }
  if (strcmp (column, "replies-today") == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u reply (Correspond) since midnight",
                                         "%u replies (Correspond) since midnight",
                                         self->replies_today),
                            self->replies_today);
  if (strcmp (column, "occupancy") == 0)
    {
      g_autofree char *handle = csm_format_duration (self->handle_seconds_window);
      g_autofree char *available = csm_format_duration (self->available_seconds);
      g_autofree char *ratio = format_ratio (self->occupancy);

      if (self->has_shift)
        /* TRANSLATORS: "2 h handled ÷ 4 h of shift in the window = 50 %" */
        return g_strdup_printf (_("%s handled ÷ %s of shift in the window = %s"),
                                handle, available, ratio);
      /* TRANSLATORS: "2 h handled ÷ 3 h inferred active in the window = 67 %" */
      return g_strdup_printf (_("%s handled ÷ %s inferred active in the window = %s"),
                              handle, available, ratio);
    }
  if (strcmp (column, "oldest") == 0)
    {
      g_autofree char *age = NULL;
      g_autofree char *id = NULL;

      if (self->oldest_owned_created == CSM_TIME_UNSET)
        return g_strdup (_("Owns no active ticket"));
      age = csm_format_duration (self->now - self->oldest_owned_created);
      /* xgettext cannot see through G_GINT64_FORMAT: the id goes in as text */
      id = g_strdup_printf ("%" G_GINT64_FORMAT, self->oldest_owned_id);
      /* TRANSLATORS: the oldest owned ticket, e.g. "#42, created 2 h ago" */
      return g_strdup_printf (_("#%s, created %s ago"), id, age);
    }
  return NULL;
}

static gboolean
same_tickets (GPtrArray *a,
              GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  /* Tickets are updated in place, so the same ticket is the same object. */
  for (guint i = 0; i < a->len; i++)
    if (a->pdata[i] != b->pdata[i])
      return FALSE;
  return TRUE;
}

static gboolean
same_events (GPtrArray *a,
             GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (a->pdata[i] != b->pdata[i] && !csm_transaction_equal (a->pdata[i], b->pdata[i]))
      return FALSE;
  return TRUE;
}

static gboolean
same_intervals (GArray *a,
                GArray *b)
{
  return a->len == b->len &&
         (a->len == 0 || memcmp (a->data, b->data, a->len * sizeof (CsmActiveInterval)) == 0);
}

#define TAKE(field, prop)                                                     \
  G_STMT_START {                                                              \
    if (self->field != other->field)                                          \
      {                                                                       \
        self->field = other->field;                                           \
        g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);         \
        changed = TRUE;                                                       \
      }                                                                       \
  } G_STMT_END

static void
take_string (CsmAgentStats *self,
             char         **field,
             const char    *value,
             guint          prop,
             gboolean      *changed)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
  *changed = TRUE;
}

/**
 * csm_agent_stats_update_from:
 * @other: newer figures for the same agent
 *
 * Takes @other's figures, notifying each property that changed, so the
 * Agents page keeps its row objects (and the selection) across refreshes.
 * The arrays are shared with @other afterwards (they are never modified).
 *
 * Returns: %TRUE if anything changed
 */
gboolean
csm_agent_stats_update_from (CsmAgentStats *self,
                             CsmAgentStats *other)
{
  gboolean changed = FALSE;

  g_return_val_if_fail (CSM_IS_AGENT_STATS (self), FALSE);
  g_return_val_if_fail (CSM_IS_AGENT_STATS (other), FALSE);

  if (self == other)
    return FALSE;

  g_object_freeze_notify (G_OBJECT (self));

  take_string (self, &self->name, other->name, PROP_NAME, &changed);
  take_string (self, &self->display_name, other->display_name, PROP_DISPLAY_NAME, &changed);
  TAKE (presence, PROP_PRESENCE);
  TAKE (last_activity, PROP_LAST_ACTIVITY);
  TAKE (active_owned, PROP_ACTIVE_OWNED);
  TAKE (capacity, PROP_CAPACITY);
  TAKE (load, PROP_LOAD);
  TAKE (handle_seconds_today, PROP_HANDLE_SECONDS_TODAY);
  TAKE (replies_today, PROP_REPLIES_TODAY);
  TAKE (occupancy, PROP_OCCUPANCY);
  TAKE (available_seconds, PROP_AVAILABLE_SECONDS);
  TAKE (handle_seconds_window, PROP_HANDLE_SECONDS_WINDOW);
  TAKE (has_shift, PROP_HAS_SHIFT);
  TAKE (oldest_owned_created, PROP_OLDEST_OWNED_CREATED);
  self->oldest_owned_id = other->oldest_owned_id;
  self->window_start = other->window_start;
  self->day_start = other->day_start;
  self->now = other->now;
  self->active_minutes = other->active_minutes;
  self->idle_minutes = other->idle_minutes;

  if (!same_tickets (self->owned_tickets, other->owned_tickets))
    {
      g_ptr_array_unref (self->owned_tickets);
      self->owned_tickets = g_ptr_array_ref (other->owned_tickets);
      g_array_unref (self->owned_ticket_ids);
      self->owned_ticket_ids = g_array_ref (other->owned_ticket_ids);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OWNED_TICKETS]);
      changed = TRUE;
    }
  if (!same_intervals (self->active_intervals, other->active_intervals))
    {
      g_array_unref (self->active_intervals);
      self->active_intervals = g_array_ref (other->active_intervals);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE_INTERVALS]);
      changed = TRUE;
    }
  if (!same_events (self->events, other->events))
    {
      g_ptr_array_unref (self->events);
      self->events = g_ptr_array_ref (other->events);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVENTS]);
      changed = TRUE;
    }

  g_object_thaw_notify (G_OBJECT (self));

  return changed;
}
