/* csm-monitor-settings.c: the Agents and SLA figures' options, as the settings describe them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-monitor-settings"

#include "config.h"

#include "csm-monitor-settings.h"

static GHashTable *
capacities_from_settings (GSettings *settings)
{
  g_autoptr(GVariant) dict = g_settings_get_value (settings, "agent-capacities");
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GVariantIter iter;
  const char *name;
  guint32 capacity;

  g_variant_iter_init (&iter, dict);
  while (g_variant_iter_next (&iter, "{&su}", &name, &capacity))
    if (capacity > 0)
      g_hash_table_insert (table, g_strdup (name), GUINT_TO_POINTER (capacity));
  return table;
}

static GHashTable *
shifts_from_settings (GSettings *settings)
{
  g_autoptr(GVariant) dict = g_settings_get_value (settings, "agent-shifts");
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GVariantIter iter;
  const char *name;
  guint32 days;
  gint32 start, end;

  g_variant_iter_init (&iter, dict);
  while (g_variant_iter_next (&iter, "{&s(uii)}", &name, &days, &start, &end))
    {
      CsmShift *shift = g_new0 (CsmShift, 1);

      /* Settings count Monday as bit 1, as GDateWeekday does. */
      shift->days = days;
      shift->start_minute = CLAMP (start, 0, 24 * 60);
      shift->end_minute = CLAMP (end, 0, 24 * 60);
      g_hash_table_insert (table, g_strdup (name), shift);
    }
  return table;
}

static gint64
occupancy_window_from_settings (GSettings *settings)
{
  switch ((CsmOccupancyWindow) g_settings_get_enum (settings, "occupancy-window"))
    {
    case CSM_OCCUPANCY_WINDOW_HOUR:
      return 3600;
    case CSM_OCCUPANCY_WINDOW_4_HOURS:
      return 4 * 3600;
    case CSM_OCCUPANCY_WINDOW_TODAY:
    default:
      return 0;
    }
}

/**
 * csm_agent_board_options_from_settings:
 * @options: (out caller-allocates): filled; free with csm_agent_board_options_clear()
 *
 * "Today" and shifts are in the computer's local time zone.
 */
void
csm_agent_board_options_from_settings (CsmAgentBoardOptions *options,
                                       GSettings            *settings)
{
  g_return_if_fail (options != NULL);
  g_return_if_fail (G_IS_SETTINGS (settings));

  csm_agent_board_options_init (options);
  options->active_minutes = g_settings_get_uint (settings, "presence-active-minutes");
  options->idle_minutes = MAX (options->active_minutes,
                               g_settings_get_uint (settings, "presence-idle-minutes"));
  options->default_capacity = g_settings_get_uint (settings, "agent-default-capacity");
  options->capacities = capacities_from_settings (settings);
  options->shifts = shifts_from_settings (settings);
  options->tz = g_time_zone_new_local ();
  options->window_seconds = occupancy_window_from_settings (settings);
}

void
csm_agent_board_options_clear (CsmAgentBoardOptions *options)
{
  g_return_if_fail (options != NULL);

  g_clear_pointer (&options->capacities, g_hash_table_unref);
  g_clear_pointer (&options->shifts, g_hash_table_unref);
  g_clear_pointer (&options->tz, g_time_zone_unref);
}

void
csm_sla_board_options_from_settings (CsmSlaBoardOptions *options,
                                     GSettings          *settings)
{
  g_return_if_fail (options != NULL);
  g_return_if_fail (G_IS_SETTINGS (settings));

  csm_sla_board_options_init (options);
  options->horizon_seconds = (gint64) g_settings_get_uint (settings, "sla-horizon-minutes") * 60;
  options->rate_window_seconds = (gint64) g_settings_get_uint (settings, "sla-rate-window-minutes") * 60;
}

/**
 * csm_sla_policy_from_settings:
 *
 * Returns: (transfer full) (nullable): the SLA levels and business hours an
 *   administrator described, an empty policy when none were, or %NULL with
 *   @error when what is stored cannot be used
 */
