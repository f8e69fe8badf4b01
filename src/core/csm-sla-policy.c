/* csm-sla-policy.c: the SLA levels and business hours an admin describes, and the deadlines RT derives from them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-sla-policy"

#include "config.h"

#include <string.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "csm-sla-policy.h"
#include "csm-ticket-private.h"
#include "csm-time.h"

/* RT's SLA definitions live only in its config (rt5.md section 6): the
 * console cannot read them over REST2, so an admin describes them once and
 * csm_sla_policy_validate() checks the description against the Due values
 * RT itself wrote. */

struct _CsmSlaPolicy
{
  gatomicrefcount ref_count;
  CsmBusinessHours *hours;
  GArray *levels;            /* of CsmSlaLevel, names owned */
  GHashTable *by_name;       /* name → index + 1 */
};

G_DEFINE_BOXED_TYPE (CsmSlaPolicy, csm_sla_policy, csm_sla_policy_ref, csm_sla_policy_unref)

static void
level_clear (gpointer data)
{
  CsmSlaLevel *level = data;

  g_clear_pointer (&level->name, g_free);
}

/**
 * csm_sla_policy_new:
 * @hours: (nullable): the business hours; %NULL for always open (UTC)
 * @levels: (array length=n_levels): the levels, copied; a name given twice
 *   keeps its first definition for csm_sla_policy_lookup()
 *
 * Returns: (transfer full): the policy
 */
CsmSlaPolicy *
csm_sla_policy_new (CsmBusinessHours  *hours,
                    const CsmSlaLevel *levels,
                    guint              n_levels)
{
  CsmSlaPolicy *self = g_new0 (CsmSlaPolicy, 1);

  g_return_val_if_fail (levels != NULL || n_levels == 0, self);

  g_atomic_ref_count_init (&self->ref_count);
  self->hours = hours ? csm_business_hours_ref (hours) : csm_business_hours_new (NULL);
  self->levels = g_array_sized_new (FALSE, TRUE, sizeof (CsmSlaLevel), n_levels);
  g_array_set_clear_func (self->levels, level_clear);
  self->by_name = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < n_levels; i++)
    {
      CsmSlaLevel copy = levels[i];

      copy.name = g_strdup (levels[i].name ? levels[i].name : "");
      copy.response_minutes = MAX (copy.response_minutes, 0);
      copy.resolve_minutes = MAX (copy.resolve_minutes, 0);
      g_array_append_val (self->levels, copy);
    }
  /* after the array stops moving */
  for (guint i = 0; i < self->levels->len; i++)
    {
      CsmSlaLevel *level = &g_array_index (self->levels, CsmSlaLevel, i);

      if (!g_hash_table_contains (self->by_name, level->name))
        g_hash_table_insert (self->by_name, level->name, GUINT_TO_POINTER (i + 1));
    }
  return self;
}

CsmSlaPolicy *
csm_sla_policy_ref (CsmSlaPolicy *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
csm_sla_policy_unref (CsmSlaPolicy *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_hash_table_unref (self->by_name);
  g_array_unref (self->levels);
  csm_business_hours_unref (self->hours);
  g_free (self);
}

/**
 * csm_sla_policy_is_empty:
 *
 * Returns: %TRUE when no level is described (nothing configured yet)
 */
gboolean
csm_sla_policy_is_empty (CsmSlaPolicy *self)
{
  g_return_val_if_fail (self != NULL, TRUE);
  return self->levels->len == 0;
}

/**
 * csm_sla_policy_get_hours:
 *
 * Returns: (transfer none): the business hours
 */
CsmBusinessHours *
csm_sla_policy_get_hours (CsmSlaPolicy *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->hours;
}

guint
csm_sla_policy_get_n_levels (CsmSlaPolicy *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->levels->len;
}

const CsmSlaLevel *
csm_sla_policy_get_level (CsmSlaPolicy *self,
                          guint         i)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (i < self->levels->len, NULL);
  return &g_array_index (self->levels, CsmSlaLevel, i);
}

