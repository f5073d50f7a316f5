import sys

from factcheck.launch import main

sys.exit(main())
