"""The `kaplc` command line: thin commands over the same services as the window."""
