/* test-outbox-row.c: a change waiting for the helpdesk, as its row shows it, and what its buttons ask for.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "csm-outbox-row.h"
#include "csm-resources.h"
#include "csm-test-gui.h"

typedef struct
{
  GArray *retried;    /* gint64 ids */
  GArray *discarded;  /* gint64 ids */
} Asked;

static void
retry_cb (GSimpleAction *action,
          GVariant      *parameter,
          gpointer       user_data)
{
  gint64 id = g_variant_get_int64 (parameter);

  g_array_append_val (((Asked *) user_data)->retried, id);
}

static void
discard_cb (GSimpleAction *action,
            GVariant      *parameter,
            gpointer       user_data)
{
  gint64 id = g_variant_get_int64 (parameter);

  g_array_append_val (((Asked *) user_data)->discarded, id);
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *action)
{
  g_autoptr(GPtrArray) buttons = csm_test_find_all (root, GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_actionable_get_action_name (buttons->pdata[i]), action) == 0)
      return buttons->pdata[i];
  return NULL;
}

static void
test_states_and_actions (void)
{
  CsmOutboxEntry entry = {
    .id = 42,
    .ticket_id = 1981,
    .field = (char *) "Owner",
    .value = (char *) "esra",
    .previous = (char *) "tobias",
    .queued = 1795690800,
    .state = CSM_OUTBOX_PENDING,
  };
  const GActionEntry actions[] = {
    { "retry-write", retry_cb, "x" },
    { "discard-write", discard_cb, "x" },
  };
  Asked asked = { g_array_new (FALSE, FALSE, sizeof (gint64)),
                  g_array_new (FALSE, FALSE, sizeof (gint64)) };
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(CsmOutboxItem) item = csm_outbox_item_new (&entry);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *row = csm_outbox_row_new (item);
  GtkWidget *retry;
  GtkWidget *discard;

  g_action_map_add_action_entries (G_ACTION_MAP (group), actions, G_N_ELEMENTS (actions), &asked);
  gtk_widget_insert_action_group (window, "sla", G_ACTION_GROUP (group));
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  gtk_window_set_child (GTK_WINDOW (window), list);
  gtk_window_present (GTK_WINDOW (window));
  csm_test_wait_frames (window, 2);

  retry = find_button (row, "sla.retry-write");
  discard = find_button (row, "sla.discard-write");
  g_assert_nonnull (retry);
  g_assert_nonnull (discard);

  /* Waiting: nothing to retry. */
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Reassign #1981 to esra");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Waiting to be sent");
  g_assert_false (gtk_widget_get_visible (retry));
  g_assert_false (gtk_widget_has_css_class (row, "error"));

  /* Refused, in RT's words: the row says so and offers both ways out. */
  entry.state = CSM_OUTBOX_FAILED;
  entry.attempts = 1;
  entry.error = (char *) "That user may not own tickets in that queue";
  csm_outbox_item_update (item, &entry);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "The helpdesk refused: That user may not own tickets in that queue");
  g_assert_true (gtk_widget_get_visible (retry));
  g_assert_true (gtk_widget_get_visible (discard));
  g_assert_true (gtk_widget_has_css_class (row, "error"));

  /* The buttons ask the page for this change, by its id. */
  g_signal_emit_by_name (retry, "clicked");
  g_signal_emit_by_name (discard, "clicked");
  g_assert_cmpuint (asked.retried->len, ==, 1);
  g_assert_cmpint (g_array_index (asked.retried, gint64, 0), ==, 42);
  g_assert_cmpuint (asked.discarded->len, ==, 1);
  g_assert_cmpint (g_array_index (asked.discarded, gint64, 0), ==, 42);

  /* Sent again: waiting, with the attempts so far. */
  entry.state = CSM_OUTBOX_PENDING;
  entry.error = (char *) "The helpdesk did not answer";
  csm_outbox_item_update (item, &entry);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "Waiting for the helpdesk (1 attempt): The helpdesk did not answer");
  g_assert_false (gtk_widget_get_visible (retry));

  gtk_window_destroy (GTK_WINDOW (window));
  g_array_unref (asked.retried);
  g_array_unref (asked.discarded);
}

int
main (int   argc,
      char *argv[])
{
  csm_test_gui_init (&argc, &argv);

  g_test_add_func ("/gui/outbox-row/states-and-actions", test_states_and_actions);

  return g_test_run ();
}
