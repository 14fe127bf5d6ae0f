"""Safe YAML that remembers where every key came from, read in stages (load, compose, explain), and kept by hash."""
