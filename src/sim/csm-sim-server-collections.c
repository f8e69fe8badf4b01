/* csm-sim-server-collections.c: paging and envelope of collections; queues, users, groups, CFs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-sim-server"

#include "config.h"

#include <string.h>

#include "csm-sim-rights.h"
#include "csm-sim-server-private.h"
#include "csm-sim-text.h"

/* ---- paging and the envelope -------------------------------------------- */

/* RT::REST2::Resource::Collection::setup_paging. */
CsmSimPaging
csm_sim_request_paging (CsmSimRequest *r)
{
  CsmSimPaging paging = { 20, 1 };
  const char *per_page = csm_sim_request_param (r, "per_page");
  const char *page = csm_sim_request_param (r, "page");

  if (csm_sim_is_digits (per_page))
    {
      guint64 n = g_ascii_strtoull (per_page, NULL, 10);

      paging.per_page = n == 0 ? 20 : n > 100 ? 100 : (guint) n;
    }
  if (csm_sim_is_digits (page))
    {
      guint64 n = g_ascii_strtoull (page, NULL, 10);

      paging.page = n == 0 ? 1 : n > G_MAXINT ? G_MAXINT : (guint) n;
    }
  return paging;
}

guint
csm_sim_paging_offset (CsmSimPaging paging)
{
  guint64 offset = (guint64) (paging.page - 1) * paging.per_page;

  return offset > G_MAXUINT ? G_MAXUINT : (guint) offset;
}

/* The request URI with its first "page" pair dropped -- Perl's delete on an
 * array element leaves a "=" pair behind unless it was the last one -- and
 * "page=N" appended. */
static char *
page_url (CsmSimRequest *r,
          guint          page)
{
  GString *url = g_string_new (NULL);
  gboolean first = TRUE;
  int drop = -1;
  guint n = r->url_params->len;

  for (guint i = 0; i < n; i++)
    if (strcmp (((CsmSimParam *) g_ptr_array_index (r->url_params, i))->key, "page") == 0)
      {
        drop = (int) i;
        break;
      }
  /* Only a "page" pair that is there and last goes without a trace. */
  if (drop >= 0 && drop == (int) n - 1)
    n--;

  g_string_append (url, r->self->url);
  g_string_append (url, r->path);
  g_string_append_c (url, '?');
  for (guint i = 0; i < n; i++)
    {
      CsmSimParam *p = g_ptr_array_index (r->url_params, i);

      if (!first)
        g_string_append_c (url, '&');
      first = FALSE;
      if ((int) i == drop)
        {
          g_string_append_c (url, '=');
          continue;
        }
      csm_sim_form_append_escaped (url, p->key);
      g_string_append_c (url, '=');
      csm_sim_form_append_escaped (url, p->value);
    }
  if (!first)
    g_string_append_c (url, '&');
  g_string_append_printf (url, "page=%u", page);
  return g_string_free (url, FALSE);
}

/* RT::REST2::Resource::Collection::serialize's envelope up to its items:
 * count, page, per_page, total and, where RT gives them, pages, next_page
 * and prev_page. @total < 0: the user may not see the whole collection,
 * RT answers null. */
static void
write_envelope_head (CsmJsonWriter *w,
                     CsmSimRequest *r,
                     guint          count,
                     gint64         total,
                     CsmSimPaging   paging,
                     gboolean       with_pages)
{
  csm_json_writer_begin_object (w);
  csm_json_writer_member_int (w, "count", count);
  csm_json_writer_member_int (w, "page", paging.page);
  csm_json_writer_member_int (w, "per_page", paging.per_page);
  csm_json_writer_key (w, "total");
  if (total < 0)
    csm_json_writer_null (w);
  else
    csm_json_writer_int (w, total);
  if (with_pages)
    {
      csm_json_writer_key (w, "pages");
      if (total < 0)
        csm_json_writer_null (w);
      else
        {
          gint64 pages = (total + paging.per_page - 1) / paging.per_page;

          /* POSIX::ceil gives an NV; JSON::XS prints a zero one as 0.0. */
          if (pages == 0)
            csm_json_writer_raw (w, "0.0");
          else
            {
              csm_json_writer_int (w, pages);
              if (paging.page < pages)
                {
                  g_autofree char *next = page_url (r, paging.page + 1);

                  csm_json_writer_member_string (w, "next_page", next);
                }
              if (paging.page > 1)
                {
                  g_autofree char *prev = page_url (r, paging.page > pages ? (guint) pages
                                                                          : paging.page - 1);

                  csm_json_writer_member_string (w, "prev_page", prev);
                }
            }
        }
    }
  csm_json_writer_key (w, "items");
}

