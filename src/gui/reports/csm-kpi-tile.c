/* csm-kpi-tile.c: one KPI of the period: its value, its variant, its change, its population and its formula.
 *
 * The tile shows what the report computed and nothing else: the value as
 * the catalog writes it (the export's number), the variant it was counted
 * with, the change against the same stretch of the previous period, green
 * when it went the good way for this KPI, red when not, and how many
 * tickets (or answers) it counted. Its formula is one click away; the tile
 * itself opens the tickets behind it (the page's reports.drill-down).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-kpi-tile"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csm-formula-popover.h"
#include "csm-kpi-tile.h"

struct _CsmKpiTile
{
  GtkWidget parent_instance;

  CsmKpi kpi;
  char *formula;
  char *population;

  GtkLabel *title_label;
  GtkLabel *value_label;
  GtkLabel *variant_label;
  GtkLabel *change_label;
  GtkLabel *population_label;
  GtkMenuButton *formula_button;
};

G_DEFINE_FINAL_TYPE (CsmKpiTile, csm_kpi_tile, GTK_TYPE_WIDGET)

static void
fill_formula (CsmFormulaPopover *popover,
              gpointer           user_data)
{
  CsmKpiTile *self = user_data;

  csm_formula_popover_add (popover, csm_kpi_get_title (self->kpi), self->formula);
  if (self->population != NULL)
    csm_formula_popover_add (popover, _("Counted"), self->population);
}

/**
 * csm_kpi_tile_update:
 * @current: the period's row
 * @previous: (nullable): the same stretch of the previous period
 * @previous_name: what the previous period is called ("yesterday until 14:00")
 */
void
csm_kpi_tile_update (CsmKpiTile          *self,
                     const CsmKpiRow     *current,
                     const CsmKpiRow     *previous,
                     const CsmKpiOptions *options,
                     CsmKpiStatistic      statistic,
                     const char          *previous_name)
{
  CsmKpiValue value;
  g_autofree char *value_text = NULL;
  g_autofree char *variant = NULL;
  g_autofree char *change_text = NULL;
  g_autofree char *accessible = NULL;
  CsmKpiChange change = { FALSE, 0, FALSE, FALSE };

  g_return_if_fail (CSM_IS_KPI_TILE (self));
  g_return_if_fail (current != NULL && options != NULL);

  value = csm_kpi_row_value (current, self->kpi, statistic);
  value_text = csm_kpi_format_value (self->kpi, value);
  gtk_label_set_text (self->value_label, value_text);

  variant = csm_kpi_dup_variant (self->kpi, options, statistic);
  gtk_label_set_text (self->variant_label, variant != NULL ? variant : "");
  gtk_widget_set_visible (GTK_WIDGET (self->variant_label), variant != NULL);

  if (previous != NULL)
    change = csm_kpi_change (value, csm_kpi_row_value (previous, self->kpi, statistic),
                             csm_kpi_compares_by_points (self->kpi),
                             csm_kpi_higher_is_better (self->kpi));
  change_text = csm_kpi_format_change (change);
  if (change_text != NULL && previous_name != NULL)
    {
      /* Translators: a change and what it compares with, "↑ 12.0 % vs yesterday" */
      char *full = g_strdup_printf (_("%s vs %s"), change_text, previous_name);

      g_free (change_text);
      change_text = full;
    }
  gtk_label_set_text (self->change_label,
                      change_text != NULL ? change_text : _("nothing to compare with"));
  /* Only a class that changes is touched: each change restyles the label. */
  {
    static const char * const classes[] = { "success", "error", "dim-label" };
    const char *wanted = !change.defined || change.change == 0 ||
                         !csm_kpi_has_direction (self->kpi) ? "dim-label"
                         : change.good ? "success" : "error";

    for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
      {
        gboolean want = g_str_equal (classes[i], wanted);

        if (want != gtk_widget_has_css_class (GTK_WIDGET (self->change_label), classes[i]))
          {
            if (want)
              gtk_widget_add_css_class (GTK_WIDGET (self->change_label), classes[i]);
            else
              gtk_widget_remove_css_class (GTK_WIDGET (self->change_label), classes[i]);
          }
      }
  }

  g_free (self->population);
  self->population = csm_kpi_dup_population (self->kpi, csm_kpi_row_count (current, self->kpi));
  gtk_label_set_text (self->population_label, self->population);
  g_free (self->formula);
  self->formula = csm_kpi_dup_formula (self->kpi, options, statistic);

  accessible = g_strdup_printf ("%s: %s%s%s. %s. %s", csm_kpi_get_title (self->kpi), value_text,
                                variant != NULL ? ", " : "", variant != NULL ? variant : "",
                                change_text != NULL ? change_text : "", self->population);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->formula, -1);
}

