/* fuzz-rt-page.c: libFuzzer target for the RT page parser, every item kind, version, messages.
 *
 * Each input is read as a page of every kind. Whatever comes out must be
 * consistent (a page or an error, never both) and hold only valid UTF-8:
 * it ends up in GTK widgets.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fuzz-rt-page"

#include "config.h"

#include <stdint.h>

#include "csm-provider-error.h"
#include "csm-rt-parse.h"
#include "csm-ticket-private.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static void
check_text (const char *s)
{
  g_assert (s == NULL || g_utf8_validate (s, -1, NULL));
}

static void
check_strv (char **v)
{
  for (; v != NULL && *v != NULL; v++)
    check_text (*v);
}

static void
check_item (CsmRtItemKind kind,
            gpointer      item)
{
  switch (kind)
    {
    case CSM_RT_ITEM_TICKET:
      {
        CsmTicket *t = item;

        g_assert (t->id > 0);
        g_assert (t->subject != NULL && t->status != NULL);
        check_text (t->subject);
        check_text (t->status);
        check_text (t->queue_name);
        check_text (t->owner);
        check_text (t->owner_real_name);
        check_text (t->creator);
        check_text (t->sla);
        check_strv (t->requestors);
        check_strv (t->custom_fields);
        g_assert (t->custom_fields == NULL || g_strv_length (t->custom_fields) % 2 == 0);
      }
      break;
    case CSM_RT_ITEM_TRANSACTION:
      {
        CsmTransaction *tx = item;

        g_assert (tx->id > 0);
        check_text (tx->creator);
        check_text (tx->field);
        check_text (tx->old_value);
        check_text (tx->new_value);
      }
      break;
    case CSM_RT_ITEM_QUEUE:
      g_assert (csm_queue_get_id (item) > 0);
      check_text (csm_queue_get_name (item));
      check_text (csm_queue_get_description (item));
      break;
    case CSM_RT_ITEM_USER:
    case CSM_RT_ITEM_USER_RECORD:
      check_text (csm_agent_get_name (item));
      check_text (csm_agent_get_real_name (item));
      check_text (csm_agent_get_email (item));
      break;
    case CSM_RT_ITEM_GROUP:
      check_text (item);
      break;
    default:
      g_assert_not_reached ();
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) body = g_bytes_new_static (data, size);
  const CsmRtItemKind kinds[] = {
    CSM_RT_ITEM_TICKET, CSM_RT_ITEM_TRANSACTION, CSM_RT_ITEM_QUEUE,
    CSM_RT_ITEM_USER, CSM_RT_ITEM_USER_RECORD, CSM_RT_ITEM_GROUP,
  };

  for (gsize k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CsmRtPage) page = csm_rt_parse_page (body, kinds[k], &error);

      if (page == NULL)
        {
          g_assert (error != NULL);
          g_assert (error->domain == CSM_PROVIDER_ERROR);
          g_assert (error->code == CSM_PROVIDER_ERROR_BAD_RESPONSE);
          check_text (error->message);
          continue;
        }
      g_assert (error == NULL);
      g_assert (page->items != NULL);
      for (guint i = 0; i < page->items->len; i++)
        check_item (kinds[k], g_ptr_array_index (page->items, i));
    }

  {
    g_autoptr(GError) error = NULL;
    g_autofree char *version = csm_rt_parse_version (body, &error);

    g_assert ((version == NULL) != (error == NULL));
    check_text (version);
  }

  {
    g_autoptr(GError) error = NULL;
    g_auto(GStrv) messages = NULL;

    if (csm_rt_parse_update_messages (body, &messages, &error))
      {
        g_assert (error == NULL && messages != NULL);
        check_strv (messages);
      }
    else
      g_assert (error != NULL && messages == NULL);
  }
  return 0;
}
