/* csm-sla-preferences-page.c: the SLA levels and business hours an admin describes, and the lanes' settings.
 *
 * RT's SLA configuration (%ServiceAgreements, %ServiceBusinessHours) lives in
 * its site config and is not readable over REST2, so it is described here once
 * and stored as JSON in the "sla-policy" key. Every edit is written at once
 * when the whole description is valid; while it is not, the problem is shown
 * next to it and the stored policy stays as it was.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-sla-preferences-page"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "csm-sla-level-row.h"
#include "csm-sla-policy.h"
#include "csm-sla-preferences-page.h"
#include "csm-time-spin.h"

#define MAX_MISMATCHES 3

struct _CsmSlaPreferencesPage
{
  AdwPreferencesPage parent_instance;

  CsmContext *context;   /* (owned) */
  GSettings *settings;   /* (owned) */
  char *written_json;    /* what this page last stored, to tell its own changes apart */
  GPtrArray *level_rows; /* (element-type CsmSlaLevelRow) in order; owned by levels_group */

  AdwPreferencesGroup *policy_error_group;
  AdwActionRow *policy_error_row;
  GtkSpinButton *horizon_spin;
  GtkSpinButton *rate_spin;
  AdwEntryRow *timezone_row;
  GtkSwitch *always_open_switch;
  AdwActionRow *days_row;
  GtkBox *days_box;
  GtkToggleButton *day_buttons[7];   /* Monday first */
  AdwActionRow *open_row;
  GtkSpinButton *open_spin;
  AdwActionRow *close_row;
  GtkSpinButton *close_spin;
  AdwActionRow *hours_error_row;
  AdwPreferencesGroup *levels_group;
  AdwActionRow *levels_error_row;
  GtkButton *check_button;
  AdwActionRow *check_result_row;
  GtkImage *check_result_icon;
};

G_DEFINE_FINAL_TYPE (CsmSlaPreferencesPage, csm_sla_preferences_page, ADW_TYPE_PREFERENCES_PAGE)

static void write_policy (CsmSlaPreferencesPage *self);

static void
show_problem (AdwActionRow *row,
              const char   *message)
{
  if (message != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (message, -1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, message,
                                      -1);
    }
  gtk_widget_set_visible (GTK_WIDGET (row), message != NULL);
}

static GTimeZone *
default_timezone (void)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  GTimeZone *tz = g_time_zone_new_identifier (g_time_zone_get_identifier (local));

  return tz != NULL ? tz : g_time_zone_new_utc ();
}

static void
update_hours_sensitivity (CsmSlaPreferencesPage *self)
{
  gboolean spans = !gtk_switch_get_active (self->always_open_switch);

  gtk_widget_set_sensitive (GTK_WIDGET (self->days_row), spans);
  gtk_widget_set_sensitive (GTK_WIDGET (self->open_row), spans);
  gtk_widget_set_sensitive (GTK_WIDGET (self->close_row), spans);
}

static void
clear_level_rows (CsmSlaPreferencesPage *self)
{
  for (guint i = 0; i < self->level_rows->len; i++)
    adw_preferences_group_remove (self->levels_group, g_ptr_array_index (self->level_rows, i));
  g_ptr_array_set_size (self->level_rows, 0);
}

static void
level_changed_cb (CsmSlaPreferencesPage *self)
{
  write_policy (self);
}

static void
level_remove_cb (CsmSlaLevelRow        *row,
                 CsmSlaPreferencesPage *self)
{
  g_ptr_array_remove (self->level_rows, row);
  adw_preferences_group_remove (self->levels_group, GTK_WIDGET (row));
  write_policy (self);
}

