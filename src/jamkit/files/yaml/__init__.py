"""Safe YAML that remembers where every key came from, and parsed YAML kept by the hash of its text."""
