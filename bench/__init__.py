"""Benchmarks and the synthetic load data they run on (docs/benchmarks.md)."""
