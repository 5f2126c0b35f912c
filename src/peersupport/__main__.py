"""``python -m peersupport``: the command line."""

from peersupport.cli import main

main()
