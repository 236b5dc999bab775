"""Backup and restore of the whole installation: the database and the uploaded files, in one archive.

An archive (`thidua-YYYYMMDD-HHMMSS.tar.gz`) holds:
- `database.sqlite3` (SQLite's online backup API: a consistent copy while the app runs) or
  `database.dump` (`pg_dump --format=custom` on PostgreSQL);
- `media/…`: every file under MEDIA_ROOT (evidence, dossiers, pending imports);
- `manifest.json`: the format, the database vendor, the row count of every table, and the SHA-256 of
  every other member.

It holds every personal record and password hash: it is written readable by its owner only (mode 600),
and with BACKUP_PASSPHRASE set it is encrypted (`….tar.gz.enc`, see `encrypting_writer`); `restore` then
needs the same passphrase.

`restore_backup` checks the whole archive against its manifest before touching anything, refuses a
database that already holds data (unless `force`), restores, then checks the row counts and the files
again. The management commands `backup` and `restore` (and `make backup`, `make restore FILE=…`) call
these functions.
"""
import contextlib
import hashlib
import io
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from config.sqlite.base import allow_create
import sqlite3

FORMAT = 1
MANIFEST = "manifest.json"
SQLITE_DUMP = "database.sqlite3"
POSTGRES_DUMP = "database.dump"
MEDIA_PREFIX = "media/"
#: An encrypted archive: MAGIC, the scrypt salt, the AES-GCM nonce, the ciphertext of the .tar.gz, the tag.
MAGIC = b"THIDUAE1"
SALT_BYTES, NONCE_BYTES, TAG_BYTES = 16, 12, 16
#: Tables that `migrate` fills by itself: rows there do not make a database "not empty".
MIGRATE_TABLES = {"django_migrations", "django_content_type", "auth_permission", "django_site"}


class BackupError(Exception):
    """A backup or a restore that cannot go on; the message says why, in the user's language."""


@dataclass
class BackupResult:
    path: Path
    tables: dict = field(default_factory=dict)
    files: int = 0

    @property
    def rows(self):
        return sum(self.tables.values())


# Reading the state ---------------------------------------------------------------------------------

def table_counts():
    """{table: number of rows} for every table of the database."""
    counts = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            if table.startswith("sqlite_"):
                continue
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def media_files(root=None):
    """{relative POSIX path: absolute path} of every file under MEDIA_ROOT."""
    root = Path(root or settings.MEDIA_ROOT)
    if not root.is_dir():
        return {}
    return {
        path.relative_to(root).as_posix(): path
        for path in sorted(root.rglob("*")) if path.is_file() and not path.is_symlink()
    }


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def is_empty_database(counts=None):
    """True when no table but those `migrate` fills holds a row (a new or wiped database)."""
    counts = table_counts() if counts is None else counts
    return all(rows == 0 for table, rows in counts.items() if table not in MIGRATE_TABLES)


# Backup --------------------------------------------------------------------------------------------

def default_backup_dir():
    return Path(settings.BACKUP_DIR)


def create_backup(output=None):
    """Writes one archive of the database and the uploaded files; returns what it holds.

    `output` is a file path or a folder (default: BACKUP_DIR); the archive is written next to it under
    a temporary name and renamed at the end, so a half-written archive never carries the final name.
    The file is created with mode 600 (whatever the umask); with BACKUP_PASSPHRASE set, it is encrypted
    and its default name ends in `.enc`. Raises BackupError when the database cannot be dumped.
    """
    passphrase = settings.BACKUP_PASSPHRASE
    output = Path(output) if output else default_backup_dir()
    name = f"thidua-{timezone.localtime():%Y%m%d-%H%M%S}.tar.gz" + (".enc" if passphrase else "")
    path = output / name if output.is_dir() or not output.suffix else output
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)

    with tempfile.TemporaryDirectory(prefix="thidua-backup-") as work:
        work = Path(work)
        dump, tables = _dump_database(work)
        files = media_files()
        checksums = {dump.name: sha256_of(dump)}
        checksums.update({MEDIA_PREFIX + relative: sha256_of(source) for relative, source in files.items()})
        manifest = {
            "format": FORMAT, "created": timezone.now().isoformat(), "vendor": connection.vendor,
            "tables": tables, "files": checksums,
        }
        partial = path.with_name(path.name + ".partial")
        with _private_file(partial) as raw, \
                (encrypting_writer(raw, passphrase) if passphrase else contextlib.nullcontext(raw)) as target, \
                tarfile.open(fileobj=target, mode="w|gz") as archive:
            _add_bytes(archive, MANIFEST, json.dumps(manifest, indent=1, sort_keys=True).encode())
            archive.add(dump, arcname=dump.name)
            for relative, source in files.items():
                archive.add(source, arcname=MEDIA_PREFIX + relative)
        os.replace(partial, path)
    return BackupResult(path=path, tables=tables, files=len(files))


