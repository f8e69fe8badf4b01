/* csm-quality-page-workspace.c: the Quality page's side of the workspace: opening it as this person, scorecards, drafts, reviews.
 *
 * When the page is first shown it opens the workspace (the one the
 * qa-workspace setting names: this computer's SQLite workspace, or a
 * team's PostgreSQL one opened as this person's role with the keyring's
 * password), reads its scorecards (a new workspace of an admin gets the
 * default scorecard), the drafts kept on this machine, and the reviews
 * the database lets this person read, then delivers any submission an
 * earlier console left waiting. Drafts found at start are offered back in
 * a banner. What the person may do (review, see personal data) is what
 * the workspace says their role may; the page shows no more.
 *
 * Every change to the form is a draft saved at once (csm_draft_store_save ()
 * costs the main loop a JSON string; a writer thread stores it).
 * Submitting is csm-quality-page-submit.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-quality-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csm-quality-page-private.h"
#include "csm-mask.h"
#include "csm-time.h"
#include "csm-workspace-login.h"

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
  /* Discard belongs to what the workspace refused, and to nothing else. */
  gtk_widget_set_visible (GTK_WIDGET (self->banner_discard),
                          g_strcmp0 (action, "quality.retry-refused") == 0);
  gtk_button_set_label (self->banner_button, button);
  gtk_button_set_use_underline (self->banner_button, TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->banner_button), action);
  gtk_revealer_set_reveal_child (self->banner, TRUE);
}

/**
 * csm_quality_page_may_unmask:
 *
 * Only the workspace's administrator may see personal data unmasked (the
 * owner of this computer's own workspace is its administrator).
 */
gboolean
csm_quality_page_may_unmask (CsmQualityPage *self)
{
  return self->workspace != NULL &&
         (csm_workspace_get_permissions (self->workspace) & CSM_WORKSPACE_SEES_PERSONAL_DATA);
}

/**
 * csm_quality_page_may_review:
 *
 * Whether this person writes reviews: a reviewer, or anyone on this
 * computer's own workspace. Agents, and leads who do not review, read.
 */
gboolean
csm_quality_page_may_review (CsmQualityPage *self)
{
  return self->workspace != NULL &&
         (csm_workspace_get_permissions (self->workspace) & CSM_WORKSPACE_REVIEWS);
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
                                 csm_quality_page_may_review (self) && self->ready && form &&
                                 self->dirty &&
                                 !self->submitting &&
                                 csm_review_form_is_complete (self->review_form));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "quality.deliver", self->workspace != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "quality.edit-scorecard",
                                 self->workspace != NULL && self->scorecard != NULL &&
                                 (csm_workspace_get_permissions (self->workspace) &
                                  CSM_WORKSPACE_EDITS_SCORECARDS));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "quality.retry-refused",
                                 self->workspace != NULL && self->refused > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "quality.discard-refused",
                                 self->workspace != NULL && self->refused > 0);
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
  csm_quality_page_share_reviews (self);

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
  g_autofree char *key = NULL;
  g_autoptr(CsmQaReview) fresh = NULL;
  const CsmQaReview *review;

  if (ticket == NULL || self->scorecard == NULL || !csm_quality_page_may_review (self))
    {
      adw_status_page_set_description (self->form_status,
                                       ticket == NULL
                                       ? _("The scorecard appears here with the conversation.")
                                       : self->workspace == NULL
                                       ? _("The QA workspace is not open yet.")
                                       : !csm_quality_page_may_review (self)
                                       ? _("Reviewers score conversations. You assign them to "
                                           "reviewers (Assign…) and read the results.")
                                       : _("The workspace has no scorecard. An admin imports one "
                                           "with csm-console --import=scorecard FILE."));
      gtk_stack_set_visible_child_name (self->form_stack, "none");
      csm_quality_page_update_actions (self);
      return;
    }

  conversation = g_strdup_printf ("%" G_GINT64_FORMAT, csm_ticket_get_id (ticket));
  key = csm_quality_page_draft_key (conversation, self->calibrating);
  review = g_hash_table_lookup (self->draft_by_conversation, key);
  if (review == NULL)
    {
      const char *owner = csm_ticket_get_owner (ticket);

      fresh = csm_qa_review_new (self->scorecard);
      fresh->conversation = g_strdup (conversation);
      fresh->agent = g_strdup (owner != NULL ? owner : "Nobody");
      fresh->reviewer = g_strdup (self->me);
      fresh->calibration_session = g_strdup (self->calibrating);
      review = fresh;
    }
  {
    g_autofree char *subject = csm_quality_page_shown_text (self, csm_ticket_get_subject (ticket),
                                                            NULL);
    g_autofree char *title = review->calibration_session != NULL
                             /* Translators: the review form's title in a calibration
                              * session: the session, the conversation's subject */
                             ? g_strdup_printf (_("Calibration “%s”: %s"),
                                                review->calibration_session, subject)
                             : NULL;

    csm_review_form_set_review (self->review_form, review, title != NULL ? title : subject);
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
  key = csm_quality_page_draft_key (draft->conversation, draft->calibration_session);
  first = !g_hash_table_contains (self->draft_by_conversation, key);
  g_hash_table_replace (self->draft_by_conversation, key, g_steal_pointer (&draft));
  csm_quality_page_set_status (self, _("Draft saved on this computer."));
  if (first)
    csm_quality_page_update_badges (self);
}

