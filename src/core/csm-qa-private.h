/* csm-qa-private.h: what the QA files share: the one way they say a rule was broken.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean _csm_qa_invalid (GError     **error,
                          const char  *format,
                          ...) G_GNUC_PRINTF (2, 3);

G_END_DECLS
