/* csm-rt-parse.c: Request Tracker 5 REST2 JSON into the console's domain types, strictly.
 *
 * RT's JSON is loose: ids are numbers in one place and strings in another,
 * numeric fields are strings, unset dates are 1970. The parser accepts exactly
 * those variations and nothing else: a value of a type RT never sends is a
 * bad response, not something to guess about.
 *
 * A full sync parses hundreds of megabytes of pages on worker threads, so
 * this reads csm-json's tree in place: strings are copied once, into the
 * object that keeps them, and nothing is translated until something fails.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-rt-parse"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "csm-provider-error.h"
#include "csm-rt-parse.h"
#include "csm-ticket-private.h"
#include "csm-time.h"

/* Room for any gint64 in decimal, with sign and NUL. */
#define ID_BUF_SIZE 24

/* @what is untranslated (N_): translating costs a catalogue lookup, and
 * only failures need it. */
static gboolean
fail (GError     **error,
      const char  *what,
      const char  *member)
{
  g_set_error (error, CSM_PROVIDER_ERROR, CSM_PROVIDER_ERROR_BAD_RESPONSE,
               _("The helpdesk sent a malformed %s: the field “%s” has an unexpected type."),
               _(what), member);
  return FALSE;
}

static inline gboolean
holds (const CsmJsonValue *value,
       CsmJsonKind         kind)
{
  return value != NULL && csm_json_value_get_kind (value) == kind;
}

static inline gboolean
is_missing (const CsmJsonValue *value)
{
  return value == NULL || csm_json_value_get_kind (value) == CSM_JSON_KIND_NULL;
}

/* g_ascii_string_to_signed() for decimal text, with a fast path for the
 * plain digits RT writes; anything else takes the general route, so the
 * result is always exactly what g_ascii_string_to_signed() says. */
static gboolean
parse_decimal (const char *text,
               gsize       length,
               gint64      min,
               gint64      max,
               gint64     *out)
{
  if (length > 0 && length <= 18)
    {
      gint64 v = 0;
      gsize i;

      for (i = 0; i < length && text[i] >= '0' && text[i] <= '9'; i++)
        v = v * 10 + (text[i] - '0');
      if (i == length)
        {
          if (v < min || v > max)
            return FALSE;
          *out = v;
          return TRUE;
        }
    }
  return g_ascii_string_to_signed (text, 10, min, max, out, NULL);
}

static const char *
format_int (gint64  value,
            char    buf[ID_BUF_SIZE])
{
  char *p = buf + ID_BUF_SIZE - 1;
  guint64 magnitude = value < 0 ? 0 - (guint64) value : (guint64) value;

  *p = '\0';
  do
    {
      *--p = (char) ('0' + magnitude % 10);
      magnitude /= 10;
    }
  while (magnitude != 0);
  if (value < 0)
    *--p = '-';
  return p;
}

/* Reads an integer that RT may write as a number, a numeric string or a
 * float ("pages": 0.0). Missing and null leave *out untouched. */
static gboolean
read_int (const CsmJsonValue  *object,
          const char          *member,
          const char          *what,
          gint64              *out,
          gboolean            *out_present,
          GError             **error)
{
  const CsmJsonValue *node = csm_json_object_get_member (object, member);

  if (out_present)
    *out_present = FALSE;
  if (is_missing (node))
    return TRUE;

  switch (csm_json_value_get_kind (node))
    {
    case CSM_JSON_KIND_NUMBER:
      if (csm_json_value_is_integer (node))
        *out = csm_json_value_get_int (node);
      else
        {
          double d = csm_json_value_get_double (node);
          /* In range first: converting anything else to gint64 is undefined. */
          if (!(d >= -9223372036854775808.0 && d < 9223372036854775808.0) ||
              d != (double) (gint64) d)
            return fail (error, what, member);
          *out = (gint64) d;
        }
      break;
    case CSM_JSON_KIND_STRING:
      {
        gsize len;
        const char *s = csm_json_value_get_string (node, &len);
        if (*s == '\0')
          return TRUE;
        if (!parse_decimal (s, len, G_MININT64, G_MAXINT64, out))
          return fail (error, what, member);
      }
      break;
    case CSM_JSON_KIND_NULL:
    case CSM_JSON_KIND_BOOLEAN:
    case CSM_JSON_KIND_ARRAY:
    case CSM_JSON_KIND_OBJECT:
    default:
      return fail (error, what, member);
    }

  if (out_present)
    *out_present = TRUE;
  return TRUE;
}

