/* csm-wallboard.c: the wallboard's boards (tiles and queues) and what each tile says, with its threshold colour.
 *
 * A board counts only its queues (all when it names none): waiting and
 * the oldest waiting from the queue summaries (new tickets, the Queues
 * page's figures), breached / at risk / predicted from the SLA lanes,
 * today's FRT, CSAT and SLA attainment from the KPI engine over
 * [local midnight, now). Agents are not split by queue: the tile counts
 * everyone inferred active.
 *
 * Thresholds are fixed, and said on the tile: a figure a passer-by reads
 * from across the room must mean the same on every board.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "csm-queue-summary.h"
#include "csm-sla-entry.h"
#include "csm-ticket.h"
#include "csm-time.h"
#include "csm-wallboard.h"

static const struct
{
  const char *id;
  const char *title;
  /* warning and alert from these; lower_is_bad turns them round */
  double warning;
  double alert;
  gboolean lower_is_bad;
  gboolean has_levels;
  const char *threshold;
} tile_info[CSM_WALL_TILE_COUNT] = {
  { "waiting", N_("Waiting"), 5, 10, FALSE, TRUE, N_("Amber from 5, red from 10") },
  { "oldest", N_("Oldest waiting"), 600, 1800, FALSE, TRUE, N_("Amber from 10 min, red from 30 min") },
  { "breached", N_("Breached"), 1, 1, FALSE, TRUE, N_("Red from 1") },
  { "at-risk", N_("At risk"), 1, G_MAXDOUBLE, FALSE, TRUE, N_("Amber from 1") },
  { "predicted", N_("Predicted to breach"), 1, G_MAXDOUBLE, FALSE, TRUE, N_("Amber from 1") },
  { "agents", N_("Agents active"), 0, 0, FALSE, FALSE, NULL },
  { "frt", N_("First reply today"), 3600, 14400, FALSE, TRUE, N_("Median. Amber from 1 h, red from 4 h") },
  { "csat", N_("CSAT today"), 90, 80, TRUE, TRUE, N_("Amber under 90, red under 80 (percent)") },
  { "sla", N_("SLA met today"), 95, 85, TRUE, TRUE, N_("Amber under 95, red under 85 (percent)") },
};

const char *
csm_wall_tile_get_id (CsmWallTileKind kind)
{
  g_return_val_if_fail (kind < CSM_WALL_TILE_COUNT, NULL);
  return tile_info[kind].id;
}

gboolean
csm_wall_tile_from_id (const char      *id,
                       CsmWallTileKind *out_kind)
{
  for (guint i = 0; id != NULL && i < CSM_WALL_TILE_COUNT; i++)
    if (g_str_equal (id, tile_info[i].id))
      {
        *out_kind = i;
        return TRUE;
      }
  return FALSE;
}

const char *
csm_wall_tile_get_title (CsmWallTileKind kind)
{
  g_return_val_if_fail (kind < CSM_WALL_TILE_COUNT, NULL);
  return _(tile_info[kind].title);
}

/**
 * csm_wall_tile_get_threshold:
 *
 * Returns: (nullable): when the tile turns amber and red, in words
 */
const char *
csm_wall_tile_get_threshold (CsmWallTileKind kind)
{
  g_return_val_if_fail (kind < CSM_WALL_TILE_COUNT, NULL);
  return tile_info[kind].threshold ? _(tile_info[kind].threshold) : NULL;
}

CsmWallLevel
csm_wall_tile_level (CsmWallTileKind kind,
                     double          number)
{
  g_return_val_if_fail (kind < CSM_WALL_TILE_COUNT, CSM_WALL_LEVEL_NONE);

  if (!tile_info[kind].has_levels || isnan (number))
    return CSM_WALL_LEVEL_NONE;
  if (tile_info[kind].lower_is_bad)
    return number < tile_info[kind].alert ? CSM_WALL_LEVEL_ALERT
           : number < tile_info[kind].warning ? CSM_WALL_LEVEL_WARNING
           : CSM_WALL_LEVEL_GOOD;
  return number >= tile_info[kind].alert ? CSM_WALL_LEVEL_ALERT
         : number >= tile_info[kind].warning ? CSM_WALL_LEVEL_WARNING
         : CSM_WALL_LEVEL_GOOD;
}

CsmWallBoard *
csm_wall_board_new (const char         *name,
                    const char * const *tiles,
                    const char * const *queues)
{
  CsmWallBoard *board = g_new0 (CsmWallBoard, 1);
  const char *none[] = { NULL };

  board->name = g_strdup (name);
  board->tiles = g_strdupv ((char **) (tiles ? tiles : none));
  board->queues = g_strdupv ((char **) (queues ? queues : none));
  return board;
}

void
csm_wall_board_free (CsmWallBoard *board)
{
  if (board == NULL)
    return;
  g_free (board->name);
  g_strfreev (board->tiles);
  g_strfreev (board->queues);
  g_free (board);
}

