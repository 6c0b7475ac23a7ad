#!/bin/sh
# The golden tests again with the shared candidate pass turned off
# (GWLINT_NO_PRESCAN): the per-regex literal search and the kinds' own mark
# scans must give exactly the same output as the pass.
GWLINT_NO_PRESCAN=1 exec sh "$(dirname "$0")/golden.t"
