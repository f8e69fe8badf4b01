/* csm-qa-scorecard.c: a QA scorecard: weighted categories on 2- to 5-point scales, versioned, as JSON.
 *
 * A scorecard is immutable once made, and reference counted: a review
 * holds the version it was scored on, and editing a scorecard that has
 * reviews makes a new version (the workspace decides when). The JSON is
 * what teams share and keep under version control:
 *
 *   {"name": "Support", "version": 2,
 *    "categories": [{"name": "Empathy", "weight": 20, "scale": 5,
 *                    "na_allowed": false, "critical": false,
 *                    "guidance": {"1": "…", "5": "…"}}]}
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-qa"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "csm-json-writer.h"
#include "csm-qa-private.h"
#include "csm-qa-scorecard.h"

struct _CsmQaScorecard
{
  gatomicrefcount ref_count;
  char *name;
  int version;
  GArray *categories;   /* CsmQaCategory */
};

G_DEFINE_QUARK (csm-qa-error-quark, csm_qa_error)
G_DEFINE_BOXED_TYPE (CsmQaScorecard, csm_qa_scorecard, csm_qa_scorecard_ref,
                     csm_qa_scorecard_unref)

static void
category_clear (gpointer data)
{
  CsmQaCategory *category = data;

  g_free (category->name);
  if (category->guidance != NULL)
    for (int i = 0; i < category->scale; i++)
      g_free (category->guidance[i]);
  g_free (category->guidance);
}

static void
category_copy (CsmQaCategory       *dest,
               const CsmQaCategory *src)
{
  *dest = *src;
  dest->name = g_strdup (src->name);
  dest->guidance = g_new0 (char *, src->scale);
  for (int i = 0; src->guidance != NULL && i < src->scale; i++)
    dest->guidance[i] = g_strdup (src->guidance[i]);
}

/**
 * _csm_qa_invalid:
 *
 * Sets %CSM_QA_ERROR_INVALID with the message.
 *
 * Returns: %FALSE
 */
gboolean
_csm_qa_invalid (GError    **error,
                 const char *format,
                 ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, CSM_QA_ERROR, CSM_QA_ERROR_INVALID, message);
  return FALSE;
}

/**
 * csm_qa_scorecard_new:
 * @name: the scorecard's name, not empty
 * @version: 1 or more
 * @categories: (array length=n_categories): copied; at least one, names
 *   unique and not empty, weights 0–100 (not all 0), scales 2–5
 *
 * Returns: (transfer full) (nullable): the scorecard, or %NULL with
 *   @error set (%CSM_QA_ERROR_INVALID, naming the category and the rule)
 */