/**
 * csm_sla_policy_lookup:
 * @name: (nullable): an SLA level name, as RT spells it (case matters)
 *
 * Returns: (nullable): the level, or %NULL when not described
 */
const CsmSlaLevel *
csm_sla_policy_lookup (CsmSlaPolicy *self,
                       const char   *name)
{
  guint index;

  g_return_val_if_fail (self != NULL, NULL);

  if (name == NULL || *name == '\0')
    return NULL;
  index = GPOINTER_TO_UINT (g_hash_table_lookup (self->by_name, name));
  if (index == 0)
    return NULL;
  return &g_array_index (self->levels, CsmSlaLevel, index - 1);
}

/**
 * csm_sla_policy_deadline:
 * @from: the instant the target runs from
 * @minutes: the target
 * @business: whether @minutes are business minutes
 *
 * Returns: RT's deadline: @from + @minutes, in business time when
 *   @business (see csm_business_hours_add_seconds())
 */
gint64
csm_sla_policy_deadline (CsmSlaPolicy *self,
                         gint64        from,
                         int           minutes,
                         gboolean      business)
{
  g_return_val_if_fail (self != NULL, 0);

  if (business)
    return csm_business_hours_add_seconds (self->hours, from, (gint64) minutes * 60);
  return from + (gint64) minutes * 60;
}

/**
 * csm_ticket_created_by_requestor:
 *
 * RT starts the response clock only when an outside actor wrote (rt5.md
 * section 6); the creator is one when they are among the requestors.
 *
 * Returns: whether @t's creator is one of its requestors
 */
gboolean
csm_ticket_created_by_requestor (CsmTicket *t)
{
  g_return_val_if_fail (CSM_IS_TICKET (t), FALSE);

  if (t->creator == NULL || t->requestors == NULL)
    return FALSE;
  for (guint i = 0; t->requestors[i]; i++)
    if (g_ascii_strcasecmp (t->requestors[i], t->creator) == 0)
      return TRUE;
  return FALSE;
}

/**
 * csm_sla_policy_starts:
 *
 * Returns: the Starts RT's "[SLA] Set starts date" gives @t: Created with
 *   StartImmediately, else the first business second at or after it; 0
 *   when @t's level is not described or it has no creation time
 */
gint64
csm_sla_policy_starts (CsmSlaPolicy *self,
                       CsmTicket    *t)
{
  const CsmSlaLevel *level;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (CSM_IS_TICKET (t), 0);

  level = csm_sla_policy_lookup (self, t->sla);
  if (level == NULL || t->created == CSM_TIME_UNSET)
    return 0;
  if (level->start_immediately)
    return t->created;
  return csm_business_hours_next_open (self->hours, t->created);
}

/**
 * csm_sla_policy_response_deadline:
 *
 * The first-response deadline, from Created: the console sees only the
 * ticket, so it knows the first requestor message only when a requestor
 * created the ticket (csm_ticket_created_by_requestor()); RT sets no
 * response deadline otherwise either, until the requestor writes.
 *
 * Returns: the deadline whether or not it was met; 0 = none
 */
gint64
csm_sla_policy_response_deadline (CsmSlaPolicy *self,
                                  CsmTicket    *t)
{
  const CsmSlaLevel *level;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (CSM_IS_TICKET (t), 0);

  level = csm_sla_policy_lookup (self, t->sla);
  if (level == NULL || level->response_minutes <= 0 || t->created == CSM_TIME_UNSET ||
      !csm_ticket_created_by_requestor (t))
    return 0;
  return csm_sla_policy_deadline (self, t->created, level->response_minutes,
                                  level->response_business);
}

/**
 * csm_sla_policy_resolve_deadline:
 *
 * The resolve deadline, from the Starts the policy gives
 * (csm_sla_policy_starts(), not the ticket's own Starts, so that
 * validation compares the description with RT's result).
 *
 * Returns: the deadline; 0 = none
 */
