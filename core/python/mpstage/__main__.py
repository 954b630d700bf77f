# SPDX-License-Identifier: MIT
"""python3 -m mpstage FILE.py [--param NAME=VALUE ...] [mpstage-host options]: runs the program on the engine
with real processes and narrates it in the terminal, as `mpstage-host run FILE.py` does (it is that)."""

import os
import sys

from mpstage._paths import HOST


def main(argv):
    if not argv or argv[0] in ('-h', '--help'):
        print(__doc__.strip())
        return 0 if argv else 2
    if not os.access(HOST, os.X_OK):
        sys.stderr.write('mpstage: mpstage-host is not at %s (reinstall mpstage)\n' % HOST)
        return 2
    os.execv(HOST, [HOST, 'run'] + argv)


sys.exit(main(sys.argv[1:]))
