/* csm-sampling-view-settings.c: the Sampling view's choices: the risk weights, word list and new agents, and what is kept of them in settings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-sampling-view"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csm-sampling-view-private.h"

const char * const _csm_sampling_modes[] = { "random", "queue", "channel", "risk" };
const char * const _csm_sampling_risk_names[CSM_QA_N_RISKS] = {
  N_("Low CSAT"), N_("SLA breached"), N_("Reopened"), N_("Long handle time"), N_("New agent"),
  N_("Words"),
};


void
_csm_sampling_view_read_weights (CsmSamplingView  *self,
              CsmQaRiskWeights *weights,
              GStrv            *words)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->words_entry));

  csm_qa_risk_weights_init (weights);
  for (guint i = 0; i < CSM_QA_N_RISKS; i++)
    weights->weight[i] = gtk_spin_button_get_value (self->weight_spins[i]);
  weights->long_handle_minutes = gtk_spin_button_get_value (self->long_spin);
  *words = g_regex_split_simple ("[,;\\s]+", text, 0, 0);
  if (*text != '\0')
    weights->words = (const char * const *) *words;
}

void
_csm_sampling_view_explain (CsmSamplingView *self)
{
  static const char * const explanations[] = {
    N_("Every conversation of an agent is as likely to be picked."),
    N_("Each agent’s quota is shared among their queues in proportion to their conversations."),
    N_("Each agent’s quota is shared among their channels in proportion to their conversations."),
    N_("Conversations with risk signals are likelier to be picked; each says why, and with "
       "what probability, so that the IQS of its reviews can be weighted back: the sample does "
       "not make an agent look worse than they are."),
  };
  guint mode = gtk_drop_down_get_selected (self->mode_dropdown);

  gtk_label_set_text (self->explain_label, _(explanations[MIN (mode, 3)]));
  gtk_widget_set_sensitive (GTK_WIDGET (self->weights_button), mode == 3);
}

void
_csm_sampling_view_store_settings (CsmSamplingView *self)
{
  GVariantBuilder weights;
  g_auto(GStrv) words = g_regex_split_simple ("[,;\\s]+", gtk_editable_get_text (
                                                GTK_EDITABLE (self->words_entry)), 0, 0);
  g_auto(GStrv) new_agents = g_regex_split_simple ("[,;\\s]+", gtk_editable_get_text (
                                                     GTK_EDITABLE (self->new_entry)), 0, 0);

  if (self->settings == NULL)
    return;
  g_variant_builder_init (&weights, G_VARIANT_TYPE ("ad"));
  for (guint i = 0; i < CSM_QA_N_RISKS; i++)
    g_variant_builder_add (&weights, "d", gtk_spin_button_get_value (self->weight_spins[i]));
  g_settings_set_value (self->settings, "qa-sample-weights", g_variant_builder_end (&weights));
  g_settings_set_uint (self->settings, "qa-sample-long-handle",
                       gtk_spin_button_get_value_as_int (self->long_spin));
  g_settings_set_strv (self->settings, "qa-sample-words",
                       words[0] != NULL && *words[0] != '\0' ? (const char * const *) words
                                                             : NULL);
  g_settings_set_strv (self->settings, "qa-new-agents",
                       new_agents[0] != NULL && *new_agents[0] != '\0'
                       ? (const char * const *) new_agents : NULL);
}

static void
add_weight_row (CsmSamplingView *self,
                guint            row,
                const char      *name,
                GtkWidget       *field)
{
  GtkWidget *label = gtk_label_new (name);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_grid_attach (self->weights_grid, label, 0, row, 1, 1);
  gtk_grid_attach (self->weights_grid, field, 1, row, 1, 1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  label, NULL, -1);
}

void
_csm_sampling_view_build_weights (CsmSamplingView *self)
{
  CsmQaRiskWeights defaults;

  csm_qa_risk_weights_init (&defaults);
  for (guint i = 0; i < CSM_QA_N_RISKS; i++)
    {
      self->weight_spins[i] = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, 10, 0.5));
      gtk_spin_button_set_value (self->weight_spins[i], defaults.weight[i]);
      add_weight_row (self, i, _(_csm_sampling_risk_names[i]), GTK_WIDGET (self->weight_spins[i]));
    }
  self->long_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (1, 1440, 5));
  gtk_spin_button_set_value (self->long_spin, defaults.long_handle_minutes);
  add_weight_row (self, CSM_QA_N_RISKS, _("Long handle time beyond (minutes)"),
                  GTK_WIDGET (self->long_spin));
  self->words_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_editable_set_width_chars (GTK_EDITABLE (self->words_entry), 36);
  {
    g_autofree char *listed = g_strjoinv (", ", (char **) defaults.words);

    gtk_editable_set_text (GTK_EDITABLE (self->words_entry), listed);
  }
  add_weight_row (self, CSM_QA_N_RISKS + 1, _("Words of frustration or urgency"),
                  GTK_WIDGET (self->words_entry));
  self->new_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (self->new_entry, _("User names, separated by commas"));
  add_weight_row (self, CSM_QA_N_RISKS + 2, _("New agents"), GTK_WIDGET (self->new_entry));
  self->after_check = GTK_CHECK_BUTTON (gtk_check_button_new ());
  gtk_check_button_set_active (self->after_check, TRUE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->after_check),
                               _("An agent whose completed training awaits its effect gets the "
                                 "reviews it still needs, beyond the quota"));
  add_weight_row (self, CSM_QA_N_RISKS + 3, _("Extra reviews after training"),
                  GTK_WIDGET (self->after_check));
}

void
_csm_sampling_view_load_settings (CsmSamplingView *self)
{
  g_autoptr(GVariant) weights = NULL;
  g_auto(GStrv) words = NULL;
  g_auto(GStrv) new_agents = NULL;
  g_autofree char *mode = NULL;
  g_autofree char *period = NULL;

  if (self->settings == NULL)
    return;
  weights = g_settings_get_value (self->settings, "qa-sample-weights");
  for (gsize i = 0; i < CSM_QA_N_RISKS && i < g_variant_n_children (weights); i++)
    {
      double w;

      g_variant_get_child (weights, i, "d", &w);
      gtk_spin_button_set_value (self->weight_spins[i], w);
    }
  gtk_spin_button_set_value (self->long_spin,
                             g_settings_get_uint (self->settings, "qa-sample-long-handle"));
  words = g_settings_get_strv (self->settings, "qa-sample-words");
  if (words[0] != NULL)
    {
      g_autofree char *listed = g_strjoinv (", ", words);

      gtk_editable_set_text (GTK_EDITABLE (self->words_entry), listed);
    }
  new_agents = g_settings_get_strv (self->settings, "qa-new-agents");
  {
    g_autofree char *listed = g_strjoinv (", ", new_agents);

    gtk_editable_set_text (GTK_EDITABLE (self->new_entry), listed);
  }
  mode = g_settings_get_string (self->settings, "qa-sample-mode");
  period = g_settings_get_string (self->settings, "qa-sample-period");
  for (guint i = 0; i < G_N_ELEMENTS (_csm_sampling_modes); i++)
    if (g_str_equal (mode, _csm_sampling_modes[i]))
      gtk_drop_down_set_selected (self->mode_dropdown, i);
  gtk_drop_down_set_selected (self->period_dropdown, g_str_equal (period, "month") ? 1 : 0);
  g_settings_bind (self->settings, "qa-sample-quota", self->quota_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "qa-target-margin", self->target_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "qa-sample-after-training", self->after_check, "active",
                   G_SETTINGS_BIND_DEFAULT);
}
