/* csm-quality-page-submit.c: submitting a review from the Quality page, and delivering what waits.
 *
 * Submitting keeps the review on this machine first (the workspace's
 * outbox), then delivers it; a workspace that cannot take it now is tried
 * again every RETRY_SECONDS, and the page says what waits. A submission
 * is stamped to the second, never the same second as the reviewer's
 * previous version of that conversation.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-quality-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csm-quality-page-private.h"
#include "csm-time.h"

#define RETRY_SECONDS 30

static void
say_waiting (CsmQualityPage *self)
{
  g_autofree char *text = NULL;

  if (self->refused > 0)
    {
      /* Translators: refused reviews or scorecard changes; the second %s is
       * the workspace's reason, a sentence */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "The workspace refused %u review or scorecard change, "
                                           "kept on this computer: %s",
                                           "The workspace refused %u reviews or scorecard "
                                           "changes, kept on this computer. The latest: %s",
                                           self->refused),
                              self->refused, self->refusal != NULL ? self->refusal : "");
      csm_quality_page_show_banner (self, text, _("_Try Again"), "quality.retry-refused");
    }
  else if (self->pending > 0)
    {
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u review or scorecard change waits on this computer: "
                                           "the workspace cannot be reached. It is sent as soon "
                                           "as it can be.",
                                           "%u reviews or scorecard changes wait on this "
                                           "computer: the workspace cannot be reached. They are "
                                           "sent as soon as they can be.", self->pending),
                              self->pending);
      csm_quality_page_show_banner (self, text, _("_Try Now"), "quality.deliver");
    }
  else if (g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (self->banner_button)),
                      "quality.deliver") == 0 ||
           g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (self->banner_button)),
                      "quality.retry-refused") == 0)
    gtk_revealer_set_reveal_child (self->banner, FALSE);
}

static gboolean
retry_cb (gpointer user_data)
{
  CsmQualityPage *self = user_data;

  self->retry_source = 0;
  csm_quality_page_deliver (self);
  return G_SOURCE_REMOVE;
}


/* A refused batch the person gave up on: each review a draft again. */
static void
keep_as_drafts (CsmQualityPage *self,
                const char     *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reviews = csm_qa_reviews_from_json (json, csm_quality_page_find_scorecard,
                                                           self->scorecards,
                                                           &error);

  if (reviews == NULL)
    {
      g_message ("A refused review could not be kept as a draft: %s", error->message);
      return;
    }
  for (guint i = 0; i < reviews->len; i++)
    {
      CsmQaReview *review = g_ptr_array_index (reviews, i);

      g_autofree char *key = csm_quality_page_draft_key (review->conversation,
                                                         review->calibration_session);

      if (g_hash_table_contains (self->draft_by_conversation, key))
        continue;
      csm_draft_store_save (self->drafts, review);
      g_hash_table_insert (self->draft_by_conversation, g_steal_pointer (&key),
                           csm_qa_review_copy (review));
    }
}

static gpointer
copy_review (gconstpointer review,
             gpointer      user_data)
{
  return csm_qa_review_copy (review);
}

static void
delivered_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CsmQualityPage) self = user_data;
  g_autoptr(GError) error = NULL;
  CsmWorkspaceQueueState state;
  gboolean delivered_some;

  if (!csm_workspace_queue_finish (CSM_WORKSPACE (object), result, &state, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      csm_quality_page_set_status (self, error->message);
      return;
    }
  /* The answer of a workspace the page has since closed says nothing of
   * the one open now. */
  if (CSM_WORKSPACE (object) != self->workspace)
    {
      csm_workspace_queue_state_clear (&state);
      return;
    }
  /* Reviews given up on are drafts again, unless a newer draft is there. */
  for (guint i = 0; state.discarded != NULL && state.discarded[i] != NULL; i++)
    keep_as_drafts (self, state.discarded[i]);
  delivered_some = state.pending + state.refused < self->pending + self->refused;
  self->pending = state.pending;
  self->refused = state.refused;
  g_free (self->refusal);
  self->refusal = g_steal_pointer (&state.refusal);
  csm_workspace_queue_state_clear (&state);
  say_waiting (self);
  csm_quality_page_update_actions (self);
  csm_quality_page_update_badges (self);
  if (self->pending > 0 && self->retry_source == 0)
    self->retry_source = g_timeout_add_seconds (RETRY_SECONDS, retry_cb, self);
  if (delivered_some)
    {
      /* A scorecard change may have been among them. */
      csm_quality_page_refresh_scorecards (self);
      csm_quality_page_list_reviews (self);
    }
}