CsmQaScorecard *
csm_qa_scorecard_new (const char           *name,
                      int                   version,
                      const CsmQaCategory  *categories,
                      guint                 n_categories,
                      GError              **error)
{
  g_autoptr(CsmQaScorecard) self = NULL;
  int total = 0;

  g_return_val_if_fail (categories != NULL || n_categories == 0, NULL);

  if (name == NULL || *name == '\0')
    return _csm_qa_invalid (error, _("a scorecard needs a name")), NULL;
  if (version < 1)
    return _csm_qa_invalid (error, _("scorecard “%s”: the version must be 1 or more"), name), NULL;
  if (n_categories == 0)
    return _csm_qa_invalid (error, _("scorecard “%s” has no category"), name), NULL;

  self = g_new0 (CsmQaScorecard, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->name = g_strdup (name);
  self->version = version;
  self->categories = g_array_sized_new (FALSE, TRUE, sizeof (CsmQaCategory), n_categories);
  g_array_set_clear_func (self->categories, category_clear);

  for (guint i = 0; i < n_categories; i++)
    {
      const CsmQaCategory *c = &categories[i];
      CsmQaCategory copy;

      if (c->name == NULL || *c->name == '\0')
        return _csm_qa_invalid (error, _("scorecard “%s”: category %u has no name"), name, i + 1), NULL;
      if (csm_qa_scorecard_lookup (self, c->name) >= 0)
        return _csm_qa_invalid (error, _("scorecard “%s”: category “%s” is there twice"), name,
                        c->name), NULL;
      if (c->weight < 0 || c->weight > 100)
        return _csm_qa_invalid (error, _("scorecard “%s”, category “%s”: the weight must be 0 to 100"),
                        name, c->name), NULL;
      if (c->scale < CSM_QA_MIN_SCALE || c->scale > CSM_QA_MAX_SCALE)
        return _csm_qa_invalid (error, _("scorecard “%s”, category “%s”: the scale must be 2 to 5 points"),
                        name, c->name), NULL;
      total += c->weight;
      category_copy (&copy, c);
      g_array_append_val (self->categories, copy);
    }
  if (total == 0)
    return _csm_qa_invalid (error, _("scorecard “%s”: every weight is 0"), name), NULL;
  return g_steal_pointer (&self);
}

/**
 * csm_qa_scorecard_new_default:
 *
 * What the service must show, weighted as the design says: empathy,
 * competency (accuracy), tenacity (ownership to resolution), clarity of
 * communication and process compliance, the last one critical.
 *
 * Returns: (transfer full): "Default", version 1
 */
CsmQaScorecard *
csm_qa_scorecard_new_default (void)
{
  struct
  {
    const char *name;
    int weight;
    int scale;
    gboolean na_allowed;
    gboolean critical;
    const char *low;
    const char *high;
  } defaults[] = {
    { N_("Empathy"), 20, 5, FALSE, FALSE,
      N_("Ignored how the customer felt"),
      N_("Acknowledged the customer’s situation and answered in kind") },
    { N_("Competency"), 25, 5, FALSE, FALSE,
      N_("The answer was wrong"),
      N_("The answer was accurate and complete") },
    { N_("Tenacity"), 20, 5, TRUE, FALSE,
      N_("Left the problem for the customer to chase"),
      N_("Owned the problem until it was solved") },
    { N_("Clarity"), 20, 4, FALSE, FALSE,
      N_("Hard to follow"),
      N_("Clear, short and in the customer’s words") },
    { N_("Process compliance"), 15, 2, FALSE, TRUE,
      N_("A required step was skipped (identity, data protection, logging)"),
      N_("Every required step was followed") },
  };
  g_autoptr(GArray) categories = g_array_new (FALSE, TRUE, sizeof (CsmQaCategory));
  CsmQaScorecard *self;

  g_array_set_clear_func (categories, category_clear);
  for (guint i = 0; i < G_N_ELEMENTS (defaults); i++)
    {
      CsmQaCategory c = {
        g_strdup (_(defaults[i].name)), defaults[i].weight, defaults[i].scale,
        defaults[i].na_allowed, defaults[i].critical, g_new0 (char *, defaults[i].scale),
      };

      c.guidance[0] = g_strdup (_(defaults[i].low));
      c.guidance[c.scale - 1] = g_strdup (_(defaults[i].high));
      g_array_append_val (categories, c);
    }
  self = csm_qa_scorecard_new (_("Default"), 1, (const CsmQaCategory *) categories->data,
                               categories->len, NULL);
  g_assert (self != NULL);
  return self;
}

/**
 * csm_qa_scorecard_copy_as_version:
 *
 * Returns: (transfer full): the same scorecard under another version
 */
CsmQaScorecard *
csm_qa_scorecard_copy_as_version (CsmQaScorecard *self,
                                  int             version)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (version >= 1, NULL);

  return csm_qa_scorecard_new (self->name, version, (const CsmQaCategory *) self->categories->data,
                               self->categories->len, NULL);
}

CsmQaScorecard *
csm_qa_scorecard_ref (CsmQaScorecard *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
csm_qa_scorecard_unref (CsmQaScorecard *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->name);
  g_array_unref (self->categories);
  g_free (self);
}

const char *
csm_qa_scorecard_get_name (CsmQaScorecard *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->name;
}

int
csm_qa_scorecard_get_version (CsmQaScorecard *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->version;
}

guint
csm_qa_scorecard_get_n_categories (CsmQaScorecard *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->categories->len;
}

const CsmQaCategory *
csm_qa_scorecard_get_category (CsmQaScorecard *self,
                               guint           i)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (i < self->categories->len, NULL);
  return &g_array_index (self->categories, CsmQaCategory, i);
}

/**
 * csm_qa_scorecard_lookup:
 *
 * Returns: the index of the category named @category, or -1
 */
int
csm_qa_scorecard_lookup (CsmQaScorecard *self,
                         const char     *category)
{
  g_return_val_if_fail (self != NULL, -1);

  for (guint i = 0; category != NULL && i < self->categories->len; i++)
    if (g_strcmp0 (g_array_index (self->categories, CsmQaCategory, i).name, category) == 0)
      return (int) i;
  return -1;
}

/**
 * csm_qa_scorecard_same_content:
 *
 * Returns: whether @a and @b have the same name and categories (weights,
 *   scales, N/A, critical and guidance), whatever their versions
 */
