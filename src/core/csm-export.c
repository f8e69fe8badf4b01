/* csm-export.c: queue summaries and tickets as JSON or CSV, for scripts and cron.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-export"

#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>

#include "csm-export.h"
#include "csm-queue-summary.h"
#include "csm-sla-entry.h"
#include "csm-ticket.h"
#include "csm-time.h"

gboolean
csm_export_format_from_string (const char      *text,
                               CsmExportFormat *out_format)
{
  g_return_val_if_fail (out_format != NULL, FALSE);

  if (g_strcmp0 (text, "json") == 0)
    *out_format = CSM_EXPORT_JSON;
  else if (g_strcmp0 (text, "csv") == 0)
    *out_format = CSM_EXPORT_CSV;
  else
    return FALSE;
  return TRUE;
}

/* One exported value: JSON and CSV are written from the same rows so the
 * two formats can never disagree. */
typedef enum { CELL_NULL, CELL_INT, CELL_STRING } CellKind;

typedef struct
{
  CellKind kind;
  gint64 i;
  char *s;
} Cell;

static void
cell_clear (Cell *cell)
{
  g_clear_pointer (&cell->s, g_free);
}

static Cell
cell_int (gint64 v)
{
  return (Cell) { CELL_INT, v, NULL };
}

static Cell
cell_string (const char *s)
{
  if (s == NULL)
    return (Cell) { CELL_NULL, 0, NULL };
  return (Cell) { CELL_STRING, 0, g_strdup (s) };
}

static Cell
cell_time (gint64 t)
{
  char *s = csm_time_format_iso8601 (t);

  if (s == NULL)
    return (Cell) { CELL_NULL, 0, NULL };
  return (Cell) { CELL_STRING, 0, s };
}

static void
csv_append_field (GString    *out,
                  const char *text)
{
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static char *
write_rows (const char * const *keys,
            guint               n_keys,
            GArray             *cells,
            CsmExportFormat     format)
{
  guint n_rows = n_keys ? cells->len / n_keys : 0;

  if (format == CSM_EXPORT_CSV)
    {
      GString *out = g_string_new (NULL);

      for (guint k = 0; k < n_keys; k++)
        {
          if (k)
            g_string_append_c (out, ',');
          csv_append_field (out, keys[k]);
        }
      g_string_append (out, "\r\n");

      for (guint r = 0; r < n_rows; r++)
        {
          for (guint k = 0; k < n_keys; k++)
            {
              Cell *cell = &g_array_index (cells, Cell, r * n_keys + k);

              if (k)
                g_string_append_c (out, ',');
              if (cell->kind == CELL_INT)
                g_string_append_printf (out, "%" G_GINT64_FORMAT, cell->i);
              else if (cell->kind == CELL_STRING)
                csv_append_field (out, cell->s);
            }
          g_string_append (out, "\r\n");
        }
      return g_string_free (out, FALSE);
    }
  else
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = NULL;

      json_builder_begin_array (builder);
      for (guint r = 0; r < n_rows; r++)
        {
          json_builder_begin_object (builder);
          for (guint k = 0; k < n_keys; k++)
            {
              Cell *cell = &g_array_index (cells, Cell, r * n_keys + k);

              json_builder_set_member_name (builder, keys[k]);
              if (cell->kind == CELL_INT)
                json_builder_add_int_value (builder, cell->i);
              else if (cell->kind == CELL_STRING)
                json_builder_add_string_value (builder, cell->s);
              else
                json_builder_add_null_value (builder);
            }
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);

      root = json_builder_get_root (builder);
      json_generator_set_root (generator, root);
      json_generator_set_pretty (generator, TRUE);
      json_generator_set_indent (generator, 2);
      text = json_generator_to_data (generator, NULL);
      return g_strconcat (text, "\n", NULL);
    }
}

/**
 * csm_export_queues:
 * @summaries: (element-type CsmQueueSummary): per-queue summaries
 * @format: JSON or CSV
 *
 * Keys: queue, new, open, stalled, active, unassigned,
 * oldest_new_age_seconds (null when the queue has no new ticket).
 *
 * Returns: (transfer full): the document
 */
char *
csm_export_queues (GPtrArray       *summaries,
                   CsmExportFormat  format)
{
  static const char * const keys[] = {
    "queue", "new", "open", "stalled", "active", "unassigned", "oldest_new_age_seconds",
  };
  g_autoptr(GArray) cells = g_array_new (FALSE, FALSE, sizeof (Cell));

  g_array_set_clear_func (cells, (GDestroyNotify) cell_clear);

  for (guint i = 0; i < summaries->len; i++)
    {
      CsmQueueSummary *s = g_ptr_array_index (summaries, i);
      gint64 age = csm_queue_summary_get_oldest_new_age (s);
      Cell row[] = {
        cell_string (csm_queue_summary_get_queue_name (s)),
        cell_int (csm_queue_summary_get_new (s)),
        cell_int (csm_queue_summary_get_open (s)),
        cell_int (csm_queue_summary_get_stalled (s)),
        cell_int (csm_queue_summary_get_active (s)),
        cell_int (csm_queue_summary_get_unassigned (s)),
        age < 0 ? cell_string (NULL) : cell_int (age),
      };

      g_array_append_vals (cells, row, G_N_ELEMENTS (row));
    }

  return write_rows (keys, G_N_ELEMENTS (keys), cells, format);
}