void
csm_quality_page_deliver (CsmQualityPage *self)
{
  if (self->workspace == NULL)
    return;
  g_clear_handle_id (&self->retry_source, g_source_remove);
  csm_workspace_deliver_async (self->workspace, self->cancellable, delivered_cb,
                               g_object_ref (self));
}

/**
 * csm_quality_page_discard_refused:
 *
 * Forgets what the workspace refused; a refused review stays a draft.
 */
void
csm_quality_page_discard_refused (CsmQualityPage *self)
{
  if (self->workspace == NULL)
    return;
  csm_workspace_discard_refused_async (self->workspace, self->cancellable, delivered_cb,
                                       g_object_ref (self));
}

/**
 * csm_quality_page_retry_refused:
 *
 * Offers the refused submissions to the workspace again (the admin may
 * have given the right that was missing); refused again, they stay.
 */
void
csm_quality_page_retry_refused (CsmQualityPage *self)
{
  if (self->workspace == NULL)
    return;
  g_clear_handle_id (&self->retry_source, g_source_remove);
  csm_workspace_retry_refused_async (self->workspace, self->cancellable, delivered_cb,
                                     g_object_ref (self));
}

/* What a submission carries to its answer. */
typedef struct
{
  CsmQualityPage *page;       /* (owned) */
  CsmDraftStore *drafts;      /* (owned): to discard the draft even if the page closed */
  CsmQaReview *review;        /* (owned): as submitted */
} Submission;

static void
submission_free (Submission *submission)
{
  g_object_unref (submission->page);
  g_object_unref (submission->drafts);
  csm_qa_review_free (submission->review);
  g_free (submission);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Submission, submission_free)

