"""`python -m workshop` runs the command line."""

from .cli import main

main()