gboolean
csm_wall_board_counts_queue (const CsmWallBoard *board,
                             const char         *queue)
{
  return board->queues[0] == NULL ||
         (queue != NULL && g_strv_contains ((const char * const *) board->queues, queue));
}

/**
 * csm_wall_boards_from_variant:
 * @value: `a(sasas)`, as the wallboard-boards setting holds them
 *
 * Unknown tile ids and boards without a name are dropped.
 *
 * Returns: (transfer full) (element-type CsmWallBoard): the boards
 */
GPtrArray *
csm_wall_boards_from_variant (GVariant *value)
{
  GPtrArray *boards = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_wall_board_free);
  GVariantIter iter;
  const char *name;
  g_autofree const char **tiles = NULL;
  g_autofree const char **queues = NULL;

  g_return_val_if_fail (value != NULL, boards);
  g_return_val_if_fail (g_variant_is_of_type (value, G_VARIANT_TYPE ("a(sasas)")), boards);

  g_variant_iter_init (&iter, value);
  while (g_variant_iter_next (&iter, "(&s^a&s^a&s)", &name, &tiles, &queues))
    {
      g_autoptr(GPtrArray) known = g_ptr_array_new ();
      g_autofree char *trimmed = g_strstrip (g_strdup (name));
      gboolean taken = FALSE;
      CsmWallTileKind kind;

      for (guint i = 0; tiles[i] != NULL; i++)
        if (csm_wall_tile_from_id (tiles[i], &kind))
          g_ptr_array_add (known, (gpointer) tiles[i]);
      for (guint i = 0; i < boards->len; i++)
        taken |= g_str_equal (((CsmWallBoard *) g_ptr_array_index (boards, i))->name, trimmed);
      g_ptr_array_add (known, NULL);
      /* A second board of one name could never be chosen: the first wins. */
      if (*trimmed != '\0' && !taken)
        g_ptr_array_add (boards, csm_wall_board_new (trimmed, (const char * const *) known->pdata,
                                                     queues));
      g_clear_pointer (&tiles, g_free);
      g_clear_pointer (&queues, g_free);
    }
  return boards;
}

/**
 * csm_wall_boards_to_variant:
 *
 * Returns: (transfer floating): @boards as `a(sasas)`
 */
GVariant *
csm_wall_boards_to_variant (GPtrArray *boards)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(sasas)"));
  for (guint i = 0; i < boards->len; i++)
    {
      const CsmWallBoard *b = g_ptr_array_index (boards, i);

      g_variant_builder_add (&builder, "(s^as^as)", b->name, b->tiles, b->queues);
    }
  return g_variant_builder_end (&builder);
}

static CsmWallTile *
tile_new (CsmWallTileKind kind,
          double          number,
          char           *value,
          char           *detail)
{
  CsmWallTile *tile = g_new0 (CsmWallTile, 1);

  tile->kind = kind;
  tile->title = g_strdup (csm_wall_tile_get_title (kind));
  tile->number = number;
  tile->value = value ? value : g_strdup ("—");
  tile->detail = detail;
  tile->level = csm_wall_tile_level (kind, number);
  return tile;
}

/* Short enough for a wall tile: "45 s", "12 min", "1:24 h", "2 d 3 h". */
static char *
wall_duration (gint64 seconds)
{
  seconds = MAX (seconds, 0);
  if (seconds < 60)
    return g_strdup_printf (C_("wall duration", "%d s"), (int) seconds);
  if (seconds < 3600)
    return g_strdup_printf (C_("wall duration", "%d min"), (int) (seconds / 60));
  if (seconds < 86400)
    /* Translators: hours and minutes, "1:24 h" */
    return g_strdup_printf (C_("wall duration", "%d:%02d h"), (int) (seconds / 3600),
                            (int) (seconds % 3600 / 60));
  return g_strdup_printf (C_("wall duration", "%d d %d h"), (int) MIN (seconds / 86400, G_MAXINT),
                          (int) (seconds % 86400 / 3600));
}

static CsmWallTile *
count_tile (CsmWallTileKind kind,
            guint           n)
{
  return tile_new (kind, n, g_strdup_printf ("%u", n), NULL);
}

static char *
format_percent (CsmKpiValue value)
{
  return value.defined ? g_strdup_printf ("%.1f %%", value.value) : NULL;
}

static CsmWallTile *
kpi_tile (CsmWallTileKind  kind,
          const CsmKpiRow *today)
{
  CsmKpiValue value = { 0 };
  char *text = NULL, *detail;

  if (today == NULL)
    return tile_new (kind, NAN, NULL, g_strdup (_("Computing…")));
  switch ((int) kind)
    {
    case CSM_WALL_TILE_FRT:
      value = today->frt_median_seconds;
      text = value.defined ? wall_duration ((gint64) round (value.value)) : NULL;
      detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Median of %u reply",
                                             "Median of %u replies", today->frt_count),
                                today->frt_count);
      break;
    case CSM_WALL_TILE_CSAT:
      value = today->csat_percent;
      text = format_percent (value);
      detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u answer", "%u answers",
                                             today->csat_responses), today->csat_responses);
      break;
    default:
      value = today->sla_met_percent;
      text = format_percent (value);
      detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u deadline", "%u deadlines",
                                             today->sla_counted), today->sla_counted);
      break;
    }
  return tile_new (kind, value.defined ? value.value : NAN, text, detail);
}

