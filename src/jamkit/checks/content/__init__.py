"""The content rules: small functions over the records of a catalog, by file kind."""
