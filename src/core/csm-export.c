/* csm-export.c: queue summaries and tickets as JSON or CSV, for scripts and cron.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-export"

#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>

#include "csm-agent-stats.h"
#include "csm-export.h"
#include "csm-qa-iqs.h"
#include "csm-kpi.h"
#include "csm-queue-summary.h"
#include "csm-sla-entry.h"
#include "csm-staffing-plan.h"
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
typedef enum { CELL_NULL, CELL_INT, CELL_STRING, CELL_DECIMAL } CellKind;

typedef struct
{
  CellKind kind;
  gint64 i;
  char *s;     /* CELL_STRING: the text; CELL_DECIMAL: the number as written */
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

/* A ratio rounded to 3 decimals, written as such ("0.667", "1.0"): JSON
 * generators print doubles with 17 digits ("0.66700000000000004"). */
static Cell
cell_decimal3 (double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  gsize len;

  g_ascii_formatd (buf, sizeof buf, "%.3f", v);
  len = strlen (buf);
  while (len > 1 && buf[len - 1] == '0' && buf[len - 2] != '.')
    buf[--len] = '\0';
  if (strcmp (buf, "-0.0") == 0)
    strcpy (buf, "0.0");
  return (Cell) { CELL_DECIMAL, 0, g_strdup (buf) };
}

/* json-glib has no raw numbers: a decimal goes in as the string
 * "\001<cell index>\001" and is swapped for its text afterwards. The
 * generator escapes U+0001, so the marker reads \u0001…\u0001 in the
 * output; a real string holding U+0001 would make the swap ambiguous, so
 * such documents keep json-glib's doubles. */
static gboolean
can_mark_decimals (GArray *cells)
{
  gboolean any = FALSE;

  for (guint i = 0; i < cells->len; i++)
    {
      Cell *cell = &g_array_index (cells, Cell, i);

      if (cell->kind == CELL_DECIMAL)
        any = TRUE;
      else if (cell->kind == CELL_STRING && strchr (cell->s, '\001') != NULL)
        return FALSE;
    }
  return any;
}

