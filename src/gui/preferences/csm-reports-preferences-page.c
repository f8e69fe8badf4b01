/* csm-reports-preferences-page.c: the preferences the KPI reports read: survey and channel fields, the repeat-contact window.
 *
 * A field's name is stored when the row's apply button is pressed (or
 * Enter), not at each key: every change of a name recounts the reports.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-preferences"

#include "config.h"

#include "csm-reports-preferences-page.h"

struct _CsmReportsPreferencesPage
{
  AdwPreferencesPage parent_instance;

  GSettings *settings;       /* (owned) (nullable) */
  AdwEntryRow *csat_row;
  AdwEntryRow *nps_row;
  AdwEntryRow *ces_row;
  AdwEntryRow *channel_row;
  GtkSpinButton *repeat_spin;
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
}

static void
csm_reports_preferences_page_dispose (GObject *object)
{
  CsmReportsPreferencesPage *self = CSM_REPORTS_PREFERENCES_PAGE (object);

  g_clear_object (&self->settings);
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
  gtk_widget_class_bind_template_callback (widget_class, apply_cb);
}

static void
csm_reports_preferences_page_init (CsmReportsPreferencesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
