/* csm-kpi-table.c: the period's KPIs a row a group (agent, queue or channel), sortable, each row drillable.
 *
 * The per-agent table puts FCR and CSAT beside handle time, so nobody is
 * judged on speed alone. A cell opens the tickets its figure counted;
 * activating a row opens those its agent, queue or channel resolved in
 * the period (reports.drill-down); so does Enter on a row. The row's menu
 * (right click on a figure, or Menu or Shift+F10 on the selected row)
 * offers every figure of the row, so the keyboard reaches each cell's
 * tickets too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-kpi-table"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csm-enums.h"
#include "csm-kpi-item.h"
#include "csm-kpi-table.h"

#define NAME_COLUMN (-1)

struct _CsmKpiTable
{
  GtkWidget parent_instance;

  GtkScrolledWindow *scroller;
  GtkColumnView *view;
  GListStore *items;
  GtkSortListModel *sorted;
  GtkSingleSelection *selection;
  GtkWidget *menu;                /* (owned) (nullable) the row's menu */

  CsmKpiGrouping grouping;
  CsmKpiStatistic statistic;
};

G_DEFINE_FINAL_TYPE (CsmKpiTable, csm_kpi_table, GTK_TYPE_WIDGET)

/**
 * csm_kpi_group_name:
 *
 * Returns: (transfer full): @group as the tables and drill-downs name it
 */
char *
csm_kpi_group_name (CsmKpiGrouping  grouping,
                    const char     *group)
{
  if (group != NULL && *group != '\0')
    return g_strdup (group);
  switch (grouping)
    {
    case CSM_KPI_GROUP_CHANNEL:
      return g_strdup (_("No channel"));
    case CSM_KPI_GROUP_QUEUE:
      return g_strdup (_("No queue"));
    case CSM_KPI_GROUP_AGENT:
    case CSM_KPI_GROUP_NONE:
    default:
      return g_strdup (_("All tickets"));
    }
}

/* A column's KPI travels in the factory's and sorter's data: KPI + 1, or
 * 0 for the name. */
static int
column_kpi (gpointer data)
{
  return GPOINTER_TO_INT (data) - 1;
}

/* The row's menu: a line a figure, "CSAT 84.8 %", each opening its
 * tickets; pointing at @x, @y of the table. */
static void
popup_row_menu (CsmKpiTable *self,
                CsmKpiItem  *item,
                double       x,
                double       y)
{
  g_autoptr(GEnumClass) groupings = g_type_class_ref (CSM_TYPE_KPI_GROUPING);
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) figures = g_menu_new ();
  GListModel *columns = gtk_column_view_get_columns (self->view);
  const CsmKpiRow *row = csm_kpi_item_get_row (item);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      GtkSorter *sorter = gtk_column_view_column_get_sorter (column);
      int kpi = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (sorter), "kpi")) - 1;
      g_autofree char *value = NULL;
      g_autofree char *label = NULL;
      g_autoptr(GMenuItem) entry = NULL;

      if (kpi == NAME_COLUMN)
        continue;
      value = csm_kpi_format_value (kpi, csm_kpi_row_value (row, kpi, self->statistic));
      /* Translators: a row menu's entry: a column's title and the row's figure */
      label = g_strdup_printf (_("%s: %s"), gtk_column_view_column_get_title (column), value);
      entry = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target (entry, "reports.drill-down", "(sssi)",
                                         csm_kpi_get_key (kpi),
                                         g_enum_get_value (groupings, self->grouping)->value_nick,
                                         row->group != NULL ? row->group : "", -1);
      g_menu_append_item (figures, entry);
    }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (figures));
  if (self->menu == NULL)
    {
      self->menu = gtk_popover_menu_new_from_model (NULL);
      gtk_popover_set_has_arrow (GTK_POPOVER (self->menu), FALSE);
      gtk_widget_set_halign (self->menu, GTK_ALIGN_START);
      gtk_widget_set_parent (self->menu, GTK_WIDGET (self));
    }
  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->menu), G_MENU_MODEL (menu));
  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu),
                               &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->menu));
}