gint64
csm_sla_policy_resolve_deadline (CsmSlaPolicy *self,
                                 CsmTicket    *t)
{
  const CsmSlaLevel *level;
  gint64 starts;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (CSM_IS_TICKET (t), 0);

  level = csm_sla_policy_lookup (self, t->sla);
  if (level == NULL || level->resolve_minutes <= 0)
    return 0;
  starts = csm_sla_policy_starts (self, t);
  if (starts == 0 || starts == G_MAXINT64)
    return 0;
  return csm_sla_policy_deadline (self, starts, level->resolve_minutes, level->resolve_business);
}

/**
 * csm_sla_policy_expected_due:
 *
 * Returns: the Due RT would show while @t waits for its first reply: the
 *   earlier of the response and resolve deadlines (RT's SLA_SetDue), 0
 *   when neither applies
 */
gint64
csm_sla_policy_expected_due (CsmSlaPolicy *self,
                             CsmTicket    *t)
{
  gint64 response = csm_sla_policy_response_deadline (self, t);
  gint64 resolve = csm_sla_policy_resolve_deadline (self, t);

  if (response == 0)
    return resolve;
  if (resolve == 0)
    return response;
  return MIN (response, resolve);
}

/**
 * csm_sla_policy_due_is_business:
 *
 * Which target @t's Due stands for decides whether its countdown pauses:
 * the only target of the level when it has one; otherwise the response
 * target while @t waits for a first reply from a requestor's creation
 * (unless Due is exactly the resolve deadline, which RT takes when it comes
 * first), else the resolve target.
 *
 * Returns: whether @t's Due is counted in business minutes
 */
gboolean
csm_sla_policy_due_is_business (CsmSlaPolicy *self,
                                CsmTicket    *t)
{
  const CsmSlaLevel *level;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (CSM_IS_TICKET (t), FALSE);

  level = csm_sla_policy_lookup (self, t->sla);
  if (level == NULL)
    return FALSE;
  if (level->resolve_minutes <= 0)
    return level->response_business;
  if (level->response_minutes <= 0)
    return level->resolve_business;
  if (level->response_business == level->resolve_business)
    return level->response_business;
  if (t->first_response == CSM_TIME_UNSET && csm_ticket_created_by_requestor (t) &&
      t->due != csm_sla_policy_resolve_deadline (self, t))
    return level->response_business;
  return level->resolve_business;
}

/**
 * csm_sla_policy_remaining:
 * @now: the current time
 *
 * Returns: seconds until @t's Due, counting only open seconds when Due is a
 *   business-minutes deadline (csm_sla_policy_due_is_business()); negative
 *   once passed; plain Due − @now when the level is not described; 0 when
 *   @t has no Due
 */
gint64
csm_sla_policy_remaining (CsmSlaPolicy *self,
                          CsmTicket    *t,
                          gint64        now)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (CSM_IS_TICKET (t), 0);

  if (t->due == CSM_TIME_UNSET)
    return 0;
  if (!csm_business_hours_is_always_open (self->hours) && csm_sla_policy_due_is_business (self, t))
    return csm_business_hours_seconds_between (self->hours, now, t->due);
  return t->due - now;
}

/**
 * csm_sla_policy_validate:
 * @tickets: (element-type CsmTicket): the tickets
 * @max_examples: how many mismatches to keep
 * @out: (out caller-allocates): the result; clear it with
 *   csm_sla_validation_clear()
 *
 * Compares the policy's expected Due (csm_sla_policy_expected_due()) with
 * RT's on the tickets where the ticket alone shows what RT computed from:
 * active, no first reply yet, created by a requestor, with an SLA level.
 */
void
csm_sla_policy_validate (CsmSlaPolicy     *self,
                         GPtrArray        *tickets,
                         guint             max_examples,
                         CsmSlaValidation *out)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (tickets != NULL);
  g_return_if_fail (out != NULL);

  memset (out, 0, sizeof *out);
  out->mismatches = g_array_new (FALSE, FALSE, sizeof (CsmSlaMismatch));

  for (guint i = 0; i < tickets->len; i++)
    {
      CsmTicket *t = g_ptr_array_index (tickets, i);
      gint64 expected;

      if (t->sla == NULL || *t->sla == '\0' || !csm_ticket_is_active (t) ||
          t->first_response != CSM_TIME_UNSET || !csm_ticket_created_by_requestor (t))
        continue;
      if (csm_sla_policy_lookup (self, t->sla) == NULL)
        {
          out->unknown_level++;
          continue;
        }
      out->checked++;
      expected = csm_sla_policy_expected_due (self, t);
      if (expected == t->due)
        out->matching++;
      else if (out->mismatches->len < max_examples)
        {
          CsmSlaMismatch m = { t->id, expected, t->due };

          g_array_append_val (out->mismatches, m);
        }
    }
}

