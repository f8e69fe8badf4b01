/* csm-queue.c: a helpdesk queue (RT queue, Zammad group, Zendesk group).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-queue"

#include "config.h"

#include "csm-queue.h"

struct _CsmQueue
{
  GObject parent_instance;

  gint64 id;
  char *name;
  char *description;
  gboolean sla_enabled;
};

G_DEFINE_FINAL_TYPE (CsmQueue, csm_queue, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_DESCRIPTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
csm_queue_finalize (GObject *object)
{
  CsmQueue *self = (CsmQueue *) object;

  g_free (self->name);
  g_free (self->description);

  G_OBJECT_CLASS (csm_queue_parent_class)->finalize (object);
}

static void
csm_queue_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  CsmQueue *self = CSM_QUEUE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
csm_queue_class_init (CsmQueueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = csm_queue_finalize;
  object_class->get_property = csm_queue_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
csm_queue_init (CsmQueue *self)
{
}

CsmQueue *
csm_queue_new (gint64      id,
               const char *name,
               const char *description)
{
  CsmQueue *self = g_object_new (CSM_TYPE_QUEUE, NULL);

  self->id = id;
  self->name = g_strdup (name ? name : "");
  self->description = g_strdup (description);
  return self;
}

gint64
csm_queue_get_id (CsmQueue *self)
{
  g_return_val_if_fail (CSM_IS_QUEUE (self), 0);
  return self->id;
}

const char *
csm_queue_get_name (CsmQueue *self)
{
  g_return_val_if_fail (CSM_IS_QUEUE (self), NULL);
  return self->name;
}

const char *
csm_queue_get_description (CsmQueue *self)
{
  g_return_val_if_fail (CSM_IS_QUEUE (self), NULL);
  return self->description;
}

gboolean
csm_queue_get_sla_enabled (CsmQueue *self)
{
  g_return_val_if_fail (CSM_IS_QUEUE (self), FALSE);
  return self->sla_enabled;
}

void
csm_queue_set_sla_enabled (CsmQueue *self,
                           gboolean  enabled)
{
  g_return_if_fail (CSM_IS_QUEUE (self));
  self->sla_enabled = !!enabled;
}

gboolean
csm_queue_equal (CsmQueue *a,
                 CsmQueue *b)
{
  return a->id == b->id &&
         g_strcmp0 (a->name, b->name) == 0 &&
         g_strcmp0 (a->description, b->description) == 0 &&
         a->sla_enabled == b->sla_enabled;
}
