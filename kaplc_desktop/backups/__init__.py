"""Backups a principal makes: one verified file holding the database and its attachments, restored with a new
database id so sync does not trust the counters of the copy it replaced."""