/* Strings must be strings (or null/missing). */
static gboolean
read_string (const CsmJsonValue  *object,
             const char          *member,
             const char          *what,
             const char         **out,
             GError             **error)
{
  const CsmJsonValue *node = csm_json_object_get_member (object, member);

  *out = NULL;
  if (is_missing (node))
    return TRUE;
  if (csm_json_value_get_kind (node) != CSM_JSON_KIND_STRING)
    return fail (error, what, member);
  *out = csm_json_value_get_string (node, NULL);
  return TRUE;
}

static gboolean
read_date (const CsmJsonValue  *object,
           const char          *member,
           const char          *what,
           gint64              *out,
           GError             **error)
{
  const char *text;

  if (!read_string (object, member, what, &text, error))
    return FALSE;
  if (text == NULL)
    {
      *out = CSM_TIME_UNSET;
      return TRUE;
    }
  if (!csm_time_parse_iso8601 (text, out))
    return fail (error, what, member);
  return TRUE;
}

/* A reference to another record: {"id": "alice", "Name": …, "RealName": …}.
 * RT writes the bare id when the field was not expanded. *out_id points
 * into the document or, for a numeric id, into @buf. */
static gboolean
read_ref (const CsmJsonValue   *object,
          const char           *member,
          const char           *what,
          char                  buf[ID_BUF_SIZE],
          const char          **out_id,
          const CsmJsonValue  **out_ref,
          GError              **error)
{
  const CsmJsonValue *node = csm_json_object_get_member (object, member);
  const CsmJsonValue *id = node;

  *out_id = NULL;
  if (out_ref)
    *out_ref = NULL;
  if (is_missing (node))
    return TRUE;
  if (csm_json_value_get_kind (node) == CSM_JSON_KIND_OBJECT)
    {
      id = csm_json_object_get_member (node, "id");
      if (id == NULL)
        return fail (error, what, member);
      if (out_ref)
        *out_ref = node;
    }
  if (csm_json_value_get_kind (id) == CSM_JSON_KIND_STRING)
    *out_id = csm_json_value_get_string (id, NULL);
  else if (csm_json_value_get_kind (id) == CSM_JSON_KIND_NUMBER && csm_json_value_is_integer (id))
    *out_id = format_int (csm_json_value_get_int (id), buf);
  else
    return fail (error, what, member);
  return TRUE;
}

static GStrv
read_requestors (const CsmJsonValue  *object,
                 gboolean            *ok,
                 GError             **error)
{
  const CsmJsonValue *node = csm_json_object_get_member (object, "Requestor");
  g_auto(GStrv) requestors = NULL;
  guint n;

  *ok = TRUE;
  if (is_missing (node))
    return NULL;
  if (csm_json_value_get_kind (node) != CSM_JSON_KIND_ARRAY)
    {
      *ok = fail (error, N_("ticket"), "Requestor");
      return NULL;
    }

  n = csm_json_array_get_length (node);
  requestors = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    {
      const CsmJsonValue *el = csm_json_array_get_element (node, i);

      if (csm_json_value_get_kind (el) == CSM_JSON_KIND_OBJECT)
        el = csm_json_object_get_member (el, "id");
      if (!holds (el, CSM_JSON_KIND_STRING))
        {
          *ok = fail (error, N_("ticket"), "Requestor");
          return NULL;
        }
      requestors[i] = g_strdup (csm_json_value_get_string (el, NULL));
    }
  return g_steal_pointer (&requestors);
}

/* A custom field's values as one string, "a, b"; NULL when there are none
 * or they join to nothing. */
