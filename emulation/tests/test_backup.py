"""Issue 9, hole 12: `make backup` writes one checked archive, `make restore` gives back every row and
file, and refuses a damaged archive or a database that already holds data. Runs on SQLite and
PostgreSQL (pg_dump / pg_restore), like the rest of the suite."""
import gzip
import io
import os
import shutil
import stat
import tarfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from emulation.backup import BackupError, create_backup, media_files, restore_backup, sha256_of, table_counts
from emulation.models import Role, Staff
from emulation.tests.factories import StaffFactory, UnitFactory, UserFactory


def make_installation(media_root):
    """Some of everything: units, staff, users (their passwords), uploaded files in nested folders."""
    department = UnitFactory(code="SO", name="Sở Thử nghiệm", kind="department")
    land = UnitFactory(code="QLDD", name="Phòng Quản lý đất đai", parent=department)
    for number in range(3):
        StaffFactory(unit=land, full_name=f"Nguyễn Văn {number}")
    UserFactory(role=Role.UNIT_HEAD, unit=land, username="lanhdao")
    evidence = Path(media_root, "evidence", "2026", "11")
    evidence.mkdir(parents=True)
    (evidence / "bao-cao.pdf").write_bytes(b"%PDF-1.4 " + bytes(range(256)) * 40)
    Path(media_root, "dossiers").mkdir()
    (Path(media_root, "dossiers") / "ho-so.docx").write_bytes(b"PK\x03\x04 dossier")


def file_checksums():
    return {relative: sha256_of(path) for relative, path in media_files().items()}


@pytest.mark.django_db(transaction=True)
def test_backup_then_wipe_then_restore_gives_back_every_row_and_every_file(settings, tmp_path):
    make_installation(settings.MEDIA_ROOT)
    tables, files = table_counts(), file_checksums()

    call_command("backup", output=str(tmp_path / "backups"), stdout=io.StringIO())
    (archive,) = (tmp_path / "backups").glob("thidua-*.tar.gz")
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(settings.MEDIA_ROOT)
    assert (Staff.objects.count(), media_files()) == (0, {})

    out = io.StringIO()
    call_command("restore", str(archive), stdout=out)

    assert table_counts() == tables
    assert file_checksums() == files
    assert sorted(Staff.objects.values_list("full_name", flat=True)) == ["Nguyễn Văn 0", "Nguyễn Văn 1", "Nguyễn Văn 2"]
    assert sum(tables.values()) > 10 and len(files) == 2
    assert "tất cả đã được kiểm tra" in out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_damaged_archive_and_a_database_that_holds_data(settings, tmp_path):
    make_installation(settings.MEDIA_ROOT)
    result = create_backup(tmp_path)
    tables = table_counts()

    with pytest.raises(BackupError, match="Cơ sở dữ liệu đã có dữ liệu"):
        restore_backup(result.path)

    # One uploaded file changed inside the archive, the manifest left as it was.
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(result.path, "r:gz") as source, tarfile.open(damaged, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read() if member.isfile() else None
            if member.name == "media/dossiers/ho-so.docx":
                data = b"PK\x03\x04 tampered"
                member.size = len(data)
            target.addfile(member, io.BytesIO(data) if data is not None else None)
    call_command("flush", interactive=False, verbosity=0)
    with pytest.raises(BackupError, match="tổng kiểm tra của media/dossiers/ho-so.docx không khớp"):
        restore_backup(damaged, force=True)
    assert Staff.objects.count() == 0

    truncated = tmp_path / "truncated.tar.gz"
    truncated.write_bytes(result.path.read_bytes()[:2000])
    with pytest.raises(CommandError, match="Bản sao lưu bị hỏng"):
        call_command("restore", str(truncated), force=True)

    # The same database, restored over data only when told.
    restore_backup(result.path, force=True)
    assert table_counts() == tables



@pytest.mark.django_db(transaction=True)
def test_a_backup_archive_is_readable_by_its_owner_only_whatever_the_umask(settings, tmp_path):
    make_installation(settings.MEDIA_ROOT)
    previous = os.umask(0)
    try:
        result = create_backup(tmp_path / "backups")
    finally:
        os.umask(previous)
    assert stat.S_IMODE(result.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(result.path.parent.stat().st_mode) == 0o700


@pytest.mark.django_db(transaction=True)
def test_an_encrypted_backup_holds_no_readable_data_and_restores_with_its_passphrase(settings, tmp_path):
    make_installation(settings.MEDIA_ROOT)
    tables, files = table_counts(), file_checksums()
    settings.BACKUP_PASSPHRASE = "mật khẩu sao lưu của Sở"
    call_command("backup", output=str(tmp_path), stdout=io.StringIO())
    (archive,) = tmp_path.glob("thidua-*.tar.gz.enc")
    data = archive.read_bytes()
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    assert data[:2] != b"\x1f\x8b" and b"manifest.json" not in gzip_members_if_any(data)
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(settings.MEDIA_ROOT)

    call_command("restore", str(archive), stdout=io.StringIO())
    assert (table_counts(), file_checksums()) == (tables, files)


@pytest.mark.django_db(transaction=True)
def test_an_encrypted_backup_is_refused_without_or_with_a_wrong_passphrase(settings, tmp_path):
    make_installation(settings.MEDIA_ROOT)
    settings.BACKUP_PASSPHRASE = "đúng"
    archive = create_backup(tmp_path).path
    call_command("flush", interactive=False, verbosity=0)

    settings.BACKUP_PASSPHRASE = ""
    with pytest.raises(CommandError, match="Bản sao lưu này đã được mã hóa. Hãy đặt biến môi trường BACKUP_PASSPHRASE"):
        call_command("restore", str(archive), force=True)
    settings.BACKUP_PASSPHRASE = "sai"
    with pytest.raises(BackupError, match="Mật khẩu trong BACKUP_PASSPHRASE không mở được bản sao lưu này"):
        restore_backup(archive, force=True)
    # One byte changed with the right passphrase: the tag says so too.
    settings.BACKUP_PASSPHRASE = "đúng"
    tampered = tmp_path / "tampered.tar.gz.enc"
    data = bytearray(archive.read_bytes())
    data[len(data) // 2] ^= 1
    tampered.write_bytes(bytes(data))
    with pytest.raises(BackupError, match="Mật khẩu trong BACKUP_PASSPHRASE không mở được bản sao lưu này"):
        restore_backup(tampered, force=True)
    assert Staff.objects.count() == 0


def gzip_members_if_any(data):
    """The decompressed bytes if `data` is gzip, else b"" (an encrypted archive is not)."""
    try:
        return gzip.decompress(data)
    except OSError:
        return b""
