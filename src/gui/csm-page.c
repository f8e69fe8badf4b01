/* csm-page.c: the base of every page: its context, "now" from the clock, following the engine, catching up when shown.
 *
 * A page is handed a context (the window binds its own to the page's
 * "context" property) and from then on follows it: the context's engine,
 * clock and settings are the targets of signal groups the base owns, so
 * swapping a context or an engine moves every connection at once and no
 * page connects or disconnects by hand. A page out of sight does no work:
 * csm_page_queue_update() runs ->catch_up() now if the page is mapped, or
 * when it is next mapped.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-page"

#include "config.h"

#include "csm-page.h"

typedef struct
{
  CsmContext *context;            /* (owned) (nullable) */
  CsmSyncEngine *engine;          /* (owned) (nullable) */
  GSignalGroup *context_signals;  /* (owned) */
  GSignalGroup *engine_signals;   /* (owned) */
  GBindingGroup *engine_bindings; /* (owned) */
  GSignalGroup *clock_signals;    /* (owned) */
  GSignalGroup *settings_signals; /* (owned) */
  gboolean stale;                 /* an update waits for the page to be shown */
} CsmPagePrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (CsmPage, csm_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_ENGINE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
follow_engine (CsmPage *self)
{
  CsmPagePrivate *priv = csm_page_get_instance_private (self);
  CsmSyncEngine *engine = priv->context ? csm_context_get_engine (priv->context) : NULL;
  gboolean changed = engine != priv->engine;

  g_set_object (&priv->engine, engine);
  g_signal_group_set_target (priv->engine_signals, engine);
  g_binding_group_set_source (priv->engine_bindings, engine);
  /* An update queued while hidden stays queued: a page whose monitor did
   * not change with the engine still owes it. */
  if (CSM_PAGE_GET_CLASS (self)->engine_changed != NULL)
    CSM_PAGE_GET_CLASS (self)->engine_changed (self);
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENGINE]);
}

static void
clock_now_cb (CsmPage *self)
{
  CsmPagePrivate *priv = csm_page_get_instance_private (self);

  if (CSM_PAGE_GET_CLASS (self)->tick != NULL && priv->context != NULL)
    CSM_PAGE_GET_CLASS (self)->tick (self, csm_clock_get_now (csm_context_get_clock (priv->context)));
}

/**
 * csm_page_set_context:
 * @context: (nullable): the context to show
 */