static gboolean
join_custom_field_values (const CsmJsonValue  *values,
                          char               **out,
                          GError             **error)
{
  guint n = csm_json_array_get_length (values);
  g_autoptr(GString) joined = NULL;

  *out = NULL;
  for (guint j = 0; j < n; j++)
    if (!holds (csm_json_array_get_element (values, j), CSM_JSON_KIND_STRING))
      return fail (error, N_("custom field"), "values");

  /* Nearly every field has at most one value. */
  if (n == 1)
    {
      const char *v = csm_json_value_get_string (csm_json_array_get_element (values, 0), NULL);
      if (*v != '\0')
        *out = g_strdup (v);
      return TRUE;
    }

  joined = g_string_new (NULL);
  for (guint j = 0; j < n; j++)
    {
      if (joined->len)
        g_string_append (joined, ", ");
      g_string_append (joined, csm_json_value_get_string (csm_json_array_get_element (values, j),
                                                          NULL));
    }
  if (joined->len > 0)
    *out = g_string_free (g_steal_pointer (&joined), FALSE);
  return TRUE;
}

static GStrv
read_custom_fields (const CsmJsonValue  *object,
                    gboolean            *ok,
                    GError             **error)
{
  const CsmJsonValue *node = csm_json_object_get_member (object, "CustomFields");
  g_auto(GStrv) fields = NULL;
  guint n_fields;
  guint n = 0;

  *ok = TRUE;
  if (is_missing (node))
    return NULL;
  if (csm_json_value_get_kind (node) != CSM_JSON_KIND_ARRAY)
    {
      *ok = fail (error, N_("ticket"), "CustomFields");
      return NULL;
    }

  n_fields = csm_json_array_get_length (node);
  fields = g_new0 (char *, 2 * (gsize) n_fields + 1);
  for (guint i = 0; i < n_fields; i++)
    {
      const CsmJsonValue *cf = csm_json_array_get_element (node, i);
      const CsmJsonValue *values;
      const char *name;
      char *joined;

      if (csm_json_value_get_kind (cf) != CSM_JSON_KIND_OBJECT)
        {
          *ok = fail (error, N_("ticket"), "CustomFields");
          return NULL;
        }
      if (!read_string (cf, "name", N_("custom field"), &name, error))
        {
          *ok = FALSE;
          return NULL;
        }
      if (name == NULL)
        {
          *ok = fail (error, N_("custom field"), "name");
          return NULL;
        }
      values = csm_json_object_get_member (cf, "values");
      if (is_missing (values))
        continue;
      if (csm_json_value_get_kind (values) != CSM_JSON_KIND_ARRAY)
        {
          *ok = fail (error, N_("custom field"), "values");
          return NULL;
        }
      if (!join_custom_field_values (values, &joined, error))
        {
          *ok = FALSE;
          return NULL;
        }
      if (joined == NULL)
        continue;
      fields[n++] = g_strdup (name);
      fields[n++] = joined;
    }

  if (n == 0)
    return NULL;
  return g_steal_pointer (&fields);
}

/**
 * csm_rt_parse_ticket:
 * @object: one item of a ticket search, or a `GET /ticket/:id` body
 *
 * Returns: (transfer full) (nullable): the ticket, or %NULL with @error set
 */
