/* csm-message.h: one message of a conversation, as a reviewer reads it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "csm-transaction.h"

G_BEGIN_DECLS

typedef enum
{
  CSM_MESSAGE_CUSTOMER,   /* the customer (or anyone not an agent) wrote it */
  CSM_MESSAGE_REPLY,      /* an agent's reply the customer saw */
  CSM_MESSAGE_COMMENT,    /* an internal comment, never sent to the customer */
} CsmMessageRole;

/* One MIME part of a ticket's message, as the helpdesk stores it. */
typedef struct
{
  gint64 id;               /* the helpdesk's attachment id */
  gint64 transaction_id;
  char *content_type;      /* (owned) (nullable) */
  char *filename;          /* (owned) (nullable): set for an attached file */
  char *content;           /* (owned) (nullable): the part's text */
} CsmMessagePart;

CsmMessagePart *csm_message_part_new  (gint64      id,
                                       gint64      transaction_id,
                                       const char *content_type,
                                       const char *filename,
                                       const char *content);
void            csm_message_part_free (CsmMessagePart *part);

#define CSM_TYPE_MESSAGE (csm_message_get_type ())

G_DECLARE_FINAL_TYPE (CsmMessage, csm_message, CSM, MESSAGE, GObject)

CsmMessage     *csm_message_new                 (gint64          transaction_id,
                                                 CsmMessageRole  role,
                                                 const char     *author,
                                                 gint64          created,
                                                 const char     *body);
gint64          csm_message_get_transaction_id  (CsmMessage *self);
CsmMessageRole  csm_message_get_role            (CsmMessage *self);
const char     *csm_message_get_author          (CsmMessage *self);
gint64          csm_message_get_created         (CsmMessage *self);
const char     *csm_message_get_body            (CsmMessage *self);
const char     *csm_message_get_masked_body     (CsmMessage *self,
                                                 guint      *n_masked);

GPtrArray      *csm_message_build_transcript    (GPtrArray          *history,
                                                 GPtrArray          *parts,
                                                 const char * const *requestors,
                                                 GHashTable         *agents);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsmMessagePart, csm_message_part_free)

G_END_DECLS