void
csm_page_set_context (CsmPage    *self,
                      CsmContext *context)
{
  CsmPagePrivate *priv = csm_page_get_instance_private (self);

  g_return_if_fail (CSM_IS_PAGE (self));
  g_return_if_fail (!context || CSM_IS_CONTEXT (context));

  if (!g_set_object (&priv->context, context))
    return;
  g_signal_group_set_target (priv->context_signals, context);
  g_signal_group_set_target (priv->clock_signals, context ? csm_context_get_clock (context) : NULL);
  g_signal_group_set_target (priv->settings_signals,
                             context ? csm_context_get_settings (context) : NULL);
  follow_engine (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

/**
 * csm_page_get_context:
 *
 * Returns: (transfer none) (nullable): the context the page shows
 */
CsmContext *
csm_page_get_context (CsmPage *self)
{
  CsmPagePrivate *priv = csm_page_get_instance_private (self);

  g_return_val_if_fail (CSM_IS_PAGE (self), NULL);
  return priv->context;
}

/**
 * csm_page_get_engine:
 *
 * Returns: (transfer none) (nullable): the context's sync engine
 */
CsmSyncEngine *
csm_page_get_engine (CsmPage *self)
{
  CsmPagePrivate *priv = csm_page_get_instance_private (self);

  g_return_val_if_fail (CSM_IS_PAGE (self), NULL);
  return priv->engine;
}

/**
 * csm_page_get_settings:
 *
 * Returns: (transfer none) (nullable): the context's settings
 */
GSettings *
csm_page_get_settings (CsmPage *self)
{
  CsmPagePrivate *priv = csm_page_get_instance_private (self);

  g_return_val_if_fail (CSM_IS_PAGE (self), NULL);
  return priv->context ? csm_context_get_settings (priv->context) : NULL;
}

/**
 * csm_page_get_now:
 *
 * Returns: the console's "now" (unix seconds) from the context's clock; 0
 *   without a context, when the page shows nothing that has an age
 */
gint64
csm_page_get_now (CsmPage *self)
{
  CsmPagePrivate *priv = csm_page_get_instance_private (self);

  g_return_val_if_fail (CSM_IS_PAGE (self), 0);
  return priv->context ? csm_clock_get_now (csm_context_get_clock (priv->context)) : 0;
}

/**
 * csm_page_get_engine_signals:
 *
 * Returns: (transfer none): a signal group whose target is always the
 *   page's engine; subclasses connect to it once, in their init
 */
GSignalGroup *
csm_page_get_engine_signals (CsmPage *self)
{
  CsmPagePrivate *priv = csm_page_get_instance_private (self);

  g_return_val_if_fail (CSM_IS_PAGE (self), NULL);
  return priv->engine_signals;
}

/**
 * csm_page_get_engine_bindings:
 *
 * Returns: (transfer none): a binding group whose source is always the
 *   page's engine
 */
GBindingGroup *
csm_page_get_engine_bindings (CsmPage *self)
{
  CsmPagePrivate *priv = csm_page_get_instance_private (self);

  g_return_val_if_fail (CSM_IS_PAGE (self), NULL);
  return priv->engine_bindings;
}

/**
 * csm_page_get_settings_signals:
 *
 * Returns: (transfer none): a signal group whose target is always the
 *   context's settings
 */
GSignalGroup *
csm_page_get_settings_signals (CsmPage *self)
{
  CsmPagePrivate *priv = csm_page_get_instance_private (self);

  g_return_val_if_fail (CSM_IS_PAGE (self), NULL);
  return priv->settings_signals;
}

/**
 * csm_page_queue_update:
 *
 * Says that what the page shows changed: ->catch_up() runs now if the page
 * is on screen, or else once it is shown again. Pages out of sight cost
 * nothing on a refresh.
 */
void
csm_page_queue_update (CsmPage *self)
{
  CsmPagePrivate *priv = csm_page_get_instance_private (self);

  g_return_if_fail (CSM_IS_PAGE (self));

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      priv->stale = TRUE;
      return;
    }
  priv->stale = FALSE;
  if (CSM_PAGE_GET_CLASS (self)->catch_up != NULL)
    CSM_PAGE_GET_CLASS (self)->catch_up (self);
}

static void
csm_page_map (GtkWidget *widget)
{
  CsmPage *self = CSM_PAGE (widget);
  CsmPagePrivate *priv = csm_page_get_instance_private (self);

  GTK_WIDGET_CLASS (csm_page_parent_class)->map (widget);
  if (priv->stale)
    csm_page_queue_update (self);
}

static void
csm_page_dispose (GObject *object)
{
  CsmPage *self = CSM_PAGE (object);
  CsmPagePrivate *priv = csm_page_get_instance_private (self);

  /* The groups drop their targets' handlers as they go. */
  g_clear_object (&priv->context_signals);
  g_clear_object (&priv->engine_signals);
  g_clear_object (&priv->engine_bindings);
  g_clear_object (&priv->clock_signals);
  g_clear_object (&priv->settings_signals);
  g_clear_object (&priv->engine);
  g_clear_object (&priv->context);

  G_OBJECT_CLASS (csm_page_parent_class)->dispose (object);
}

static void
csm_page_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  CsmPage *self = CSM_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, csm_page_get_context (self));
      break;
    case PROP_ENGINE:
      g_value_set_object (value, csm_page_get_engine (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
csm_page_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_CONTEXT:
      csm_page_set_context (CSM_PAGE (object), g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
csm_page_class_init (CsmPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = csm_page_dispose;
  object_class->get_property = csm_page_get_property;
  object_class->set_property = csm_page_set_property;
  widget_class->map = csm_page_map;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, CSM_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ENGINE] =
    g_param_spec_object ("engine", NULL, NULL, CSM_TYPE_SYNC_ENGINE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
csm_page_init (CsmPage *self)
{
  CsmPagePrivate *priv = csm_page_get_instance_private (self);

  priv->context_signals = g_signal_group_new (CSM_TYPE_CONTEXT);
  g_signal_group_connect_swapped (priv->context_signals, "notify::engine",
                                  G_CALLBACK (follow_engine), self);
  priv->engine_signals = g_signal_group_new (CSM_TYPE_SYNC_ENGINE);
  priv->engine_bindings = g_binding_group_new ();
  priv->clock_signals = g_signal_group_new (CSM_TYPE_CLOCK);
  g_signal_group_connect_swapped (priv->clock_signals, "notify::now",
                                  G_CALLBACK (clock_now_cb), self);
  priv->settings_signals = g_signal_group_new (G_TYPE_SETTINGS);
}