/* The envelope, its items written straight out by @write_item. */
void
csm_sim_respond_envelope (CsmSimRequest    *r,
                          GPtrArray        *page,
                          GStrv             fields,
                          CsmSimItemWriter  write_item,
                          gint64            total,
                          CsmSimPaging      paging)
{
  CsmJsonWriter *w = csm_json_writer_new_sized (TRUE, 4096);

  write_envelope_head (w, r, page->len, total, paging, TRUE);
  csm_json_writer_begin_array (w);
  for (guint i = 0; i < page->len; i++)
    write_item (w, r, page->pdata[i], fields);
  csm_json_writer_end_array (w);
  csm_json_writer_end_object (w);
  csm_sim_respond_written (r, SOUP_STATUS_OK, CSM_SIM_CONTENT_TYPE, w, TRUE);
}

/* The envelope around @items (which it takes); without pages for a
 * group's members or a user's groups, as RT gives them. */
static void
respond_collection (CsmSimRequest *r,
                    JsonArray     *items,
                    gint64         total,
                    CsmSimPaging   paging,
                    gboolean       with_pages)
{
  CsmJsonWriter *w = csm_json_writer_new_sized (TRUE, 4096);

  write_envelope_head (w, r, json_array_get_length (items), total, paging, with_pages);
  csm_json_writer_begin_array (w);
  for (guint i = 0; i < json_array_get_length (items); i++)
    csm_sim_json_write_node (w, json_array_get_element (items, i));
  csm_json_writer_end_array (w);
  json_array_unref (items);
  csm_json_writer_end_object (w);
  csm_sim_respond_written (r, SOUP_STATUS_OK, CSM_SIM_CONTENT_TYPE, w, TRUE);
}

GStrv
csm_sim_request_fields (CsmSimRequest *r)
{
  const char *fields = csm_sim_request_param (r, "fields");

  if (fields == NULL || *fields == '\0')
    return g_new0 (char *, 1);
  return g_strsplit (fields, ",", -1);
}

/* ---- queues, users, groups, custom fields ------------------------------- */

typedef JsonNode *(*FieldFunc) (CsmSimRequest *r, gconstpointer record, const char *field);

/* RT::REST2's QueryByJSON: conditions on searchable columns, compared
 * case-insensitively; unknown columns are ignored. */
static gboolean
json_conditions_match (JsonArray         *conditions,
                       const char *const *searchable,
                       FieldFunc          get,
                       CsmSimRequest     *r,
                       gconstpointer      record)
{
  gboolean result = TRUE;
  gboolean first = TRUE;

  for (guint i = 0; conditions != NULL && i < json_array_get_length (conditions); i++)
    {
      JsonNode *node = json_array_get_element (conditions, i);
      JsonObject *c;
      const char *field, *op, *aggregator, *value;
      g_autoptr(JsonNode) actual_node = NULL;
      const char *actual;
      g_autofree char *value_text = NULL;
      gboolean known = FALSE, m;
      int cmp;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      c = json_node_get_object (node);
      field = json_object_get_string_member_with_default (c, "field", NULL);
      if (field == NULL || !json_object_has_member (c, "value"))
        continue;
      for (guint k = 0; searchable[k] != NULL; k++)
        if (strcmp (searchable[k], field) == 0)
          known = TRUE;
      if (!known)
        continue;

      node = json_object_get_member (c, "value");
      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        value = json_node_get_string (node);
      else if (JSON_NODE_HOLDS_VALUE (node))
        value = value_text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      else
        continue;
      op = json_object_get_string_member_with_default (c, "operator", "=");
      aggregator = json_object_get_string_member_with_default (c, "entry_aggregator", "AND");

      actual_node = get (r, record, field);
      actual = json_node_get_value_type (actual_node) == G_TYPE_STRING
               ? json_node_get_string (actual_node) : "";
      cmp = g_ascii_strcasecmp (actual, value);
      if (g_ascii_strcasecmp (op, "LIKE") == 0)
        m = strstr (g_ascii_strdown (actual, -1), g_ascii_strdown (value, -1)) != NULL;
      else if (g_ascii_strcasecmp (op, "NOT LIKE") == 0)
        m = strstr (g_ascii_strdown (actual, -1), g_ascii_strdown (value, -1)) == NULL;
      else if (strcmp (op, "!=") == 0)
        m = cmp != 0;
      else if (strcmp (op, "<") == 0)
        m = cmp < 0;
      else if (strcmp (op, ">") == 0)
        m = cmp > 0;
      else
        m = cmp == 0;

      if (first)
        result = m;
      else if (g_ascii_strcasecmp (aggregator, "OR") == 0)
        result = result || m;
      else
        result = result && m;
      first = FALSE;
    }
  return result;
}

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static JsonNode *
queue_field_func (CsmSimRequest *r,
                  gconstpointer  record,
                  const char    *field)
{
  return csm_sim_expand_queue_field (r, record, field, "fields");
}