void
csm_sla_validation_clear (CsmSlaValidation *v)
{
  if (v == NULL)
    return;
  g_clear_pointer (&v->mismatches, g_array_unref);
  v->checked = v->matching = v->unknown_level = 0;
}

/* ------------------------------------------------------------------------ */
/* JSON                                                                     */
/* ------------------------------------------------------------------------ */

static gboolean
invalid (GError    **error,
         const char *format,
         ...) G_GNUC_PRINTF (2, 3);

static gboolean
invalid (GError    **error,
         const char *format,
         ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               /* Translators: %s says what is wrong with the SLA settings */
               _("Invalid SLA settings: %s"), message);
  return FALSE;
}

/* "HH:MM" → minutes; "24:00" only when @allow_midnight */
static gboolean
parse_clock (const char *text,
             gboolean    allow_midnight,
             int        *out_minute)
{
  int h, m;

  if (text == NULL || strlen (text) != 5 || !g_ascii_isdigit (text[0]) ||
      !g_ascii_isdigit (text[1]) || text[2] != ':' || !g_ascii_isdigit (text[3]) ||
      !g_ascii_isdigit (text[4]))
    return FALSE;
  h = (text[0] - '0') * 10 + (text[1] - '0');
  m = (text[3] - '0') * 10 + (text[4] - '0');
  if (m > 59 || h > 24 || (h == 24 && (m != 0 || !allow_midnight)))
    return FALSE;
  *out_minute = h * 60 + m;
  return TRUE;
}

static gboolean
member_string (JsonObject  *object,
               const char  *name,
               const char  *where,
               const char **out,
               GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  *out = NULL;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return invalid (error, _("%s: “%s” must be a string"), where, name);
  *out = json_node_get_string (node);
  return TRUE;
}

static gboolean
member_bool (JsonObject *object,
             const char *name,
             const char *where,
             gboolean   *out,
             GError    **error)
{
  JsonNode *node = json_object_get_member (object, name);

  *out = FALSE;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return invalid (error, _("%s: “%s” must be true or false"), where, name);
  *out = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
member_minutes (JsonObject *object,
                const char *name,
                const char *where,
                int        *out,
                GError    **error)
{
  JsonNode *node = json_object_get_member (object, name);
  gint64 value;

  *out = 0;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return invalid (error, _("%s: “%s” must be a whole number of minutes"), where, name);
  value = json_node_get_int (node);
  /* ten years of minutes is past any SLA */
  if (value < 0 || value > 10 * 366 * 1440)
    return invalid (error, _("%s: “%s” is out of range"), where, name);
  *out = (int) value;
  return TRUE;
}

static gboolean
parse_hours (JsonNode          *node,
             CsmBusinessHours  *hours,
             GError           **error)
{
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return invalid (error, _("“hours” must be a list"));
  array = json_node_get_array (node);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *el = json_array_get_element (array, i);
      g_autofree char *where = g_strdup_printf (_("business hours entry %u"), i + 1);
      JsonObject *object;
      JsonNode *days_node;
      JsonArray *days;
      const char *start_text, *end_text;
      int start, end;

      if (!JSON_NODE_HOLDS_OBJECT (el))
        return invalid (error, _("%s must be an object"), where);
      object = json_node_get_object (el);

      if (!member_string (object, "start", where, &start_text, error) ||
          !member_string (object, "end", where, &end_text, error))
        return FALSE;
      if (!parse_clock (start_text, FALSE, &start))
        return invalid (error, _("%s: start “%s” is not a time from 00:00 to 23:59"),
                        where, start_text ? start_text : "");
      if (!parse_clock (end_text, TRUE, &end))
        return invalid (error, _("%s: end “%s” is not a time from 00:01 to 24:00"),
                        where, end_text ? end_text : "");
      if (end <= start)
        return invalid (error, _("%s: end %s is not after start %s"), where, end_text, start_text);

      days_node = json_object_get_member (object, "days");
      if (days_node == NULL || !JSON_NODE_HOLDS_ARRAY (days_node) ||
          json_array_get_length (json_node_get_array (days_node)) == 0)
        return invalid (error, _("%s: “days” must be a list of weekdays, 1 = Monday to 7 = Sunday"),
                        where);
      days = json_node_get_array (days_node);
      for (guint d = 0; d < json_array_get_length (days); d++)
        {
          JsonNode *day = json_array_get_element (days, d);
          gint64 value;

          if (!JSON_NODE_HOLDS_VALUE (day) || json_node_get_value_type (day) != G_TYPE_INT64 ||
              (value = json_node_get_int (day)) < 1 || value > 7)
            return invalid (error, _("%s: “days” must be a list of weekdays, 1 = Monday to 7 = Sunday"),
                            where);
          csm_business_hours_add_span (hours, (GDateWeekday) value, start, end);
        }
    }
  return TRUE;
}

