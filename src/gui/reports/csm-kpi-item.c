/* csm-kpi-item.c: one row of a KPI table (an agent, a queue or a channel), as a list model item.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "csm-kpi-item.h"

struct _CsmKpiItem
{
  GObject parent_instance;

  CsmKpiRow row;     /* a copy; row.group owned */
  char *name;        /* what the table shows for the group */
  char *sort_key;    /* its collation key: sorting 500 agents by name collates once each */
};

G_DEFINE_FINAL_TYPE (CsmKpiItem, csm_kpi_item, G_TYPE_OBJECT)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
csm_kpi_item_finalize (GObject *object)
{
  CsmKpiItem *self = CSM_KPI_ITEM (object);

  g_free (self->row.group);
  g_free (self->name);
  g_free (self->sort_key);
  G_OBJECT_CLASS (csm_kpi_item_parent_class)->finalize (object);
}

static void
csm_kpi_item_class_init (CsmKpiItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = csm_kpi_item_finalize;

  /**
   * CsmKpiItem::changed:
   *
   * The row's figures changed; the group is the same.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
csm_kpi_item_init (CsmKpiItem *self)
{
}

/**
 * csm_kpi_item_new:
 * @row: copied
 * @name: the group as a person reads it ("No channel" for "")
 */
CsmKpiItem *
csm_kpi_item_new (const CsmKpiRow *row,
                  const char      *name)
{
  CsmKpiItem *self = g_object_new (CSM_TYPE_KPI_ITEM, NULL);

  g_return_val_if_fail (row != NULL, self);

  self->row = *row;
  self->row.group = g_strdup (row->group);
  self->name = g_strdup (name);
  self->sort_key = g_utf8_collate_key (name != NULL ? name : "", -1);
  return self;
}

const CsmKpiRow *
csm_kpi_item_get_row (CsmKpiItem *self)
{
  g_return_val_if_fail (CSM_IS_KPI_ITEM (self), NULL);
  return &self->row;
}

/**
 * csm_kpi_item_get_sort_key:
 *
 * Returns: what to compare (strcmp()) to sort items by name for people
 */
const char *
csm_kpi_item_get_sort_key (CsmKpiItem *self)
{
  g_return_val_if_fail (CSM_IS_KPI_ITEM (self), NULL);
  return self->sort_key;
}

const char *
csm_kpi_item_get_name (CsmKpiItem *self)
{
  g_return_val_if_fail (CSM_IS_KPI_ITEM (self), NULL);
  return self->name;
}

/**
 * csm_kpi_item_set_row:
 * @row: the same group's new figures, copied
 *
 * Gives the item a new report's figures; the cells showing it follow
 * (CsmKpiItem::changed).
 */
void
csm_kpi_item_set_row (CsmKpiItem      *self,
                      const CsmKpiRow *row)
{
  char *group;

  g_return_if_fail (CSM_IS_KPI_ITEM (self));
  g_return_if_fail (row != NULL);
  g_return_if_fail (g_strcmp0 (row->group, self->row.group) == 0);

  group = self->row.group;
  self->row = *row;
  self->row.group = group;
  g_signal_emit (self, signals[CHANGED], 0);
}
