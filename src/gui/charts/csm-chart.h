/* csm-chart.h: a chart widget: layers of series over shared axes, with hover, keyboard and export.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "csm-chart-layer.h"

G_BEGIN_DECLS

#define CSM_TYPE_CHART (csm_chart_get_type ())

G_DECLARE_FINAL_TYPE (CsmChart, csm_chart, CSM, CHART, GtkWidget)

/**
 * CsmChartFormatFunc:
 * @value: an axis value
 *
 * Returns: (transfer full): the tick label for @value
 */
typedef char *(*CsmChartFormatFunc) (double   value,
                                     gpointer user_data);

GtkWidget  *csm_chart_new                (void);

void        csm_chart_add_layer          (CsmChart           *self,
                                          CsmChartLayer      *layer);
void        csm_chart_remove_all_layers  (CsmChart           *self);
GListModel *csm_chart_get_layers         (CsmChart           *self);

const char *csm_chart_get_title          (CsmChart           *self);
void        csm_chart_set_title          (CsmChart           *self,
                                          const char         *title);
const char *csm_chart_get_description    (CsmChart           *self);
void        csm_chart_set_description    (CsmChart           *self,
                                          const char         *description);
const char *csm_chart_get_empty_text     (CsmChart           *self);
void        csm_chart_set_empty_text     (CsmChart           *self,
                                          const char         *empty_text);
double      csm_chart_get_x_step         (CsmChart           *self);
void        csm_chart_set_x_step         (CsmChart           *self,
                                          double              x_step);
void        csm_chart_set_x_range        (CsmChart           *self,
                                          double              x_min,
                                          double              x_max);
void        csm_chart_set_y_range        (CsmChart           *self,
                                          double              y_min,
                                          double              y_max);
void        csm_chart_set_y_durations    (CsmChart           *self,
                                          gboolean            durations);
void        csm_chart_set_references     (CsmChart           *self,
                                          double              x_reference,
                                          double              y_reference);

void        csm_chart_set_x_format_func  (CsmChart           *self,
                                          CsmChartFormatFunc  func,
                                          gpointer            data,
                                          GDestroyNotify      destroy);
void        csm_chart_set_y_format_func  (CsmChart           *self,
                                          CsmChartFormatFunc  func,
                                          gpointer            data,
                                          GDestroyNotify      destroy);
void        csm_chart_set_x_ticks        (CsmChart           *self,
                                          const double       *ticks,
                                          guint               n);

gboolean    csm_chart_save_png           (CsmChart           *self,
                                          GFile              *file,
                                          int                 width,
                                          int                 height,
                                          GError            **error);
gboolean    csm_chart_save_svg           (CsmChart           *self,
                                          GFile              *file,
                                          int                 width,
                                          int                 height,
                                          GError            **error);

CsmChartLayer *csm_chart_get_focus_layer    (CsmChart        *self);
int            csm_chart_get_focus_position (CsmChart        *self);
void           csm_chart_set_focus_point    (CsmChart        *self,
                                             CsmChartLayer   *layer,
                                             guint            position);

G_END_DECLS
