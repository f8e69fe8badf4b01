/* csm-test-store.h: opening and closing a real cache (a SQLite file, or in memory) in a test.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "csm-store.h"

G_BEGIN_DECLS

CsmStore *csm_test_store_open  (const char *path);
void      csm_test_store_close (CsmStore   *store);

G_END_DECLS
