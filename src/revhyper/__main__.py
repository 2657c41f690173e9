"""``python -m revhyper`` runs the command-line tool."""

from revhyper.cli.app import main

main()