CsmTicket *
csm_rt_parse_ticket (const CsmJsonValue  *object,
                     GError             **error)
{
  g_autoptr(CsmTicket) ticket = NULL;
  const char *what = N_("ticket");
  const char *s;
  const char *queue;
  const char *owner;
  const char *creator;
  char buf[ID_BUF_SIZE];
  const CsmJsonValue *ref;
  gint64 id = 0;
  gint64 v;
  gboolean present;
  gboolean ok;

  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail (csm_json_value_get_kind (object) == CSM_JSON_KIND_OBJECT, NULL);

  if (!read_int (object, "id", what, &id, &present, error))
    return NULL;
  if (!present || id <= 0)
    {
      fail (error, what, "id");
      return NULL;
    }
  ticket = csm_ticket_new (id);

  if (!read_string (object, "Subject", what, &s, error))
    return NULL;
  ticket->subject = g_strdup (s ? s : "");
  if (!read_string (object, "Status", what, &s, error))
    return NULL;
  ticket->status = g_strdup (s ? s : "");

  if (!read_ref (object, "Queue", what, buf, &queue, &ref, error))
    return NULL;
  if (queue != NULL &&
      !parse_decimal (queue, strlen (queue), 0, G_MAXINT64, &ticket->queue_id))
    {
      /* RT refers to a queue by name only where it was written by name. */
      ticket->queue_name = g_strdup (queue);
    }
  if (ref != NULL)
    {
      const char *name;
      if (!read_string (ref, "Name", what, &name, error))
        return NULL;
      if (name != NULL)
        _csm_ticket_set_string (&ticket->queue_name, name);
    }

  if (!read_ref (object, "Owner", what, buf, &owner, &ref, error))
    return NULL;
  /* RT's "Nobody" is its placeholder for an unowned ticket. */
  if (owner != NULL && strcmp (owner, "Nobody") != 0 && strcmp (owner, "6") != 0)
    {
      ticket->owner = g_strdup (owner);
      if (ref != NULL)
        {
          const char *real;
          if (!read_string (ref, "RealName", what, &real, error))
            return NULL;
          if (real != NULL && *real != '\0')
            ticket->owner_real_name = g_strdup (real);
        }
    }

  if (!read_ref (object, "Creator", what, buf, &creator, NULL, error))
    return NULL;
  ticket->creator = g_strdup (creator);

  v = 0;
  if (!read_int (object, "Priority", what, &v, NULL, error))
    return NULL;
  ticket->priority = (int) CLAMP (v, G_MININT, G_MAXINT);
  v = 0;
  if (!read_int (object, "TimeWorked", what, &v, NULL, error))
    return NULL;
  ticket->time_worked = (int) CLAMP (v, 0, G_MAXINT);
  v = 0;
  if (!read_int (object, "TimeEstimated", what, &v, NULL, error))
    return NULL;
  ticket->time_estimated = (int) CLAMP (v, 0, G_MAXINT);

  if (!read_date (object, "Created", what, &ticket->created, error) ||
      !read_date (object, "LastUpdated", what, &ticket->last_updated, error) ||
      !read_date (object, "Starts", what, &ticket->starts, error) ||
      !read_date (object, "Started", what, &ticket->started, error) ||
      !read_date (object, "Due", what, &ticket->due, error) ||
      !read_date (object, "Resolved", what, &ticket->resolved, error) ||
      !read_date (object, "Told", what, &ticket->told, error))
    return NULL;

  if (!read_string (object, "SLA", what, &s, error))
    return NULL;
  if (s != NULL && *s != '\0')
    ticket->sla = g_strdup (s);

  ticket->requestors = read_requestors (object, &ok, error);
  if (!ok)
    return NULL;
  ticket->custom_fields = read_custom_fields (object, &ok, error);
  if (!ok)
    return NULL;

  return g_steal_pointer (&ticket);
}

/**
 * csm_rt_parse_transaction:
 *
 * Returns: (transfer full) (nullable): the transaction; %NULL without an
 *   error for transactions on something other than a ticket
 */
CsmTransaction *
csm_rt_parse_transaction (const CsmJsonValue  *object,
                          GError             **error)
{
  const char *what = N_("transaction");
  const char *type, *object_type, *field, *old_value, *new_value;
  const char *creator;
  char buf[ID_BUF_SIZE];
  gint64 id = 0, ticket_id = 0, time_taken = 0, created = 0;
  gboolean present;
  CsmTransaction *tx;

  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail (csm_json_value_get_kind (object) == CSM_JSON_KIND_OBJECT, NULL);

  if (!read_int (object, "id", what, &id, &present, error))
    return NULL;
  if (!present || id <= 0)
    {
      fail (error, what, "id");
      return NULL;
    }
  if (!read_string (object, "ObjectType", what, &object_type, error))
    return NULL;
  if (object_type != NULL && strcmp (object_type, "RT::Ticket") != 0)
    return NULL;
  if (!read_int (object, "ObjectId", what, &ticket_id, &present, error))
    return NULL;
  if (!present)
    {
      fail (error, what, "ObjectId");
      return NULL;
    }
  if (!read_string (object, "Type", what, &type, error) ||
      !read_ref (object, "Creator", what, buf, &creator, NULL, error) ||
      !read_int (object, "TimeTaken", what, &time_taken, NULL, error) ||
      !read_date (object, "Created", what, &created, error) ||
      !read_string (object, "Field", what, &field, error) ||
      !read_string (object, "OldValue", what, &old_value, error) ||
      !read_string (object, "NewValue", what, &new_value, error))
    return NULL;

  tx = csm_transaction_new (id, ticket_id, csm_transaction_type_from_string (type, field),
                            created, creator, (int) CLAMP (time_taken, 0, G_MAXINT));
  if ((field && *field) || (old_value && *old_value) || (new_value && *new_value))
    csm_transaction_set_change (tx, field && *field ? field : NULL,
                                old_value && *old_value ? old_value : NULL,
                                new_value && *new_value ? new_value : NULL);
  return tx;
}

