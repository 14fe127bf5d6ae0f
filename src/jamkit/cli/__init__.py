"""The `jam` command: argument parsing, one module per command, and output for terminals and CI."""
