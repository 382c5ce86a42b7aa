"""Where cards sit on a printed sheet: a centred grid, backs mirrored for long-edge duplex, crop marks.

Pure geometry in millimetres from the paper's top-left corner, shared by the conversation card
deck and the tests that read the positions back from the PDFs.
"""

from __future__ import annotations

from dataclasses import dataclass

from .worksheets import Paper

CROP_GAP_MM = 2.0
"""Crop marks start this far outside the grid, so a slightly off cut never shows them on a card."""
CROP_LENGTH_MM = 5.0


@dataclass(frozen=True)
class Slot:
    """One card's place on a sheet."""

    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class CardSheet:
    """A grid of equal cards, butted together and centred on the paper."""

    paper: Paper
    card_width: float
    card_height: float
    columns: int
    rows: int

    def __post_init__(self) -> None:
        if self.columns * self.card_width > self.paper.width_mm or self.rows * self.card_height > self.paper.height_mm:
            raise ValueError(f"{self.columns} x {self.rows} cards do not fit on {self.paper.name}")

    @property
    def per_sheet(self) -> int:
        return self.columns * self.rows

    @property
    def left(self) -> float:
        return (self.paper.width_mm - self.columns * self.card_width) / 2

    @property
    def top(self) -> float:
        return (self.paper.height_mm - self.rows * self.card_height) / 2

    def front(self, index: int) -> Slot:
        """The slot of the index-th card on a front, filled row by row from the top left."""
        row, column = divmod(index, self.columns)
        return Slot(
            self.left + column * self.card_width, self.top + row * self.card_height, self.card_width, self.card_height
        )

    def back(self, index: int) -> Slot:
        """Where the back of the index-th card prints on the next page.

        Turned over along its long (vertical) edge, a portrait sheet's left becomes its right: the
        back lands at the mirror image of the front across the sheet's vertical centre line.
        """
        slot = self.front(index)
        return Slot(self.paper.width_mm - slot.x - slot.width, slot.y, slot.width, slot.height)

    def crop_marks(self) -> list[tuple[float, float, float, float]]:
        """Short lines (x1, y1, x2, y2) in the margins, in line with every cut."""
        right = self.left + self.columns * self.card_width
        bottom = self.top + self.rows * self.card_height
        start, end = CROP_GAP_MM, CROP_GAP_MM + CROP_LENGTH_MM
        marks: list[tuple[float, float, float, float]] = []
        for column in range(self.columns + 1):
            x = self.left + column * self.card_width
            marks.append((x, self.top - end, x, self.top - start))
            marks.append((x, bottom + start, x, bottom + end))
        for row in range(self.rows + 1):
            y = self.top + row * self.card_height
            marks.append((self.left - end, y, self.left - start, y))
            marks.append((right + start, y, right + end, y))
        return marks
