/* csm-outbox-item.c: one queued write-back as the UI lists it (pending, being sent, failed).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "csm-enums.h"

#include "csm-outbox-item.h"

struct _CsmOutboxItem
{
  GObject parent_instance;

  CsmOutboxEntry *entry;  /* (owned) */
};

G_DEFINE_FINAL_TYPE (CsmOutboxItem, csm_outbox_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TICKET_ID,
  PROP_FIELD,
  PROP_VALUE,
  PROP_PREVIOUS,
  PROP_QUEUED,
  PROP_STATE,
  PROP_ATTEMPTS,
  PROP_NEXT_ATTEMPT,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
csm_outbox_item_finalize (GObject *object)
{
  CsmOutboxItem *self = CSM_OUTBOX_ITEM (object);

  g_clear_pointer (&self->entry, csm_outbox_entry_free);

  G_OBJECT_CLASS (csm_outbox_item_parent_class)->finalize (object);
}

static void
csm_outbox_item_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CsmOutboxItem *self = CSM_OUTBOX_ITEM (object);
  const CsmOutboxEntry *e = self->entry;

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, e->id);
      break;
    case PROP_TICKET_ID:
      g_value_set_int64 (value, e->ticket_id);
      break;
    case PROP_FIELD:
      g_value_set_string (value, e->field);
      break;
    case PROP_VALUE:
      g_value_set_string (value, e->value);
      break;
    case PROP_PREVIOUS:
      g_value_set_string (value, e->previous);
      break;
    case PROP_QUEUED:
      g_value_set_int64 (value, e->queued);
      break;
    case PROP_STATE:
      g_value_set_enum (value, e->state);
      break;
    case PROP_ATTEMPTS:
      g_value_set_uint (value, e->attempts);
      break;
    case PROP_NEXT_ATTEMPT:
      g_value_set_int64 (value, e->next_attempt);
      break;
    case PROP_ERROR:
      g_value_set_string (value, e->error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
csm_outbox_item_class_init (CsmOutboxItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = csm_outbox_item_finalize;
  object_class->get_property = csm_outbox_item_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_TICKET_ID] =
    g_param_spec_int64 ("ticket-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_FIELD] = g_param_spec_string ("field", NULL, NULL, NULL, flags);
  properties[PROP_VALUE] = g_param_spec_string ("value", NULL, NULL, NULL, flags);
  properties[PROP_PREVIOUS] = g_param_spec_string ("previous", NULL, NULL, NULL, flags);
  properties[PROP_QUEUED] =
    g_param_spec_int64 ("queued", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  /* A CsmOutboxState. */
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, CSM_TYPE_OUTBOX_STATE, CSM_OUTBOX_PENDING, flags);
  properties[PROP_ATTEMPTS] = g_param_spec_uint ("attempts", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_NEXT_ATTEMPT] =
    g_param_spec_int64 ("next-attempt", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_ERROR] = g_param_spec_string ("error", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
csm_outbox_item_init (CsmOutboxItem *self)
{
}

CsmOutboxItem *
csm_outbox_item_new (const CsmOutboxEntry *entry)
{
  CsmOutboxItem *self;

  g_return_val_if_fail (entry != NULL, NULL);

  self = g_object_new (CSM_TYPE_OUTBOX_ITEM, NULL);
  self->entry = csm_outbox_entry_copy (entry);
  return self;
}

void
csm_outbox_item_update (CsmOutboxItem        *self,
                        const CsmOutboxEntry *entry)
{
  CsmOutboxEntry *e;

  g_return_if_fail (CSM_IS_OUTBOX_ITEM (self));
  g_return_if_fail (entry != NULL && entry->id == self->entry->id);

  e = self->entry;
  g_object_freeze_notify (G_OBJECT (self));
  if (e->state != entry->state)
    {
      e->state = entry->state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
  if (e->attempts != entry->attempts)
    {
      e->attempts = entry->attempts;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ATTEMPTS]);
    }
  if (e->next_attempt != entry->next_attempt)
    {
      e->next_attempt = entry->next_attempt;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEXT_ATTEMPT]);
    }
  if (g_strcmp0 (e->error, entry->error) != 0)
    {
      g_free (e->error);
      e->error = g_strdup (entry->error);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

gint64
csm_outbox_item_get_id (CsmOutboxItem *self)
{
  g_return_val_if_fail (CSM_IS_OUTBOX_ITEM (self), 0);
  return self->entry->id;
}

gint64
csm_outbox_item_get_ticket_id (CsmOutboxItem *self)
{
  g_return_val_if_fail (CSM_IS_OUTBOX_ITEM (self), 0);
  return self->entry->ticket_id;
}

const char *
csm_outbox_item_get_field (CsmOutboxItem *self)
{
  g_return_val_if_fail (CSM_IS_OUTBOX_ITEM (self), NULL);
  return self->entry->field;
}

const char *
csm_outbox_item_get_value (CsmOutboxItem *self)
{
  g_return_val_if_fail (CSM_IS_OUTBOX_ITEM (self), NULL);
  return self->entry->value;
}

const char *
csm_outbox_item_get_previous (CsmOutboxItem *self)
{
  g_return_val_if_fail (CSM_IS_OUTBOX_ITEM (self), NULL);
  return self->entry->previous;
}

gint64
csm_outbox_item_get_queued (CsmOutboxItem *self)
{
  g_return_val_if_fail (CSM_IS_OUTBOX_ITEM (self), 0);
  return self->entry->queued;
}

CsmOutboxState
csm_outbox_item_get_state (CsmOutboxItem *self)
{
  g_return_val_if_fail (CSM_IS_OUTBOX_ITEM (self), CSM_OUTBOX_PENDING);
  return self->entry->state;
}

guint
csm_outbox_item_get_attempts (CsmOutboxItem *self)
{
  g_return_val_if_fail (CSM_IS_OUTBOX_ITEM (self), 0);
  return self->entry->attempts;
}

gint64
csm_outbox_item_get_next_attempt (CsmOutboxItem *self)
{
  g_return_val_if_fail (CSM_IS_OUTBOX_ITEM (self), 0);
  return self->entry->next_attempt;
}

const char *
csm_outbox_item_get_error (CsmOutboxItem *self)
{
  g_return_val_if_fail (CSM_IS_OUTBOX_ITEM (self), NULL);
  return self->entry->error;
}