/**
 * csm_rt_parse_message_part:
 *
 * One item of `GET /ticket/:id/attachments?fields=ContentType,Content,TransactionId`:
 * with fields asked for, RT sends text content as text (not base64).
 *
 * Returns: (transfer full): the part
 */
CsmMessagePart *
csm_rt_parse_message_part (const CsmJsonValue  *object,
                           GError             **error)
{
  const char *what = N_("message part");
  const char *content_type, *content, *filename, *txn;
  char buf[ID_BUF_SIZE];
  gint64 id = 0, transaction_id = 0;
  gboolean present;

  g_return_val_if_fail (object != NULL, NULL);

  if (!read_int (object, "id", what, &id, &present, error))
    return NULL;
  if (!present || id <= 0)
    {
      fail (error, what, "id");
      return NULL;
    }
  if (!read_ref (object, "TransactionId", what, buf, &txn, NULL, error) ||
      !read_string (object, "ContentType", what, &content_type, error) ||
      !read_string (object, "Filename", what, &filename, error) ||
      !read_string (object, "Content", what, &content, error))
    return NULL;
  if (txn == NULL || !parse_decimal (txn, strlen (txn), 1, G_MAXINT64, &transaction_id))
    {
      fail (error, what, "TransactionId");
      return NULL;
    }
  return csm_message_part_new (id, transaction_id, content_type, filename, content);
}

/**
 * csm_rt_parse_queue:
 *
 * Returns: (transfer full) (nullable): the queue; %NULL without an error for
 *   a disabled queue
 */
CsmQueue *
csm_rt_parse_queue (const CsmJsonValue  *object,
                    GError             **error)
{
  const char *what = N_("queue");
  const char *name, *description;
  gint64 id = 0, disabled = 0, sla_disabled = 1;
  gboolean present;
  CsmQueue *queue;

  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail (csm_json_value_get_kind (object) == CSM_JSON_KIND_OBJECT, NULL);

  if (!read_int (object, "id", what, &id, &present, error))
    return NULL;
  if (!present || id <= 0)
    {
      fail (error, what, "id");
      return NULL;
    }
  if (!read_string (object, "Name", what, &name, error) ||
      !read_string (object, "Description", what, &description, error) ||
      !read_int (object, "Disabled", what, &disabled, NULL, error) ||
      !read_int (object, "SLADisabled", what, &sla_disabled, NULL, error))
    return NULL;
  if (disabled)
    return NULL;

  queue = csm_queue_new (id, name, description && *description ? description : NULL);
  csm_queue_set_sla_enabled (queue, sla_disabled == 0);
  return queue;
}

/**
 * csm_rt_parse_user:
 *
 * Returns: (transfer full) (nullable): the user as an agent; %NULL without
 *   an error for a disabled user
 */
