/* csm-ticket-filter.c: which tickets a list shows, and in what order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-ticket-filter"

#include "config.h"

#include <string.h>

#include "csm-enums.h"
#include "csm-ticket-filter.h"
#include "csm-ticket-private.h"
#include "csm-time.h"

/* The names are the enum's nicks (csm-enums.h), which the settings share. */
gboolean
csm_ticket_column_from_string (const char      *name,
                               CsmTicketColumn *out_column)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (CSM_TYPE_TICKET_COLUMN);
  GEnumValue *value = name ? g_enum_get_value_by_nick (klass, name) : NULL;

  if (value == NULL)
    return FALSE;
  *out_column = (CsmTicketColumn) value->value;
  return TRUE;
}

const char *
csm_ticket_column_to_string (CsmTicketColumn column)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (CSM_TYPE_TICKET_COLUMN);
  GEnumValue *value = g_enum_get_value (klass, column);

  g_return_val_if_fail (value != NULL, "id");
  /* Nicks live as long as the (static) type. */
  return value->value_nick;
}

/* Case- and composition-insensitive: "MÜLLER" finds "Müller" whichever way
 * the ü was encoded. */
static char *
fold (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);

  return g_utf8_normalize (folded, -1, G_NORMALIZE_ALL);
}

/**
 * csm_ticket_filter_spec_set_text:
 * @text: (nullable): what the user typed
 */
void
csm_ticket_filter_spec_set_text (CsmTicketFilterSpec *spec,
                                 const char          *text)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  guint n = 0;

  g_clear_pointer (&spec->text, g_free);
  g_clear_pointer (&spec->words, g_strfreev);
  if (text == NULL || *text == '\0')
    return;

  spec->text = g_strdup (text);
  builder = g_strv_builder_new ();
  parts = g_strsplit_set (text, " \t\n", -1);
  for (guint i = 0; parts[i]; i++)
    if (*parts[i] != '\0')
      {
        g_autofree char *word = fold (parts[i]);
        g_strv_builder_add (builder, word);
        n++;
      }
  if (n > 0)
    spec->words = g_strv_builder_end (builder);
}

void
csm_ticket_filter_spec_clear (CsmTicketFilterSpec *spec)
{
  g_clear_pointer (&spec->status, g_free);
  g_clear_pointer (&spec->owner, g_free);
  g_clear_pointer (&spec->text, g_free);
  g_clear_pointer (&spec->words, g_strfreev);
}

static gboolean
contains_folded (const char *haystack,
                 const char *word)
{
  g_autofree char *folded = NULL;

  if (haystack == NULL || *haystack == '\0')
    return FALSE;
  folded = fold (haystack);
  return strstr (folded, word) != NULL;
}

static gboolean
word_matches (CsmTicket  *ticket,
              const char *word)
{
  const char *digits = word[0] == '#' ? word + 1 : word;
  guint64 id;

  if (*digits != '\0' && g_ascii_string_to_unsigned (digits, 10, 1, G_MAXINT64, &id, NULL) &&
      (gint64) id == ticket->id)
    return TRUE;
  if (contains_folded (ticket->subject, word) ||
      contains_folded (ticket->queue_name, word) ||
      contains_folded (ticket->owner, word) ||
      contains_folded (ticket->owner_real_name, word))
    return TRUE;
  if (ticket->requestors != NULL)
    for (guint i = 0; ticket->requestors[i]; i++)
      if (contains_folded (ticket->requestors[i], word))
        return TRUE;
  return FALSE;
}

/**
 * csm_ticket_filter_matches:
 *
 * Every condition of @spec must hold; text words must all match somewhere.
 */
gboolean
csm_ticket_filter_matches (const CsmTicketFilterSpec *spec,
                           CsmTicket                 *ticket)
{
  g_return_val_if_fail (spec != NULL, FALSE);
  g_return_val_if_fail (CSM_IS_TICKET (ticket), FALSE);

  if (spec->active_only && _csm_ticket_status_class (ticket) == CSM_STATUS_CLASS_INACTIVE)
    return FALSE;
  if (spec->queue_id != 0 && ticket->queue_id != spec->queue_id)
    return FALSE;
  if (spec->status != NULL && g_ascii_strcasecmp (spec->status, ticket->status ? ticket->status : "") != 0)
    return FALSE;
  if (spec->owner != NULL)
    {
      if (*spec->owner == '\0' ? ticket->owner != NULL : g_strcmp0 (spec->owner, ticket->owner) != 0)
        return FALSE;
    }
  if (spec->words != NULL)
    for (guint i = 0; spec->words[i]; i++)
      if (!word_matches (ticket, spec->words[i]))
        return FALSE;
  return TRUE;
}

static int
cmp_int64 (gint64 a,
           gint64 b)
{
  return a < b ? -1 : a > b;
}

/* Unset times sort after every set time in ascending order: a ticket with
 * no deadline is never more urgent than one with a deadline. */
static int
cmp_time (gint64 a,
          gint64 b)
{
  if (a == CSM_TIME_UNSET || b == CSM_TIME_UNSET)
    return (a == CSM_TIME_UNSET) - (b == CSM_TIME_UNSET);
  return cmp_int64 (a, b);
}

static int
cmp_text (const char *a,
          const char *b)
{
  return g_utf8_collate (a ? a : "", b ? b : "");
}

static int
status_rank (const char *status)
{
  switch (csm_status_classify (status))
    {
    case CSM_STATUS_CLASS_NEW:      return 0;
    case CSM_STATUS_CLASS_OPEN:     return 1;
    case CSM_STATUS_CLASS_STALLED:  return 2;
    case CSM_STATUS_CLASS_INACTIVE:
    default:                        return 3;
    }
}

/**
 * csm_ticket_compare:
 * @column: the column to sort by, ascending
 *
 * Ties fall back to the ticket id, so the order is total and stable across
 * refreshes.
 */
int
csm_ticket_compare (CsmTicket       *a,
                    CsmTicket       *b,
                    CsmTicketColumn  column)
{
  int r = 0;

  switch (column)
    {
    case CSM_TICKET_COLUMN_SUBJECT:
      r = cmp_text (a->subject, b->subject);
      break;
    case CSM_TICKET_COLUMN_QUEUE:
      r = cmp_text (a->queue_name, b->queue_name);
      break;
    case CSM_TICKET_COLUMN_STATUS:
      r = status_rank (a->status) - status_rank (b->status);
      if (r == 0)
        r = cmp_text (a->status, b->status);
      break;
    case CSM_TICKET_COLUMN_OWNER:
      /* Unowned first: those are the ones a supervisor must hand out. */
      if ((a->owner == NULL) != (b->owner == NULL))
        r = a->owner == NULL ? -1 : 1;
      else
        r = cmp_text (csm_ticket_get_owner_display (a), csm_ticket_get_owner_display (b));
      break;
    case CSM_TICKET_COLUMN_PRIORITY:
      r = a->priority - b->priority;
      break;
    case CSM_TICKET_COLUMN_CREATED:
      r = cmp_time (a->created, b->created);
      break;
    case CSM_TICKET_COLUMN_SLA_DUE:
      r = cmp_time (a->due, b->due);
      break;
    case CSM_TICKET_COLUMN_LAST_UPDATED:
      r = cmp_time (a->last_updated, b->last_updated);
      break;
    case CSM_TICKET_COLUMN_ID:
    default:
      break;
    }

  if (r != 0)
    return r < 0 ? -1 : 1;
  return cmp_int64 (a->id, b->id);
}
