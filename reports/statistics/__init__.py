"""The statistical forms of Thông tư 02/2023/TT-BNV (chapter thi đua – khen thưởng), biểu 0601.N–0605.N.

`forms.FORMS` describes each form as data (its official rows with their codes, its columns with their
numbering, its header words); `tables.build(form, year)` counts the figures in one query per form and
keeps, for every cell, the items that make it (the drill-down); `output` writes the same table to Excel
and to PDF (through the core documents machinery).
"""
