/* csm-sla-entry-private.h: the entry's fields, for csm_sla_board_compute() which fills them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "csm-sla-entry.h"

G_BEGIN_DECLS

struct _CsmSlaEntry
{
  GObject parent_instance;

  CsmTicket *ticket;          /* (owned) */
  CsmSlaState state;
  gint64 now;
  gint64 due;
  gint64 seconds_to_due;
  gboolean business;          /* seconds_to_due counts business time only */
  gboolean waiting;           /* no first reply yet */
  gint64 predicted;           /* 0: not predicted (not waiting, or the queue answers none) */
  guint position;             /* 1-based among the queue's waiting tickets; 0 = n/a */
  guint replies;              /* first replies in the queue over the window */
  gint64 window;              /* the rate window, seconds */
};

CsmSlaEntry *_csm_sla_entry_new (CsmTicket *ticket);

G_END_DECLS