static CsmSlaLevelRow *
append_level_row (CsmSlaPreferencesPage *self,
                  const CsmSlaLevel     *level)
{
  CsmSlaLevelRow *row = csm_sla_level_row_new (level);

  g_signal_connect_object (row, "changed", G_CALLBACK (level_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "remove", G_CALLBACK (level_remove_cb), self, 0);
  adw_preferences_group_add (self->levels_group, GTK_WIDGET (row));
  g_ptr_array_add (self->level_rows, row);
  return row;
}

static void hours_changed_cb (CsmSlaPreferencesPage *self);

static void
block_hours_edits (CsmSlaPreferencesPage *self,
                   gboolean               block)
{
  gpointer editors[4 + 7] = {
    self->timezone_row, self->always_open_switch, self->open_spin, self->close_spin,
  };

  for (guint d = 0; d < 7; d++)
    editors[4 + d] = self->day_buttons[d];
  for (guint i = 0; i < G_N_ELEMENTS (editors); i++)
    if (block)
      g_signal_handlers_block_by_func (editors[i], hours_changed_cb, self);
    else
      g_signal_handlers_unblock_by_func (editors[i], hours_changed_cb, self);
}

/* Shows @policy; NULL or not @described yet: the defaults (RT's example
 * hours, Monday to Friday 09:00-17:00, in the local zone). */
static void
show_policy (CsmSlaPreferencesPage *self,
             CsmSlaPolicy          *policy,
             gboolean               described)
{
  CsmBusinessHours *hours = policy != NULL && described ? csm_sla_policy_get_hours (policy) : NULL;
  g_autoptr(GTimeZone) fallback = NULL;
  GTimeZone *tz;
  gboolean always_open = FALSE;
  gboolean uneven = FALSE;
  int open = 9 * 60, close = 17 * 60;
  gboolean have_span = FALSE;
  gboolean days[7] = { TRUE, TRUE, TRUE, TRUE, TRUE, FALSE, FALSE };

  /* Filling the widgets in is not an edit. */
  block_hours_edits (self, TRUE);

  if (hours != NULL)
    tz = csm_business_hours_get_timezone (hours);
  else
    tz = fallback = default_timezone ();
  gtk_editable_set_text (GTK_EDITABLE (self->timezone_row), g_time_zone_get_identifier (tz));
  gtk_widget_remove_css_class (GTK_WIDGET (self->timezone_row), "error");

  if (hours != NULL)
    always_open = csm_business_hours_is_always_open (hours);

  /* The page edits one span for all open days, as RT's example config has;
   * hours that differ from day to day are shown as their first span, and
   * said so. */
  if (hours != NULL && !always_open)
    {
      for (int d = 0; d < 7; d++)
        {
          guint n = csm_business_hours_get_n_spans (hours, (GDateWeekday) (d + 1));
          int start, end;

          days[d] = n > 0;
          if (n == 0)
            continue;
          csm_business_hours_get_span (hours, (GDateWeekday) (d + 1), 0, &start, &end);
          if (!have_span)
            {
              open = start;
              close = end;
              have_span = TRUE;
            }
          else if (start != open || end != close)
            uneven = TRUE;
          if (n > 1)
            uneven = TRUE;
        }
    }

  gtk_switch_set_active (self->always_open_switch, always_open);
  for (int d = 0; d < 7; d++)
    gtk_toggle_button_set_active (self->day_buttons[d], days[d]);
  gtk_spin_button_set_value (self->open_spin, open);
  gtk_spin_button_set_value (self->close_spin, close);
  update_hours_sensitivity (self);
  show_problem (self->hours_error_row,
                uneven ? _("The stored hours differ between days; only the first span is "
                           "shown, and changing the hours sets it for every open day.")
                       : NULL);

  clear_level_rows (self);
  if (policy != NULL)
    for (guint i = 0; i < csm_sla_policy_get_n_levels (policy); i++)
      append_level_row (self, csm_sla_policy_get_level (policy, i));
  show_problem (self->levels_error_row, NULL);

  block_hours_edits (self, FALSE);
}

static void
load_policy (CsmSlaPreferencesPage *self)
{
  g_autofree char *json = g_settings_get_string (self->settings, "sla-policy");
  g_autoptr(CsmSlaPolicy) policy = NULL;
  g_autoptr(GError) error = NULL;

  policy = csm_sla_policy_new_from_json (json, &error);
  if (policy == NULL)
    {
      g_autofree char *reason = g_strdup (error->message);
      g_autofree char *subtitle = NULL;
      g_autofree char *escaped = NULL;
      gsize len = strlen (reason);

      /* The sentence below adds its own full stop. */
      if (len > 0 && reason[len - 1] == '.')
        reason[len - 1] = '\0';
      /* Translators: %s is the reason, e.g. "unknown time zone “Mars/Olympus”" */
      subtitle = g_strdup_printf (_("%s. Editing the description below replaces it."), reason);
      escaped = g_markup_escape_text (subtitle, -1);

      adw_action_row_set_subtitle (self->policy_error_row, escaped);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->policy_error_row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle,
                                      -1);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->policy_error_group), policy == NULL);
  g_strstrip (json);
  show_policy (self, policy, *json != '\0' && g_strcmp0 (json, "{}") != 0);
}