/* Menu or Shift+F10: the selected row's menu, at the focused row (which
 * GTK keeps in view), else under the header. */
static void
menu_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CsmKpiTable *self = CSM_KPI_TABLE (widget);
  CsmKpiItem *item = gtk_single_selection_get_selected_item (self->selection);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  graphene_point_t at = GRAPHENE_POINT_INIT (gtk_widget_get_width (widget) / 2.0f, 32);

  if (item == NULL)
    return;
  if (focus != NULL && gtk_widget_is_ancestor (focus, widget) &&
      !gtk_widget_compute_point (focus, widget,
                                 &GRAPHENE_POINT_INIT (gtk_widget_get_width (focus) / 2.0f,
                                                       gtk_widget_get_height (focus) / 2.0f), &at))
    at = GRAPHENE_POINT_INIT (gtk_widget_get_width (widget) / 2.0f, 32);
  popup_row_menu (self, item, at.x, at.y);
}

/* A figure's cell opens the tickets it counted when clicked
 * (reports.drill-down with the column's KPI and the row's group). A
 * cell with a click gesture, made once a row widget: GTK 4.8 makes up to
 * 200 rows, and a button a cell (its action resolved at each
 * binding) made showing 500 agents take seconds. */
static void
cell_clicked_cb (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 GtkWidget       *cell)
{
  CsmKpiTable *self = g_object_get_data (G_OBJECT (cell), "table");
  CsmKpiItem *item = g_object_get_data (G_OBJECT (cell), "item");
  int kpi = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (cell), "kpi")) - 1;
  g_autoptr(GEnumClass) groupings = NULL;
  const CsmKpiRow *row;

  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));

  if (self == NULL || item == NULL || n_press != 1)
    return;
  if (button == GDK_BUTTON_SECONDARY)
    {
      graphene_point_t at;

      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      if (!gtk_widget_compute_point (cell, GTK_WIDGET (self), &GRAPHENE_POINT_INIT (x, y), &at))
        at = GRAPHENE_POINT_INIT (0, 0);
      popup_row_menu (self, item, at.x, at.y);
      return;
    }
  /* A name selects its row, as GTK does; a figure opens its tickets on
   * the primary button (0: a synthetic press, as tests make). */
  if (kpi == NAME_COLUMN || (button != GDK_BUTTON_PRIMARY && button != 0))
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  row = csm_kpi_item_get_row (item);
  groupings = g_type_class_ref (CSM_TYPE_KPI_GROUPING);
  gtk_widget_activate_action (GTK_WIDGET (self), "reports.drill-down", "(sssi)",
                              csm_kpi_get_key (kpi),
                              g_enum_get_value (groupings, self->grouping)->value_nick,
                              row->group != NULL ? row->group : "", -1);
}

/* Cells are inscriptions: their size comes from a number of characters,
 * not from the text, so a new report's figures only redraw them (GTK 4.8
 * measures every cell of a column for its width). */
static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  GtkWidget *cell = gtk_inscription_new (NULL);

  GtkGesture *click = gtk_gesture_click_new ();

  /* Primary: the figure's tickets; secondary: the row's menu. */
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), 0);
  g_signal_connect_object (click, "pressed", G_CALLBACK (cell_clicked_cb), cell, 0);
  gtk_widget_add_controller (cell, GTK_EVENT_CONTROLLER (click));
  if (column_kpi (user_data) == NAME_COLUMN)
    {
      gtk_inscription_set_xalign (GTK_INSCRIPTION (cell), 0);
      gtk_inscription_set_min_chars (GTK_INSCRIPTION (cell), 10);
      gtk_inscription_set_nat_chars (GTK_INSCRIPTION (cell), 24);
      gtk_inscription_set_text_overflow (GTK_INSCRIPTION (cell),
                                         GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
    }
  else
    {
      gtk_inscription_set_xalign (GTK_INSCRIPTION (cell), 1);
      gtk_inscription_set_min_chars (GTK_INSCRIPTION (cell), 6);
      gtk_inscription_set_nat_chars (GTK_INSCRIPTION (cell), 9);
      gtk_widget_add_css_class (cell, "numeric");
      gtk_widget_add_css_class (cell, "csm-cell-link");
      gtk_widget_set_cursor_from_name (cell, "pointer");
    }
  gtk_list_item_set_child (list_item, cell);
}

