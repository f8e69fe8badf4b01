/* csm-calibration-rows.c: the rows of the Calibration view: a category's agreement, a reviewer's bias, a row of two labels.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-calibration-view"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "csm-calibration-rows.h"

char *
_csm_calibration_format_number (double value,
                                int    decimals)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buf, sizeof buf, decimals == 3 ? "%.3f" : "%.1f", value));
}

GtkWidget *
_csm_calibration_row (GtkWidget *start,
                      GtkWidget *end,
                      const char *accessible)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  gtk_widget_set_hexpand (start, TRUE);
  gtk_box_append (GTK_BOX (box), start);
  if (end != NULL)
    gtk_box_append (GTK_BOX (box), end);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  if (accessible != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    accessible, -1);
  return row;
}

GtkWidget *
_csm_calibration_two_lines (const char *title,
                            const char *subtitle)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *first = gtk_label_new (title);
  GtkWidget *second = gtk_label_new (subtitle);

  gtk_label_set_xalign (GTK_LABEL (first), 0);
  gtk_label_set_xalign (GTK_LABEL (second), 0);
  gtk_label_set_wrap (GTK_LABEL (second), TRUE);
  gtk_widget_add_css_class (second, "dim-label");
  gtk_box_append (GTK_BOX (box), first);
  gtk_box_append (GTK_BOX (box), second);
  return box;
}

GtkWidget *
_csm_calibration_category_row (const CsmQaCalibrationCategory *c)
{
  GtkWidget *start, *end, *alpha, *interval;
  g_autofree char *subtitle = NULL;
  g_autofree char *alpha_text = NULL;
  g_autofree char *interval_text = NULL;
  g_autofree char *accessible = NULL;
  g_autofree char *spread = c->spread_defined ? _csm_calibration_format_number (c->spread, 1) : g_strdup ("—");
  const char *level = c->level == CSM_QA_ALPHA_NOMINAL ? _("binary, nominal α")
                                                       : _("ordinal α");

  /* Translators: a category's calibration: its α's level, reviewers,
   * conversations rated at least twice, the mean spread of scores */
  subtitle = g_strdup_printf (_("%s · %u reviewers · %u conversations · spread ±%s"), level,
                              c->reviewers, c->conversations, spread);
  start = _csm_calibration_two_lines (c->category, subtitle);
  if (c->alpha.defined)
    {
      g_autofree char *value = _csm_calibration_format_number (round (c->alpha.alpha * 1000) / 1000, 3);
      g_autofree char *low = _csm_calibration_format_number (round (c->alpha.low * 1000) / 1000, 3);
      g_autofree char *high = _csm_calibration_format_number (round (c->alpha.high * 1000) / 1000, 3);

      alpha_text = g_strdup_printf ("α %s", value);
      interval_text = c->alpha.interval ? g_strdup_printf ("%s – %s", low, high) : g_strdup ("");
    }
  else
    {
      alpha_text = g_strdup ("α —");
      interval_text = g_strdup (c->conversations == 0 ? _("no conversation rated twice")
                                                      : _("every rating the same"));
    }
  end = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  alpha = gtk_label_new (alpha_text);
  gtk_label_set_xalign (GTK_LABEL (alpha), 1);
  gtk_widget_add_css_class (alpha, "title-4");
  gtk_widget_add_css_class (alpha, "numeric");
  gtk_widget_add_css_class (alpha, c->flagged ? "error" : c->alpha.defined ? "success" : "dim-label");
  interval = gtk_label_new (interval_text);
  gtk_label_set_xalign (GTK_LABEL (interval), 1);
  gtk_widget_add_css_class (interval, "dim-label");
  gtk_widget_add_css_class (interval, "numeric");
  gtk_box_append (GTK_BOX (end), alpha);
  gtk_box_append (GTK_BOX (end), interval);
  if (c->flagged)
    {
      GtkWidget *warning = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      GtkWidget *label = gtk_label_new (_("Under 0.667: reviewers do not score this alike. "
                                          "Most disagreement:"));

      gtk_widget_add_css_class (icon, "warning");
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_box_append (GTK_BOX (warning), icon);
      gtk_box_append (GTK_BOX (warning), label);
      for (guint i = 0; i < c->disagreeing->len; i++)
        {
          const CsmQaDisagreement *d = g_ptr_array_index (c->disagreeing, i);
          g_autofree char *sd = _csm_calibration_format_number (d->spread, 1);
          g_autofree char *link = g_strdup_printf ("#%s (±%s)", d->conversation, sd);
          GtkWidget *button = gtk_button_new_with_label (link);

          gtk_widget_add_css_class (button, "flat");
          gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "quality.open-conversation");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", d->conversation);
          gtk_widget_set_tooltip_text (button, _("Open the conversation"));
          gtk_box_append (GTK_BOX (warning), button);
        }
      gtk_box_append (GTK_BOX (start), warning);
    }
  /* Each reviewer's bias in this category. */
  {
    g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

    for (guint i = 0; c->reviewers_bias != NULL && i < c->reviewers_bias->len; i++)
      {
        const CsmQaCalibrationReviewer *r = g_ptr_array_index (c->reviewers_bias, i);
        char buf[G_ASCII_DTOSTR_BUF_SIZE];

        if (r->defined)
          g_ptr_array_add (parts, g_strdup_printf ("%s %s", r->reviewer,
                                                   g_ascii_formatd (buf, sizeof buf, "%+.1f",
                                                                    r->bias)));
      }
    if (parts->len > 0)
      {
        g_autofree char *listed = NULL;
        g_autofree char *text = NULL;
        GtkWidget *label;

        g_ptr_array_add (parts, NULL);
        listed = g_strjoinv (" · ", (char **) parts->pdata);
        /* Translators: each reviewer's bias in a category, in points */
        text = g_strdup_printf (_("Bias: %s"), listed);
        label = gtk_label_new (text);
        gtk_label_set_xalign (GTK_LABEL (label), 0);
        gtk_label_set_wrap (GTK_LABEL (label), TRUE);
        gtk_widget_add_css_class (label, "dim-label");
        gtk_widget_add_css_class (label, "numeric");
        gtk_box_append (GTK_BOX (start), label);
      }
  }
  accessible = g_strdup_printf (_("%s: %s, %s. %s"), c->category, alpha_text, interval_text,
                                subtitle);
  return _csm_calibration_row (start, end, accessible);
}