CsmAgent *
csm_rt_parse_user (const CsmJsonValue  *object,
                   GError             **error)
{
  const char *what = N_("user");
  const char *name, *real_name, *email;
  const char *id;
  char buf[ID_BUF_SIZE];
  gint64 disabled = 0;
  gint64 privileged = 1;

  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail (csm_json_value_get_kind (object) == CSM_JSON_KIND_OBJECT, NULL);

  if (!read_ref (object, "id", what, buf, &id, NULL, error) ||
      !read_string (object, "Name", what, &name, error) ||
      !read_string (object, "RealName", what, &real_name, error) ||
      !read_string (object, "EmailAddress", what, &email, error) ||
      !read_int (object, "Disabled", what, &disabled, NULL, error) ||
      !read_int (object, "Privileged", what, &privileged, NULL, error))
    return NULL;
  /* A disabled user is no longer an agent; an unprivileged one (a
   * customer) never was. Group members come without either. */
  if (disabled || !privileged)
    return NULL;
  if (name == NULL)
    name = id;
  if (name == NULL || *name == '\0')
    {
      fail (error, what, "Name");
      return NULL;
    }
  return csm_agent_new (name, real_name, email);
}

void
csm_rt_page_free (CsmRtPage *page)
{
  if (page == NULL)
    return;
  g_clear_pointer (&page->items, g_ptr_array_unref);
  g_free (page);
}

static CsmJsonDoc *
parse_body (GBytes  *body,
            GError **error)
{
  g_autoptr(GError) local_error = NULL;
  gsize len = 0;
  const char *data = body ? g_bytes_get_data (body, &len) : NULL;
  CsmJsonDoc *doc;

  if (data == NULL || len == 0)
    {
      g_set_error (error, CSM_PROVIDER_ERROR, CSM_PROVIDER_ERROR_BAD_RESPONSE,
                   _("The helpdesk sent an empty answer."));
      return NULL;
    }
  doc = csm_json_parse (data, len, &local_error);
  if (doc != NULL)
    return doc;
  if (g_error_matches (local_error, CSM_JSON_ERROR, CSM_JSON_ERROR_EMPTY))
    g_set_error (error, CSM_PROVIDER_ERROR, CSM_PROVIDER_ERROR_BAD_RESPONSE,
                 _("The helpdesk sent an empty answer."));
  else
    g_set_error (error, CSM_PROVIDER_ERROR, CSM_PROVIDER_ERROR_BAD_RESPONSE,
                 _("The helpdesk sent something that is not JSON: %s"), local_error->message);
  return NULL;
}

/**
 * csm_rt_parse_page:
 * @body: the body of a REST2 collection request
 * @kind: what the items are
 *
 * Returns: (transfer full) (nullable): the page
 */
