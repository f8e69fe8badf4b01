/* csm-message.c: one message of a conversation, as a reviewer reads it.
 *
 * A transcript joins two things the helpdesk keeps apart: the history
 * (who wrote, when, and whether it was a reply or an internal comment) and
 * the message parts (the text). A message may have several parts; its body
 * is its first text/plain part, or else its first text/html part turned into
 * text (ticket HTML is never rendered); attached files (a part with a file
 * name, a log.txt say) are not the message. Parts of other types (images,
 * files) are not shown. A message without a text part keeps an empty body:
 * the reviewer still sees that it was written, by whom and when.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "csm-mask.h"
#include "csm-message.h"
#include "csm-plain-text.h"
#include "csm-ticket-metrics.h"

struct _CsmMessage
{
  GObject parent_instance;

  gint64 transaction_id;
  CsmMessageRole role;
  gint64 created;
  char *author;
  char *body;
  char *masked;       /* (owned) (nullable): made when first asked for */
  guint n_masked;
};

G_DEFINE_FINAL_TYPE (CsmMessage, csm_message, G_TYPE_OBJECT)

/**
 * csm_message_part_new:
 * @id: the helpdesk's id of the part
 * @transaction_id: the transaction it belongs to
 * @content_type: (nullable): its MIME type
 * @filename: (nullable): the name of an attached file
 * @content: (nullable): its text
 *
 * Returns: (transfer full): a new part
 */
CsmMessagePart *
csm_message_part_new (gint64      id,
                      gint64      transaction_id,
                      const char *content_type,
                      const char *filename,
                      const char *content)
{
  CsmMessagePart *part = g_new0 (CsmMessagePart, 1);

  part->id = id;
  part->transaction_id = transaction_id;
  part->content_type = g_strdup (content_type);
  part->filename = filename != NULL && *filename != '\0' ? g_strdup (filename) : NULL;
  part->content = g_strdup (content);
  return part;
}

void
csm_message_part_free (CsmMessagePart *part)
{
  if (part == NULL)
    return;
  g_free (part->content_type);
  g_free (part->filename);
  g_free (part->content);
  g_free (part);
}

static void
csm_message_finalize (GObject *object)
{
  CsmMessage *self = CSM_MESSAGE (object);

  g_free (self->author);
  g_free (self->body);
  g_free (self->masked);
  G_OBJECT_CLASS (csm_message_parent_class)->finalize (object);
}

static void
csm_message_class_init (CsmMessageClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = csm_message_finalize;
}

static void
csm_message_init (CsmMessage *self)
{
}

/**
 * csm_message_new:
 * @transaction_id: the transaction that recorded the message
 * @role: who the message was from, and whether the customer saw it
 * @author: (nullable): the helpdesk user name of its writer
 * @created: when it was written (Unix seconds)
 * @body: (nullable): its plain text
 *
 * Returns: (transfer full): a new message
 */
CsmMessage *
csm_message_new (gint64          transaction_id,
                 CsmMessageRole  role,
                 const char     *author,
                 gint64          created,
                 const char     *body)
{
  CsmMessage *self = g_object_new (CSM_TYPE_MESSAGE, NULL);

  self->transaction_id = transaction_id;
  self->role = role;
  self->author = g_strdup (author);
  self->created = created;
  self->body = g_strdup (body != NULL ? body : "");
  return self;
}

gint64
csm_message_get_transaction_id (CsmMessage *self)
{
  g_return_val_if_fail (CSM_IS_MESSAGE (self), 0);
  return self->transaction_id;
}

CsmMessageRole
csm_message_get_role (CsmMessage *self)
{
  g_return_val_if_fail (CSM_IS_MESSAGE (self), CSM_MESSAGE_CUSTOMER);
  return self->role;
}

const char *
csm_message_get_author (CsmMessage *self)
{
  g_return_val_if_fail (CSM_IS_MESSAGE (self), NULL);
  return self->author;
}

gint64
csm_message_get_created (CsmMessage *self)
{
  g_return_val_if_fail (CSM_IS_MESSAGE (self), 0);
  return self->created;
}

/**
 * csm_message_get_body:
 * @self: a message
 *
 * Returns: the message's plain text, personal data included
 */
