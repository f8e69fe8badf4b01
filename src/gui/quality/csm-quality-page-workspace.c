/* csm-quality-page-workspace.c: the Quality page's side of the workspace: scorecards, drafts, submitting, reviews.
 *
 * When the page is first shown it opens the workspace (this machine's
 * SQLite workspace), reads its scorecards (a new workspace gets the default
 * scorecard), the drafts kept on this machine, and the reviews it shows
 * this person, then delivers any submission an earlier console left
 * waiting. Drafts found at start are offered back in a banner.
 *
 * Every change to the form is a draft saved at once (csm_draft_store_save ()
 * costs the main loop a JSON string; a writer thread stores it). Submitting
 * keeps the review on this machine first (the workspace's outbox), then
 * delivers it; a workspace that cannot take it now is tried again every
 * RETRY_SECONDS, and the page says what waits.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-quality-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csm-quality-page-private.h"
#include "csm-mask.h"
#include "csm-time.h"

#define RETRY_SECONDS 30

void
csm_quality_page_set_status (CsmQualityPage *self,
                             const char     *status)
{
  g_free (self->status);
  self->status = g_strdup (status);
  csm_review_form_set_status (self->review_form, status);
}

void
csm_quality_page_show_banner (CsmQualityPage *self,
                              const char     *text,
                              const char     *button,
                              const char     *action)
{
  gtk_label_set_text (self->banner_label, text);
  gtk_button_set_label (self->banner_button, button);
  gtk_button_set_use_underline (self->banner_button, TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->banner_button), action);
  gtk_revealer_set_reveal_child (self->banner, TRUE);
}

/**
 * csm_quality_page_may_unmask:
 *
 * Only the workspace's administrator may see personal data unmasked. This
 * computer's own workspace is its owner's; a team's workspace is not
 * opened by this page.
 */
gboolean
csm_quality_page_may_unmask (CsmQualityPage *self)
{
  return self->workspace != NULL &&
         !g_str_has_prefix (csm_workspace_get_location (self->workspace), "postgresql:") &&
         !g_str_has_prefix (csm_workspace_get_location (self->workspace), "postgres:");
}

/**
 * csm_quality_page_shown_text:
 * @n_masked: (out) (optional): how many items were masked
 *
 * Returns: (transfer full): @text as this reviewer may see it
 */
char *
csm_quality_page_shown_text (CsmQualityPage *self,
                             const char     *text,
                             guint          *n_masked)
{
  if (n_masked != NULL)
    *n_masked = 0;
  if (self->show_personal_data && csm_quality_page_may_unmask (self))
    return g_strdup (text != NULL ? text : "");
  return csm_mask_personal_data (text != NULL ? text : "", n_masked);
}

void
csm_quality_page_update_actions (CsmQualityPage *self)
{
  gboolean form = g_strcmp0 (gtk_stack_get_visible_child_name (self->form_stack), "form") == 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "quality.submit",
                                 self->workspace != NULL && self->ready && form && self->dirty &&
                                 !self->submitting &&
                                 csm_review_form_is_complete (self->review_form));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "quality.deliver", self->workspace != NULL);
  /* This computer's own workspace: its owner is its administrator. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "quality.show-personal-data",
                                 csm_quality_page_may_unmask (self));
}

/* conversation → queue, for IQS by queue. */
static GHashTable *
queue_map (CsmQualityPage *self)
{
  CsmSyncEngine *engine = csm_page_get_engine (CSM_PAGE (self));
  GHashTable *queues = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  CsmTicketList *tickets;

  if (engine == NULL || self->reviews == NULL)
    return queues;
  tickets = csm_sync_engine_get_tickets (engine);
  for (guint i = 0; i < self->reviews->len; i++)
    {
      const CsmQaReview *review = g_ptr_array_index (self->reviews, i);
      CsmTicket *ticket = csm_ticket_list_lookup (tickets,
                                                  g_ascii_strtoll (review->conversation, NULL, 10));

      if (ticket != NULL && !g_hash_table_contains (queues, review->conversation))
        g_hash_table_insert (queues, g_strdup (review->conversation),
                             g_strdup (csm_ticket_get_queue_name (ticket)));
    }
  return queues;
}

