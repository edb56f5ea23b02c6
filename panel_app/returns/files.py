"""Opening a returned file: anything that stops it being read becomes a plain message."""

from __future__ import annotations

import warnings
import zipfile
from io import BytesIO
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from panel_app.returns.plan import ReturnError


def open_return(path: Path) -> Workbook:
    name = path.name
    if path.is_dir():
        raise ReturnError([f"{path} is a folder. Choose the .xlsx file the agency sent back."])
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        message = f"There is no file at {path}: it may have been moved or renamed."
        raise ReturnError([message]) from None
    except PermissionError:
        raise ReturnError(
            [
                f"{name} cannot be opened: you do not have permission to read it, or another "
                "program has it locked. Close it there, or copy it to your own folder, and "
                "try again."
            ]
        ) from None
    except OSError as error:
        raise ReturnError([f"{name} cannot be read: {error.strerror or error}."]) from None
    damaged = ReturnError(
        [
            f"{name} is not an Excel workbook (.xlsx), or it is damaged. Open it in Excel, save "
            "it as 'Excel Workbook (.xlsx)' and try again."
        ]
    )
    if not zipfile.is_zipfile(BytesIO(data)):
        raise damaged
    try:
        with warnings.catch_warnings():
            # openpyxl warns about features it does not keep (e.g. LibreOffice's extensions);
            # only the cells' values are read here.
            warnings.simplefilter("ignore")
            return load_workbook(BytesIO(data))
    except Exception as error:
        # A damaged zip can fail anywhere in openpyxl's parser, with any exception type.
        raise damaged from error
