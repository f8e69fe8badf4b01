/* csm-training-catalog.c: the training catalog: modules and the rules that assign them, checked, as JSON.
 *
 * The file a team moves between consoles (--import=training,
 * --export=training-catalog) is
 *   {"modules": [{"name", "description", "link", "minutes", "categories"}],
 *    "rules": [{"name", "category", "below", "min_reviews", "days",
 *               "module", "due_days"}]}
 * A catalog is checked as a whole: names unique, every rule's module in it.
 * A bad row is said with its place and refuses the file: nothing of it is
 * taken.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "csm-json-writer.h"
#include "csm-qa-private.h"
#include "csm-training.h"

/* Long enough for any real title or link; a longer one is a mistake. */
#define MAX_NAME 200
#define MAX_TEXT 4000
#define MAX_DAYS 3660
#define MAX_MINUTES (60 * 24 * 30)

void
csm_training_module_free (CsmTrainingModule *module)
{
  if (module == NULL)
    return;
  g_free (module->name);
  g_free (module->description);
  g_free (module->link);
  g_strfreev (module->categories);
  g_free (module);
}

CsmTrainingModule *
csm_training_module_copy (const CsmTrainingModule *module)
{
  CsmTrainingModule *copy = g_new0 (CsmTrainingModule, 1);

  copy->name = g_strdup (module->name);
  copy->description = g_strdup (module->description);
  copy->link = g_strdup (module->link);
  copy->minutes = module->minutes;
  copy->categories = g_strdupv (module->categories);
  return copy;
}

void
csm_training_rule_free (CsmTrainingRule *rule)
{
  if (rule == NULL)
    return;
  g_free (rule->name);
  g_free (rule->category);
  g_free (rule->module);
  g_free (rule);
}

CsmTrainingRule *
csm_training_rule_copy (const CsmTrainingRule *rule)
{
  CsmTrainingRule *copy = g_memdup2 (rule, sizeof *rule);

  copy->name = g_strdup (rule->name);
  copy->category = g_strdup (rule->category);
  copy->module = g_strdup (rule->module);
  return copy;
}

static gboolean
valid_name (const char *name)
{
  g_autofree char *stripped = NULL;

  if (name == NULL || !g_utf8_validate (name, -1, NULL) || g_utf8_strlen (name, -1) > MAX_NAME)
    return FALSE;
  stripped = g_strstrip (g_strdup (name));
  return *stripped != '\0' && strcmp (stripped, name) == 0;
}

/**
 * csm_training_module_validate:
 *
 * Returns: whether @module is one a catalog may hold; else says why
 */
gboolean
csm_training_module_validate (const CsmTrainingModule  *module,
                              GError                  **error)
{
  if (!valid_name (module->name))
    return _csm_qa_invalid (error, _("A module needs a title of 1 to %d characters, with no "
                                     "space at either end."), MAX_NAME);
  if (module->description != NULL && (!g_utf8_validate (module->description, -1, NULL) ||
                                      g_utf8_strlen (module->description, -1) > MAX_TEXT))
    return _csm_qa_invalid (error, _("Module “%s”: the description is longer than %d "
                                     "characters."), module->name, MAX_TEXT);
  if (module->link != NULL && *module->link != '\0')
    {
      g_autofree char *scheme = g_uri_parse_scheme (module->link);

      if (scheme == NULL || !g_uri_is_valid (module->link, G_URI_FLAGS_NONE, NULL) ||
          (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0 &&
           g_ascii_strcasecmp (scheme, "mailto") != 0))
        return _csm_qa_invalid (error, _("Module “%s”: the link must be an http, https or mailto "
                                         "address."), module->name);
    }
  if (module->minutes < 1 || module->minutes > MAX_MINUTES)
    return _csm_qa_invalid (error, _("Module “%s”: the duration must be 1 to %d minutes."),
                            module->name, MAX_MINUTES);
  if (module->categories == NULL || module->categories[0] == NULL)
    return _csm_qa_invalid (error, _("Module “%s”: name the scorecard categories it trains."),
                            module->name);
  for (guint i = 0; module->categories[i] != NULL; i++)
    {
      if (!valid_name (module->categories[i]))
        return _csm_qa_invalid (error, _("Module “%s”: category %u has no name."), module->name,
                                i + 1);
      for (guint j = 0; j < i; j++)
        if (strcmp (module->categories[i], module->categories[j]) == 0)
          return _csm_qa_invalid (error, _("Module “%s”: “%s” is named twice."), module->name,
                                  module->categories[i]);
    }
  return TRUE;
}

