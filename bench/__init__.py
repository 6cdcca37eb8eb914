"""The benchmark (`make bench SIZE=…`): the warehouse against the raw-DuckDB floor and a pandas baseline.

Never part of the tests' pass/fail: it measures and writes BENCHMARKS.md.
"""
