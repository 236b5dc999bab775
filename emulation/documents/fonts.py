"""The documents' font (Liberation Serif, metric-compatible with Times New Roman, shipped under static/documents/fonts
and embedded in every PDF): widths of text as the PDF and a word processor lay it out."""
import functools

from django.contrib.staticfiles import finders
from fontTools.ttLib import TTFont


@functools.cache
def _font(bold):
    return TTFont(finders.find(f"documents/fonts/LiberationSerif-{'Bold' if bold else 'Regular'}.ttf"))


def text_width_mm(text, size_pt, *, bold=False):
    """The width of `text` on one line at `size_pt`, in mm."""
    font = _font(bold)
    cmap, metrics = font.getBestCmap(), font["hmtx"].metrics
    units = sum(metrics[cmap.get(ord(character), ".notdef")][0] for character in text)
    return units * size_pt / font["head"].unitsPerEm * 25.4 / 72
