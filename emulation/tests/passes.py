"""`make test` runs the whole suite twice, on SQLite and on PostgreSQL. A test that checks no behaviour of the
database (the settings a process starts with, the file storage chosen, a document converted by LibreOffice)
would only repeat itself in the second pass: it carries `ONCE` and runs in the SQLite pass alone."""
import os

import pytest

ON_POSTGRESQL = os.environ.get("DATABASE_URL", "").startswith("postgres")
ONCE = pytest.mark.skipif(ON_POSTGRESQL, reason="checks no behaviour of the database: run in the SQLite pass")
