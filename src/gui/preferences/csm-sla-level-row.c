/* csm-sla-level-row.c: one SLA level in the preferences, editable in place.
 *
 * The row's title and subtitle sum the level up ("First reply in 4 h (business
 * time), resolved in 2 d"), so the list reads well folded.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-sla-level-row"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csm-sla-level-row.h"
#include "csm-time.h"

/* Positions in the "counted in" drop-downs. */
enum
{
  KIND_BUSINESS,
  KIND_REAL,
};

struct _CsmSlaLevelRow
{
  AdwExpanderRow parent_instance;

  AdwEntryRow *name_row;
  GtkSwitch *start_switch;
  GtkSpinButton *response_spin;
  GtkDropDown *response_kind;
  GtkSpinButton *resolve_spin;
  GtkDropDown *resolve_kind;
};

G_DEFINE_FINAL_TYPE (CsmSlaLevelRow, csm_sla_level_row, ADW_TYPE_EXPANDER_ROW)

enum
{
  CHANGED,
  REMOVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
describe_target (int      minutes,
                 gboolean business)
{
  g_autofree char *span = csm_format_duration ((gint64) minutes * 60);

  return business
         /* Translators: an SLA target, e.g. "8 h business time" */
         ? g_strdup_printf (_("%s business time"), span)
         : g_strdup (span);
}

static void
update_summary (CsmSlaLevelRow *self)
{
  CsmSlaLevel level;
  g_autofree char *response = NULL;
  g_autofree char *resolve = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *title = NULL;

  csm_sla_level_row_get_level (self, &level);
  if (level.response_minutes > 0)
    response = describe_target (level.response_minutes, level.response_business);
  if (level.resolve_minutes > 0)
    resolve = describe_target (level.resolve_minutes, level.resolve_business);

  if (response != NULL && resolve != NULL)
    /* Translators: e.g. "first reply in 4 h, resolved in 2 d" */
    subtitle = g_strdup_printf (_("First reply in %s, resolved in %s"), response, resolve);
  else if (response != NULL)
    subtitle = g_strdup_printf (_("First reply in %s"), response);
  else if (resolve != NULL)
    subtitle = g_strdup_printf (_("Resolved in %s"), resolve);
  else
    subtitle = g_strdup (_("No targets"));

  title = g_markup_escape_text (*level.name != '\0' ? level.name : _("Unnamed level"), -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), subtitle);
}

static void
changed_cb (CsmSlaLevelRow *self)
{
  update_summary (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  g_signal_emit (widget, signals[REMOVE], 0);
}

static void
csm_sla_level_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CSM_TYPE_SLA_LEVEL_ROW);

  G_OBJECT_CLASS (csm_sla_level_row_parent_class)->dispose (object);
}

static void
csm_sla_level_row_class_init (CsmSlaLevelRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = csm_sla_level_row_dispose;

  /**
   * CsmSlaLevelRow::changed:
   *
   * Any field of the level was edited.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * CsmSlaLevelRow::remove:
   *
   * The person asked to remove this level; the list it is in removes it.
   */
  signals[REMOVE] = g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/csm-sla-level-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CsmSlaLevelRow, name_row);
  gtk_widget_class_bind_template_child (widget_class, CsmSlaLevelRow, start_switch);
  gtk_widget_class_bind_template_child (widget_class, CsmSlaLevelRow, response_spin);
  gtk_widget_class_bind_template_child (widget_class, CsmSlaLevelRow, response_kind);
  gtk_widget_class_bind_template_child (widget_class, CsmSlaLevelRow, resolve_spin);
  gtk_widget_class_bind_template_child (widget_class, CsmSlaLevelRow, resolve_kind);
  gtk_widget_class_install_action (widget_class, "level.remove", NULL, remove_action);
}

static void
csm_sla_level_row_init (CsmSlaLevelRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * csm_sla_level_row_new:
 * @level: (nullable): the level to show; %NULL for a new one
 *
 * Returns: (transfer floating): the row
 */
CsmSlaLevelRow *
csm_sla_level_row_new (const CsmSlaLevel *level)
{
  CsmSlaLevelRow *self = g_object_new (CSM_TYPE_SLA_LEVEL_ROW, NULL);

  if (level != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), level->name ? level->name : "");
      gtk_switch_set_active (self->start_switch, level->start_immediately);
      gtk_spin_button_set_value (self->response_spin, level->response_minutes);
      gtk_drop_down_set_selected (self->response_kind,
                                  level->response_business ? KIND_BUSINESS : KIND_REAL);
      gtk_spin_button_set_value (self->resolve_spin, level->resolve_minutes);
      gtk_drop_down_set_selected (self->resolve_kind,
                                  level->resolve_business ? KIND_BUSINESS : KIND_REAL);
    }
  else
    {
      /* RT's own example level: a first reply within a business day. */
      gtk_switch_set_active (self->start_switch, FALSE);
      gtk_spin_button_set_value (self->response_spin, 480);
      gtk_drop_down_set_selected (self->response_kind, KIND_BUSINESS);
      gtk_spin_button_set_value (self->resolve_spin, 0);
      gtk_drop_down_set_selected (self->resolve_kind, KIND_BUSINESS);
    }
  update_summary (self);

  /* Connected after filling in, so building a row is no edit. */
  g_signal_connect_swapped (self->name_row, "changed", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->start_switch, "notify::active", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->response_spin, "value-changed", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->response_kind, "notify::selected", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->resolve_spin, "value-changed", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->resolve_kind, "notify::selected", G_CALLBACK (changed_cb), self);
  return self;
}

/**
 * csm_sla_level_row_get_level:
 * @out_level: (out caller-allocates): filled in; its name belongs to the row
 *   and stays valid until the next edit
 *
 * Reads the level as the row shows it.
 */
void
csm_sla_level_row_get_level (CsmSlaLevelRow *self,
                             CsmSlaLevel    *out_level)
{
  g_return_if_fail (CSM_IS_SLA_LEVEL_ROW (self));
  g_return_if_fail (out_level != NULL);

  out_level->name = (char *) gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  out_level->start_immediately = gtk_switch_get_active (self->start_switch);
  out_level->response_minutes = gtk_spin_button_get_value_as_int (self->response_spin);
  out_level->response_business = gtk_drop_down_get_selected (self->response_kind) == KIND_BUSINESS;
  out_level->resolve_minutes = gtk_spin_button_get_value_as_int (self->resolve_spin);
  out_level->resolve_business = gtk_drop_down_get_selected (self->resolve_kind) == KIND_BUSINESS;
}