static void
queued_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(Submission) submission = user_data;
  CsmQualityPage *self = submission->page;
  CsmQaReview *review = submission->review;
  const CsmQaReview *draft;
  g_autofree char *key = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CsmQaReview) shown = NULL;
  CsmWorkspaceQueueState state;
  gboolean here;

  if (!csm_workspace_queue_finish (CSM_WORKSPACE (object), result, &state, &error))
    {
      if (CSM_WORKSPACE (object) != self->workspace)
        return;
      /* Not even kept on this computer: the draft stays, and says why. */
      self->submitting = FALSE;
      csm_quality_page_set_status (self, error->message);
      csm_quality_page_update_actions (self);
      return;
    }
  /* The page closed meanwhile, or opened another workspace: only this
   * submission's draft, in its own store, is done with. */
  if (CSM_WORKSPACE (object) != self->workspace)
    {
      if (!state.queued_refused)
        csm_draft_store_discard (submission->drafts, review->conversation,
                                 csm_qa_scorecard_get_name (review->scorecard),
                                 review->calibration_session);
      csm_workspace_queue_state_clear (&state);
      return;
    }
  self->submitting = FALSE;

  /* Kept, so the draft has done its work, unless it changed since (or the
   * workspace refused this very submission: then the draft is all there is). */
  key = csm_quality_page_draft_key (review->conversation, review->calibration_session);
  draft = self->draft_by_conversation != NULL
          ? g_hash_table_lookup (self->draft_by_conversation, key) : NULL;
  if (!state.queued_refused && (draft == NULL || csm_qa_review_same_content (draft, review)))
    {
      csm_draft_store_discard (submission->drafts, review->conversation,
                               csm_qa_scorecard_get_name (review->scorecard),
                               review->calibration_session);
      if (self->draft_by_conversation != NULL)
        g_hash_table_remove (self->draft_by_conversation, key);
    }
  self->pending = state.pending;
  self->refused = state.refused;
  g_free (self->refusal);
  self->refusal = g_steal_pointer (&state.refusal);
  if (state.queued_refused)
    csm_quality_page_set_status (self, _("The workspace refused this review; it is kept on this "
                                         "computer and stays a draft here."));
  else
    {
      /* A new array: the views (and the calibration view's worker
       * thread) may hold the one they were given. */
      if (self->reviews != NULL)
        {
          GPtrArray *with = g_ptr_array_copy (self->reviews, copy_review, NULL);

          g_ptr_array_add (with, csm_qa_review_copy (review));
          g_ptr_array_unref (self->reviews);
          self->reviews = with;
        }
      /* Submitting the last conversation of a calibration session shows
       * the others' reviews of it: read them. */
      if (review->calibration_session != NULL)
        csm_quality_page_list_reviews (self);
      csm_quality_page_set_status (self, self->pending > 0
                                         ? _("Submitted: kept on this computer until the "
                                             "workspace can be reached.")
                                         : _("Submitted."));
    }
  say_waiting (self);
  if (self->pending > 0 && self->retry_source == 0)
    self->retry_source = g_timeout_add_seconds (RETRY_SECONDS, retry_cb, self);
  csm_quality_page_update_results (self);
  csm_quality_page_update_badges (self);

  /* The form still shows this conversation: it shows what was submitted,
   * which is never edited; a change from here is the next version. */
  shown = csm_review_form_dup_review (self->review_form);
  here = shown != NULL && g_strcmp0 (shown->conversation, review->conversation) == 0;
  if (here && csm_qa_review_same_content (shown, review))
    self->dirty = FALSE;
  csm_quality_page_update_actions (self);
}

/* The latest time a version of this review by me was submitted. */
static gint64
latest_submitted (CsmQualityPage    *self,
                  const CsmQaReview *review)
{
  gint64 latest = CSM_TIME_UNSET;

  for (guint i = 0; self->reviews != NULL && i < self->reviews->len; i++)
    {
      const CsmQaReview *other = g_ptr_array_index (self->reviews, i);

      if (g_strcmp0 (other->conversation, review->conversation) == 0 &&
          g_strcmp0 (other->reviewer, review->reviewer) == 0 &&
          (latest == CSM_TIME_UNSET || other->submitted > latest))
        latest = other->submitted;
    }
  return latest;
}

void
csm_quality_page_submit (CsmQualityPage *self)
{
  g_autoptr(CsmQaReview) review = NULL;
  g_autoptr(GPtrArray) batch = NULL;
  g_autoptr(GError) error = NULL;
  Submission *submission;
  gint64 latest;

  if (self->workspace == NULL || !self->ready || self->submitting || !self->dirty ||
      !csm_review_form_is_complete (self->review_form))
    return;
  review = csm_review_form_dup_review (self->review_form);
  g_free (review->reviewer);
  review->reviewer = g_strdup (self->me);
  /* Each version a second after the one before, so no two tie. */
  review->submitted = csm_page_get_now (CSM_PAGE (self));
  latest = latest_submitted (self, review);
  if (latest != CSM_TIME_UNSET && review->submitted <= latest)
    review->submitted = latest + 1;
  if (!csm_qa_review_validate (review, &error))
    {
      csm_quality_page_set_status (self, error->message);
      return;
    }
  batch = g_ptr_array_new ();
  g_ptr_array_add (batch, review);
  submission = g_new0 (Submission, 1);
  submission->page = g_object_ref (self);
  submission->drafts = g_object_ref (self->drafts);
  submission->review = csm_qa_review_copy (review);
  self->submitting = TRUE;
  csm_quality_page_update_actions (self);
  csm_quality_page_set_status (self, _("Submitting…"));
  /* Not cancelled with the page: once kept, the draft must go. */
  csm_workspace_queue_reviews_async (self->workspace, batch, NULL, queued_cb, submission);
}