static JsonNode *
user_field_func (CsmSimRequest *r,
                 gconstpointer  record,
                 const char    *field)
{
  return csm_sim_expand_user_field (r, record, field, "fields");
}

static JsonNode *
group_field_func (CsmSimRequest *r,
                  gconstpointer  record,
                  const char    *field)
{
  const CsmSimGroup *g = record;

  if (strcmp (field, "id") == 0)
    return csm_sim_json_int (g->id);
  if (strcmp (field, "Name") == 0)
    return csm_sim_json_string (g->name);
  if (strcmp (field, "Description") == 0)
    return csm_sim_json_string (g->description);
  if (strcmp (field, "Domain") == 0)
    return csm_sim_json_string (g->domain);
  if (strcmp (field, "Instance") == 0 || strcmp (field, "Disabled") == 0)
    return csm_sim_json_string ("0");
  if (strcmp (field, "Created") == 0)
    return csm_sim_json_date (g->created);
  if (strcmp (field, "LastUpdated") == 0)
    return csm_sim_json_date (g->last_updated);
  return csm_sim_json_string ("");
}

static JsonNode *
cf_field_func (CsmSimRequest *r,
               gconstpointer  record,
               const char    *field)
{
  return csm_sim_expand_cf_field (r, record, field);
}

static gint64
record_id (gconstpointer record)
{
  return *(const gint64 *) record;   /* every record struct starts with its id */
}

typedef struct
{
  const char *type;
  FieldFunc get;
  const char *const *searchable;
  gboolean json_required;  /* customfields: no condition, no rows */
  gboolean total_for_all;  /* RT gives non-superusers a total here */
} CollectionInfo;

static int
compare_records_by_name (gconstpointer a,
                         gconstpointer b,
                         gpointer      data)
{
  const CollectionInfo *info = data;
  gconstpointer x = *(gconstpointer const *) a;
  gconstpointer y = *(gconstpointer const *) b;
  const char *nx, *ny;
  int r;

  if (strcmp (info->type, "user") == 0)
    nx = ((const CsmSimUser *) x)->name, ny = ((const CsmSimUser *) y)->name;
  else if (strcmp (info->type, "queue") == 0)
    nx = ((const CsmSimQueue *) x)->name, ny = ((const CsmSimQueue *) y)->name;
  else if (strcmp (info->type, "group") == 0)
    nx = ((const CsmSimGroup *) x)->name, ny = ((const CsmSimGroup *) y)->name;
  else
    nx = ((const CsmSimCustomField *) x)->name, ny = ((const CsmSimCustomField *) y)->name;

  r = g_ascii_strcasecmp (nx, ny);
  if (r != 0)
    return r;
  return record_id (x) < record_id (y) ? -1 : record_id (x) > record_id (y);
}

