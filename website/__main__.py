"""`python -m website`: build the self-study site."""

import sys

from website.build import main

sys.exit(main())
