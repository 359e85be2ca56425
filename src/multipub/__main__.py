"""``python -m multipub``: the same as the ``multipub`` command."""

from .cli import run

if __name__ == "__main__":
    run()
