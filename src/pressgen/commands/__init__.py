"""The verbs of the ``pressgen`` command, one module each (as ``mkdocs.commands``).

``pressgen.cli`` only wires click and imports a verb's module when it runs. A verb
prints its results to stdout and stops by raising :class:`pressgen.errors.FindingsExit`,
which prints the findings; it never calls ``sys.exit`` itself.
"""
