/* csm-agent.c: a helpdesk agent (a privileged RT user, a Zammad agent…).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-agent"

#include "config.h"

#include "csm-agent.h"

struct _CsmAgent
{
  GObject parent_instance;

  char *name;
  char *real_name;
  char *email;
};

G_DEFINE_FINAL_TYPE (CsmAgent, csm_agent, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_REAL_NAME,
  PROP_DISPLAY_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
csm_agent_finalize (GObject *object)
{
  CsmAgent *self = (CsmAgent *) object;

  g_free (self->name);
  g_free (self->real_name);
  g_free (self->email);

  G_OBJECT_CLASS (csm_agent_parent_class)->finalize (object);
}

static void
csm_agent_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  CsmAgent *self = CSM_AGENT (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_REAL_NAME:
      g_value_set_string (value, self->real_name);
      break;
    case PROP_DISPLAY_NAME:
      g_value_set_string (value, csm_agent_get_display_name (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
csm_agent_class_init (CsmAgentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = csm_agent_finalize;
  object_class->get_property = csm_agent_get_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REAL_NAME] =
    g_param_spec_string ("real-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
csm_agent_init (CsmAgent *self)
{
}

CsmAgent *
csm_agent_new (const char *name,
               const char *real_name,
               const char *email)
{
  CsmAgent *self;

  g_return_val_if_fail (name != NULL, NULL);

  self = g_object_new (CSM_TYPE_AGENT, NULL);
  self->name = g_strdup (name);
  self->real_name = (real_name && *real_name) ? g_strdup (real_name) : NULL;
  self->email = (email && *email) ? g_strdup (email) : NULL;
  return self;
}

const char *
csm_agent_get_name (CsmAgent *self)
{
  g_return_val_if_fail (CSM_IS_AGENT (self), NULL);
  return self->name;
}

const char *
csm_agent_get_real_name (CsmAgent *self)
{
  g_return_val_if_fail (CSM_IS_AGENT (self), NULL);
  return self->real_name;
}

const char *
csm_agent_get_email (CsmAgent *self)
{
  g_return_val_if_fail (CSM_IS_AGENT (self), NULL);
  return self->email;
}

const char *
csm_agent_get_display_name (CsmAgent *self)
{
  g_return_val_if_fail (CSM_IS_AGENT (self), NULL);
  return self->real_name ? self->real_name : self->name;
}

gboolean
csm_agent_equal (CsmAgent *a,
                 CsmAgent *b)
{
  return g_strcmp0 (a->name, b->name) == 0 &&
         g_strcmp0 (a->real_name, b->real_name) == 0 &&
         g_strcmp0 (a->email, b->email) == 0;
}