gboolean
csm_qa_scorecard_same_content (CsmQaScorecard *a,
                               CsmQaScorecard *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  if (g_strcmp0 (a->name, b->name) != 0 || a->categories->len != b->categories->len)
    return FALSE;
  for (guint i = 0; i < a->categories->len; i++)
    {
      const CsmQaCategory *x = &g_array_index (a->categories, CsmQaCategory, i);
      const CsmQaCategory *y = &g_array_index (b->categories, CsmQaCategory, i);

      if (g_strcmp0 (x->name, y->name) != 0 || x->weight != y->weight || x->scale != y->scale ||
          !x->na_allowed != !y->na_allowed || !x->critical != !y->critical)
        return FALSE;
      for (int r = 0; r < x->scale; r++)
        if (g_strcmp0 (x->guidance[r], y->guidance[r]) != 0)
          return FALSE;
    }
  return TRUE;
}

/**
 * csm_qa_category_score:
 * @rating: 1…@scale
 * @scale: 2–5 points
 *
 * Returns: (rating − 1) ÷ (scale − 1) × 100: binary 0/100, 3 points
 *   0/50/100, 4 points 0/33.3/66.7/100, 5 points 0/25/50/75/100
 */
double
csm_qa_category_score (int rating,
                       int scale)
{
  g_return_val_if_fail (scale >= CSM_QA_MIN_SCALE && scale <= CSM_QA_MAX_SCALE, 0.0);
  g_return_val_if_fail (rating >= 1 && rating <= scale, 0.0);

  return 100.0 * (rating - 1) / (scale - 1);
}

/* JSON ------------------------------------------------------------------- */

static gboolean
member_int (JsonObject  *object,
            const char  *member,
            const char  *where,
            gboolean     required,
            int         *out,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return required ? _csm_qa_invalid (error, _("%s: “%s” is missing"), where, member) : TRUE;
  if (json_node_get_value_type (node) != G_TYPE_INT64)
    return _csm_qa_invalid (error, _("%s: “%s” must be a whole number"), where, member);
  *out = (int) CLAMP (json_node_get_int (node), G_MININT, G_MAXINT);
  return TRUE;
}

static gboolean
member_bool (JsonObject  *object,
             const char  *member,
             const char  *where,
             gboolean    *out,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return _csm_qa_invalid (error, _("%s: “%s” must be true or false"), where, member);
  *out = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
parse_category (JsonNode       *node,
                const char     *card,
                guint           index,
                CsmQaCategory  *out,
                GError        **error)
{
  g_autofree char *where = NULL;
  JsonObject *object;
  JsonNode *member;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return _csm_qa_invalid (error, _("scorecard “%s”: category %u must be an object"), card, index + 1);
  object = json_node_get_object (node);
  member = json_object_get_member (object, "name");
  if (member == NULL || json_node_get_value_type (member) != G_TYPE_STRING)
    return _csm_qa_invalid (error, _("scorecard “%s”: category %u has no name"), card, index + 1);
  out->name = g_strdup (json_node_get_string (member));
  where = g_strdup_printf (_("scorecard “%s”, category “%s”"), card, out->name);
  if (!member_int (object, "weight", where, TRUE, &out->weight, error) ||
      !member_int (object, "scale", where, TRUE, &out->scale, error) ||
      !member_bool (object, "na_allowed", where, &out->na_allowed, error) ||
      !member_bool (object, "critical", where, &out->critical, error))
    return FALSE;
  if (out->scale < CSM_QA_MIN_SCALE || out->scale > CSM_QA_MAX_SCALE)
    return _csm_qa_invalid (error, _("%s: the scale must be 2 to 5 points"), where);
  out->guidance = g_new0 (char *, out->scale);
  member = json_object_get_member (object, "guidance");
  if (member != NULL && !JSON_NODE_HOLDS_NULL (member))
    {
      JsonObject *guidance;
      g_autoptr(GList) keys = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (member))
        return _csm_qa_invalid (error, _("%s: “guidance” must be an object"), where);
      guidance = json_node_get_object (member);
      keys = json_object_get_members (guidance);
      for (GList *l = keys; l != NULL; l = l->next)
        {
          JsonNode *text = json_object_get_member (guidance, l->data);
          char *end = NULL;
          gint64 rating = g_ascii_strtoll (l->data, &end, 10);

          if (end == l->data || *end != '\0' || rating < 1 || rating > out->scale)
            return _csm_qa_invalid (error, _("%s: guidance for “%s”, which is no rating of the scale"),
                            where, (const char *) l->data);
          if (json_node_get_value_type (text) != G_TYPE_STRING)
            return _csm_qa_invalid (error, _("%s: the guidance for %s must be text"), where,
                            (const char *) l->data);
          g_free (out->guidance[rating - 1]);
          out->guidance[rating - 1] = g_strdup (json_node_get_string (text));
        }
    }
  return TRUE;
}

