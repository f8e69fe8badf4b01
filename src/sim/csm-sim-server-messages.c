/* csm-sim-server-messages.c: REST2's `GET /ticket/:id/attachments`, the text of a ticket's messages.
 *
 * One text/plain part per creation, reply and comment, in id order (the
 * simulated world keeps no other parts). As in RT, asking for Content as a
 * field gives it as text, and comments are only there for those who may see
 * them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "csm-sim-rights.h"
#include "csm-sim-server-private.h"
#include "csm-sim-time.h"

static gboolean
is_message (const CsmSimTransaction *txn)
{
  return strcmp (txn->type, "Create") == 0 || strcmp (txn->type, "Correspond") == 0 ||
         strcmp (txn->type, "Comment") == 0;
}

static void
write_reference (CsmJsonWriter *w,
                 CsmSimRequest *r,
                 const char    *key,
                 const char    *type,
                 const char    *id)
{
  g_autofree char *url = csm_sim_request_url (r, type, id);

  csm_json_writer_key (w, key);
  csm_json_writer_begin_object (w);
  csm_json_writer_member_string (w, "type", type);
  csm_json_writer_member_string (w, "id", id);
  csm_json_writer_member_string (w, "_url", url);
  csm_json_writer_end_object (w);
}

/* The simulated world numbers a message's only part like its transaction. */
static void
write_part (CsmJsonWriter *w,
            CsmSimRequest *r,
            gconstpointer  record,
            GStrv          fields)
{
  const CsmSimTransaction *txn = record;
  g_autofree char *id = g_strdup_printf ("%u", txn->id);
  g_autofree char *url = csm_sim_request_url (r, "attachment", id);

  csm_json_writer_begin_object (w);
  csm_json_writer_member_string (w, "type", "attachment");
  csm_json_writer_key (w, "id");
  if (g_strv_contains ((const char * const *) fields, "id"))
    csm_json_writer_int (w, txn->id);
  else
    csm_json_writer_string (w, id);
  csm_json_writer_member_string (w, "_url", url);
  for (guint f = 0; fields != NULL && fields[f] != NULL; f++)
    {
      if (strcmp (fields[f], "ContentType") == 0)
        csm_json_writer_member_string (w, "ContentType", "text/plain");
      else if (strcmp (fields[f], "Content") == 0)
        {
          g_autofree char *content = csm_sim_world_get_message_content (r->world, txn);

          csm_json_writer_member_string (w, "Content", content);
        }
      else if (strcmp (fields[f], "TransactionId") == 0)
        write_reference (w, r, "TransactionId", "transaction", id);
      else if (strcmp (fields[f], "Created") == 0)
        {
          g_autofree char *iso = csm_sim_format_iso (txn->created);

          csm_json_writer_member_string (w, "Created", iso);
        }
      else if (strcmp (fields[f], "Creator") == 0)
        {
          const CsmSimUser *user = csm_sim_world_lookup_user (r->world, txn->creator);

          write_reference (w, r, "Creator", "user", user != NULL ? user->name : "RT_System");
        }
    }
  csm_json_writer_end_object (w);
}

void
csm_sim_serve_attachments (CsmSimRequest          *r,
                           const CsmSimRouteMatch *match)
{
  const CsmSimTicket *ticket = csm_sim_world_lookup_ticket (r->world, match->id);
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  g_autoptr(GPtrArray) page = g_ptr_array_new ();
  g_auto(GStrv) fields = csm_sim_request_fields (r);
  CsmSimPaging paging = csm_sim_request_paging (r);
  gboolean comments;
  guint offset;

  /* As RT's Attachments collection: a ticket that is not there, or not to
   * be seen, has no attachments (an empty page, not an error). */
  if (ticket != NULL && !csm_sim_rights_can_see_ticket (r->world, r->user->id, ticket))
    ticket = NULL;
  comments = csm_sim_rights_has (r->user, CSM_SIM_RIGHT_SHOW_TICKET_COMMENTS);
  for (guint i = 0; ticket != NULL && ticket->txns != NULL && i < ticket->txns->len; i++)
    {
      const CsmSimTransaction *txn =
        csm_sim_world_get_transaction_at (r->world, g_array_index (ticket->txns, guint, i));

      if (is_message (txn) && (comments || strcmp (txn->type, "Comment") != 0))
        g_ptr_array_add (parts, (gpointer) txn);
    }

  offset = csm_sim_paging_offset (paging);
  for (guint i = offset; i < parts->len && i < offset + paging.per_page; i++)
    g_ptr_array_add (page, parts->pdata[i]);
  csm_sim_respond_envelope (r, page, fields, write_part, parts->len, paging);
}
