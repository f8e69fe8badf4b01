/* csm-test-leak-check.c: every test binary prepares for LeakSanitizer's exit check.
 *
 * Compiled into each test that uses the test support library (a
 * constructor in the static library itself would not be linked). See
 * csm-leak-check.c for why idle worker threads are kept in sanitizer builds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "csm-leak-check.h"

__attribute__((constructor)) static void
csm_test_leak_check_prepare (void)
{
  csm_leak_check_prepare ();
}
