"""Reading PDFs in tests with poppler-utils, as a person would check them."""
import subprocess
import tempfile
from pathlib import Path


def _run(tool, data, *args):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "document.pdf")
        path.write_bytes(data)
        return subprocess.run([tool, *args, str(path), *(["-"] if tool == "pdftotext" else [])],
                              capture_output=True, text=True, check=True).stdout


def pdf_text(data, raw=False):
    """The text of the PDF; `raw` keeps the content stream order and a hyphen that ends a line (the
    default layout mode drops it, taking it for a word broken across lines)."""
    return _run("pdftotext", data, *(["-raw"] if raw else []))


def pdf_info(data):
    info = {}
    for line in _run("pdfinfo", data).splitlines():
        key, _, value = line.partition(":")
        info[key.strip()] = value.strip()
    return info


def pdf_fonts(data):
    """(name, embedded) per font of the PDF, as `pdffonts` lists them."""
    lines = _run("pdffonts", data).splitlines()[2:]
    return [(line.split()[0], line.split()[-5] == "yes") for line in lines]