/**
 * csm_training_rule_validate:
 *
 * Returns: whether @rule is one a catalog may hold (its module aside);
 *   else says why
 */
gboolean
csm_training_rule_validate (const CsmTrainingRule  *rule,
                            GError                **error)
{
  if (!valid_name (rule->name))
    return _csm_qa_invalid (error, _("A rule needs a name of 1 to %d characters, with no space "
                                     "at either end."), MAX_NAME);
  if (!valid_name (rule->category))
    return _csm_qa_invalid (error, _("Rule “%s”: name the category it watches."), rule->name);
  if (!isfinite (rule->below) || rule->below <= 0 || rule->below > 100)
    return _csm_qa_invalid (error, _("Rule “%s”: the threshold must be above 0 and at most "
                                     "100."), rule->name);
  if (rule->min_reviews < 1 || rule->min_reviews > 1000)
    return _csm_qa_invalid (error, _("Rule “%s”: it must judge on 1 to 1000 reviews."),
                            rule->name);
  if (rule->days < 1 || rule->days > MAX_DAYS)
    return _csm_qa_invalid (error, _("Rule “%s”: it must look back 1 to %d days."), rule->name,
                            MAX_DAYS);
  if (!valid_name (rule->module))
    return _csm_qa_invalid (error, _("Rule “%s”: name the module it assigns."), rule->name);
  if (rule->due_days > MAX_DAYS)
    return _csm_qa_invalid (error, _("Rule “%s”: the assignment must be due within %d days."),
                            rule->name, MAX_DAYS);
  return TRUE;
}

CsmTrainingCatalog *
csm_training_catalog_new (void)
{
  CsmTrainingCatalog *catalog = g_new0 (CsmTrainingCatalog, 1);

  catalog->modules = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_training_module_free);
  catalog->rules = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_training_rule_free);
  return catalog;
}

void
csm_training_catalog_free (CsmTrainingCatalog *catalog)
{
  if (catalog == NULL)
    return;
  g_ptr_array_unref (catalog->modules);
  g_ptr_array_unref (catalog->rules);
  g_free (catalog);
}

/**
 * csm_training_catalog_find_module:
 *
 * Returns: (transfer none) (nullable): the module named @name
 */
const CsmTrainingModule *
csm_training_catalog_find_module (const CsmTrainingCatalog *catalog,
                                  const char               *name)
{
  for (guint i = 0; i < catalog->modules->len; i++)
    {
      const CsmTrainingModule *module = g_ptr_array_index (catalog->modules, i);

      if (g_strcmp0 (module->name, name) == 0)
        return module;
    }
  return NULL;
}

/**
 * csm_training_catalog_validate:
 *
 * Returns: whether every module and rule is valid, their names unique and
 *   every rule's module in the catalog; else says the first that is not
 */
gboolean
csm_training_catalog_validate (const CsmTrainingCatalog  *catalog,
                               GError                   **error)
{
  for (guint i = 0; i < catalog->modules->len; i++)
    {
      const CsmTrainingModule *module = g_ptr_array_index (catalog->modules, i);

      if (!csm_training_module_validate (module, error))
        return FALSE;
      for (guint j = 0; j < i; j++)
        if (strcmp (module->name, ((CsmTrainingModule *) g_ptr_array_index (catalog->modules,
                                                                            j))->name) == 0)
          return _csm_qa_invalid (error, _("Two modules are called “%s”."), module->name);
    }
  for (guint i = 0; i < catalog->rules->len; i++)
    {
      const CsmTrainingRule *rule = g_ptr_array_index (catalog->rules, i);

      if (!csm_training_rule_validate (rule, error))
        return FALSE;
      for (guint j = 0; j < i; j++)
        if (strcmp (rule->name, ((CsmTrainingRule *) g_ptr_array_index (catalog->rules,
                                                                         j))->name) == 0)
          return _csm_qa_invalid (error, _("Two rules are called “%s”."), rule->name);
      if (csm_training_catalog_find_module (catalog, rule->module) == NULL)
        return _csm_qa_invalid (error, _("Rule “%s” assigns “%s”, which is not a module of the "
                                         "catalog."), rule->name, rule->module);
    }
  return TRUE;
}

/* JSON in ------------------------------------------------------------------ */

