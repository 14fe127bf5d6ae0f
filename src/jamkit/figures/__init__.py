"""The figures computed from a repository: impact, prizes and outcomes, defined once for every output."""
