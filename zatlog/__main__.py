"""``python -m zatlog``: the same as the ``zatlog`` command."""

from zatlog.cli.main import main

main()