CsmRtPage *
csm_rt_parse_page (GBytes         *body,
                   CsmRtItemKind   kind,
                   GError        **error)
{
  g_autoptr(CsmJsonDoc) doc = parse_body (body, error);
  g_autoptr(CsmRtPage) page = NULL;
  const char *what = N_("result page");
  const CsmJsonValue *object;
  const CsmJsonValue *items;
  gboolean present;
  guint n_items;

  if (doc == NULL)
    return NULL;
  object = csm_json_doc_get_root (doc);
  if (csm_json_value_get_kind (object) != CSM_JSON_KIND_OBJECT)
    {
      g_set_error (error, CSM_PROVIDER_ERROR, CSM_PROVIDER_ERROR_BAD_RESPONSE,
                   _("The helpdesk sent a result page that is not a JSON object."));
      return NULL;
    }

  page = g_new0 (CsmRtPage, 1);
  page->page = 1;

  /* A single record reads as a page of one. */
  if (kind == CSM_RT_ITEM_USER_RECORD)
    {
      g_autoptr(GError) item_error = NULL;
      CsmAgent *agent;

      page->items = g_ptr_array_new_with_free_func (g_object_unref);
      page->pages = 1;
      /* RT's user record always says whether the user is privileged; one
       * that does not is nobody's agent. (Disabled is only shown to those
       * with AdminUsers: without it, an owner who left still counts.) */
      agent = csm_json_object_get_member (object, "Privileged") != NULL
              ? csm_rt_parse_user (object, &item_error) : NULL;
      if (item_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&item_error));
          return NULL;
        }
      if (agent != NULL)
        g_ptr_array_add (page->items, agent);
      page->total = page->count = page->items->len;
      return g_steal_pointer (&page);
    }

  if (!read_int (object, "total", what, &page->total, NULL, error) ||
      !read_int (object, "page", what, &page->page, NULL, error) ||
      !read_int (object, "pages", what, &page->pages, NULL, error) ||
      !read_int (object, "per_page", what, &page->per_page, NULL, error) ||
      !read_int (object, "count", what, &page->count, &present, error))
    return NULL;

  items = csm_json_object_get_member (object, "items");
  if (!holds (items, CSM_JSON_KIND_ARRAY))
    {
      g_set_error (error, CSM_PROVIDER_ERROR, CSM_PROVIDER_ERROR_BAD_RESPONSE,
                   _("The helpdesk sent a result page without a list of items."));
      return NULL;
    }
  n_items = csm_json_array_get_length (items);
  if (!present)
    page->count = n_items;

  if (kind == CSM_RT_ITEM_TRANSACTION)
    page->items = g_ptr_array_new_full (n_items, (GDestroyNotify) csm_transaction_unref);
  else if (kind == CSM_RT_ITEM_MESSAGE_PART)
    page->items = g_ptr_array_new_full (n_items, (GDestroyNotify) csm_message_part_free);
  else if (kind == CSM_RT_ITEM_GROUP)
    page->items = g_ptr_array_new_full (n_items, g_free);
  else
    page->items = g_ptr_array_new_full (n_items, g_object_unref);

  for (guint i = 0; i < n_items; i++)
    {
      const CsmJsonValue *item = csm_json_array_get_element (items, i);
      gpointer parsed = NULL;
      g_autoptr(GError) item_error = NULL;

      if (csm_json_value_get_kind (item) != CSM_JSON_KIND_OBJECT)
        {
          g_set_error (error, CSM_PROVIDER_ERROR, CSM_PROVIDER_ERROR_BAD_RESPONSE,
                       _("The helpdesk sent a result item that is not a JSON object."));
          return NULL;
        }

      switch (kind)
        {
        case CSM_RT_ITEM_TICKET:
          parsed = csm_rt_parse_ticket (item, &item_error);
          break;
        case CSM_RT_ITEM_TRANSACTION:
          parsed = csm_rt_parse_transaction (item, &item_error);
          break;
        case CSM_RT_ITEM_QUEUE:
          parsed = csm_rt_parse_queue (item, &item_error);
          break;
        case CSM_RT_ITEM_MESSAGE_PART:
          parsed = csm_rt_parse_message_part (item, &item_error);
          break;
        case CSM_RT_ITEM_USER:
          {
            const char *type = NULL;
            /* Group members can be groups; only users are agents. */
            if (!read_string (item, "type", what, &type, &item_error))
              break;
            if (type != NULL && strcmp (type, "user") != 0)
              break;
            parsed = csm_rt_parse_user (item, &item_error);
          }
          break;
        case CSM_RT_ITEM_USER_RECORD:
          g_assert_not_reached ();
          break;
        case CSM_RT_ITEM_GROUP:
          {
            gint64 gid = 0;
            gboolean has_id;
            if (read_int (item, "id", what, &gid, &has_id, &item_error) && has_id)
              parsed = g_strdup_printf ("%" G_GINT64_FORMAT, gid);
            else if (item_error == NULL)
              fail (&item_error, what, "id");
          }
          break;
        default:
          g_assert_not_reached ();
        }

      if (item_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&item_error));
          return NULL;
        }
      if (parsed != NULL)
        g_ptr_array_add (page->items, parsed);
    }

  return g_steal_pointer (&page);
}

/**
 * csm_rt_parse_version:
 * @body: the body of `GET /REST/2.0/rt`
 *
 * Returns: (transfer full) (nullable): "Request Tracker 5.0.3…", or %NULL with
 *   %CSM_PROVIDER_ERROR_NOT_HELPDESK when the server is something else
 */
char *
csm_rt_parse_version (GBytes  *body,
                      GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(CsmJsonDoc) doc = parse_body (body, &local_error);

  if (doc != NULL)
    {
      const CsmJsonValue *root = csm_json_doc_get_root (doc);

      if (csm_json_value_get_kind (root) == CSM_JSON_KIND_OBJECT)
        {
          const CsmJsonValue *version = csm_json_object_get_member (root, "Version");

          if (holds (version, CSM_JSON_KIND_STRING))
            return g_strdup_printf ("Request Tracker %s",
                                    csm_json_value_get_string (version, NULL));
        }
    }

  g_set_error (error, CSM_PROVIDER_ERROR, CSM_PROVIDER_ERROR_NOT_HELPDESK,
               _("The server answers, but it is not Request Tracker 5: it has no REST2 "
                 "API at this address."));
  return NULL;
}

