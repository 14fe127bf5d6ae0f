"""Tests of the `jam` commands, one module per command (a package, so names like test_stats stay unique)."""