def _private_file(path):
    """A new file open for writing with mode 600 from its creation (a later chmod would leave a window)."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(descriptor, 0o600)  # an existing leftover .partial keeps its mode through O_CREAT
    return os.fdopen(descriptor, "wb")


def _key(passphrase, salt):
    # scrypt with n=2**15, r=8 (32 MiB, a fraction of a second): slow enough against guessing.
    return Scrypt(salt=salt, length=32, n=2**15, r=8, p=1).derive(passphrase.encode())


@contextlib.contextmanager
def encrypting_writer(raw, passphrase):
    """A write-only file object that encrypts everything written to it into `raw`: AES-256-GCM under a
    key derived from `passphrase` with scrypt and a fresh random salt; the tag, written on exit,
    authenticates the whole archive. Memory stays constant whatever the archive's size."""
    salt, nonce = os.urandom(SALT_BYTES), os.urandom(NONCE_BYTES)
    encryptor = Cipher(algorithms.AES(_key(passphrase, salt)), modes.GCM(nonce)).encryptor()
    header = MAGIC + salt + nonce
    encryptor.authenticate_additional_data(header)
    raw.write(header)

    class Writer(io.RawIOBase):
        def writable(self):
            return True

        def write(self, data):
            raw.write(encryptor.update(data))
            return len(data)

    yield Writer()
    raw.write(encryptor.finalize() + encryptor.tag)


def is_encrypted(path):
    with open(path, "rb") as handle:
        return handle.read(len(MAGIC)) == MAGIC


def _decrypt(path, target):
    """Decrypts the archive `path` into the file `target` with BACKUP_PASSPHRASE; raises BackupError
    when the passphrase is missing, or wrong (or the file was changed: the tag does not match)."""
    passphrase = settings.BACKUP_PASSPHRASE
    if not passphrase:
        raise BackupError(_("This backup is encrypted. Set the environment variable BACKUP_PASSPHRASE to "
                            "the passphrase it was made with, then restore again."))
    size = path.stat().st_size
    header_size = len(MAGIC) + SALT_BYTES + NONCE_BYTES
    with open(path, "rb") as source, _private_file(target) as output:
        header = source.read(header_size)
        body = size - header_size - TAG_BYTES
        if len(header) < header_size or body < 0:
            raise BackupError(_("The backup is damaged: it cannot be read (%(error)s).") % {"error": "encrypted header"})
        source.seek(header_size + body)
        tag = source.read(TAG_BYTES)
        source.seek(header_size)
        salt, nonce = header[len(MAGIC):len(MAGIC) + SALT_BYTES], header[len(MAGIC) + SALT_BYTES:]
        decryptor = Cipher(algorithms.AES(_key(passphrase, salt)), modes.GCM(nonce, tag)).decryptor()
        decryptor.authenticate_additional_data(header)
        while body:
            chunk = source.read(min(body, 1024 * 1024))
            body -= len(chunk)
            output.write(decryptor.update(chunk))
        try:
            output.write(decryptor.finalize())
        except InvalidTag as error:
            raise BackupError(_("The passphrase in BACKUP_PASSPHRASE does not open this backup (or the file "
                                "was changed). Check the passphrase it was made with.")) from error