static char *
unmark_decimals (const char *text,
                 GArray     *cells)
{
  static const char marker[] = "\"\\u0001";
  GString *out = g_string_new (NULL);
  const char *p = text;
  const char *hit;

  while ((hit = strstr (p, marker)) != NULL)
    {
      const char *digits = hit + strlen (marker);
      char *end = NULL;
      guint64 index = g_ascii_strtoull (digits, &end, 10);

      g_string_append_len (out, p, hit - p);
      if (end != digits && g_str_has_prefix (end, "\\u0001\"") && index < cells->len)
        {
          g_string_append (out, g_array_index (cells, Cell, index).s);
          p = end + strlen ("\\u0001\"");
        }
      else
        {
          g_string_append (out, marker);
          p = digits;
        }
    }
  g_string_append (out, p);
  return g_string_free (out, FALSE);
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
              else if (cell->kind == CELL_STRING || cell->kind == CELL_DECIMAL)
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
      gboolean mark_decimals = can_mark_decimals (cells);

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
              else if (cell->kind == CELL_DECIMAL && mark_decimals)
                {
                  g_autofree char *mark = g_strdup_printf ("\001%u\001", r * n_keys + k);

                  json_builder_add_string_value (builder, mark);
                }
              else if (cell->kind == CELL_DECIMAL)
                json_builder_add_double_value (builder, g_ascii_strtod (cell->s, NULL));
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
      if (mark_decimals)
        {
          g_autofree char *plain = unmark_decimals (text, cells);

          return g_strconcat (plain, "\n", NULL);
        }
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
 * csm_export_agents:
 * @stats: (element-type CsmAgentStats): the Agents page's rows, written in
 *   the given order
 * @format: JSON or CSV
 *
 * Keys: agent (user name), presence (active|idle|off, inferred), active
 * (active tickets owned), capacity, load (active ÷ capacity, 3 decimals; null
 * when the capacity is 0), handle_minutes_today, replies_today, occupancy
 * (3 decimals; null when no time was available in the window).
 *
 * Returns: (transfer full): the document
 */
char *
csm_export_agents (GPtrArray       *stats,
                   CsmExportFormat  format)
{
  static const char * const keys[] = {
    "agent", "presence", "active", "capacity", "load", "handle_minutes_today",
    "replies_today", "occupancy",
  };
  g_autoptr(GArray) cells = g_array_new (FALSE, FALSE, sizeof (Cell));

  g_return_val_if_fail (stats != NULL, NULL);

  g_array_set_clear_func (cells, (GDestroyNotify) cell_clear);

  for (guint i = 0; i < stats->len; i++)
    {
      CsmAgentStats *s = g_ptr_array_index (stats, i);
      double load = csm_agent_stats_get_load (s);
      double occupancy = csm_agent_stats_get_occupancy (s);
      Cell row[] = {
        cell_string (csm_agent_stats_get_name (s)),
        cell_string (csm_presence_to_string (csm_agent_stats_get_presence (s))),
        cell_int (csm_agent_stats_get_active_owned (s)),
        cell_int (csm_agent_stats_get_capacity (s)),
        load < 0 ? cell_string (NULL) : cell_decimal3 (load),
        /* TimeTaken is whole minutes, so this division is exact */
        cell_int (csm_agent_stats_get_handle_seconds_today (s) / 60),
        cell_int (csm_agent_stats_get_replies_today (s)),
        occupancy < 0 ? cell_string (NULL) : cell_decimal3 (occupancy),
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

/* A KPI with one decimal ("66.7"), or null for an empty population. */
static Cell
cell_kpi (CsmKpiValue v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!v.defined)
    return (Cell) { CELL_NULL, 0, NULL };
  g_ascii_formatd (buf, sizeof buf, "%.1f", v.value);
  if (strcmp (buf, "-0.0") == 0)
    strcpy (buf, "0.0");
  return (Cell) { CELL_DECIMAL, 0, g_strdup (buf) };
}

/**
 * csm_export_kpis:
 * @rows: (element-type CsmKpiRow): as csm_kpi_compute() gives them
 * @options: what they were counted with: the variants are labelled
 * @format: JSON or CSV
 *
 * Keys: group (null without grouping) and the KPIs of #CsmKpiRow, each with
 * one decimal, or null where its population is empty; the other
 * statistics of FRT and ART (mean, p90) come after the keys, and
 * last the variants the figures were counted with: `fcr_rule` ("reply"
 * or "repeat"), `repeat_days` (null for "reply") and `time_basis`
 * ("calendar", or "business" when business hours were given).
 *
 * Returns: (transfer full): the document
 */
char *
csm_export_kpis (GPtrArray           *rows,
                 const CsmKpiOptions *options,
                 CsmExportFormat      format)
{
  static const char * const keys[] = {
    "group", "created", "frt_median_seconds", "frt_p90_seconds", "resolved",
    "art_median_seconds", "aht_mean_minutes", "fcr_percent", "csat_percent", "csat_responses",
    "nps", "nps_responses", "ces_mean", "ces_responses", "backlog_end", "sla_met_percent",
    "frt_mean_seconds", "art_p90_seconds", "art_mean_seconds",
    "fcr_rule", "repeat_days", "time_basis",
  };
  g_autoptr(GArray) cells = g_array_new (FALSE, FALSE, sizeof (Cell));
  gboolean repeat;

  g_return_val_if_fail (rows != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);

  repeat = options->fcr == CSM_KPI_FCR_REPEAT;

  g_array_set_clear_func (cells, (GDestroyNotify) cell_clear);
  for (guint i = 0; i < rows->len; i++)
    {
      const CsmKpiRow *r = g_ptr_array_index (rows, i);
      Cell row[] = {
        cell_string (r->group),
        cell_int (r->created),
        cell_kpi (r->frt_median_seconds),
        cell_kpi (r->frt_p90_seconds),
        cell_int (r->resolved),
        cell_kpi (r->art_median_seconds),
        cell_kpi (r->aht_mean_minutes),
        cell_kpi (r->fcr_percent),
        cell_kpi (r->csat_percent),
        cell_int (r->csat_responses),
        cell_kpi (r->nps),
        cell_int (r->nps_responses),
        cell_kpi (r->ces_mean),
        cell_int (r->ces_responses),
        cell_int (r->backlog_end),
        cell_kpi (r->sla_met_percent),
        cell_kpi (r->frt_mean_seconds),
        cell_kpi (r->art_p90_seconds),
        cell_kpi (r->art_mean_seconds),
        cell_string (repeat ? "repeat" : "reply"),
        repeat ? cell_int (options->repeat_window_seconds / 86400)
               : (Cell) { CELL_NULL, 0, NULL },
        cell_string (options->hours != NULL ? "business" : "calendar"),
      };

      g_array_append_vals (cells, row, G_N_ELEMENTS (row));
    }

  return write_rows (keys, G_N_ELEMENTS (keys), cells, format);
}

/**
 * csm_export_qa:
 * @rows: (element-type CsmQaIqsRow): as csm_qa_iqs_compute() gives them
 *
 * Keys: group (null without grouping), reviews, iqs (one decimal, halves
 * away from zero; null for no reviews).
 *
 * Returns: (transfer full): the document
 */
char *
csm_export_qa (GPtrArray       *rows,
               CsmExportFormat  format)
{
  static const char * const keys[] = { "group", "reviews", "iqs" };
  g_autoptr(GArray) cells = g_array_new (FALSE, FALSE, sizeof (Cell));

  g_return_val_if_fail (rows != NULL, NULL);

  g_array_set_clear_func (cells, (GDestroyNotify) cell_clear);
  for (guint i = 0; i < rows->len; i++)
    {
      const CsmQaIqsRow *r = g_ptr_array_index (rows, i);
      Cell row[] = {
        cell_string (r->group),
        cell_int (r->reviews),
        cell_kpi ((CsmKpiValue) { r->defined, csm_qa_round1 (r->iqs) }),
      };

      g_array_append_vals (cells, row, G_N_ELEMENTS (row));
    }
  return write_rows (keys, G_N_ELEMENTS (keys), cells, format);
}

static Cell
cell_value (gboolean defined,
            double   v)
{
  return cell_kpi ((CsmKpiValue) { defined, v });
}

/**
 * csm_export_staffing:
 * @rows: (element-type CsmStaffingRow): as csm_staffing_plan_compute() gives
 *   them
 *
 * One record per row and hour of the rest of today. Keys: queue, channel
 * (null for the queue's tickets), kind ("live" or "tickets"), hour (its
 * start), arrivals_last_hour, arrivals_forecast (3 decimals), forecast_weeks
 * (the past weeks the history holds of that hour), aht_seconds,
 * target_percent, target_seconds, agents_needed, agents_active,
 * service_level_active (%), asa_seconds_active, p_wait_active (3 decimals),
 * backlog, resolved_last_hour, backlog_clears_at, backlog_growth_per_hour.
 * Erlang C's values are null for ticket rows, without an AHT, and (with
 * the agents active) when they cannot keep up; the burn-down's are null
 * for live rows; agents_needed is null beyond CSM_STAFFING_AGENT_LIMIT.
 *
 * Returns: (transfer full): the document
 */
char *
csm_export_staffing (GPtrArray       *rows,
                     CsmExportFormat  format)
{
  static const char * const keys[] = {
    "queue", "channel", "kind", "hour", "arrivals_last_hour", "arrivals_forecast",
    "forecast_weeks", "aht_seconds", "target_percent", "target_seconds", "agents_needed", "agents_active",
    "service_level_active", "asa_seconds_active", "p_wait_active", "backlog",
    "resolved_last_hour", "backlog_clears_at", "backlog_growth_per_hour",
  };
  g_autoptr(GArray) cells = g_array_new (FALSE, FALSE, sizeof (Cell));
  const Cell none = { CELL_NULL, 0, NULL };

  g_return_val_if_fail (rows != NULL, NULL);

  g_array_set_clear_func (cells, (GDestroyNotify) cell_clear);
  for (guint i = 0; i < rows->len; i++)
    {
      const CsmStaffingRow *r = g_ptr_array_index (rows, i);
      gboolean live = csm_staffing_row_is_live (r);
      gboolean erlang = live && r->aht_defined;
      const CsmBurnDown *b = &r->burn_down;

      for (guint h = 0; h < r->hours->len; h++)
        {
          const CsmStaffingHour *hour = &g_array_index (r->hours, CsmStaffingHour, h);
          const CsmErlangC *c = &hour->at_active;
          Cell row[] = {
            cell_string (r->queue),
            cell_string (r->channel),
            cell_string (live ? "live" : "tickets"),
            cell_time (hour->start),
            cell_int ((gint64) r->arrivals_last_hour),
            cell_decimal3 (hour->arrivals_forecast),
            cell_int (hour->forecast_weeks),
            cell_value (r->aht_defined, r->aht_seconds),
            live ? cell_value (TRUE, r->target_percent) : none,
            live ? cell_int (r->target_seconds) : none,
            erlang && hour->agents_needed <= CSM_STAFFING_AGENT_LIMIT
              ? cell_int (hour->agents_needed) : none,
            cell_int (r->agents_active),
            cell_value (erlang && c->defined, c->service_level * 100),
            cell_value (erlang && c->defined, c->asa_seconds),
            erlang && c->defined ? cell_decimal3 (c->p_wait) : none,
            cell_int (r->backlog),
            cell_int ((gint64) r->resolved_last_hour),
            !live && b->defined && b->clears ? cell_time (b->clears_at) : none,
            cell_value (!live && b->defined && !b->clears, b->growth_per_hour),
          };

          g_array_append_vals (cells, row, G_N_ELEMENTS (row));
        }
    }
  return write_rows (keys, G_N_ELEMENTS (keys), cells, format);
}