CsmSlaPolicy *
csm_sla_policy_from_settings (GSettings  *settings,
                              GError    **error)
{
  g_autofree char *json = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  json = g_settings_get_string (settings, "sla-policy");
  return csm_sla_policy_new_from_json (json, error);
}

/**
 * csm_kpi_options_from_settings:
 * @options: initialised options (csm_kpi_options_init()); the grouping is
 *   left as it is
 *
 * The survey and channel fields' names, the FCR rule and its repeat
 * window, the SLA levels, and calendar or business time.
 *
 * Business time is used when the setting asks for it and the SLA levels
 * describe business hours; otherwise options->hours is NULL (calendar).
 *
 * Returns: FALSE, with @error set, when the SLA levels cannot be read
 */
gboolean
csm_kpi_options_from_settings (CsmKpiOptions  *options,
                               GSettings      *settings,
                               GError        **error)
{
  g_autoptr(CsmSlaPolicy) policy = NULL;
  CsmBusinessHours *hours;

  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (G_IS_SETTINGS (settings), FALSE);

  policy = csm_sla_policy_from_settings (settings, error);
  if (policy == NULL)
    return FALSE;
  g_free (options->csat_field);
  options->csat_field = g_settings_get_string (settings, "cf-csat");
  g_free (options->nps_field);
  options->nps_field = g_settings_get_string (settings, "cf-nps");
  g_free (options->ces_field);
  options->ces_field = g_settings_get_string (settings, "cf-ces");
  g_free (options->channel_field);
  options->channel_field = g_settings_get_string (settings, "cf-channel");
  options->fcr = g_settings_get_enum (settings, "kpi-fcr-rule");
  options->repeat_window_seconds = (gint64) g_settings_get_uint (settings, "kpi-repeat-days") * 86400;
  csm_kpi_options_set_policy (options, policy);

  /* Business time only where the SLA describes business hours; the
   * caller labels which time it got from options->hours. */
  hours = csm_sla_policy_get_hours (policy);
  if (g_settings_get_enum (settings, "kpi-time-basis") == CSM_KPI_TIME_BUSINESS &&
      hours != NULL && !csm_business_hours_is_always_open (hours))
    csm_kpi_options_set_hours (options, hours);
  else
    csm_kpi_options_set_hours (options, NULL);
  return TRUE;
}

/**
 * csm_staffing_options_from_settings:
 * @options: (out caller-allocates): filled; free with csm_staffing_options_clear()
 *
 * The channel field, live channels, first-reply targets, service level
 * and presence window of the preferences; the day is the local one.
 */
void
csm_staffing_options_from_settings (CsmStaffingOptions *options,
                                    GSettings          *settings)
{
  g_autoptr(GVariant) targets = NULL;
  GVariantIter iter;
  const char *channel;
  guint32 seconds;

  g_return_if_fail (options != NULL);
  g_return_if_fail (G_IS_SETTINGS (settings));

  csm_staffing_options_init (options);
  g_free (options->channel_field);
  options->channel_field = g_settings_get_string (settings, "cf-channel");
  g_strfreev (options->live_channels);
  options->live_channels = g_settings_get_strv (settings, "staffing-live-channels");
  for (guint i = 0; options->live_channels[i] != NULL; i++)
    {
      char *lower = g_utf8_strdown (options->live_channels[i], -1);

      g_free (options->live_channels[i]);
      options->live_channels[i] = lower;
    }
  options->targets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  targets = g_settings_get_value (settings, "frt-targets");
  g_variant_iter_init (&iter, targets);
  while (g_variant_iter_next (&iter, "{&su}", &channel, &seconds))
    g_hash_table_insert (options->targets, g_utf8_strdown (channel, -1), GUINT_TO_POINTER (seconds));
  options->target_percent = g_settings_get_uint (settings, "staffing-target-percent");
  options->active_minutes = g_settings_get_uint (settings, "presence-active-minutes");
  options->history_days = g_settings_get_uint (settings, "history-days");
  g_time_zone_unref (options->tz);
  options->tz = g_time_zone_new_local ();
}
