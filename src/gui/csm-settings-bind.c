/* csm-settings-bind.c: binding an enum setting to the position chosen in a drop-down or combo row.
 *
 * A drop-down lists an enum's choices in the order of their values, so the
 * position chosen is the value: the setting's nick is mapped through the
 * enum's GType (csm-enums.h), whose nicks the schema's enums are generated
 * from, and no page keeps a list of the strings of its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "csm-settings-bind.h"

static gboolean
get_position (GValue   *value,
              GVariant *variant,
              gpointer  user_data)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref ((GType) GPOINTER_TO_SIZE (user_data));
  GEnumValue *found = g_enum_get_value_by_nick (klass, g_variant_get_string (variant, NULL));

  if (found == NULL || found->value < 0)
    return FALSE;
  g_value_set_uint (value, (guint) found->value);
  return TRUE;
}

static GVariant *
set_position (const GValue       *value,
              const GVariantType *expected_type,
              gpointer            user_data)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref ((GType) GPOINTER_TO_SIZE (user_data));
  guint position = g_value_get_uint (value);
  GEnumValue *found = position <= G_MAXINT ? g_enum_get_value (klass, (int) position) : NULL;

  /* GTK_INVALID_LIST_POSITION while the model is being replaced. */
  if (found == NULL)
    return NULL;
  return g_variant_new_string (found->value_nick);
}

/**
 * csm_settings_bind_enum_position:
 * @key: an enum key of @settings
 * @object: a GtkDropDown or AdwComboRow listing @enum_type's values in order
 * @property: the position property, "selected"
 * @enum_type: the enum the key's choices are generated from
 *
 * Binds both ways; g_settings_unbind (@object, @property) undoes it.
 */
void
csm_settings_bind_enum_position (GSettings  *settings,
                                 const char *key,
                                 gpointer    object,
                                 const char *property,
                                 GType       enum_type)
{
  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (G_TYPE_IS_ENUM (enum_type));

  g_settings_bind_with_mapping (settings, key, object, property, G_SETTINGS_BIND_DEFAULT,
                                get_position, set_position,
                                GSIZE_TO_POINTER ((gsize) enum_type), NULL);
}
