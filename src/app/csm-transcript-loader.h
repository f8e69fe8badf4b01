/* csm-transcript-loader.h: a conversation's messages, read through the provider and cached.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "csm-message.h"
#include "csm-sync-engine.h"

G_BEGIN_DECLS

#define CSM_TYPE_TRANSCRIPT_LOADER (csm_transcript_loader_get_type ())

G_DECLARE_FINAL_TYPE (CsmTranscriptLoader, csm_transcript_loader, CSM, TRANSCRIPT_LOADER, GObject)

CsmTranscriptLoader *csm_transcript_loader_new          (CsmSyncEngine        *engine);
CsmSyncEngine       *csm_transcript_loader_get_engine   (CsmTranscriptLoader  *self);
void                 csm_transcript_loader_forget       (CsmTranscriptLoader  *self,
                                                         gint64                ticket_id);
GPtrArray           *csm_transcript_loader_peek         (CsmTranscriptLoader  *self,
                                                         gint64                ticket_id);
void                 csm_transcript_loader_load_async   (CsmTranscriptLoader  *self,
                                                         gint64                ticket_id,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
GPtrArray           *csm_transcript_loader_load_finish  (CsmTranscriptLoader  *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
GPtrArray           *csm_transcript_requestor_tickets   (CsmTicketList        *tickets,
                                                         CsmTicket            *ticket,
                                                         int                   days);

G_END_DECLS