typedef struct
{
  gint64 submitted;
  double score;
} Scored;

void
csm_quality_page_update_results (CsmQualityPage *self)
{
  g_autoptr(GHashTable) queues = NULL;
  g_autoptr(GHashTable) latest = NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (self->reviews == NULL)
    return;
  queues = queue_map (self);
  csm_quality_results_set_reviews (self->results, self->reviews, queues,
                                   csm_page_get_now (CSM_PAGE (self)));

  /* My latest version's score of each conversation, for the list's badges. */
  latest = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  for (guint i = 0; i < self->reviews->len; i++)
    {
      const CsmQaReview *review = g_ptr_array_index (self->reviews, i);
      CsmQaScore score = csm_qa_review_get_score (review);
      Scored *seen;

      if (g_strcmp0 (review->reviewer, self->me) != 0 || review->calibration_session != NULL ||
          !score.defined)
        continue;
      seen = g_hash_table_lookup (latest, review->conversation);
      if (seen == NULL)
        {
          seen = g_new0 (Scored, 1);
          g_hash_table_insert (latest, review->conversation, seen);
        }
      else if (seen->submitted > review->submitted)
        continue;
      seen->submitted = review->submitted;
      seen->score = score.value;
    }
  g_clear_pointer (&self->my_score, g_hash_table_unref);
  self->my_score = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_iter_init (&iter, latest);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (self->my_score, g_strdup (key),
                         g_memdup2 (&((Scored *) value)->score, sizeof (double)));
}

/* ------------------------------------------------------------------------ */
/* The form                                                                 */

/**
 * csm_quality_page_show_form:
 * @ticket: (nullable): the conversation chosen
 *
 * Its draft if there is one, otherwise a new review on the current
 * scorecard.
 */
void
csm_quality_page_show_form (CsmQualityPage *self,
                            CsmTicket      *ticket)
{
  g_autofree char *conversation = NULL;
  g_autoptr(CsmQaReview) fresh = NULL;
  const CsmQaReview *review;

  if (ticket == NULL || self->scorecard == NULL)
    {
      adw_status_page_set_description (self->form_status,
                                       ticket == NULL
                                       ? _("The scorecard appears here with the conversation.")
                                       : self->workspace == NULL
                                       ? _("The QA workspace is not open yet.")
                                       : _("The workspace has no scorecard. An admin imports one "
                                           "with csm-console --import=scorecard FILE."));
      gtk_stack_set_visible_child_name (self->form_stack, "none");
      csm_quality_page_update_actions (self);
      return;
    }

  conversation = g_strdup_printf ("%" G_GINT64_FORMAT, csm_ticket_get_id (ticket));
  review = g_hash_table_lookup (self->draft_by_conversation, conversation);
  if (review == NULL)
    {
      const char *owner = csm_ticket_get_owner (ticket);

      fresh = csm_qa_review_new (self->scorecard);
      fresh->conversation = g_strdup (conversation);
      fresh->agent = g_strdup (owner != NULL ? owner : "Nobody");
      fresh->reviewer = g_strdup (self->me);
      review = fresh;
    }
  {
    g_autofree char *subject = csm_quality_page_shown_text (self, csm_ticket_get_subject (ticket),
                                                            NULL);

    csm_review_form_set_review (self->review_form, review, subject);
  }
  self->dirty = review != fresh;
  csm_quality_page_set_status (self, review == fresh ? NULL : _("Draft restored."));
  gtk_stack_set_visible_child_name (self->form_stack, "form");
  csm_quality_page_update_actions (self);
}

/* Every change is kept at once: a crash or a kill loses at most the
 * writer's last moment. */
void
csm_quality_page_save_draft (CsmQualityPage *self)
{
  g_autoptr(CsmQaReview) draft = NULL;
  char *key;
  gboolean first;

  if (self->drafts == NULL)
    return;
  draft = csm_review_form_dup_review (self->review_form);
  if (draft == NULL || draft->conversation == NULL)
    return;
  draft->submitted = CSM_TIME_UNSET;
  self->dirty = TRUE;
  csm_quality_page_update_actions (self);
  csm_draft_store_save (self->drafts, draft);
  key = g_strdup (draft->conversation);
  first = !g_hash_table_contains (self->draft_by_conversation, key);
  g_hash_table_replace (self->draft_by_conversation, key, g_steal_pointer (&draft));
  csm_quality_page_set_status (self, _("Draft saved on this computer."));
  if (first)
    csm_quality_page_update_badges (self);
}

