"""``python -m zatlog``: the same as the ``zatlog`` command."""

from zatlog.cli.main import main

if __name__ == "__main__":  # not when a worker process imports it (see projections.parallel)
    main()