static void
cell_show (GtkWidget  *cell,
           CsmKpiItem *item)
{
  CsmKpiTable *self = g_object_get_data (G_OBJECT (cell), "table");
  int kpi = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (cell), "kpi")) - 1;
  g_autofree char *text = NULL;

  if (kpi == NAME_COLUMN)
    {
      gtk_inscription_set_text (GTK_INSCRIPTION (cell), csm_kpi_item_get_name (item));
      return;
    }
  text = csm_kpi_format_value (kpi, csm_kpi_row_value (csm_kpi_item_get_row (item), kpi,
                                                       self->statistic));
  gtk_inscription_set_text (GTK_INSCRIPTION (cell), text);
}

/* A new report's figures for the same group: the row widget stays. */
static void
item_changed_cb (CsmKpiItem *item,
                 GtkWidget  *cell)
{
  cell_show (cell, item);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  CsmKpiItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *cell = gtk_list_item_get_child (list_item);

  /* Held by the list item while bound; unbind forgets it. */
  g_object_set_data (G_OBJECT (cell), "item", item);
  g_object_set_data (G_OBJECT (cell), "table", g_object_get_data (G_OBJECT (factory), "table"));
  g_object_set_data (G_OBJECT (cell), "kpi", user_data);
  cell_show (cell, item);
  g_signal_connect_object (item, "changed", G_CALLBACK (item_changed_cb), cell, 0);
}

static void
cell_unbind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  GtkWidget *cell = gtk_list_item_get_child (list_item);
  CsmKpiItem *item = g_object_get_data (G_OBJECT (cell), "item");

  if (item != NULL)
    g_signal_handlers_disconnect_by_func (item, item_changed_cb, cell);
  g_object_set_data (G_OBJECT (cell), "item", NULL);
}

static int
compare_cb (gconstpointer a,
            gconstpointer b,
            gpointer      user_data)
{
  CsmKpiItem *x = CSM_KPI_ITEM ((gpointer) a), *y = CSM_KPI_ITEM ((gpointer) b);
  CsmKpiTable *self = g_object_get_data (G_OBJECT (user_data), "table");
  int kpi = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (user_data), "kpi")) - 1;
  CsmKpiValue vx, vy;

  if (kpi == NAME_COLUMN)
    return g_strcmp0 (csm_kpi_item_get_sort_key (x), csm_kpi_item_get_sort_key (y));
  vx = csm_kpi_row_value (csm_kpi_item_get_row (x), kpi, self->statistic);
  vy = csm_kpi_row_value (csm_kpi_item_get_row (y), kpi, self->statistic);
  /* No value sorts after every value, whichever way. */
  if (vx.defined != vy.defined)
    return vx.defined ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;
  if (!vx.defined || vx.value == vy.value)
    return GTK_ORDERING_EQUAL;
  return vx.value < vy.value ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;
}

static GtkColumnViewColumn *
add_column (CsmKpiTable *self,
            const char  *title,
            int          kpi)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) column = NULL;
  GtkCustomSorter *sorter;
  gpointer data = GINT_TO_POINTER (kpi + 1);

  g_object_set_data (G_OBJECT (factory), "table", self);
  g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), data);
  g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), data);
  g_signal_connect (factory, "unbind", G_CALLBACK (cell_unbind_cb), data);
  column = gtk_column_view_column_new (title, g_steal_pointer (&factory));
  sorter = gtk_custom_sorter_new (NULL, NULL, NULL);
  gtk_custom_sorter_set_sort_func (sorter, compare_cb, sorter, NULL);
  g_object_set_data (G_OBJECT (sorter), "table", self);
  g_object_set_data (G_OBJECT (sorter), "kpi", data);
  gtk_column_view_column_set_sorter (column, GTK_SORTER (sorter));
  g_object_unref (sorter);
  gtk_column_view_column_set_expand (column, kpi == NAME_COLUMN);
  gtk_column_view_append_column (self->view, column);
  return column;
}