static void
handle_plain_collection (CsmSimRequest        *r,
                         const CollectionInfo *info,
                         GPtrArray            *records,
                         gboolean              visible)
{
  g_autoptr(GPtrArray) matches = g_ptr_array_new ();
  g_autoptr(JsonArray) conditions = NULL;
  g_auto(GStrv) fields = csm_sim_request_fields (r);
  const char *query = csm_sim_request_param (r, "query");
  CsmSimPaging paging = csm_sim_request_paging (r);
  guint offset = csm_sim_paging_offset (paging);
  gboolean show_disabled = csm_sim_request_param (r, "find_disabled_rows") != NULL &&
                           *csm_sim_request_param (r, "find_disabled_rows") != '\0' &&
                           strcmp (csm_sim_request_param (r, "find_disabled_rows"), "0") != 0;
  JsonArray *items = json_array_new ();
  gint64 total = -1;

  if (query != NULL && g_regex_match_simple ("^\\s*\\[", query, 0, 0))
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      if (json_parser_load_from_data (parser, query, -1, NULL) &&
          JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
        conditions = json_array_ref (json_node_get_array (json_parser_get_root (parser)));
    }
  else if (strcmp (r->method, "POST") == 0)
    conditions = csm_sim_request_body_json_array (r);

  if (visible && !(info->json_required && (conditions == NULL ||
                                          json_array_get_length (conditions) == 0)))
    for (guint i = 0; i < records->len; i++)
      {
        gconstpointer record = records->pdata[i];
        gboolean disabled = FALSE;

        if (strcmp (info->type, "user") == 0)
          disabled = ((const CsmSimUser *) record)->disabled;
        else if (strcmp (info->type, "queue") == 0)
          disabled = ((const CsmSimQueue *) record)->disabled;
        if (disabled && !show_disabled)
          continue;
        if (!json_conditions_match (conditions, info->searchable, info->get, r, record))
          continue;
        g_ptr_array_add (matches, (gpointer) record);
      }

  g_ptr_array_sort_with_data (matches, compare_records_by_name, (gpointer) info);

  for (guint i = offset; i < matches->len && i - offset < paging.per_page; i++)
    {
      gconstpointer record = matches->pdata[i];
      JsonObject *o;

      if (strcmp (info->type, "user") == 0)
        o = csm_sim_json_uid (r, "user", ((const CsmSimUser *) record)->name);
      else
        o = csm_sim_json_uid_int (r, info->type, record_id (record));
      for (guint f = 0; fields[f] != NULL; f++)
        json_object_set_member (o, fields[f], info->get (r, record, fields[f]));
      json_array_add_object_element (items, o);
    }

  /* RT gives the total only to whoever may see the whole collection. */
  if (csm_sim_rights_is_superuser (r->user) || info->total_for_all)
    total = matches->len;
  respond_collection (r, items, total, paging, TRUE);
}

static const char *const queue_searchable[] = {
  "Name", "Description", "CorrespondAddress", "CommentAddress", "Lifecycle", "SLADisabled",
  "Disabled", NULL
};

static const char *const user_searchable[] = {
  "Name", "EmailAddress", "RealName", "Lang", "Timezone", "Comments", NULL
};

/* Since Debian's deb12u7 a condition on Domain or Instance is ignored. */
static const char *const group_searchable[] = { "Name", "Description", NULL };

static const char *const cf_searchable[] = {
  "Name", "Description", "Type", "LookupType", "Pattern", NULL
};

/* /queues/all is unlimited; a plain /queues search without a condition
 * finds nothing, as for custom fields (the collection is never limited). */
void
csm_sim_serve_queues (CsmSimRequest          *r,
                      const CsmSimRouteMatch *match)
{
  gboolean all = match->n_segments == 2;
  static const CollectionInfo info_all = { "queue", queue_field_func, queue_searchable, FALSE,
                                           FALSE };
  static const CollectionInfo info = { "queue", queue_field_func, queue_searchable, TRUE, FALSE };

  handle_plain_collection (r, all ? &info_all : &info, csm_sim_world_get_queues (r->world), TRUE);
}

void
csm_sim_serve_users (CsmSimRequest          *r,
                     const CsmSimRouteMatch *match)
{
  static const CollectionInfo info = { "user", user_field_func, user_searchable, FALSE, TRUE };

  handle_plain_collection (r, &info, csm_sim_world_get_users (r->world), TRUE);
}

gboolean
csm_sim_group_is_user_defined (const CsmSimGroup *group)
{
  return group != NULL && g_strcmp0 (group->domain, "UserDefined") == 0;
}

