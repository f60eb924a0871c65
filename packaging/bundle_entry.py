"""Entry point of the PyInstaller bundle: the ``chargedesk`` command, frozen.

It is ``console.cli:main`` with one addition. The console's ``--engine process`` starts
its engine as ``[sys.executable, "-m", "console.engine_child"]``; in a bundle
``sys.executable`` is this program, which has no ``-m``, so that form is recognised here
and runs the engine child instead of the command line.
"""

from __future__ import annotations

import sys


def main() -> int:
    """Run the engine child when asked for it the interpreter's way, else the command."""
    if sys.argv[1:3] == ["-m", "console.engine_child"]:
        from console import engine_child

        sys.argv = [sys.argv[0], *sys.argv[3:]]
        return engine_child.main()
    from console.cli import main as cli_main

    return cli_main()


if __name__ == "__main__":
    sys.exit(main())
