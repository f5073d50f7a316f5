"""factcheck: a fact-consistency linter for document collections."""

__version__ = "0.1.0"