static void
policy_setting_changed_cb (CsmSlaPreferencesPage *self)
{
  g_autofree char *json = g_settings_get_string (self->settings, "sla-policy");

  /* Our own write coming back: the widgets already say so, and rebuilding
   * the level rows would take the focus away from the field being typed in. */
  if (g_strcmp0 (json, self->written_json) == 0)
    return;
  load_policy (self);
}

/* Builds the business hours the widgets describe, or says what is wrong. */
static CsmBusinessHours *
collect_hours (CsmSlaPreferencesPage  *self,
               char                  **out_problem)
{
  g_autofree char *identifier = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->timezone_row))));
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(CsmBusinessHours) hours = NULL;
  int open = gtk_spin_button_get_value_as_int (self->open_spin);
  int close = gtk_spin_button_get_value_as_int (self->close_spin);
  gboolean any_day = FALSE;

  tz = *identifier != '\0' ? g_time_zone_new_identifier (identifier) : NULL;
  gtk_widget_remove_css_class (GTK_WIDGET (self->timezone_row), "error");
  if (tz == NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->timezone_row), "error");
      *out_problem = *identifier == '\0'
        ? g_strdup (_("Enter the time zone of the business hours, such as Europe/Berlin or UTC."))
        /* Translators: %s is what was typed as a time zone */
        : g_strdup_printf (_("“%s” is not a time zone this computer knows; use a name such as "
                             "Europe/Berlin or UTC."), identifier);
      return NULL;
    }

  hours = csm_business_hours_new (tz);
  if (gtk_switch_get_active (self->always_open_switch))
    return g_steal_pointer (&hours);

  if (close <= open)
    {
      *out_problem = g_strdup (_("The closing time must be after the opening time."));
      return NULL;
    }
  for (int d = 0; d < 7; d++)
    if (gtk_toggle_button_get_active (self->day_buttons[d]))
      {
        csm_business_hours_add_span (hours, (GDateWeekday) (d + 1), open, close);
        any_day = TRUE;
      }
  if (!any_day)
    {
      *out_problem = g_strdup (_("Choose at least one open day, or open around the clock."));
      return NULL;
    }
  return g_steal_pointer (&hours);
}

/* The levels the rows describe, names trimmed, or what is wrong. */
static GArray *
collect_levels (CsmSlaPreferencesPage  *self,
                GPtrArray              *names,
                char                  **out_problem)
{
  g_autoptr(GArray) levels = g_array_new (FALSE, TRUE, sizeof (CsmSlaLevel));
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < self->level_rows->len; i++)
    {
      CsmSlaLevel level;
      char *name;

      csm_sla_level_row_get_level (g_ptr_array_index (self->level_rows, i), &level);
      name = g_strstrip (g_strdup (level.name));
      g_ptr_array_add (names, name);
      if (*name == '\0')
        {
          *out_problem = g_strdup (_("Every level needs its name, exactly as RT’s configuration "
                                     "spells it."));
          return NULL;
        }
      if (!g_hash_table_add (seen, name))
        {
          /* Translators: %s is an SLA level name */
          *out_problem = g_strdup_printf (_("Two levels are called “%s”."), name);
          return NULL;
        }
      level.name = name;
      g_array_append_val (levels, level);
    }
  return g_steal_pointer (&levels);
}