/* ------------------------------------------------------------------------ */
/* Submitting and delivering                                                */

static void
say_waiting (CsmQualityPage *self)
{
  g_autofree char *text = NULL;

  if (self->refused > 0)
    {
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "The workspace refused %u submission. It is kept on "
                                           "this computer with the reason.",
                                           "The workspace refused %u submissions. They are kept "
                                           "on this computer with the reason.", self->refused),
                              self->refused);
      csm_quality_page_show_banner (self, text, _("_Try Again"), "quality.deliver");
    }
  else if (self->pending > 0)
    {
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u submission waits on this computer: the workspace "
                                           "cannot be reached. It is sent as soon as it can be.",
                                           "%u submissions wait on this computer: the workspace "
                                           "cannot be reached. They are sent as soon as they can "
                                           "be.", self->pending), self->pending);
      csm_quality_page_show_banner (self, text, _("_Try Now"), "quality.deliver");
    }
  else if (g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (self->banner_button)),
                      "quality.deliver") == 0)
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

static void
list_reviews (CsmQualityPage *self);

static void
delivered_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CsmQualityPage) self = user_data;
  g_autoptr(GError) error = NULL;
  guint pending = 0, refused = 0;
  gboolean delivered_some;

  if (!csm_workspace_queue_finish (CSM_WORKSPACE (object), result, &pending, &refused, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      csm_quality_page_set_status (self, error->message);
      return;
    }
  delivered_some = pending < self->pending;
  self->pending = pending;
  self->refused = refused;
  say_waiting (self);
  if (pending > 0 && self->retry_source == 0)
    self->retry_source = g_timeout_add_seconds (RETRY_SECONDS, retry_cb, self);
  if (delivered_some)
    list_reviews (self);
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

/* What a submission carries to its answer. */
typedef struct
{
  CsmQualityPage *page;       /* (owned) */
  CsmDraftStore *drafts;      /* (owned): to discard the draft even if the page closed */
  CsmQaReview *review;        /* (owned): as submitted */
  guint refused_before;
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
  g_autoptr(GError) error = NULL;
  g_autoptr(CsmQaReview) shown = NULL;
  guint pending = 0, refused = 0;
  gboolean here;

  self->submitting = FALSE;
  if (!csm_workspace_queue_finish (CSM_WORKSPACE (object), result, &pending, &refused, &error))
    {
      /* Not even kept on this computer: the draft stays, and says why. */
      csm_quality_page_set_status (self, error->message);
      csm_quality_page_update_actions (self);
      return;
    }

  /* Kept, so the draft has done its work, unless it changed since (or the
   * workspace refused this very submission: then the draft is all there is). */
  draft = self->draft_by_conversation != NULL
          ? g_hash_table_lookup (self->draft_by_conversation, review->conversation) : NULL;
  if (refused <= submission->refused_before &&
      (draft == NULL || csm_qa_review_same_content (draft, review)))
    {
      csm_draft_store_discard (submission->drafts, review->conversation,
                               csm_qa_scorecard_get_name (review->scorecard));
      if (self->draft_by_conversation != NULL)
        g_hash_table_remove (self->draft_by_conversation, review->conversation);
    }
  if (self->workspace == NULL)
    return;   /* the page closed meanwhile */

  self->pending = pending;
  self->refused = refused;
  if (refused > submission->refused_before)
    csm_quality_page_set_status (self, _("The workspace refused this review; it is kept on this "
                                         "computer and stays a draft here."));
  else
    {
      if (self->reviews != NULL)
        g_ptr_array_add (self->reviews, csm_qa_review_copy (review));
      csm_quality_page_set_status (self, pending > 0
                                         ? _("Submitted: kept on this computer until the "
                                             "workspace can be reached.")
                                         : _("Submitted."));
    }
  say_waiting (self);
  if (pending > 0 && self->retry_source == 0)
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
  submission->refused_before = self->refused;
  self->submitting = TRUE;
  csm_quality_page_update_actions (self);
  csm_quality_page_set_status (self, _("Submitting…"));
  /* Not cancelled with the page: once kept, the draft must go. */
  csm_workspace_queue_reviews_async (self->workspace, batch, NULL, queued_cb, submission);
}

/* ------------------------------------------------------------------------ */
/* Opening                                                                  */

static void
reviews_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CsmQualityPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reviews = NULL;

  reviews = csm_workspace_list_reviews_finish (CSM_WORKSPACE (object), result, &error);
  if (reviews == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        csm_quality_page_set_status (self, error->message);
      return;
    }
  g_clear_pointer (&self->reviews, g_ptr_array_unref);
  self->reviews = g_steal_pointer (&reviews);
  self->ready = TRUE;
  csm_quality_page_update_results (self);
  csm_quality_page_update_badges (self);
}

