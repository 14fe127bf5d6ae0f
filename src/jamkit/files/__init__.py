"""From files to records: where each kind of file lives, YAML with positions, validation, loading, editing, git."""
