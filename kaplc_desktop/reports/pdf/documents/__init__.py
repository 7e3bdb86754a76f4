"""The app's documents, each a function from service rows to a Document (a list of blocks)."""