const char *
csm_message_get_body (CsmMessage *self)
{
  g_return_val_if_fail (CSM_IS_MESSAGE (self), NULL);
  return self->body;
}

/**
 * csm_message_get_masked_body:
 * @self: a message
 * @n_masked: (out) (optional): how many items were masked
 *
 * Returns: the message's text with e-mail addresses, phone numbers and card
 *   numbers masked (csm_mask_personal_data ())
 */
const char *
csm_message_get_masked_body (CsmMessage *self,
                             guint      *n_masked)
{
  g_return_val_if_fail (CSM_IS_MESSAGE (self), NULL);

  if (self->masked == NULL)
    self->masked = csm_mask_personal_data (self->body, &self->n_masked);
  if (n_masked != NULL)
    *n_masked = self->n_masked;
  return self->masked;
}

static gboolean
is_type (const CsmMessagePart *part,
         const char           *type)
{
  gsize len = strlen (type);

  /* "text/plain", "TEXT/PLAIN; charset=utf-8" */
  return part->content_type != NULL && g_ascii_strncasecmp (part->content_type, type, len) == 0 &&
         (part->content_type[len] == '\0' || part->content_type[len] == ';' ||
          part->content_type[len] == ' ');
}

static char *
body_of (GPtrArray *parts,
         gint64     transaction_id)
{
  const CsmMessagePart *html = NULL;

  for (guint i = 0; i < parts->len; i++)
    {
      const CsmMessagePart *part = g_ptr_array_index (parts, i);

      if (part->transaction_id != transaction_id || part->content == NULL ||
          part->filename != NULL)
        continue;
      if (is_type (part, "text/plain"))
        return csm_plain_text_normalise (part->content);
      if (html == NULL && is_type (part, "text/html"))
        html = part;
    }
  return html != NULL ? csm_plain_text_from_html (html->content) : NULL;
}

/**
 * csm_message_build_transcript:
 * @history: (element-type CsmTransaction): the ticket's transactions, in any order
 * @parts: (element-type CsmMessagePart): the ticket's message parts
 * @requestors: (nullable) (array zero-terminated=1): the ticket's requestors
 * @agents: (nullable): the set of agent user names
 *
 * The conversation in order (by time, then by transaction id): the
 * ticket's creation, its replies and its internal comments. A reply is the
 * agent's when csm_transaction_is_agent_reply () says so; the creation is
 * the customer's unless an agent wrote it.
 *
 * Returns: (transfer full) (element-type CsmMessage): the messages
 */
GPtrArray *
csm_message_build_transcript (GPtrArray          *history,
                              GPtrArray          *parts,
                              const char * const *requestors,
                              GHashTable         *agents)
{
  g_autoptr(GPtrArray) ordered = NULL;
  GPtrArray *messages = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (history != NULL && parts != NULL, messages);

  /* Borrowed: a copy would take the history's free function along. */
  ordered = g_ptr_array_sized_new (history->len);
  g_ptr_array_extend (ordered, history, NULL, NULL);
  g_ptr_array_sort (ordered, csm_transaction_compare_by_time);
  for (guint i = 0; i < ordered->len; i++)
    {
      const CsmTransaction *t = g_ptr_array_index (ordered, i);
      g_autofree char *body = NULL;
      CsmMessageRole role;

      switch (t->type)
        {
        case CSM_TRANSACTION_COMMENT:
          role = CSM_MESSAGE_COMMENT;
          break;
        case CSM_TRANSACTION_CORRESPOND:
          role = csm_transaction_is_agent_reply (t, requestors, agents) ? CSM_MESSAGE_REPLY
                                                                        : CSM_MESSAGE_CUSTOMER;
          break;
        case CSM_TRANSACTION_CREATE:
          role = (agents != NULL && t->creator != NULL && g_hash_table_contains (agents, t->creator))
                 ? CSM_MESSAGE_REPLY : CSM_MESSAGE_CUSTOMER;
          break;
        default:
          continue;
        }
      body = body_of (parts, t->id);
      g_ptr_array_add (messages, csm_message_new (t->id, role, t->creator, t->created, body));
    }
  return messages;
}