static void
write_policy (CsmSlaPreferencesPage *self)
{
  g_autoptr(CsmBusinessHours) hours = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) levels = NULL;
  g_autoptr(CsmSlaPolicy) policy = NULL;
  g_autofree char *hours_problem = NULL;
  g_autofree char *levels_problem = NULL;

  if (self->settings == NULL)
    return;

  hours = collect_hours (self, &hours_problem);
  levels = collect_levels (self, names, &levels_problem);
  show_problem (self->hours_error_row, hours_problem);
  show_problem (self->levels_error_row, levels_problem);
  if (hours == NULL || levels == NULL)
    return;

  policy = csm_sla_policy_new (hours, (const CsmSlaLevel *) levels->data, levels->len);
  g_free (self->written_json);
  self->written_json = csm_sla_policy_to_json (policy);
  g_settings_set_string (self->settings, "sla-policy", self->written_json);
  gtk_widget_set_visible (GTK_WIDGET (self->policy_error_group), FALSE);
}

static void
hours_changed_cb (CsmSlaPreferencesPage *self)
{
  update_hours_sensitivity (self);
  write_policy (self);
}

static void
add_level_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CsmSlaPreferencesPage *self = CSM_SLA_PREFERENCES_PAGE (widget);
  CsmSlaLevelRow *row = append_level_row (self, NULL);

  /* Open, with the name to type first: a level without one is not stored yet. */
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  write_policy (self);
  gtk_widget_grab_focus (GTK_WIDGET (row));
}

static char *
format_deadline (gint64     t,
                 GTimeZone *tz)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (t == 0)
    return g_strdup (_("no deadline"));
  utc = g_date_time_new_from_unix_utc (t);
  local = g_date_time_to_timezone (utc, tz);
  /* Translators: a deadline in strftime() format, e.g. "Tue 24 Nov 14:00" */
  return g_date_time_format (local, _("%a %e %b %H:%M"));
}

