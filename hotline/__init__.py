"""12345 hotline warehouse: landing, sample generation and run helpers.

The SQL lives in the dbt project at the repository root; this package holds the
Python around it (the export contract, the sample generator, the landing loader
and the command line).
"""

__version__ = "0.1.0"
