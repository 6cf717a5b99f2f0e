"""Benchmarks whose measured tables the site includes: `python -m benchmarks.<name>`."""