static gpointer
ref_ticket (gconstpointer ticket,
            gpointer      user_data)
{
  return g_object_ref ((gpointer) ticket);
}

static int
compare_ticket_id (gconstpointer a,
                   gconstpointer b)
{
  gint64 ia = csm_ticket_get_id (*(CsmTicket * const *) a);
  gint64 ib = csm_ticket_get_id (*(CsmTicket * const *) b);

  return ia < ib ? -1 : ia > ib;
}

/**
 * csm_export_tickets:
 * @tickets: (element-type CsmTicket): the tickets, in any order; written by id
 * @format: JSON or CSV
 *
 * Keys: id, subject, queue, status, owner (null when nobody owns it),
 * priority, created, first_response, resolved, due (ISO 8601 UTC or null),
 * sla (level name or null), time_worked_minutes.
 *
 * Returns: (transfer full): the document
 */
char *
csm_export_tickets (GPtrArray       *tickets,
                    CsmExportFormat  format)
{
  static const char * const keys[] = {
    "id", "subject", "queue", "status", "owner", "priority", "created",
    "first_response", "resolved", "due", "sla", "time_worked_minutes",
  };
  g_autoptr(GArray) cells = g_array_new (FALSE, FALSE, sizeof (Cell));
  g_autoptr(GPtrArray) sorted = g_ptr_array_copy (tickets, ref_ticket, NULL);

  g_array_set_clear_func (cells, (GDestroyNotify) cell_clear);
  g_ptr_array_sort (sorted, compare_ticket_id);

  for (guint i = 0; i < sorted->len; i++)
    {
      CsmTicket *t = g_ptr_array_index (sorted, i);
      const char *sla = csm_ticket_get_sla (t);
      Cell row[] = {
        cell_int (csm_ticket_get_id (t)),
        cell_string (csm_ticket_get_subject (t)),
        cell_string (csm_ticket_get_queue_name (t)),
        cell_string (csm_ticket_get_status (t)),
        cell_string (csm_ticket_get_owner (t)),
        cell_int (csm_ticket_get_priority (t)),
        cell_time (csm_ticket_get_created (t)),
        cell_time (csm_ticket_get_first_response (t)),
        cell_time (csm_ticket_get_resolved (t)),
        cell_time (csm_ticket_get_due (t)),
        cell_string (sla && *sla ? sla : NULL),
        cell_int (csm_ticket_get_time_worked (t)),
      };

      g_array_append_vals (cells, row, G_N_ELEMENTS (row));
    }

  return write_rows (keys, G_N_ELEMENTS (keys), cells, format);
}

/**
 * csm_export_sla:
 * @entries: (element-type CsmSlaEntry): the SLA board, as
 *   csm_sla_board_compute() gives it; written in that order (by Due)
 * @format: JSON or CSV
 *
 * Keys: id, queue, owner (null when nobody owns it), due (ISO 8601 UTC),
 * state (ok, predicted, at_risk, breached), seconds_to_due (business
 * seconds for a business-minutes deadline, negative once passed),
 * predicted_first_response (ISO 8601 UTC, or null when not predicted).
 *
 * Returns: (transfer full): the document
 */
char *
csm_export_sla (GPtrArray       *entries,
                CsmExportFormat  format)
{
  static const char * const keys[] = {
    "id", "queue", "owner", "due", "state", "seconds_to_due", "predicted_first_response",
  };
  g_autoptr(GArray) cells = g_array_new (FALSE, FALSE, sizeof (Cell));

  g_array_set_clear_func (cells, (GDestroyNotify) cell_clear);

  for (guint i = 0; i < entries->len; i++)
    {
      CsmSlaEntry *e = g_ptr_array_index (entries, i);
      CsmTicket *t = csm_sla_entry_get_ticket (e);
      Cell row[] = {
        cell_int (csm_ticket_get_id (t)),
        cell_string (csm_ticket_get_queue_name (t)),
        cell_string (csm_ticket_get_owner (t)),
        cell_time (csm_sla_entry_get_due (e)),
        cell_string (csm_sla_state_to_string (csm_sla_entry_get_state (e))),
        cell_int (csm_sla_entry_get_seconds_to_due (e)),
        cell_time (csm_sla_entry_get_predicted_first_response (e)),
      };

      g_array_append_vals (cells, row, G_N_ELEMENTS (row));
    }

  return write_rows (keys, G_N_ELEMENTS (keys), cells, format);
}