/* ------------------------------------------------------------------------ */
/* Submitting and delivering                                                */

/* A draft whose review the workspace now holds (refused, then delivered
 * on a later try) has done its work: it goes, and the form, if it shows
 * that conversation, says so. */
static void
settle_delivered_drafts (CsmQualityPage *self)
{
  g_autoptr(CsmQaReview) shown = csm_review_form_dup_review (self->review_form);
  GHashTableIter iter;
  gpointer key, value;

  if (self->draft_by_conversation == NULL)
    return;
  g_hash_table_iter_init (&iter, self->draft_by_conversation);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const CsmQaReview *draft = value;

      for (guint i = 0; i < self->reviews->len; i++)
        {
          const CsmQaReview *review = g_ptr_array_index (self->reviews, i);

          if (g_strcmp0 (review->reviewer, self->me) != 0 ||
              g_strcmp0 (review->conversation, draft->conversation) != 0 ||
              g_strcmp0 (review->calibration_session, draft->calibration_session) != 0 ||
              !csm_qa_review_same_content (draft, review))
            continue;
          if (shown != NULL && g_strcmp0 (shown->conversation, draft->conversation) == 0 &&
              g_strcmp0 (shown->calibration_session, draft->calibration_session) == 0 &&
              csm_qa_review_same_content (shown, review))
            {
              self->dirty = FALSE;
              csm_quality_page_set_status (self, _("Submitted."));
            }
          csm_draft_store_discard (self->drafts, draft->conversation,
                                   csm_qa_scorecard_get_name (draft->scorecard),
                                   draft->calibration_session);
          g_hash_table_iter_remove (&iter);
          break;
        }
    }
  csm_quality_page_update_actions (self);
}

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
  settle_delivered_drafts (self);
  csm_quality_page_list_assignments (self);
  csm_quality_page_update_results (self);
  csm_quality_page_update_badges (self);
}

void
csm_quality_page_list_reviews (CsmQualityPage *self)
{
  csm_workspace_list_reviews_async (self->workspace, self->cancellable, reviews_cb,
                                    g_object_ref (self));
}

/**
 * csm_quality_page_find_scorecard:
 * @user_data: (element-type CsmQaScorecard): scorecards
 *
 * A #CsmQaScorecardLookup over an array of scorecards.
 */
