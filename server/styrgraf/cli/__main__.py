"""``python -m styrgraf.cli``: the same as the ``styrgraf`` command."""
from styrgraf.cli import main

main(prog_name="styrgraf")