static void
list_reviews (CsmQualityPage *self)
{
  csm_workspace_list_reviews_async (self->workspace, self->cancellable, reviews_cb,
                                    g_object_ref (self));
}

static CsmQaScorecard *
find_scorecard (const char *name,
                int         version,
                gpointer    user_data)
{
  GPtrArray *cards = user_data;

  for (guint i = 0; cards != NULL && i < cards->len; i++)
    if (g_strcmp0 (csm_qa_scorecard_get_name (cards->pdata[i]), name) == 0 &&
        csm_qa_scorecard_get_version (cards->pdata[i]) == version)
      return cards->pdata[i];
  return NULL;
}

static void
drafts_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(CsmQualityPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) drafts = NULL;
  guint n;

  drafts = csm_draft_store_list_finish (CSM_DRAFT_STORE (object), result, &error);
  g_clear_pointer (&self->lent_scorecards, g_ptr_array_unref);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (drafts == NULL)
    csm_quality_page_set_status (self, error->message);
  for (guint i = 0; drafts != NULL && i < drafts->len; i++)
    {
      CsmQaReview *draft = g_ptr_array_index (drafts, i);

      g_hash_table_replace (self->draft_by_conversation, g_strdup (draft->conversation),
                            csm_qa_review_copy (draft));
    }
  n = g_hash_table_size (self->draft_by_conversation);
  if (n > 0)
    {
      g_autofree char *text =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "%u review you had started was kept as a draft.",
                                      "%u reviews you had started were kept as drafts.", n), n);

      csm_quality_page_show_banner (self, text, _("_Resume"), "quality.resume-draft");
    }
  csm_quality_page_update_badges (self);
  list_reviews (self);
  csm_quality_page_deliver (self);
}

static void
use_scorecards (CsmQualityPage *self,
                GPtrArray      *cards)
{
  CsmQaScorecard *current = NULL;

  g_clear_pointer (&self->scorecards, g_ptr_array_unref);
  self->scorecards = g_ptr_array_ref (cards);
  /* The newest version of the first scorecard by name. */
  for (guint i = 0; i < cards->len; i++)
    {
      CsmQaScorecard *card = cards->pdata[i];

      if (current == NULL ||
          (g_strcmp0 (csm_qa_scorecard_get_name (card), csm_qa_scorecard_get_name (current)) == 0 &&
           csm_qa_scorecard_get_version (card) > csm_qa_scorecard_get_version (current)) ||
          g_strcmp0 (csm_qa_scorecard_get_name (card), csm_qa_scorecard_get_name (current)) < 0)
        current = card;
    }
  g_clear_pointer (&self->scorecard, csm_qa_scorecard_unref);
  self->scorecard = current != NULL ? csm_qa_scorecard_ref (current) : NULL;

  /* The drafts' thread reads the scorecards: it has them until drafts_cb. */
  g_clear_pointer (&self->lent_scorecards, g_ptr_array_unref);
  self->lent_scorecards = g_ptr_array_ref (cards);
  csm_draft_store_list_async (self->drafts, find_scorecard, self->lent_scorecards,
                              self->cancellable, drafts_cb, g_object_ref (self));
}

static void
imported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CsmQualityPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CsmQaScorecard) card = NULL;
  g_autoptr(GPtrArray) cards = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_qa_scorecard_unref);

  card = csm_workspace_import_scorecard_finish (CSM_WORKSPACE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (card != NULL)
    g_ptr_array_add (cards, g_steal_pointer (&card));
  else
    csm_quality_page_set_status (self, error->message);
  use_scorecards (self, cards);
}

