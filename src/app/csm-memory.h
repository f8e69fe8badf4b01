/* csm-memory.h: the allocator keeps the memory a frame reuses.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void csm_memory_prepare (void);

G_END_DECLS
