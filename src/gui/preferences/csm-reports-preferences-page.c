/* csm-reports-preferences-page.c: the preferences the KPI reports and staffing read: survey and channel fields, the repeat-contact window, each channel's first reply target and whether it is live.
 *
 * A field's name is stored when the row's apply button is pressed (or
 * Enter), not at each key: every change of a name recounts the reports.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-preferences"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csm-reports-preferences-page.h"
#include "csm-staffing-plan.h"

struct _CsmReportsPreferencesPage
{
  AdwPreferencesPage parent_instance;

  GSettings *settings;       /* (owned) (nullable) */
  AdwEntryRow *csat_row;
  AdwEntryRow *nps_row;
  AdwEntryRow *ces_row;
  AdwEntryRow *channel_row;
  GtkSpinButton *repeat_spin;
  AdwPreferencesGroup *channels_group;
  AdwEntryRow *add_channel_row;
  GPtrArray *channel_rows;   /* (owned): the rows in channels_group, one per channel */
  gboolean updating;
};

G_DEFINE_FINAL_TYPE (CsmReportsPreferencesPage, csm_reports_preferences_page,
                     ADW_TYPE_PREFERENCES_PAGE)

static const struct
{
  const char *key;
  gsize offset;
} fields[] = {
  { "cf-csat", G_STRUCT_OFFSET (CsmReportsPreferencesPage, csat_row) },
  { "cf-nps", G_STRUCT_OFFSET (CsmReportsPreferencesPage, nps_row) },
  { "cf-ces", G_STRUCT_OFFSET (CsmReportsPreferencesPage, ces_row) },
  { "cf-channel", G_STRUCT_OFFSET (CsmReportsPreferencesPage, channel_row) },
};

static AdwEntryRow *
field_row (CsmReportsPreferencesPage *self,
           guint                      i)
{
  return G_STRUCT_MEMBER (AdwEntryRow *, self, fields[i].offset);
}

static void
apply_cb (AdwEntryRow               *row,
          CsmReportsPreferencesPage *self)
{
  g_autofree char *name = NULL;

  if (self->settings == NULL)
    return;
  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (field_row (self, i) == row)
      g_settings_set_string (self->settings, fields[i].key, name);
}

/* ------------------------------------------------------------------------ */
/* Channels: first reply targets (frt-targets) and live ones                */

static void
store_target (CsmReportsPreferencesPage *self,
              const char                *channel,
              guint                      seconds)
{
  g_autoptr(GVariant) old = g_settings_get_value (self->settings, "frt-targets");
  GVariantBuilder builder;
  GVariantIter iter;
  const char *name;
  guint32 value;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{su}"));
  g_variant_iter_init (&iter, old);
  while (g_variant_iter_next (&iter, "{&su}", &name, &value))
    if (!g_str_equal (name, channel))
      g_variant_builder_add (&builder, "{su}", name, value);
  g_variant_builder_add (&builder, "{su}", channel, seconds);
  /* The rows already say it: not made again under the typing hand. */
  self->updating = TRUE;
  g_settings_set_value (self->settings, "frt-targets", g_variant_builder_end (&builder));
  self->updating = FALSE;
}

static void
target_changed_cb (GtkSpinButton             *spin,
                   CsmReportsPreferencesPage *self)
{
  if (!self->updating)
    store_target (self, g_object_get_data (G_OBJECT (spin), "channel"),
                  (guint) gtk_spin_button_get_value_as_int (spin));
}

static void
live_changed_cb (GtkSwitch                 *live,
                 GParamSpec                *pspec,
                 CsmReportsPreferencesPage *self)
{
  const char *channel = g_object_get_data (G_OBJECT (live), "channel");
  g_auto(GStrv) old = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) channels = NULL;

  if (self->updating)
    return;
  old = g_settings_get_strv (self->settings, "staffing-live-channels");
  for (guint i = 0; old[i] != NULL; i++)
    if (!g_str_equal (old[i], channel))
      g_strv_builder_add (builder, old[i]);
  if (gtk_switch_get_active (live))
    g_strv_builder_add (builder, channel);
  channels = g_strv_builder_end (builder);
  self->updating = TRUE;
  g_settings_set_strv (self->settings, "staffing-live-channels", (const char * const *) channels);
  self->updating = FALSE;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
