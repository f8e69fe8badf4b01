/* csm-wallboard.h: the wallboard's boards (tiles and queues) and what each tile says, with its threshold colour.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "csm-kpi.h"

G_BEGIN_DECLS

typedef enum
{
  CSM_WALL_TILE_WAITING,
  CSM_WALL_TILE_OLDEST,
  CSM_WALL_TILE_BREACHED,
  CSM_WALL_TILE_AT_RISK,
  CSM_WALL_TILE_PREDICTED,
  CSM_WALL_TILE_AGENTS,
  CSM_WALL_TILE_FRT,
  CSM_WALL_TILE_CSAT,
  CSM_WALL_TILE_SLA,
} CsmWallTileKind;

#define CSM_WALL_TILE_COUNT (CSM_WALL_TILE_SLA + 1)

typedef enum
{
  CSM_WALL_LEVEL_NONE,     /* no threshold applies, or no value */
  CSM_WALL_LEVEL_GOOD,
  CSM_WALL_LEVEL_WARNING,
  CSM_WALL_LEVEL_ALERT,
} CsmWallLevel;

/**
 * CsmWallBoard:
 * @name: what the board is called (--board=NAME)
 * @tiles: (array zero-terminated=1): tile ids, in order
 * @queues: (array zero-terminated=1): the queues it counts; empty: all
 */
typedef struct
{
  char *name;
  GStrv tiles;
  GStrv queues;
} CsmWallBoard;

/**
 * CsmWallTile:
 * @kind: which figure
 * @queue: (nullable): the queue of a waiting tile
 * @title: what it is, e.g. "Support waiting"
 * @value: the figure, e.g. "12", "4 min", "87.5 %", or "—" without one
 * @detail: its population or reference, e.g. "from 40 answers"
 * @level: the threshold colour
 * @number: the figure as a number (NaN without one), for tests and exports
 */
typedef struct
{
  CsmWallTileKind kind;
  char *queue;
  char *title;
  char *value;
  char *detail;
  CsmWallLevel level;
  double number;
} CsmWallTile;

/**
 * CsmWallInput:
 * @summaries: (element-type CsmQueueSummary): per queue, now
 * @sla_entries: (element-type CsmSlaEntry) (nullable): the SLA lanes' entries
 * @agents_active: agents inferred active
 * @agents_known: agents the helpdesk has
 * @today: (nullable): the KPIs of [local midnight, now) over the board's
 *   queues; NULL while they are being computed
 */
typedef struct
{
  GPtrArray *summaries;
  GPtrArray *sla_entries;
  guint agents_active;
  guint agents_known;
  const CsmKpiRow *today;
} CsmWallInput;

const char   *csm_wall_tile_get_id          (CsmWallTileKind     kind);
gboolean      csm_wall_tile_from_id         (const char         *id,
                                             CsmWallTileKind    *out_kind);
const char   *csm_wall_tile_get_title       (CsmWallTileKind     kind);
const char   *csm_wall_tile_get_threshold   (CsmWallTileKind     kind);

CsmWallBoard *csm_wall_board_new            (const char         *name,
                                             const char * const *tiles,
                                             const char * const *queues);
void          csm_wall_board_free           (CsmWallBoard       *board);
gboolean      csm_wall_board_counts_queue   (const CsmWallBoard *board,
                                             const char         *queue);
GPtrArray    *csm_wall_boards_from_variant  (GVariant           *value);
GVariant     *csm_wall_boards_to_variant    (GPtrArray          *boards);

CsmWallLevel  csm_wall_tile_level           (CsmWallTileKind     kind,
                                             double              number);
GPtrArray    *csm_wall_board_compute        (const CsmWallBoard *board,
                                             const CsmWallInput *input);
void          csm_wall_tile_free            (CsmWallTile        *tile);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsmWallBoard, csm_wall_board_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsmWallTile, csm_wall_tile_free)

G_END_DECLS