static gboolean
get_string (JsonObject  *object,
            const char  *member,
            const char  *where,
            gboolean     required,
            char       **out,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return required ? _csm_qa_invalid (error, _("%s: “%s” is missing"), where, member) : TRUE;
  if (json_node_get_value_type (node) != G_TYPE_STRING)
    return _csm_qa_invalid (error, _("%s: “%s” must be text"), where, member);
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

static gboolean
get_count (JsonObject  *object,
           const char  *member,
           const char  *where,
           guint       *out,
           GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return _csm_qa_invalid (error, _("%s: “%s” is missing"), where, member);
  if (json_node_get_value_type (node) != G_TYPE_INT64 || json_node_get_int (node) < 0 ||
      json_node_get_int (node) > G_MAXINT)
    return _csm_qa_invalid (error, _("%s: “%s” must be a whole number, 0 or more"), where,
                            member);
  *out = (guint) json_node_get_int (node);
  return TRUE;
}

static gboolean
get_number (JsonObject  *object,
            const char  *member,
            const char  *where,
            double      *out,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  GType type = node != NULL && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node)
                                                             : G_TYPE_INVALID;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return _csm_qa_invalid (error, _("%s: “%s” is missing"), where, member);
  if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
    return _csm_qa_invalid (error, _("%s: “%s” must be a number"), where, member);
  *out = json_node_get_double (node);
  return TRUE;
}

static CsmTrainingModule *
module_from_node (JsonNode  *node,
                  guint      index,
                  GError   **error)
{
  g_autoptr(CsmTrainingModule) module = g_new0 (CsmTrainingModule, 1);
  g_autofree char *where = g_strdup_printf (_("Module %u"), index);
  g_autoptr(GStrvBuilder) categories = g_strv_builder_new ();
  JsonObject *object;
  JsonNode *member;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return _csm_qa_invalid (error, _("%s must be an object"), where), NULL;
  object = json_node_get_object (node);
  if (!get_string (object, "name", where, TRUE, &module->name, error) ||
      !get_string (object, "description", where, FALSE, &module->description, error) ||
      !get_string (object, "link", where, FALSE, &module->link, error) ||
      !get_count (object, "minutes", where, &module->minutes, error))
    return NULL;
  if (module->description == NULL)
    module->description = g_strdup ("");
  member = json_object_get_member (object, "categories");
  if (member == NULL || !JSON_NODE_HOLDS_ARRAY (member))
    return _csm_qa_invalid (error, _("%s: “categories” must be a list of names"), where), NULL;
  for (guint i = 0; i < json_array_get_length (json_node_get_array (member)); i++)
    {
      JsonNode *category = json_array_get_element (json_node_get_array (member), i);

      if (!JSON_NODE_HOLDS_VALUE (category) ||
          json_node_get_value_type (category) != G_TYPE_STRING)
        return _csm_qa_invalid (error, _("%s: “categories” must be a list of names"), where),
               NULL;
      g_strv_builder_add (categories, json_node_get_string (category));
    }
  module->categories = g_strv_builder_end (categories);
  if (!csm_training_module_validate (module, error))
    {
      g_prefix_error (error, "%s: ", where);
      return NULL;
    }
  return g_steal_pointer (&module);
}

static CsmTrainingRule *
rule_from_node (JsonNode  *node,
                guint      index,
                GError   **error)
{
  g_autoptr(CsmTrainingRule) rule = g_new0 (CsmTrainingRule, 1);
  g_autofree char *where = g_strdup_printf (_("Rule %u"), index);
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return _csm_qa_invalid (error, _("%s must be an object"), where), NULL;
  object = json_node_get_object (node);
  if (!get_string (object, "name", where, TRUE, &rule->name, error) ||
      !get_string (object, "category", where, TRUE, &rule->category, error) ||
      !get_number (object, "below", where, &rule->below, error) ||
      !get_count (object, "min_reviews", where, &rule->min_reviews, error) ||
      !get_count (object, "days", where, &rule->days, error) ||
      !get_string (object, "module", where, TRUE, &rule->module, error) ||
      !get_count (object, "due_days", where, &rule->due_days, error))
    return NULL;
  if (!csm_training_rule_validate (rule, error))
    {
      g_prefix_error (error, "%s: ", where);
      return NULL;
    }
  return g_steal_pointer (&rule);
}

/**
 * csm_training_catalog_from_json:
 *
 * Reads a catalog file. Its rules may name modules the file does not hold
 * (a workspace's own): csm_training_catalog_validate() on what it is
 * merged into checks them.
 *
 * Returns: (transfer full) (nullable): the catalog, or %NULL with @error
 *   naming the first bad row
 */
