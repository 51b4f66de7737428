"""Tools for the CLI and the tests only (benchmarks, synthetic data, Virtuoso); never
imported by the core or the web layer."""