CsmKpi
csm_kpi_tile_get_kpi (CsmKpiTile *self)
{
  g_return_val_if_fail (CSM_IS_KPI_TILE (self), CSM_KPI_CREATED);
  return self->kpi;
}

const char *
csm_kpi_tile_get_value_text (CsmKpiTile *self)
{
  g_return_val_if_fail (CSM_IS_KPI_TILE (self), NULL);
  return gtk_label_get_text (self->value_label);
}

const char *
csm_kpi_tile_get_change_text (CsmKpiTile *self)
{
  g_return_val_if_fail (CSM_IS_KPI_TILE (self), NULL);
  return gtk_label_get_text (self->change_label);
}

const char *
csm_kpi_tile_get_formula (CsmKpiTile *self)
{
  g_return_val_if_fail (CSM_IS_KPI_TILE (self), NULL);
  return self->formula;
}

static void
csm_kpi_tile_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CSM_TYPE_KPI_TILE);
  /* GTK 4.8 unparents only the template's named children. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL;)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (csm_kpi_tile_parent_class)->dispose (object);
}

static void
csm_kpi_tile_finalize (GObject *object)
{
  CsmKpiTile *self = CSM_KPI_TILE (object);

  g_free (self->formula);
  g_free (self->population);
  G_OBJECT_CLASS (csm_kpi_tile_parent_class)->finalize (object);
}

static void
csm_kpi_tile_class_init (CsmKpiTileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = csm_kpi_tile_dispose;
  object_class->finalize = csm_kpi_tile_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/csm-kpi-tile.ui");
  gtk_widget_class_bind_template_child (widget_class, CsmKpiTile, title_label);
  gtk_widget_class_bind_template_child (widget_class, CsmKpiTile, value_label);
  gtk_widget_class_bind_template_child (widget_class, CsmKpiTile, variant_label);
  gtk_widget_class_bind_template_child (widget_class, CsmKpiTile, change_label);
  gtk_widget_class_bind_template_child (widget_class, CsmKpiTile, population_label);
  gtk_widget_class_bind_template_child (widget_class, CsmKpiTile, formula_button);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
csm_kpi_tile_init (CsmKpiTile *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * csm_kpi_tile_new:
 *
 * Returns: (transfer floating): a tile for @kpi, empty until updated
 */
GtkWidget *
csm_kpi_tile_new (CsmKpi kpi)
{
  CsmKpiTile *self = g_object_new (CSM_TYPE_KPI_TILE, NULL);
  GtkWidget *popover = csm_formula_popover_new ();

  self->kpi = kpi;
  gtk_label_set_text (self->title_label, csm_kpi_get_title (kpi));
  {
    /* Translators: the tooltip of a tile's formula button, "How “Backlog” is counted" */
    g_autofree char *how = g_strdup_printf (_("How “%s” is counted"), csm_kpi_get_title (kpi));

    gtk_widget_set_tooltip_text (GTK_WIDGET (self->formula_button), how);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->formula_button),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, how, -1);
  }
  csm_formula_popover_set_fill (CSM_FORMULA_POPOVER (popover), fill_formula, self);
  gtk_menu_button_set_popover (self->formula_button, popover);
  return GTK_WIDGET (self);
}