static CsmWallTile *
oldest_tile (const CsmWallBoard *board,
             GPtrArray          *summaries)
{
  CsmQueueSummary *oldest = NULL;
  gint64 age = -1;

  for (guint i = 0; summaries != NULL && i < summaries->len; i++)
    {
      CsmQueueSummary *s = g_ptr_array_index (summaries, i);
      gint64 a = csm_queue_summary_get_oldest_new_age (s);

      if (!csm_wall_board_counts_queue (board, csm_queue_summary_get_queue_name (s)) ||
          csm_queue_summary_get_new (s) == 0 || a <= age)
        continue;
      age = a;
      oldest = s;
    }
  if (oldest == NULL)
    return tile_new (CSM_WALL_TILE_OLDEST, 0, g_strdup (_("None")), g_strdup (_("Nobody waits")));
  return tile_new (CSM_WALL_TILE_OLDEST, age, wall_duration (age),
                   g_strdup (csm_queue_summary_get_queue_name (oldest)));
}

static void
add_waiting (GPtrArray          *tiles,
             const CsmWallBoard *board,
             GPtrArray          *summaries)
{
  for (guint i = 0; summaries != NULL && i < summaries->len; i++)
    {
      CsmQueueSummary *s = g_ptr_array_index (summaries, i);
      const char *queue = csm_queue_summary_get_queue_name (s);
      guint unassigned = csm_queue_summary_get_unassigned (s);
      CsmWallTile *tile;

      if (!csm_wall_board_counts_queue (board, queue))
        continue;
      tile = count_tile (CSM_WALL_TILE_WAITING, csm_queue_summary_get_new (s));
      g_free (tile->title);
      /* Translators: a queue's waiting tickets, e.g. "Support waiting" */
      tile->title = g_strdup_printf (_("%s waiting"), queue);
      tile->queue = g_strdup (queue);
      tile->detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u unassigned",
                                                   "%u unassigned", unassigned), unassigned);
      g_ptr_array_add (tiles, tile);
    }
}

static guint
count_sla (const CsmWallBoard *board,
           GPtrArray          *entries,
           CsmSlaState         state)
{
  guint n = 0;

  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      CsmSlaEntry *e = g_ptr_array_index (entries, i);

      n += csm_sla_entry_get_state (e) == state &&
           csm_wall_board_counts_queue (board,
                                        csm_ticket_get_queue_name (csm_sla_entry_get_ticket (e)));
    }
  return n;
}

/**
 * csm_wall_board_compute:
 *
 * Returns: (transfer full) (element-type CsmWallTile): the board's tiles,
 *   in its order; a waiting tile becomes one per queue it counts
 */
GPtrArray *
csm_wall_board_compute (const CsmWallBoard *board,
                        const CsmWallInput *in)
{
  GPtrArray *tiles = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_wall_tile_free);

  g_return_val_if_fail (board != NULL && in != NULL, tiles);

  for (guint i = 0; board->tiles[i] != NULL; i++)
    {
      CsmWallTileKind kind;

      if (!csm_wall_tile_from_id (board->tiles[i], &kind))
        continue;
      switch ((int) kind)
        {
        case CSM_WALL_TILE_WAITING:
          add_waiting (tiles, board, in->summaries);
          break;
        case CSM_WALL_TILE_OLDEST:
          g_ptr_array_add (tiles, oldest_tile (board, in->summaries));
          break;
        case CSM_WALL_TILE_BREACHED:
          g_ptr_array_add (tiles, count_tile (kind, count_sla (board, in->sla_entries,
                                                               CSM_SLA_STATE_BREACHED)));
          break;
        case CSM_WALL_TILE_AT_RISK:
          g_ptr_array_add (tiles, count_tile (kind, count_sla (board, in->sla_entries,
                                                               CSM_SLA_STATE_AT_RISK)));
          break;
        case CSM_WALL_TILE_PREDICTED:
          g_ptr_array_add (tiles, count_tile (kind, count_sla (board, in->sla_entries,
                                                               CSM_SLA_STATE_PREDICTED)));
          break;
        case CSM_WALL_TILE_AGENTS:
          g_ptr_array_add (tiles, tile_new (kind, in->agents_active,
                                            g_strdup_printf ("%u", in->agents_active),
                                            /* Translators: agents active of all known */
                                            g_strdup_printf (_("of %u, inferred"),
                                                             in->agents_known)));
          break;
        default:
          g_ptr_array_add (tiles, kpi_tile (kind, in->today));
          break;
        }
    }
  return tiles;
}

void
csm_wall_tile_free (CsmWallTile *tile)
{
  if (tile == NULL)
    return;
  g_free (tile->queue);
  g_free (tile->title);
  g_free (tile->value);
  g_free (tile->detail);
  g_free (tile);
}