/**
 * csm_rt_parse_update_messages:
 * @body: the body of a `PUT /ticket/:id` or of a correspond/comment POST
 * @out_messages: (out) (transfer full): RT's messages
 *
 * RT answers a PUT with HTTP 200 and a list of messages whether or not the
 * change was made; this only checks the shape. Deciding failure is the
 * caller's job.
 */
gboolean
csm_rt_parse_update_messages (GBytes   *body,
                              char   ***out_messages,
                              GError  **error)
{
  g_autoptr(CsmJsonDoc) doc = parse_body (body, error);
  g_auto(GStrv) messages = NULL;
  const CsmJsonValue *root;
  guint n;

  if (doc == NULL)
    return FALSE;
  root = csm_json_doc_get_root (doc);
  if (csm_json_value_get_kind (root) != CSM_JSON_KIND_ARRAY)
    {
      g_set_error (error, CSM_PROVIDER_ERROR, CSM_PROVIDER_ERROR_BAD_RESPONSE,
                   _("The helpdesk answered a change with something other than a list of "
                     "messages."));
      return FALSE;
    }
  n = csm_json_array_get_length (root);
  messages = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    {
      const CsmJsonValue *el = csm_json_array_get_element (root, i);

      if (csm_json_value_get_kind (el) != CSM_JSON_KIND_STRING)
        {
          g_set_error (error, CSM_PROVIDER_ERROR, CSM_PROVIDER_ERROR_BAD_RESPONSE,
                       _("The helpdesk answered a change with a malformed message list."));
          return FALSE;
        }
      messages[i] = g_strdup (csm_json_value_get_string (el, NULL));
    }
  *out_messages = g_steal_pointer (&messages);
  return TRUE;
}

/* What RT 5 says when a field was set, or needed no change (RT::Record::_Set,
 * RT::Ticket::SetOwner and SetStatus). */
static gboolean
update_message_is_success (const char *message)
{
  return strstr (message, " changed from ") != NULL ||
         strstr (message, "That is already the current value") != NULL ||
         strstr (message, "That user already owns that ticket") != NULL;
}

/**
 * csm_rt_judge_update_messages:
 * @messages: what RT answered a one-field `PUT /ticket/:id` with
 *
 * RT answers a write with HTTP 200 and a list of messages whether it made
 * the change or not (reference/rt5.md §9). The change was made when one
 * message says so ("… changed from … to …", "That is already the current
 * value"), or when the list is empty: RT::Record::Update skips a field that
 * already has the value and says nothing. Anything else is a refusal.
 *
 * Returns: %TRUE when the change stands; otherwise %FALSE with
 *   %CSM_PROVIDER_ERROR_FORBIDDEN for "Permission Denied" and
 *   %CSM_PROVIDER_ERROR_REFUSED for any other message, RT's words included
 */
gboolean
csm_rt_judge_update_messages (const char * const  *messages,
                              GError             **error)
{
  g_autofree char *joined = NULL;
  gboolean denied = FALSE;

  g_return_val_if_fail (messages != NULL, FALSE);

  if (messages[0] == NULL)
    return TRUE;
  for (guint i = 0; messages[i] != NULL; i++)
    {
      if (update_message_is_success (messages[i]))
        return TRUE;
      if (strstr (messages[i], "Permission Denied") != NULL)
        denied = TRUE;
    }

  joined = g_strjoinv ("; ", (char **) messages);
  if (denied)
    g_set_error (error, CSM_PROVIDER_ERROR, CSM_PROVIDER_ERROR_FORBIDDEN,
                 _("The helpdesk refused the change: the account lacks the right (%s)."), joined);
  else
    g_set_error (error, CSM_PROVIDER_ERROR, CSM_PROVIDER_ERROR_REFUSED,
                 _("The helpdesk refused the change: %s"), joined);
  return FALSE;
}