/**
 * csm_qa_scorecard_new_from_node:
 * @node: a JSON object in the shape of csm_qa_scorecard_to_json(); a
 *   missing version is 1
 *
 * Returns: (transfer full) (nullable): the scorecard, or %NULL with
 *   @error naming the category and the field
 */
CsmQaScorecard *
csm_qa_scorecard_new_from_node (JsonNode  *node,
                                GError   **error)
{
  g_autoptr(GArray) categories = g_array_new (FALSE, TRUE, sizeof (CsmQaCategory));
  JsonObject *object;
  JsonNode *member;
  JsonArray *array;
  const char *name;
  int version = 1;

  g_array_set_clear_func (categories, category_clear);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return _csm_qa_invalid (error, _("a scorecard must be a JSON object")), NULL;
  object = json_node_get_object (node);
  member = json_object_get_member (object, "name");
  if (member == NULL || json_node_get_value_type (member) != G_TYPE_STRING)
    return _csm_qa_invalid (error, _("a scorecard needs a name")), NULL;
  name = json_node_get_string (member);
  if (!member_int (object, "version", name, FALSE, &version, error))
    return NULL;
  member = json_object_get_member (object, "categories");
  if (member == NULL || !JSON_NODE_HOLDS_ARRAY (member))
    return _csm_qa_invalid (error, _("scorecard “%s”: “categories” must be a list"), name), NULL;
  array = json_node_get_array (member);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      CsmQaCategory category = { 0, };

      if (!parse_category (json_array_get_element (array, i), name, i, &category, error))
        {
          category_clear (&category);
          return NULL;
        }
      g_array_append_val (categories, category);
    }
  return csm_qa_scorecard_new (name, version, (const CsmQaCategory *) categories->data,
                               categories->len, error);
}

/**
 * csm_qa_scorecard_new_from_json:
 *
 * Returns: (transfer full) (nullable): see csm_qa_scorecard_new_from_node()
 */
CsmQaScorecard *
csm_qa_scorecard_new_from_json (const char  *json,
                                GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (json != NULL, NULL);

  if (!json_parser_load_from_data (parser, json, -1, &local_error))
    return _csm_qa_invalid (error, _("the scorecard is not JSON: %s"), local_error->message), NULL;
  return csm_qa_scorecard_new_from_node (json_parser_get_root (parser), error);
}

/**
 * csm_qa_scorecard_to_json:
 *
 * Returns: (transfer full): the scorecard as JSON, guidance only for the
 *   ratings that have some
 */
char *
csm_qa_scorecard_to_json (CsmQaScorecard *self)
{
  g_autoptr(CsmJsonWriter) w = csm_json_writer_new (TRUE);

  g_return_val_if_fail (self != NULL, NULL);

  csm_json_writer_begin_object (w);
  csm_json_writer_member_string (w, "name", self->name);
  csm_json_writer_member_int (w, "version", self->version);
  csm_json_writer_key (w, "categories");
  csm_json_writer_begin_array (w);
  for (guint i = 0; i < self->categories->len; i++)
    {
      const CsmQaCategory *c = &g_array_index (self->categories, CsmQaCategory, i);

      csm_json_writer_begin_object (w);
      csm_json_writer_member_string (w, "name", c->name);
      csm_json_writer_member_int (w, "weight", c->weight);
      csm_json_writer_member_int (w, "scale", c->scale);
      csm_json_writer_key (w, "na_allowed");
      csm_json_writer_boolean (w, c->na_allowed);
      csm_json_writer_key (w, "critical");
      csm_json_writer_boolean (w, c->critical);
      csm_json_writer_key (w, "guidance");
      csm_json_writer_begin_object (w);
      for (int r = 0; r < c->scale; r++)
        if (c->guidance[r] != NULL)
          {
            char key[4];

            g_snprintf (key, sizeof key, "%d", r + 1);
            csm_json_writer_member_string (w, key, c->guidance[r]);
          }
      csm_json_writer_end_object (w);
      csm_json_writer_end_object (w);
    }
  csm_json_writer_end_array (w);
  csm_json_writer_end_object (w);
  return csm_json_writer_free_to_string (g_steal_pointer (&w), NULL);
}

/**
 * csm_qa_round1:
 *
 * Returns: @value to one decimal, halves away from zero, as a person
 *   rounds: 81.25 is 81.3 (printf's "%.1f" would say 81.2)
 */
double
csm_qa_round1 (double value)
{
  return (value < 0 ? -floor (-value * 10 + 0.5) : floor (value * 10 + 0.5)) / 10;
}