void
csm_sim_serve_groups (CsmSimRequest          *r,
                      const CsmSimRouteMatch *match)
{
  static const CollectionInfo info = { "group", group_field_func, group_searchable, FALSE, FALSE };

  GPtrArray *groups = csm_sim_world_get_groups (r->world);
  g_autoptr(GPtrArray) user_defined = g_ptr_array_new ();

  /* Since Debian's deb12u7 RT searches user-defined groups only: its own
   * (Privileged, Unprivileged…) cannot be found. */
  for (guint i = 0; i < groups->len; i++)
    if (csm_sim_group_is_user_defined (g_ptr_array_index (groups, i)))
      g_ptr_array_add (user_defined, g_ptr_array_index (groups, i));
  /* Only the superuser may see groups here. */
  handle_plain_collection (r, &info, user_defined, csm_sim_rights_is_superuser (r->user));
}

void
csm_sim_serve_custom_fields (CsmSimRequest          *r,
                             const CsmSimRouteMatch *match)
{
  static const CollectionInfo info = { "customfield", cf_field_func, cf_searchable, TRUE, FALSE };

  /* Agents may see the CFs through a ticket or queue only (SeeCustomField
   * is theirs per queue): without that context RT shows them none. */
  handle_plain_collection (r, &info, csm_sim_world_get_custom_fields (r->world),
                           csm_sim_rights_is_superuser (r->user));
}

/* GroupMembers: its own envelope (no pages), numeric ids, no fields. */
void
csm_sim_serve_group_members (CsmSimRequest          *r,
                             const CsmSimRouteMatch *match)
{
  const CsmSimGroup *group = csm_sim_world_lookup_group (r->world, match->id);
  CsmSimPaging paging = csm_sim_request_paging (r);
  guint offset = csm_sim_paging_offset (paging);
  JsonArray *items = json_array_new ();
  guint total = 0;

  if (!csm_sim_rights_is_superuser (r->user))
    {
      json_array_unref (items);
      csm_sim_respond_error (r, SOUP_STATUS_FORBIDDEN, "Forbidden");
      return;
    }
  /* deb12u7: only a user-defined group has members to read. */
  if (!csm_sim_group_is_user_defined (group))
    {
      json_array_unref (items);
      csm_sim_respond_error (r, SOUP_STATUS_NOT_FOUND, "Not Found");
      return;
    }

    {
      g_autoptr(GArray) members = g_array_copy (group->members);

      g_array_sort (members, compare_int64);
      total = members->len;
      for (guint i = offset; i < members->len && i - offset < paging.per_page; i++)
        {
          gint64 id = g_array_index (members, gint64, i);
          JsonObject *o = json_object_new ();
          g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
          g_autofree char *url = csm_sim_request_url (r, "user", text);

          json_object_set_int_member (o, "id", id);
          json_object_set_string_member (o, "type", "user");
          json_object_set_string_member (o, "_url", url);
          json_array_add_object_element (items, o);
        }
    }

  respond_collection (r, items, total, paging, FALSE);
}

/* RT::REST2::Resource::UserGroups: the user's own (user-defined) groups,
 * {id (a number), type, _url}; group members' envelope without "pages".
 * Needs AdminGroupMembership (or ModifyOwnMembership for oneself), which
 * only the superuser has here. An unknown user has no groups. */
void
csm_sim_serve_user_groups (CsmSimRequest          *r,
                           const CsmSimRouteMatch *match)
{
  const CsmSimUser *user = csm_sim_world_lookup_user_by_ref (r->world, match->segments[1]);
  CsmSimPaging paging = csm_sim_request_paging (r);
  guint offset = csm_sim_paging_offset (paging);
  JsonArray *items = json_array_new ();
  g_autoptr(GPtrArray) groups = NULL;

  if (!csm_sim_rights_is_superuser (r->user))
    {
      json_array_unref (items);
      csm_sim_respond_error (r, SOUP_STATUS_FORBIDDEN, "Forbidden");
      return;
    }
  groups = user != NULL ? csm_sim_world_get_user_memberships (r->world, user->id)
                        : g_ptr_array_new ();
  for (guint i = offset; i < groups->len && i - offset < paging.per_page; i++)
    {
      const CsmSimGroup *group = groups->pdata[i];
      JsonObject *o = json_object_new ();
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, group->id);
      g_autofree char *url = csm_sim_request_url (r, "group", text);

      json_object_set_int_member (o, "id", group->id);
      json_object_set_string_member (o, "type", "group");
      json_object_set_string_member (o, "_url", url);
      json_array_add_object_element (items, o);
    }
  respond_collection (r, items, groups->len, paging, FALSE);
}
