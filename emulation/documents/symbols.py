"""How a document's number and symbol are written (Decree 30, Điều 15): the lowest layer of documents,
imported by the models and by the numbering alike."""


def number_symbol(number, symbol):
    """“05/KH-STNMT”: numbers below 10 with a leading zero."""
    return f"{int(number):02d}/{symbol}"