CsmQaScorecard *
csm_quality_page_find_scorecard (const char *name,
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
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (drafts == NULL)
    csm_quality_page_set_status (self, error->message);
  for (guint i = 0; drafts != NULL && i < drafts->len; i++)
    {
      CsmQaReview *draft = g_ptr_array_index (drafts, i);

      g_hash_table_replace (self->draft_by_conversation,
                            csm_quality_page_draft_key (draft->conversation,
                                                        draft->calibration_session),
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
  csm_quality_page_list_reviews (self);
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
  csm_calibration_view_set_scorecard (self->calibration_view,
                                      current != NULL ? csm_qa_scorecard_get_name (current)
                                                      : NULL);

  /* The drafts' thread reads the scorecards: the request holds them. */
  csm_draft_store_list_async (self->drafts, csm_quality_page_find_scorecard, g_ptr_array_ref (cards),
                              (GDestroyNotify) g_ptr_array_unref,
                              self->cancellable, drafts_cb, g_object_ref (self));
}

/**
 * csm_quality_page_take_scorecard:
 * @stored: a version the workspace just stored (the editor's)
 *
 * New reviews are scored on it from now on; drafts and reviews keep the
 * version they were made on.
 */
void
csm_quality_page_take_scorecard (CsmQualityPage *self,
                                 CsmQaScorecard *stored)
{
  g_autofree char *text = NULL;
  gboolean known = FALSE;

  if (self->scorecards == NULL)
    return;
  for (guint i = 0; i < self->scorecards->len; i++)
    known = known ||
            (g_strcmp0 (csm_qa_scorecard_get_name (self->scorecards->pdata[i]),
                        csm_qa_scorecard_get_name (stored)) == 0 &&
             csm_qa_scorecard_get_version (self->scorecards->pdata[i]) ==
             csm_qa_scorecard_get_version (stored));
  if (!known)
    {
      /* A new array: the drafts' thread may be reading the old one. */
      GPtrArray *cards = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_qa_scorecard_unref);

      for (guint i = 0; i < self->scorecards->len; i++)
        g_ptr_array_add (cards, csm_qa_scorecard_ref (self->scorecards->pdata[i]));
      g_ptr_array_add (cards, csm_qa_scorecard_ref (stored));
      g_ptr_array_unref (self->scorecards);
      self->scorecards = cards;
    }
  if (self->scorecard == NULL ||
      g_strcmp0 (csm_qa_scorecard_get_name (self->scorecard),
                 csm_qa_scorecard_get_name (stored)) == 0)
    {
      g_clear_pointer (&self->scorecard, csm_qa_scorecard_unref);
      self->scorecard = csm_qa_scorecard_ref (stored);
    }
  /* Translators: a scorecard's name and its new version */
  text = g_strdup_printf (_("“%s” saved as version %d: the next conversation you open is scored "
                            "on it."), csm_qa_scorecard_get_name (stored),
                          csm_qa_scorecard_get_version (stored));
  csm_quality_page_set_status (self, text);
  csm_quality_page_update_actions (self);
}

static void
refreshed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CsmQualityPage) self = user_data;
  g_autoptr(GPtrArray) cards = NULL;
  CsmQaScorecard *newest = NULL;

  cards = csm_workspace_list_scorecards_finish (CSM_WORKSPACE (object), result, NULL);
  if (cards == NULL || self->scorecard == NULL || self->workspace == NULL)
    return;
  for (guint i = 0; i < cards->len; i++)
    if (g_strcmp0 (csm_qa_scorecard_get_name (cards->pdata[i]),
                   csm_qa_scorecard_get_name (self->scorecard)) == 0 &&
        (newest == NULL ||
         csm_qa_scorecard_get_version (cards->pdata[i]) > csm_qa_scorecard_get_version (newest)))
      newest = cards->pdata[i];
  g_clear_pointer (&self->scorecards, g_ptr_array_unref);
  self->scorecards = g_ptr_array_ref (cards);
  if (newest != NULL)
    {
      g_clear_pointer (&self->scorecard, csm_qa_scorecard_unref);
      self->scorecard = csm_qa_scorecard_ref (newest);
    }
}

/**
 * csm_quality_page_refresh_scorecards:
 *
 * Reads the scorecards again (a change delivered from the outbox, say):
 * new reviews are scored on the newest version; drafts keep theirs.
 */
void
csm_quality_page_refresh_scorecards (CsmQualityPage *self)
{
  if (self->workspace == NULL)
    return;
  csm_workspace_list_scorecards_async (self->workspace, self->cancellable, refreshed_cb,
                                       g_object_ref (self));
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
  if (cards->len == 0 &&
      (csm_workspace_get_permissions (self->workspace) & CSM_WORKSPACE_EDITS_SCORECARDS))
    {
      /* A new workspace: the service's default scorecard to start with. */
      g_autoptr(CsmQaScorecard) card = csm_qa_scorecard_new_default ();

      csm_workspace_import_scorecard_async (self->workspace, card, self->cancellable, imported_cb,
                                            g_object_ref (self));
      return;
    }
  use_scorecards (self, cards);
}

/* The Review view, its switcher and the transcripts' check are for those
 * who review. */
static void
show_review_view (CsmQualityPage *self,
                  gboolean        shown)
{
  GtkWidget *review = gtk_stack_get_child_by_name (self->views, "review");

  gtk_stack_page_set_visible (gtk_stack_get_page (self->views, review), shown);
  gtk_widget_set_visible (GTK_WIDGET (self->personal_check), shown);
  gtk_widget_set_visible (GTK_WIDGET (self->edit_scorecard_button),
                          self->workspace != NULL &&
                          (csm_workspace_get_permissions (self->workspace) &
                           CSM_WORKSPACE_EDITS_SCORECARDS));
}

/* "server/database" of a team's workspace, for the header. */
static char *
team_name (const char *location)
{
  g_autoptr(GUri) uri = g_uri_parse (location, G_URI_FLAGS_NONE, NULL);
  const char *path;

  if (uri == NULL)
    return g_strdup ("");
  path = g_uri_get_path (uri);
  if (g_uri_get_port (uri) > 0)
    return g_strdup_printf ("%s:%d%s", g_uri_get_host (uri), g_uri_get_port (uri),
                            path != NULL ? path : "");
  return g_strdup_printf ("%s%s", g_uri_get_host (uri), path != NULL ? path : "");
}