static void
check_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  CsmSlaPreferencesPage *self = CSM_SLA_PREFERENCES_PAGE (widget);
  CsmSyncEngine *engine = csm_context_get_engine (self->context);
  g_autofree char *json = g_settings_get_string (self->settings, "sla-policy");
  g_autoptr(CsmSlaPolicy) policy = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) details = g_string_new (NULL);
  g_autofree char *title = NULL;
  CsmSlaValidation validation = { 0 };
  GTimeZone *tz;

  gtk_widget_set_visible (GTK_WIDGET (self->check_result_icon), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->check_result_row), TRUE);

  policy = csm_sla_policy_new_from_json (json, &error);
  if (policy == NULL || csm_sla_policy_get_n_levels (policy) == 0 || engine == NULL)
    {
      title = g_strdup (engine == NULL ? _("Connect to a helpdesk to compare with its tickets.")
                                       : _("Describe at least one level first."));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->check_result_row), title);
      adw_action_row_set_subtitle (self->check_result_row, "");
      return;
    }
  /* Mid-way through the first sync, tickets lack their replies (worked
   * out at its end) and would all look like waiting for one. */
  if (csm_sync_engine_get_data_time (engine) == 0)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->check_result_row),
                                     _("The first sync is still running: check again once the "
                                       "tickets are in."));
      adw_action_row_set_subtitle (self->check_result_row, "");
      return;
    }

  csm_sla_policy_validate (policy,
                           csm_ticket_list_get_array (csm_sync_engine_get_tickets (engine)),
                           MAX_MISMATCHES, &validation);
  tz = csm_business_hours_get_timezone (csm_sla_policy_get_hours (policy));

  if (validation.checked == 0)
    title = g_strdup (_("No ticket is waiting for a first reply, so there is nothing to compare "
                        "yet."));
  else
    title = g_strdup_printf (ngettext ("%u of %u ticket waiting for a first reply matches RT’s "
                                       "deadline",
                                       "%u of %u tickets waiting for a first reply match RT’s "
                                       "deadlines",
                                       validation.checked),
                             validation.matching, validation.checked);

  if (validation.unknown_level > 0)
    {
      g_string_append_printf (details,
                              ngettext ("%u has a level not described here.",
                                        "%u have a level not described here.",
                                        validation.unknown_level),
                              validation.unknown_level);
    }
  for (guint i = 0; validation.mismatches != NULL && i < validation.mismatches->len; i++)
    {
      const CsmSlaMismatch *m = &g_array_index (validation.mismatches, CsmSlaMismatch, i);
      g_autofree char *rt = format_deadline (m->actual, tz);
      g_autofree char *ours = format_deadline (m->expected, tz);
      /* Formatted apart: xgettext cannot see through G_GINT64_FORMAT. */
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, m->ticket_id);

      if (details->len > 0)
        g_string_append_c (details, '\n');
      /* Translators: e.g. "#12: RT says Tue 24 Nov 14:00, these levels give Tue 24 Nov 13:00" */
      g_string_append_printf (details, _("#%s: RT says %s, these levels give %s"), id, rt, ours);
    }

  {
    g_autofree char *escaped_title = g_markup_escape_text (title, -1);
    g_autofree char *escaped_details = g_markup_escape_text (details->str, -1);

    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->check_result_row), escaped_title);
    adw_action_row_set_subtitle (self->check_result_row, escaped_details);
  }
  if (validation.checked > 0)
    {
      gboolean all = validation.matching == validation.checked;

      gtk_image_set_from_icon_name (self->check_result_icon,
                                    all ? "emblem-ok-symbolic" : "dialog-warning-symbolic");
      gtk_widget_set_css_classes (GTK_WIDGET (self->check_result_icon),
                                  (const char *[]) { all ? "success" : "warning", NULL });
      gtk_widget_set_visible (GTK_WIDGET (self->check_result_icon), TRUE);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->check_result_row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, details->str,
                                  -1);
  csm_sla_validation_clear (&validation);
}

static void
csm_sla_preferences_page_dispose (GObject *object)
{
  CsmSlaPreferencesPage *self = (CsmSlaPreferencesPage *) object;

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  g_clear_object (&self->context);
  gtk_widget_dispose_template (GTK_WIDGET (self), CSM_TYPE_SLA_PREFERENCES_PAGE);

  G_OBJECT_CLASS (csm_sla_preferences_page_parent_class)->dispose (object);
}

static void
csm_sla_preferences_page_finalize (GObject *object)
{
  CsmSlaPreferencesPage *self = (CsmSlaPreferencesPage *) object;

  g_clear_pointer (&self->level_rows, g_ptr_array_unref);
  g_free (self->written_json);

  G_OBJECT_CLASS (csm_sla_preferences_page_parent_class)->finalize (object);
}

