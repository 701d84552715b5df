"""`python -m linter` runs the azlint command line."""

from linter.cli import main

main()