static gboolean
parse_levels (JsonNode  *node,
              GArray    *levels,
              GError   **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return invalid (error, _("“levels” must be a list"));
  array = json_node_get_array (node);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *el = json_array_get_element (array, i);
      g_autofree char *where = g_strdup_printf (_("SLA level %u"), i + 1);
      JsonObject *object;
      const char *name;
      CsmSlaLevel level = { 0 };

      if (!JSON_NODE_HOLDS_OBJECT (el))
        return invalid (error, _("%s must be an object"), where);
      object = json_node_get_object (el);

      if (!member_string (object, "name", where, &name, error))
        return FALSE;
      if (name == NULL || *name == '\0')
        return invalid (error, _("%s has no name"), where);
      if (g_hash_table_contains (seen, name))
        return invalid (error, _("SLA level “%s” is described twice"), name);
      g_hash_table_add (seen, (gpointer) name);

      if (!member_bool (object, "start_immediately", name, &level.start_immediately, error) ||
          !member_minutes (object, "response_minutes", name, &level.response_minutes, error) ||
          !member_bool (object, "response_business", name, &level.response_business, error) ||
          !member_minutes (object, "resolve_minutes", name, &level.resolve_minutes, error) ||
          !member_bool (object, "resolve_business", name, &level.resolve_business, error))
        return FALSE;
      level.name = g_strdup (name);
      g_array_append_val (levels, level);
    }
  return TRUE;
}

/**
 * csm_sla_policy_new_from_json:
 * @json: (nullable): the settings, as csm_sla_policy_to_json() writes them;
 *   %NULL, "" or "{}" give an empty policy (always open, UTC, no level)
 * @error: a %G_IO_ERROR_INVALID_DATA saying what is wrong
 *
 * Returns: (transfer full) (nullable): the policy, or %NULL on error
 */
CsmSlaPolicy *
csm_sla_policy_new_from_json (const char  *json,
                              GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(CsmBusinessHours) hours = NULL;
  g_autoptr(GArray) levels = NULL;
  const char *tz_name = NULL;
  JsonObject *root;
  JsonNode *node;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (json == NULL || *json == '\0')
    return csm_sla_policy_new (NULL, NULL, 0);

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, json, -1, &local_error))
    {
      invalid (error, "%s", local_error->message);
      return NULL;
    }
  if (json_parser_get_root (parser) == NULL)
    return csm_sla_policy_new (NULL, NULL, 0);
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      invalid (error, _("the settings must be a JSON object"));
      return NULL;
    }
  root = json_node_get_object (json_parser_get_root (parser));

  if (!member_string (root, "timezone", _("settings"), &tz_name, error))
    return NULL;
  if (tz_name == NULL || *tz_name == '\0')
    tz = g_time_zone_new_utc ();
  else if ((tz = g_time_zone_new_identifier (tz_name)) == NULL)
    {
      invalid (error, _("unknown time zone “%s”"), tz_name);
      return NULL;
    }
  hours = csm_business_hours_new (tz);

  if ((node = json_object_get_member (root, "hours")) != NULL &&
      !parse_hours (node, hours, error))
    return NULL;

  levels = g_array_new (FALSE, TRUE, sizeof (CsmSlaLevel));
  g_array_set_clear_func (levels, level_clear);
  if ((node = json_object_get_member (root, "levels")) != NULL &&
      !parse_levels (node, levels, error))
    return NULL;

  return csm_sla_policy_new (hours, (const CsmSlaLevel *) (gpointer) levels->data, levels->len);
}