static void
csm_sla_preferences_page_class_init (CsmSlaPreferencesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = csm_sla_preferences_page_dispose;
  object_class->finalize = csm_sla_preferences_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/csm-sla-preferences-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CsmSlaPreferencesPage, policy_error_group);
  gtk_widget_class_bind_template_child (widget_class, CsmSlaPreferencesPage, policy_error_row);
  gtk_widget_class_bind_template_child (widget_class, CsmSlaPreferencesPage, horizon_spin);
  gtk_widget_class_bind_template_child (widget_class, CsmSlaPreferencesPage, rate_spin);
  gtk_widget_class_bind_template_child (widget_class, CsmSlaPreferencesPage, timezone_row);
  gtk_widget_class_bind_template_child (widget_class, CsmSlaPreferencesPage, always_open_switch);
  gtk_widget_class_bind_template_child (widget_class, CsmSlaPreferencesPage, days_row);
  gtk_widget_class_bind_template_child (widget_class, CsmSlaPreferencesPage, days_box);
  gtk_widget_class_bind_template_child (widget_class, CsmSlaPreferencesPage, open_row);
  gtk_widget_class_bind_template_child (widget_class, CsmSlaPreferencesPage, open_spin);
  gtk_widget_class_bind_template_child (widget_class, CsmSlaPreferencesPage, close_row);
  gtk_widget_class_bind_template_child (widget_class, CsmSlaPreferencesPage, close_spin);
  gtk_widget_class_bind_template_child (widget_class, CsmSlaPreferencesPage, hours_error_row);
  gtk_widget_class_bind_template_child (widget_class, CsmSlaPreferencesPage, levels_group);
  gtk_widget_class_bind_template_child (widget_class, CsmSlaPreferencesPage, levels_error_row);
  gtk_widget_class_bind_template_child (widget_class, CsmSlaPreferencesPage, check_button);
  gtk_widget_class_bind_template_child (widget_class, CsmSlaPreferencesPage, check_result_row);
  gtk_widget_class_bind_template_child (widget_class, CsmSlaPreferencesPage, check_result_icon);
  gtk_widget_class_install_action (widget_class, "sla.add-level", NULL, add_level_action);
  gtk_widget_class_install_action (widget_class, "sla.check", NULL, check_action);
}

static void
csm_sla_preferences_page_init (CsmSlaPreferencesPage *self)
{
  /* 1 January 2024 was a Monday: its week names the days in the user's language. */
  g_autoptr(GDateTime) monday = g_date_time_new_utc (2024, 1, 1, 12, 0, 0);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->level_rows = g_ptr_array_new ();

  for (int d = 0; d < 7; d++)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (monday, d);
      g_autofree char *abbreviation = g_date_time_format (day, "%a");
      g_autofree char *full = g_date_time_format (day, "%A");
      g_autofree char *name = g_strdup_printf ("hours-day-%d", d + 1);
      GtkWidget *button = gtk_toggle_button_new_with_label (abbreviation);

      gtk_widget_set_name (button, name);
      gtk_widget_set_tooltip_text (button, full);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, full,
                                      -1);
      gtk_box_append (self->days_box, button);
      self->day_buttons[d] = GTK_TOGGLE_BUTTON (button);
    }

  csm_time_spin_setup (self->open_spin, 24 * 60 - 1);
  csm_time_spin_setup (self->close_spin, 24 * 60);
}

/**
 * csm_sla_preferences_page_set_context:
 *
 * Shows and edits the settings of @context. Called once, right after the
 * page is built.
 */
void
csm_sla_preferences_page_set_context (CsmSlaPreferencesPage *self,
                                      CsmContext            *context)
{
  g_return_if_fail (CSM_IS_SLA_PREFERENCES_PAGE (self));
  g_return_if_fail (CSM_IS_CONTEXT (context));
  g_return_if_fail (self->context == NULL);

  self->context = g_object_ref (context);
  self->settings = g_object_ref (csm_context_get_settings (context));

  g_settings_bind (self->settings, "sla-horizon-minutes", self->horizon_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "sla-rate-window-minutes", self->rate_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);

  load_policy (self);
  g_signal_connect_swapped (self->settings, "changed::sla-policy",
                            G_CALLBACK (policy_setting_changed_cb), self);

  g_signal_connect_swapped (self->timezone_row, "changed", G_CALLBACK (hours_changed_cb), self);
  g_signal_connect_swapped (self->always_open_switch, "notify::active",
                            G_CALLBACK (hours_changed_cb), self);
  for (int d = 0; d < 7; d++)
    g_signal_connect_swapped (self->day_buttons[d], "toggled", G_CALLBACK (hours_changed_cb), self);
  g_signal_connect_swapped (self->open_spin, "value-changed", G_CALLBACK (hours_changed_cb), self);
  g_signal_connect_swapped (self->close_spin, "value-changed", G_CALLBACK (hours_changed_cb), self);
}
