#!/usr/bin/env python3
"""The shared summary (../report.py) of this set."""
import os, runpy, sys
sys.argv = [sys.argv[0], "red16"]
runpy.run_path(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "report.py"), run_name="__main__")
