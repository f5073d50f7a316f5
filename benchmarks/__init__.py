"""Throughput and latency benchmarks (run with ``make bench``; not timed tests)."""