def _add_bytes(archive, name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    archive.addfile(info, io.BytesIO(data))


def _dump_database(work):
    """Dumps the database into `work`; returns (dump file, {table: rows} of exactly that dump).

    The counts describe the dump even while people keep working: on SQLite they are read from the
    copy; on PostgreSQL pg_dump reads the snapshot our counting transaction exported.
    """
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        target = work / SQLITE_DUMP
        destination = sqlite3.connect(target)
        try:
            connection.connection.backup(destination)
            tables = {}
            names = destination.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            ).fetchall()
            for (name,) in names:
                tables[name] = destination.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0]
        finally:
            destination.close()
        return target, tables
    if connection.vendor == "postgresql":
        target = work / POSTGRES_DUMP
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                cursor.execute("SELECT pg_export_snapshot()")
                snapshot = cursor.fetchone()[0]
            tables = table_counts()
            _run_postgres("pg_dump", "--format=custom", "--no-owner", "--no-privileges",
                          f"--snapshot={snapshot}", f"--file={target}")
        return target, tables
    raise BackupError(_("Backups support SQLite and PostgreSQL only."))


def _postgres_program(name):
    found = shutil.which(name)
    if found:
        return found
    try:
        bindir = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        bindir = ""
    candidate = Path(bindir, name)
    if bindir and candidate.exists():
        return str(candidate)
    raise BackupError(_("The PostgreSQL program %(name)s is not installed.") % {"name": name})


def _run_postgres(program, *args):
    """Runs pg_dump or pg_restore on the database Django uses (its current settings, test database too)."""
    # The parameters Django itself connects with (NAME, HOST, PORT, USER and any OPTIONS such as the
    # socket folder given as ?host= in DATABASE_URL), passed as libpq environment variables.
    params = connection.get_connection_params()
    names = {"dbname": "PGDATABASE", "database": "PGDATABASE", "host": "PGHOST", "port": "PGPORT",
             "user": "PGUSER", "password": "PGPASSWORD", "sslmode": "PGSSLMODE"}
    env = {**os.environ}
    for key, variable in names.items():
        if params.get(key) not in (None, ""):
            env[variable] = str(params[key])
    command = [_postgres_program(program), *args]
    if program == "pg_restore":
        command.append(f"--dbname={env['PGDATABASE']}")
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        raise BackupError(_("%(program)s failed: %(error)s") % {"program": program, "error": result.stderr.strip()[-500:]})


# Restore -------------------------------------------------------------------------------------------

def read_archive(path):
    """Opens and checks an archive; returns (manifest, folder with its members extracted).

    The caller removes the folder. Raises BackupError for anything but a complete, untouched archive of
    this application: unreadable file, missing manifest, a member missing, added or with another SHA-256,
    a member name that would land outside the folder.
    """
    path = Path(path)
    if not path.is_file():
        raise BackupError(_("The backup file %(path)s does not exist.") % {"path": path})
    folder = Path(tempfile.mkdtemp(prefix="thidua-restore-"))
    try:
        if is_encrypted(path):
            # Decrypted into a private folder of its own (not the extraction folder, whose files must be
            # exactly the manifest's); the tar is opened only once the tag has verified the whole file.
            plain = Path(tempfile.mkdtemp(prefix="thidua-decrypt-")) / "archive.tar.gz"
            try:
                _decrypt(path, plain)
                return _read_plain_archive(plain, folder)
            finally:
                shutil.rmtree(plain.parent, ignore_errors=True)
        return _read_plain_archive(path, folder)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise


def _read_plain_archive(path, folder):
    """Extracts the .tar.gz `path` into `folder` and checks it against its manifest; returns the manifest."""
    try:
        with tarfile.open(path, "r:gz") as archive:
            members = archive.getmembers()
            for member in members:
                name = PurePosixPath(member.name)
                if name.is_absolute() or ".." in name.parts or not (member.isfile() or member.isdir()):
                    raise BackupError(_("The backup is damaged: it holds an unexpected entry %(name)s.")
                                      % {"name": member.name})
            archive.extractall(folder, filter="data")
    except (tarfile.TarError, OSError, EOFError) as error:
        raise BackupError(_("The backup is damaged: it cannot be read (%(error)s).") % {"error": error}) from error
    manifest_path = folder / MANIFEST
    try:
        manifest = json.loads(manifest_path.read_text())
        expected = dict(manifest["files"])
        manifest["tables"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise BackupError(_("The backup is damaged: its manifest is missing or unreadable.")) from error
    if manifest.get("format") != FORMAT:
        raise BackupError(_("This backup was made by another version of the application."))
    present = {
        item.relative_to(folder).as_posix() for item in folder.rglob("*") if item.is_file()
    } - {MANIFEST}
    if present != set(expected):
        raise BackupError(_("The backup is damaged: its files do not match its manifest."))
    for name, digest in expected.items():
        if sha256_of(folder / name) != digest:
            raise BackupError(_("The backup is damaged: the checksum of %(name)s does not match.")
                              % {"name": name})
    return manifest, folder


def restore_backup(path, *, force=False):
    """Restores an archive made by `create_backup` into this installation's database and MEDIA_ROOT.

    Checks the archive first (see `read_archive`); refuses a database of another vendor, and a
    database or MEDIA_ROOT that already holds data unless `force` (then both are replaced). After the
    restore, every table's row count and every file's SHA-256 are compared with the manifest.
    Returns a BackupResult; raises BackupError, leaving the installation untouched on a refusal.
    """
    manifest, folder = read_archive(path)
    # A deleted SQLite file is exactly what a restore recreates (requests never do, see config.sqlite).
    with allow_create():
        try:
            if manifest["vendor"] != connection.vendor:
                raise BackupError(_("This backup is of a %(vendor)s database; this installation uses %(current)s.")
                                  % {"vendor": manifest["vendor"], "current": connection.vendor})
            if not force:
                if not is_empty_database():
                    raise BackupError(_("The database already holds data. Restore only into an empty database, "
                                        "or confirm replacing everything (--force)."))
                if media_files():
                    raise BackupError(_("The uploaded files folder is not empty. Restore only into an empty "
                                        "installation, or confirm replacing everything (--force)."))
            _restore_database(folder)
            _restore_media(folder)
            return _verify(manifest, Path(path))
        finally:
            shutil.rmtree(folder, ignore_errors=True)


def _restore_database(folder):
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        source = sqlite3.connect(folder / SQLITE_DUMP)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
    else:
        # pg_restore drops and recreates every object of the dump; our own connection must not hold locks.
        connection.close()
        _run_postgres("pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges",
                      "--single-transaction", str(folder / POSTGRES_DUMP))


def _restore_media(folder):
    root = Path(settings.MEDIA_ROOT)
    if root.exists():
        for item in root.iterdir():
            shutil.rmtree(item) if item.is_dir() and not item.is_symlink() else item.unlink()
    source = folder / MEDIA_PREFIX.rstrip("/")
    if source.is_dir():
        shutil.copytree(source, root, dirs_exist_ok=True)


def _verify(manifest, path):
    tables = table_counts()
    if tables != manifest["tables"]:
        different = sorted(t for t in set(tables) | set(manifest["tables"])
                           if tables.get(t) != manifest["tables"].get(t))
        raise BackupError(_("The restored database differs from the backup in: %(tables)s.")
                          % {"tables": ", ".join(different)})
    files = media_files()
    expected = {name[len(MEDIA_PREFIX):]: digest for name, digest in manifest["files"].items()
                if name.startswith(MEDIA_PREFIX)}
    if {relative: sha256_of(source) for relative, source in files.items()} != expected:
        raise BackupError(_("The restored files differ from the backup."))
    return BackupResult(path=path, tables=tables, files=len(files))