/**
 * csm_kpi_table_set_columns:
 * @grouping: what a row is: names the first column and the drill-down
 * @kpis: (array length=n_kpis): the columns after the name
 */
void
csm_kpi_table_set_columns (CsmKpiTable    *self,
                           CsmKpiGrouping  grouping,
                           const CsmKpi   *kpis,
                           guint           n_kpis)
{
  GListModel *columns;
  GtkColumnViewColumn *first;
  const char *title;

  g_return_if_fail (CSM_IS_KPI_TABLE (self));

  /* Another grouping's items name other groups: none is kept. */
  if (grouping != self->grouping)
    g_list_store_remove_all (self->items);
  columns = gtk_column_view_get_columns (self->view);
  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);
      gtk_column_view_remove_column (self->view, column);
    }
  self->grouping = grouping;
  title = grouping == CSM_KPI_GROUP_AGENT ? _("Agent")
          : grouping == CSM_KPI_GROUP_CHANNEL ? _("Channel") : _("Queue");
  first = add_column (self, title, NAME_COLUMN);
  for (guint i = 0; i < n_kpis; i++)
    add_column (self, csm_kpi_get_short_title (kpis[i]), kpis[i]);
  gtk_column_view_sort_by_column (self->view, first, GTK_SORT_ASCENDING);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  title, -1);
}

static void
update_titles (CsmKpiTable         *self,
               const CsmKpiOptions *options)
{
  GListModel *columns = gtk_column_view_get_columns (self->view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      GtkSorter *sorter = gtk_column_view_column_get_sorter (column);
      int kpi = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (sorter), "kpi")) - 1;
      g_autofree char *title = NULL;

      if (kpi == NAME_COLUMN)
        continue;
      title = csm_kpi_dup_column_title (kpi, options, self->statistic);
      if (g_strcmp0 (title, gtk_column_view_column_get_title (column)) != 0)
        gtk_column_view_column_set_title (column, title);
    }
}

/**
 * csm_kpi_table_set_rows:
 * @rows: (element-type CsmKpiRow): one a group
 * @options: the variants the rows were counted with, named in the headers
 *
 * Replaces the rows; the sort order the user chose stays.
 */
void
csm_kpi_table_set_rows (CsmKpiTable         *self,
                        GPtrArray           *rows,
                        const CsmKpiOptions *options,
                        CsmKpiStatistic      statistic)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) shown = NULL;

  g_return_if_fail (CSM_IS_KPI_TABLE (self));
  g_return_if_fail (rows != NULL);

  self->statistic = statistic;
  update_titles (self, options);
  /* A group already shown keeps its item, which takes the new figures:
   * GTK gives an item put back its row widget, so only the cells change,
   * where making a row widget for each of 500 agents again took some
   * 80 ms (GTK 4.8 keeps up to 200 rows). */
  shown = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->items)); i++)
    {
      CsmKpiItem *item = g_list_model_get_item (G_LIST_MODEL (self->items), i);
      const char *group = csm_kpi_item_get_row (item)->group;

      g_hash_table_insert (shown, (gpointer) (group != NULL ? group : ""), item);
      g_object_unref (item);
    }
  for (guint i = 0; i < rows->len; i++)
    {
      const CsmKpiRow *row = g_ptr_array_index (rows, i);
      CsmKpiItem *item = g_hash_table_lookup (shown, row->group != NULL ? row->group : "");
      g_autofree char *name = NULL;

      if (item != NULL)
        {
          csm_kpi_item_set_row (item, row);
          g_ptr_array_add (items, g_object_ref (item));
          continue;
        }
      name = csm_kpi_group_name (self->grouping, row->group);
      g_ptr_array_add (items, csm_kpi_item_new (row, name));
    }
  /* The same objects spliced back: sorted again by the new figures. */
  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                       items->pdata, items->len);
  /* Room for the header and every row, up to a screenful; beyond, the
   * table scrolls. Not by propagating the natural height: GTK 4.8's column
   * view would make a row widget for each of 500 agents to measure it. */
  gtk_scrolled_window_set_min_content_height (self->scroller, MIN (40 + 22 * (int) items->len,
                                                                   360));
}