static void
scorecards_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CsmQualityPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cards = NULL;

  cards = csm_workspace_list_scorecards_finish (CSM_WORKSPACE (object), result, &error);
  if (cards == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        csm_quality_page_show_banner (self, error->message, _("_Try Again"),
                                      "quality.open-workspace");
      return;
    }
  if (cards->len == 0)
    {
      /* A new workspace: the service's default scorecard to start with. */
      g_autoptr(CsmQaScorecard) card = csm_qa_scorecard_new_default ();

      csm_workspace_import_scorecard_async (self->workspace, card, self->cancellable, imported_cb,
                                            g_object_ref (self));
      return;
    }
  use_scorecards (self, cards);
}

static void
opened_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(CsmQualityPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  self->opening = FALSE;
  self->workspace = csm_workspace_open_finish (result, &error);
  if (self->workspace == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      text = g_strdup_printf (_("The QA workspace could not be opened: %s"), error->message);
      csm_quality_page_show_banner (self, text, _("_Try Again"), "quality.open-workspace");
      return;
    }
  if (g_str_has_suffix (csm_workspace_get_location (self->workspace), "demo-workspace.sqlite"))
    /* Translators: the demo's own QA workspace, and who writes in it */
    text = g_strdup_printf (_("Workspace: the demo’s own · reviewing as %s"), self->me);
  else
    /* Translators: where the QA workspace is, and who writes in it */
    text = g_strdup_printf (_("Workspace: this computer · reviewing as %s"), self->me);
  gtk_label_set_text (self->workspace_label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->workspace_label),
                               csm_workspace_get_location (self->workspace));
  csm_quality_page_update_actions (self);
  csm_workspace_list_scorecards_async (self->workspace, self->cancellable, scorecards_cb,
                                       g_object_ref (self));
}

void
csm_quality_page_open_workspace (CsmQualityPage *self)
{
  CsmContext *context = csm_page_get_context (CSM_PAGE (self));
  CsmAccount *account = context != NULL ? csm_context_get_account (context) : NULL;
  const char *user = account != NULL ? csm_account_get_username (account) : NULL;
  g_autofree char *location = NULL;
  gboolean demo;

  if (self->opening || self->workspace != NULL)
    return;
  self->opening = TRUE;
  g_free (self->me);
  self->me = g_strdup (user != NULL && *user != '\0' ? user : g_get_user_name ());
  /* The demo's reviews are of made-up conversations: they go to a workspace
   * and drafts of their own, never mixed with real ones. */
  demo = context != NULL && csm_context_get_demo_running (context);
  if (self->drafts == NULL)
    {
      g_autofree char *drafts = demo ? g_build_filename (g_get_user_data_dir (), "csm-console",
                                                         "demo-drafts.sqlite", NULL)
                                     : NULL;

      self->drafts = csm_draft_store_new (drafts);
    }
  if (self->draft_by_conversation == NULL)
    self->draft_by_conversation = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         (GDestroyNotify) csm_qa_review_free);
  location = demo ? g_build_filename (g_get_user_data_dir (), "csm-console",
                                      "demo-workspace.sqlite", NULL)
                  : csm_workspace_default_location ();
  csm_workspace_open_async (location, self->me, self->cancellable, opened_cb, g_object_ref (self));
}

void
csm_quality_page_close_workspace (CsmQualityPage *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->opening = FALSE;
  self->submitting = FALSE;
  self->dirty = FALSE;
  g_clear_handle_id (&self->retry_source, g_source_remove);
  g_clear_object (&self->workspace);
  g_clear_object (&self->drafts);
  g_clear_pointer (&self->scorecard, csm_qa_scorecard_unref);
  g_clear_pointer (&self->scorecards, g_ptr_array_unref);
  g_clear_pointer (&self->draft_by_conversation, g_hash_table_unref);
  g_clear_pointer (&self->reviews, g_ptr_array_unref);
  g_clear_pointer (&self->my_score, g_hash_table_unref);
  self->ready = FALSE;
}
