"""How big an import may be: bounds checked before parsing (file size, an XLSX's
unpacked size and shared-strings table) and while parsing (each cell), so a huge or
hostile file is refused with one clear error instead of exhausting the server.

The defaults are stated in docs/import-format.md ("Limits") and configurable through
``assetmap.settings`` (the ``[import]`` table of the ``ASSETMAP_CONFIG`` file).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

MIB = 1024 * 1024


class ImportLimits(BaseModel):
    """The bounds of one import file.

    >>> ImportLimits().max_file_bytes
    268435456
    >>> ImportLimits(max_file_mb=1).max_file_bytes
    1048576
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    #: 256 MiB: the largest benchmark file (events.csv of the 100,000-client area,
    #: about 190 MB) fits with room to spare; the dashboard's upload bound is the same.
    max_file_mb: int = Field(default=256, ge=1, description="largest file, in MiB")
    #: Free text is at most 2,000 characters and ids 100: a 10,000-character cell is
    #: already wrong, and refusing it while reading keeps it out of every message.
    max_cell_chars: int = Field(default=10_000, ge=100,
                                description="longest cell, in characters")
    #: An XLSX is a zip: what it unpacks to is bounded too (a zip bomb is refused
    #: before any of it is read). Sheets are read streaming, so this bounds time.
    max_xlsx_unpacked_mb: int = Field(default=1024, ge=1,
                                      description="largest unpacked XLSX, in MiB")
    #: openpyxl holds an XLSX's whole shared-strings table in memory (one Python
    #: string per entry): this bounds its XML, so its memory is bounded too. Measured
    #: (BENCHMARKS.md): a 57 MiB table of short strings peaks at 425 MB, about 7 bytes
    #: of memory per byte of XML, so 32 MiB keeps a workbook's read near 250 MB.
    max_shared_strings_mb: int = Field(default=32, ge=1,
                                       description="largest XLSX shared-strings table "
                                                   "(xl/sharedStrings.xml), in MiB")

    @property
    def max_file_bytes(self) -> int:
        return self.max_file_mb * MIB

    @property
    def max_xlsx_unpacked_bytes(self) -> int:
        return self.max_xlsx_unpacked_mb * MIB

    @property
    def max_shared_strings_bytes(self) -> int:
        return self.max_shared_strings_mb * MIB


def megabytes(size: int) -> str:
    """A byte count as people read it: ``megabytes(3 * MIB) == '3.0 MiB'``."""
    return f"{size / MIB:,.1f} MiB"