GtkWidget *
_csm_calibration_reviewer_row (const CsmQaCalibrationReviewer *r)
{
  GtkWidget *start, *end;
  g_autofree char *subtitle = NULL;
  g_autofree char *value = NULL;
  g_autofree char *accessible = NULL;

  if (r->defined)
    {
      g_autofree char *bias = _csm_calibration_format_number (fabs (r->bias), 1);
      g_autofree char *agreement = _csm_calibration_format_number (r->agreement, 1);

      /* Translators: a reviewer's bias in calibration, in points of 100 */
      subtitle = fabs (r->bias) < 0.05
                 ? g_strdup_printf (_("no bias · %u ratings compared"), r->compared)
                 : r->bias > 0
                 ? g_strdup_printf (_("%s points more generous · %u ratings compared"), bias,
                                    r->compared)
                 : g_strdup_printf (_("%s points stricter · %u ratings compared"), bias,
                                    r->compared);
      value = g_strdup_printf (_("agreement %s"), agreement);
    }
  else
    {
      subtitle = g_strdup (_("nothing to compare with yet"));
      value = g_strdup (_("agreement —"));
    }
  start = _csm_calibration_two_lines (r->reviewer, subtitle);
  end = gtk_label_new (value);
  gtk_widget_add_css_class (end, "numeric");
  gtk_widget_set_valign (end, GTK_ALIGN_CENTER);
  accessible = g_strdup_printf ("%s: %s, %s", r->reviewer, value, subtitle);
  return _csm_calibration_row (start, end, accessible);
}