/* Who this person is here, in the header. */
static char *
describe_workspace (CsmQualityPage *self)
{
  const char *location = csm_workspace_get_location (self->workspace);
  CsmWorkspacePermissions permissions = csm_workspace_get_permissions (self->workspace);
  g_autofree char *team = NULL;

  if (g_str_has_suffix (location, "demo-workspace.sqlite"))
    /* Translators: the demo's own QA workspace, and who writes in it */
    return g_strdup_printf (_("Workspace: the demo’s own · reviewing as %s"), self->me);
  if (!csm_db_is_postgresql_uri (location))
    /* Translators: where the QA workspace is, and who writes in it */
    return g_strdup_printf (_("Workspace: this computer · reviewing as %s"), self->me);
  team = team_name (location);
  if (permissions & CSM_WORKSPACE_REVIEWS)
    /* Translators: a team's QA workspace (server/database), and who writes in it */
    return g_strdup_printf (_("Workspace: %s (team) · reviewing as %s"), team, self->me);
  if (permissions & CSM_WORKSPACE_READS_ALL)
    /* Translators: a team's QA workspace, and a lead or admin who reads every review */
    return g_strdup_printf (_("Workspace: %s (team) · every review, read as %s"), team,
                            self->me);
  /* Translators: a team's QA workspace, and an agent who reads their own reviews */
  return g_strdup_printf (_("Workspace: %s (team) · the reviews of %s’s conversations"), team,
                          self->me);
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
  self->workspace = csm_workspace_login_finish (result, &error);
  if (self->workspace == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      text = g_strdup_printf (_("The QA workspace could not be opened: %s"), error->message);
      csm_quality_page_show_banner (self, text, _("_Try Again"), "quality.open-workspace");
      return;
    }
  text = describe_workspace (self);
  gtk_label_set_text (self->workspace_label, text);
  {
    g_autofree char *shown = csm_db_redact_location (csm_workspace_get_location (self->workspace));

    gtk_widget_set_tooltip_text (GTK_WIDGET (self->workspace_label), shown);
  }
  /* Someone who neither reviews nor assigns reads the results. */
  show_review_view (self, csm_quality_page_may_review (self) ||
                          (csm_workspace_get_permissions (self->workspace) &
                           CSM_WORKSPACE_ASSIGNS));
  if (!gtk_stack_page_get_visible (gtk_stack_get_page (self->views,
                                                       gtk_stack_get_child_by_name (self->views,
                                                                                    "review"))))
    gtk_stack_set_visible_child_name (self->views, "results");
  csm_quality_page_share_workspace (self);
  csm_quality_page_update_assign (self);
  csm_quality_page_update_actions (self);
  csm_workspace_list_scorecards_async (self->workspace, self->cancellable, scorecards_cb,
                                       g_object_ref (self));
}

/**
 * csm_quality_page_wanted_location:
 *
 * Returns: (transfer full): the workspace this page opens: the demo's own
 *   while the demo runs, else the one the qa-workspace setting names, or
 *   this computer's
 */
char *
csm_quality_page_wanted_location (CsmQualityPage *self)
{
  CsmContext *context = csm_page_get_context (CSM_PAGE (self));

  return context != NULL ? csm_context_dup_qa_workspace (context)
                         : csm_workspace_default_location ();
}

void
csm_quality_page_open_workspace (CsmQualityPage *self)
{
  CsmContext *context = csm_page_get_context (CSM_PAGE (self));
  g_autofree char *location = NULL;
  gboolean demo;

  if (self->opening || self->workspace != NULL)
    return;
  self->opening = TRUE;
  g_free (self->me);
  self->me = g_strdup (context != NULL ? csm_context_get_person (context) : g_get_user_name ());
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
  location = csm_quality_page_wanted_location (self);
  csm_workspace_login_async (location, self->me, NULL, self->cancellable, opened_cb,
                             g_object_ref (self));
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
  g_clear_pointer (&self->refusal, g_free);
  g_clear_pointer (&self->assigned, g_hash_table_unref);
  self->pending = 0;
  self->refused = 0;
  self->ready = FALSE;
  if (self->views != NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->banner_discard), FALSE);
      show_review_view (self, TRUE);
      csm_quality_page_update_assign (self);
      csm_quality_page_share_workspace (self);
    }
}
