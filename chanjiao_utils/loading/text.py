"""The text in the cells: UTF-8, and no character XML (hence a GEXF or GraphML file) cannot carry."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .problems import Problem

#: What a cell of a file that is not UTF-8 should be.
UTF8_EXPECTED = ("text in UTF-8 (this file is in another encoding, e.g. GB18030/GBK from Excel: save it as "
                 "'CSV UTF-8', or read the roster with `chanjiao import`, which also reads GB18030)")
#: Characters XML 1.0 cannot carry: the control characters but tab, line feed and carriage return; U+FFFE, U+FFFF.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
#: What a cell holding one of them should be.
CONTROL_EXPECTED = ("text without control characters (U+0000–U+0008, U+000B, U+000C, U+000E–U+001F, U+FFFE, "
                    "U+FFFF; shown here as <U+…>): network files (GEXF, GraphML) cannot carry them")


def _escaped(text: str) -> str:
    """``text`` with each character XML cannot carry written as ``<U+XXXX>``.

    >>> _escaped("中专\\x07\\ufffe")
    '中专<U+0007><U+FFFE>'
    """
    return NOT_XML.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)


def _may_hold_not_xml(data: bytes) -> bool:
    r"""Whether UTF-8 bytes may hold a character XML cannot carry (numpy over the bytes: fast on large files).

    >>> _may_hold_not_xml("a,b\r\n中,\t".encode()), _may_hold_not_xml("a\x0bb".encode())
    (False, True)
    """
    low = np.frombuffer(data, dtype=np.uint8)
    low = low[low < 0x20]
    return bool(np.isin(low, (0x09, 0x0A, 0x0D), invert=True).any()) or b"\xef\xbf\xbe" in data or b"\xef\xbf\xbf" in data


def _control_character_problems(files: dict[str, str], raw: dict[str, pd.DataFrame],
                                data: dict[str, bytes] | None = None) -> list[Problem]:
    r"""Every header label and cell holding a character XML cannot carry, the character escaped.

    ``files`` gives each table's path, ``raw`` its cells as text, ``data`` (if given) the bytes they were
    read from. Vectorised: a file's bytes, then a column as one string, are searched first; cell by cell
    (``str.contains``) only a column that holds such a character.

    >>> cells = {"t": pd.DataFrame({"name": ["ok", "bell\x07"]})}
    >>> [(p.file, p.row, p.column, p.value) for p in _control_character_problems({"t": "t.csv"}, cells)]
    [('t.csv', 3, 'name', 'bell<U+0007>')]
    """
    problems: list[Problem] = []
    for name, table in raw.items():
        if data is not None and name in data and not _may_hold_not_xml(data[name]):
            continue
        for column in table.columns:
            label = _escaped(str(column))
            if label != str(column):
                problems.append(Problem(files[name], 1, label, label, CONTROL_EXPECTED))
            cells = table[column]
            try:
                if not NOT_XML.search("\n".join(cells.to_numpy(dtype=object))):
                    continue
            except TypeError:  # a cell that is not text: search cell by cell
                pass
            found = cells.astype(object).str.contains(NOT_XML.pattern, regex=True, na=False).to_numpy(dtype=bool)
            for i in np.flatnonzero(found):
                problems.append(Problem(files[name], int(i) + 2, label, _escaped(str(cells.iloc[i])), CONTROL_EXPECTED))
    return problems


def _encoding_problems(files: dict[str, str], data: dict[str, bytes], raw: dict[str, pd.DataFrame]) -> list[Problem]:
    """Every cell (or, failing that, the line) of a table file that is not UTF-8.

    ``files`` gives each table's path, ``data`` its bytes, ``raw`` its cells. Tables are read as UTF-8
    whatever frictionless guesses, so a file in another encoding would load as replacement characters
    (``\\ufffd``); it is refused instead, cell by cell.
    """
    problems: list[Problem] = []
    for name, content in data.items():
        path = files[name]
        try:
            content.decode("utf-8")
            continue
        except UnicodeDecodeError as exc:
            first_bad_line = content[:exc.start].count(b"\n") + 1
        table = raw.get(name, pd.DataFrame())
        found = [Problem(path, 1, str(column), str(column), UTF8_EXPECTED)
                 for column in table.columns if "\ufffd" in str(column)]
        for column in table.columns:
            cells = table[column].to_numpy(dtype=object)
            found += [Problem(path, int(i) + 2, str(column), cells[i], UTF8_EXPECTED)
                      for i in np.flatnonzero(pd.Series(cells, dtype=object).str.contains("\ufffd", regex=False))]
        problems += found or [Problem(path, first_bad_line, None, None, UTF8_EXPECTED)]
    return problems
