"""Django's SQLite back end that never creates a missing database file by accident (see base.py)."""
