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