CsmTrainingCatalog *
csm_training_catalog_from_json (const char  *json,
                                GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(CsmTrainingCatalog) catalog = csm_training_catalog_new ();
  JsonObject *root;
  const char * const lists[] = { "modules", "rules" };

  g_return_val_if_fail (json != NULL, NULL);

  if (!json_parser_load_from_data (parser, json, -1, &local_error))
    return _csm_qa_invalid (error, _("the training catalog is not JSON: %s"),
                            local_error->message), NULL;
  if (json_parser_get_root (parser) == NULL || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return _csm_qa_invalid (error, _("the training catalog must be an object with “modules” and "
                                     "“rules”")), NULL;
  root = json_node_get_object (json_parser_get_root (parser));
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    {
      JsonNode *node = json_object_get_member (root, lists[l]);
      JsonArray *array;

      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        continue;
      if (!JSON_NODE_HOLDS_ARRAY (node))
        return _csm_qa_invalid (error, _("“%s” must be a list"), lists[l]), NULL;
      array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *row = json_array_get_element (array, i);
          gpointer item = l == 0 ? (gpointer) module_from_node (row, i + 1, error)
                                 : (gpointer) rule_from_node (row, i + 1, error);

          if (item == NULL)
            return NULL;
          g_ptr_array_add (l == 0 ? catalog->modules : catalog->rules, item);
        }
    }
  /* Names are unique within the file; a rule's module is checked where
   * the catalog is merged. */
  for (guint i = 0; i < catalog->modules->len; i++)
    for (guint j = 0; j < i; j++)
      if (strcmp (((CsmTrainingModule *) g_ptr_array_index (catalog->modules, i))->name,
                  ((CsmTrainingModule *) g_ptr_array_index (catalog->modules, j))->name) == 0)
        return _csm_qa_invalid (error, _("Two modules are called “%s”."),
                                ((CsmTrainingModule *) g_ptr_array_index (catalog->modules,
                                                                          i))->name), NULL;
  for (guint i = 0; i < catalog->rules->len; i++)
    for (guint j = 0; j < i; j++)
      if (strcmp (((CsmTrainingRule *) g_ptr_array_index (catalog->rules, i))->name,
                  ((CsmTrainingRule *) g_ptr_array_index (catalog->rules, j))->name) == 0)
        return _csm_qa_invalid (error, _("Two rules are called “%s”."),
                                ((CsmTrainingRule *) g_ptr_array_index (catalog->rules,
                                                                        i))->name), NULL;
  return g_steal_pointer (&catalog);
}

/* JSON out ----------------------------------------------------------------- */

/**
 * csm_training_catalog_to_json:
 *
 * Returns: (transfer full): the catalog as the file
 *   csm_training_catalog_from_json() reads
 */
char *
csm_training_catalog_to_json (const CsmTrainingCatalog *catalog)
{
  g_autoptr(CsmJsonWriter) w = csm_json_writer_new (TRUE);

  csm_json_writer_begin_object (w);
  csm_json_writer_key (w, "modules");
  csm_json_writer_begin_array (w);
  for (guint i = 0; i < catalog->modules->len; i++)
    {
      const CsmTrainingModule *m = g_ptr_array_index (catalog->modules, i);

      csm_json_writer_begin_object (w);
      csm_json_writer_member_string (w, "name", m->name);
      csm_json_writer_member_string (w, "description", m->description != NULL ? m->description
                                                                               : "");
      csm_json_writer_key (w, "link");
      if (m->link != NULL && *m->link != '\0')
        csm_json_writer_string (w, m->link);
      else
        csm_json_writer_null (w);
      csm_json_writer_member_int (w, "minutes", m->minutes);
      csm_json_writer_key (w, "categories");
      csm_json_writer_begin_array (w);
      for (guint c = 0; m->categories != NULL && m->categories[c] != NULL; c++)
        csm_json_writer_string (w, m->categories[c]);
      csm_json_writer_end_array (w);
      csm_json_writer_end_object (w);
    }
  csm_json_writer_end_array (w);
  csm_json_writer_key (w, "rules");
  csm_json_writer_begin_array (w);
  for (guint i = 0; i < catalog->rules->len; i++)
    {
      const CsmTrainingRule *r = g_ptr_array_index (catalog->rules, i);

      csm_json_writer_begin_object (w);
      csm_json_writer_member_string (w, "name", r->name);
      csm_json_writer_member_string (w, "category", r->category);
      csm_json_writer_key (w, "below");
      csm_json_writer_double (w, r->below);
      csm_json_writer_member_int (w, "min_reviews", r->min_reviews);
      csm_json_writer_member_int (w, "days", r->days);
      csm_json_writer_member_string (w, "module", r->module);
      csm_json_writer_member_int (w, "due_days", r->due_days);
      csm_json_writer_end_object (w);
    }
  csm_json_writer_end_array (w);
  csm_json_writer_end_object (w);
  return csm_json_writer_free_to_string (g_steal_pointer (&w), NULL);
}
