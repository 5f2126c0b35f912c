"""The ``peersupport`` command line (extra ``cli``).

Exit codes: 0 everything passed; 1 a required or critical rule is not met; 2 invalid input.
Each concept's commands live in their own module here and join the one click group.
"""

from peersupport.cli import _audit, _disclosure, _lint, _roster, _task
from peersupport.cli._app import EXIT_FAILED, EXIT_INVALID, EXIT_OK, cli, main

# Importing a concept's command module registers its commands on the group.
COMMAND_MODULES = (_audit, _disclosure, _lint, _roster, _task)

__all__ = ["COMMAND_MODULES", "EXIT_FAILED", "EXIT_INVALID", "EXIT_OK", "cli", "main"]
