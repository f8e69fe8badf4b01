/* csm-quality-page-calibration.c: the Quality page's sampling, calibration, disputes, training and consistency views, given the page's workspace and reviews.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-quality-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csm-page.h"
#include "csm-quality-page-private.h"

/* A team's window is the workspace's, which its policies hold agents to;
 * this computer's own is the setting. */
static guint
window_days (CsmQualityPage *self)
{
  GSettings *settings = csm_page_get_settings (CSM_PAGE (self));
  guint team = self->workspace != NULL
               ? csm_workspace_get_dispute_window_days (self->workspace) : 0;

  if (team > 0)
    return team;
  return settings != NULL ? g_settings_get_uint (settings, "dispute-window-days")
                          : CSM_QA_DISPUTE_WINDOW_DAYS;
}

static void
set_view_visible (CsmQualityPage *self,
                  const char     *name,
                  gboolean        visible)
{
  GtkWidget *child = gtk_stack_get_child_by_name (self->views, name);

  gtk_stack_page_set_visible (gtk_stack_get_page (self->views, child), visible);
}

static void
window_changed_cb (GSettings      *settings,
                   const char     *key,
                   CsmQualityPage *self)
{
  csm_quality_page_share_reviews (self);
}

/**
 * csm_quality_page_share_workspace:
 *
 * Gives the views the page's workspace (or none, once it is closed).
 * Calibration is for those who review or read every review; disputes for
 * everyone.
 */
void
csm_quality_page_share_workspace (CsmQualityPage *self)
{
  CsmWorkspacePermissions permissions = self->workspace != NULL
                                        ? csm_workspace_get_permissions (self->workspace) : 0;
  GSettings *settings = csm_page_get_settings (CSM_PAGE (self));

  set_view_visible (self, "calibration",
                    self->workspace == NULL ||
                    (permissions & (CSM_WORKSPACE_REVIEWS | CSM_WORKSPACE_READS_ALL)));
  /* Sampling and its assignments are a lead's. */
  set_view_visible (self, "sampling", self->workspace != NULL &&
                                      (permissions & CSM_WORKSPACE_ASSIGNS));
  csm_sampling_view_set_sources (self->sampling_view, settings, G_LIST_MODEL (self->view),
                                 self->loader);
  csm_sampling_view_set_workspace (self->sampling_view, self->workspace);
  csm_calibration_view_set_workspace (self->calibration_view, self->workspace, self->me);
  csm_disputes_view_set_workspace (self->disputes_view, self->workspace, self->me);
  /* Training for all (an agent's own); consistency for those who read
   * every review. */
  set_view_visible (self, "consistency", self->workspace != NULL &&
                                         (permissions & CSM_WORKSPACE_READS_ALL));
  csm_quality_results_set_may_assign (self->results, permissions & CSM_WORKSPACE_ASSIGNS);
  csm_training_view_set_settings (self->training_view, settings);
  csm_training_view_set_clock (self->training_view,
                               csm_page_get_context (CSM_PAGE (self)) != NULL
                               ? csm_context_get_clock (csm_page_get_context (CSM_PAGE (self)))
                               : NULL);
  csm_training_view_set_workspace (self->training_view, self->workspace, self->me);
  csm_consistency_view_set_workspace (self->consistency_view, self->workspace);
  if (settings != NULL && settings != self->watched_settings)
    {
      g_set_object (&self->watched_settings, settings);
      g_signal_connect_object (settings, "changed::dispute-window-days",
                               G_CALLBACK (window_changed_cb), self, 0);
    }
}

/**
 * csm_quality_page_share_reviews:
 *
 * Gives the views the reviews the workspace shows, as the page read them.
 */
void
csm_quality_page_share_reviews (CsmQualityPage *self)
{
  gint64 now = csm_page_get_now (CSM_PAGE (self));

  if (self->reviews == NULL)
    return;
  csm_calibration_view_set_reviews (self->calibration_view, self->reviews, now);
  csm_sampling_view_set_sources (self->sampling_view, csm_page_get_settings (CSM_PAGE (self)),
                                 G_LIST_MODEL (self->view), self->loader);
  csm_sampling_view_set_reviews (self->sampling_view, self->reviews, now);
  csm_disputes_view_set_reviews (self->disputes_view, self->reviews, now, window_days (self));
  csm_training_view_set_scorecard (self->training_view, self->scorecard);
  csm_training_view_set_reviews (self->training_view, self->reviews, now);
  csm_consistency_view_set_reviews (self->consistency_view, self->reviews, now);
}

/**
 * csm_quality_page_share_awaiting:
 *
 * The agents whose training awaits its effect get more reviews in the
 * next sample.
 */
void
csm_quality_page_share_awaiting (CsmQualityPage *self)
{
  csm_sampling_view_set_awaiting (self->sampling_view,
                                  csm_training_view_get_awaiting (self->training_view));
}

/**
 * csm_quality_page_assign_training:
 * @category: (nullable): a category the module should train
 *
 * Opens the Training view's form for @agent.
 */
void
csm_quality_page_assign_training (CsmQualityPage *self,
                                  const char     *agent,
                                  const char     *category)
{
  csm_quality_page_show_view (self, "training");
  csm_training_view_assign (self->training_view, agent, category);
}
