#!/usr/bin/env python3
"""Counts test results from meson's testlog.json: every TAP subtest ("ok N",
"not ok N") of a TAP test, one result for any other test. Prints one line,
"N passed, N failed", and exits 1 if anything failed or nothing ran."""

import json
import re
import sys

passed = failed = 0
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as f:
        for line in f:
            entry = json.loads(line)
            result = entry.get("result")
            out = entry.get("stdout") or ""
            oks = len(re.findall(r"^ok \d+", out, re.M))
            not_oks = len(re.findall(r"^not ok \d+", out, re.M))
            if oks or not_oks:
                passed += oks
                failed += not_oks
                # A crash after some subtests still fails the test as a whole.
                if result not in ("OK", "EXPECTEDFAIL") and not_oks == 0:
                    failed += 1
            elif result in ("OK", "EXPECTEDFAIL"):
                passed += 1
            else:
                failed += 1

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed or passed == 0 else 0)
