"""Benchmarks at national scale: a corpus generator and the runner behind ``make bench``."""