/**
 * csm_kpi_table_get_menu:
 *
 * Returns: (transfer none) (nullable): the row menu, once shown
 */
GtkPopover *
csm_kpi_table_get_menu (CsmKpiTable *self)
{
  g_return_val_if_fail (CSM_IS_KPI_TABLE (self), NULL);
  return self->menu != NULL ? GTK_POPOVER (self->menu) : NULL;
}

/**
 * csm_kpi_table_get_grouping:
 *
 * Returns: what a row is; %CSM_KPI_GROUP_NONE before the columns are set
 */
CsmKpiGrouping
csm_kpi_table_get_grouping (CsmKpiTable *self)
{
  g_return_val_if_fail (CSM_IS_KPI_TABLE (self), CSM_KPI_GROUP_NONE);
  return self->grouping;
}

/**
 * csm_kpi_table_get_model:
 *
 * Returns: (transfer none): the rows as shown, sorted
 */
GListModel *
csm_kpi_table_get_model (CsmKpiTable *self)
{
  g_return_val_if_fail (CSM_IS_KPI_TABLE (self), NULL);
  return G_LIST_MODEL (self->sorted);
}

static void
activate_cb (GtkColumnView *view,
             guint          position,
             CsmKpiTable   *self)
{
  g_autoptr(CsmKpiItem) item = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);
  g_autoptr(GEnumClass) groupings = g_type_class_ref (CSM_TYPE_KPI_GROUPING);
  const CsmKpiRow *row;

  if (item == NULL)
    return;
  row = csm_kpi_item_get_row (item);
  gtk_widget_activate_action (GTK_WIDGET (self), "reports.drill-down", "(sssi)",
                              csm_kpi_get_key (CSM_KPI_RESOLVED),
                              g_enum_get_value (groupings, self->grouping)->value_nick,
                              row->group != NULL ? row->group : "", -1);
}

static void
csm_kpi_table_dispose (GObject *object)
{
  CsmKpiTable *self = CSM_KPI_TABLE (object);

  g_clear_pointer (&self->menu, gtk_widget_unparent);
  gtk_widget_dispose_template (GTK_WIDGET (self), CSM_TYPE_KPI_TABLE);
  /* GTK 4.8 unparents only the template's named children. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->sorted);
  g_clear_object (&self->items);
  G_OBJECT_CLASS (csm_kpi_table_parent_class)->dispose (object);
}

static void
csm_kpi_table_class_init (CsmKpiTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = csm_kpi_table_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/csm-kpi-table.ui");
  gtk_widget_class_bind_template_child (widget_class, CsmKpiTable, scroller);
  gtk_widget_class_bind_template_child (widget_class, CsmKpiTable, view);
  gtk_widget_class_bind_template_callback (widget_class, activate_cb);
  gtk_widget_class_install_action (widget_class, "kpi-table.menu", NULL, menu_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK,
                                       "kpi-table.menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "kpi-table.menu", NULL);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
csm_kpi_table_init (CsmKpiTable *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->items = g_list_store_new (CSM_TYPE_KPI_ITEM);
  self->sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->items)),
                                          g_object_ref (gtk_column_view_get_sorter (self->view)));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sorted)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->view, GTK_SELECTION_MODEL (self->selection));
}

GtkWidget *
csm_kpi_table_new (void)
{
  return g_object_new (CSM_TYPE_KPI_TABLE, NULL);
}