show_channels (CsmReportsPreferencesPage *self)
{
  g_autoptr(GVariant) targets = g_settings_get_value (self->settings, "frt-targets");
  g_auto(GStrv) live = g_settings_get_strv (self->settings, "staffing-live-channels");
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GVariantIter iter;
  const char *name;
  guint32 seconds;

  self->updating = TRUE;
  for (guint i = 0; i < self->channel_rows->len; i++)
    adw_preferences_group_remove (self->channels_group, g_ptr_array_index (self->channel_rows, i));
  g_ptr_array_set_size (self->channel_rows, 0);

  g_variant_iter_init (&iter, targets);
  while (g_variant_iter_next (&iter, "{&su}", &name, &seconds))
    g_ptr_array_add (names, g_strdup (name));
  for (guint i = 0; live[i] != NULL; i++)
    if (!g_variant_lookup (targets, live[i], "u", &seconds))
      g_ptr_array_add (names, g_strdup (live[i]));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      const char *channel = g_ptr_array_index (names, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *spin = gtk_spin_button_new_with_range (1, 7 * 86400, 1);
      GtkWidget *live_switch = gtk_switch_new ();
      g_autofree char *spin_name = g_strdup_printf ("frt-target-%s", channel);
      g_autofree char *switch_name = g_strdup_printf ("live-%s", channel);
      /* Translators: the accessible name of a channel's live switch, "chat is live" */
      g_autofree char *live_label = g_strdup_printf (_("%s is live"), channel);
      g_autofree char *target_label = g_strdup_printf (_("First reply target of %s, in seconds"),
                                                       channel);

      if (!g_variant_lookup (targets, channel, "u", &seconds))
        seconds = 60;
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), channel);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("First reply target in seconds · live"));
      gtk_widget_set_name (spin, spin_name);
      gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), seconds);
      gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      target_label, -1);
      g_object_set_data_full (G_OBJECT (spin), "channel", g_strdup (channel), g_free);
      g_signal_connect (spin, "value-changed", G_CALLBACK (target_changed_cb), self);
      gtk_widget_set_name (live_switch, switch_name);
      gtk_widget_set_valign (live_switch, GTK_ALIGN_CENTER);
      gtk_switch_set_active (GTK_SWITCH (live_switch),
                             g_strv_contains ((const char * const *) live, channel));
      gtk_accessible_update_property (GTK_ACCESSIBLE (live_switch), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      live_label, -1);
      g_object_set_data_full (G_OBJECT (live_switch), "channel", g_strdup (channel), g_free);
      g_signal_connect (live_switch, "notify::active", G_CALLBACK (live_changed_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), live_switch);
      adw_preferences_group_add (self->channels_group, row);
      g_ptr_array_add (self->channel_rows, row);
    }
  self->updating = FALSE;
}

static void
add_channel_cb (AdwEntryRow               *row,
                CsmReportsPreferencesPage *self)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  g_autofree char *channel = g_utf8_strdown (trimmed, -1);
  g_autoptr(GVariant) targets = NULL;
  guint32 seconds;

  if (self->settings == NULL || *channel == '\0')
    return;
  targets = g_settings_get_value (self->settings, "frt-targets");
  if (!g_variant_lookup (targets, channel, "u", &seconds))
    {
      store_target (self, channel, CSM_STAFFING_DEFAULT_TARGET_SECONDS);
      show_channels (self);
    }
  gtk_editable_set_text (GTK_EDITABLE (row), "");
}

static void
channels_changed_cb (CsmReportsPreferencesPage *self,
                     const char                *key)
{
  if (!self->updating)
    show_channels (self);
}

/**
 * csm_reports_preferences_page_set_settings:
 *
 * Shows and edits @settings' keys.
 */
void
csm_reports_preferences_page_set_settings (CsmReportsPreferencesPage *self,
                                           GSettings                 *settings)
{
  g_return_if_fail (CSM_IS_REPORTS_PREFERENCES_PAGE (self));
  g_return_if_fail (G_IS_SETTINGS (settings));

  g_set_object (&self->settings, settings);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    g_settings_bind (settings, fields[i].key, field_row (self, i), "text", G_SETTINGS_BIND_GET);
  g_settings_bind (settings, "kpi-repeat-days", self->repeat_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (settings, "changed::frt-targets", G_CALLBACK (channels_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::staffing-live-channels",
                           G_CALLBACK (channels_changed_cb), self, G_CONNECT_SWAPPED);
  show_channels (self);
}

static void
csm_reports_preferences_page_dispose (GObject *object)
{
  CsmReportsPreferencesPage *self = CSM_REPORTS_PREFERENCES_PAGE (object);

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->channel_rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), CSM_TYPE_REPORTS_PREFERENCES_PAGE);
  G_OBJECT_CLASS (csm_reports_preferences_page_parent_class)->dispose (object);
}

static void
csm_reports_preferences_page_class_init (CsmReportsPreferencesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = csm_reports_preferences_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/csm-reports-preferences-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CsmReportsPreferencesPage, csat_row);
  gtk_widget_class_bind_template_child (widget_class, CsmReportsPreferencesPage, nps_row);
  gtk_widget_class_bind_template_child (widget_class, CsmReportsPreferencesPage, ces_row);
  gtk_widget_class_bind_template_child (widget_class, CsmReportsPreferencesPage, channel_row);
  gtk_widget_class_bind_template_child (widget_class, CsmReportsPreferencesPage, repeat_spin);
  gtk_widget_class_bind_template_child (widget_class, CsmReportsPreferencesPage, channels_group);
  gtk_widget_class_bind_template_child (widget_class, CsmReportsPreferencesPage, add_channel_row);
  gtk_widget_class_bind_template_callback (widget_class, apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_channel_cb);
}

static void
csm_reports_preferences_page_init (CsmReportsPreferencesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->channel_rows = g_ptr_array_new ();
}
