/* csm-draft-store.h: review drafts, kept on this machine as they are typed, offered back after any crash.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "csm-qa-review.h"

G_BEGIN_DECLS

#define CSM_TYPE_DRAFT_STORE (csm_draft_store_get_type ())

G_DECLARE_FINAL_TYPE (CsmDraftStore, csm_draft_store, CSM, DRAFT_STORE, GObject)

char          *csm_draft_store_default_path  (void);

CsmDraftStore *csm_draft_store_new           (const char          *path);

void           csm_draft_store_save          (CsmDraftStore       *self,
                                              const CsmQaReview   *draft);
void           csm_draft_store_discard       (CsmDraftStore       *self,
                                              const char          *conversation,
                                              const char          *scorecard,
                                              const char          *session);

void           csm_draft_store_list_async    (CsmDraftStore       *self,
                                              CsmQaScorecardLookup lookup,
                                              gpointer             lookup_data,
                                              GDestroyNotify       lookup_data_free,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
GPtrArray     *csm_draft_store_list_finish   (CsmDraftStore       *self,
                                              GAsyncResult        *result,
                                              GError             **error);

void           csm_draft_store_flush_async   (CsmDraftStore       *self,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean       csm_draft_store_flush_finish  (CsmDraftStore       *self,
                                              GAsyncResult        *result,
                                              GError             **error);

G_END_DECLS
