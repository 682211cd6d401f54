"""Fills in a reply workbook as an agency would, with openpyxl (a real spreadsheet writer),
and prints what a real reader sees of it. Used by the integration tests and to make the
example's returned workbook.

    python3 fill_form.py IN.xlsx OUT.xlsx "Biểu mẫu 11!D11=n:3.1" "Thông tin chung!B9=s:171/UBND" ...
    python3 fill_form.py --inspect IN.xlsx      # JSON: sheets, states, protection, validations, unlocked cells

Values: n:<number>, s:<text>, d:<YYYY-MM-DD> (a date cell); n:<number>@<format> also gives
the cell that number format, as Excel does when "45%" is typed (n:0.45@0%).
"""
import datetime
import json
import sys

import openpyxl


def inspect(path):
    wb = openpyxl.load_workbook(path)
    out = {}
    for ws in wb.worksheets:
        cells = {}
        unlocked = []
        for row in ws.iter_rows():
            for c in row:
                if c.value is not None:
                    cells[c.coordinate] = c.value if not isinstance(c.value, datetime.datetime) else c.value.date().isoformat()
                if c.protection is not None and c.protection.locked is False:
                    unlocked.append(c.coordinate)
        out[ws.title] = {
            "state": ws.sheet_state,
            "protected": bool(ws.protection.sheet),
            "cells": cells,
            "unlocked": unlocked,
            "validations": [
                {"type": dv.type, "formula": dv.formula1, "range": str(dv.sqref)}
                for dv in ws.data_validations.dataValidation
            ],
        }
    json.dump(out, sys.stdout, ensure_ascii=False, default=str)


def fill(src, dst, assignments):
    wb = openpyxl.load_workbook(src)
    for a in assignments:
        place, value = a.split("=", 1)
        sheet, cell = place.rsplit("!", 1)
        kind, _, text = value.partition(":")
        number_format = None
        if kind == "n":
            text, _, number_format = text.partition("@")
            v = float(text)
            v = int(v) if v.is_integer() else v
        elif kind == "d":
            v = datetime.datetime.strptime(text, "%Y-%m-%d")
        else:
            v = text
        wb[sheet][cell] = v
        if number_format:
            wb[sheet][cell].number_format = number_format
    wb.save(dst)


if __name__ == "__main__":
    if sys.argv[1] == "--inspect":
        inspect(sys.argv[2])
    else:
        fill(sys.argv[1], sys.argv[2], sys.argv[3:])
