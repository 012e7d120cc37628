"""`python -m devstack`: see devstack/supervisor.py."""

import sys

from devstack.supervisor import main

sys.exit(main())
