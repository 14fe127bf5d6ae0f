"""The vocabulary every layer shares: the typed records, rule codes, diagnostics, the verdict, errors, wording."""