/**
 * csm_sla_policy_to_json:
 *
 * Weekdays sharing the same span are written as one "hours" entry.
 *
 * Returns: (transfer full): the policy as csm_sla_policy_new_from_json() reads it
 */
char *
csm_sla_policy_to_json (CsmSlaPolicy *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GArray) groups = g_array_new (FALSE, FALSE, sizeof (int) * 2);
  g_autoptr(GPtrArray) group_days = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  GTimeZone *tz;
  const char *tz_name;

  g_return_val_if_fail (self != NULL, NULL);

  tz = csm_business_hours_get_timezone (self->hours);
  tz_name = g_time_zone_get_identifier (tz);

  /* group the weekdays by span, in order of first appearance */
  for (GDateWeekday day = G_DATE_MONDAY; day <= G_DATE_SUNDAY; day++)
    for (guint i = 0; i < csm_business_hours_get_n_spans (self->hours, day); i++)
      {
        int span[2];
        guint g;

        csm_business_hours_get_span (self->hours, day, i, &span[0], &span[1]);
        for (g = 0; g < groups->len; g++)
          {
            int *other = &g_array_index (groups, int, 2 * g);

            if (other[0] == span[0] && other[1] == span[1])
              break;
          }
        if (g == groups->len)
          {
            g_array_append_vals (groups, span, 1);
            g_ptr_array_add (group_days, g_array_new (FALSE, FALSE, sizeof (int)));
          }
        g_array_append_val ((GArray *) g_ptr_array_index (group_days, g), (int) { day });
      }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "timezone");
  json_builder_add_string_value (builder, tz_name && *tz_name ? tz_name : "UTC");

  json_builder_set_member_name (builder, "hours");
  json_builder_begin_array (builder);
  for (guint g = 0; g < groups->len; g++)
    {
      int *span = &g_array_index (groups, int, 2 * g);
      GArray *days = g_ptr_array_index (group_days, g);
      g_autofree char *start = g_strdup_printf ("%02d:%02d", span[0] / 60, span[0] % 60);
      g_autofree char *end = g_strdup_printf ("%02d:%02d", span[1] / 60, span[1] % 60);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "days");
      json_builder_begin_array (builder);
      for (guint d = 0; d < days->len; d++)
        json_builder_add_int_value (builder, g_array_index (days, int, d));
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "start");
      json_builder_add_string_value (builder, start);
      json_builder_set_member_name (builder, "end");
      json_builder_add_string_value (builder, end);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "levels");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->levels->len; i++)
    {
      const CsmSlaLevel *level = &g_array_index (self->levels, CsmSlaLevel, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, level->name);
      json_builder_set_member_name (builder, "start_immediately");
      json_builder_add_boolean_value (builder, level->start_immediately);
      json_builder_set_member_name (builder, "response_minutes");
      json_builder_add_int_value (builder, level->response_minutes);
      json_builder_set_member_name (builder, "response_business");
      json_builder_add_boolean_value (builder, level->response_business);
      json_builder_set_member_name (builder, "resolve_minutes");
      json_builder_add_int_value (builder, level->resolve_minutes);
      json_builder_set_member_name (builder, "resolve_business");
      json_builder_add_boolean_value (builder, level->resolve_business);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}
