"""Card sheet geometry: a centred grid, backs mirrored for long-edge duplex, crop marks clear of every card."""

from __future__ import annotations

import pytest

from generator.render.card_sheet import CROP_GAP_MM, CardSheet
from generator.render.event_kit import DECK_SHEETS
from generator.render.worksheets import PAPERS, Paper


@pytest.mark.parametrize("paper", PAPERS, ids=[p.id for p in PAPERS])
def test_grid_is_centred_and_inside_the_paper(paper: Paper) -> None:
    sheet = DECK_SHEETS[paper.id]
    slots = [sheet.front(i) for i in range(sheet.per_sheet)]
    right = max(s.x + s.width for s in slots)
    bottom = max(s.y + s.height for s in slots)
    assert min(s.x for s in slots) == pytest.approx(paper.width_mm - right)
    assert min(s.y for s in slots) == pytest.approx(paper.height_mm - bottom)
    assert min(s.x for s in slots) >= 10 and min(s.y for s in slots) >= 10, (
        "room for the crop marks and printer margins"
    )


@pytest.mark.parametrize("paper", PAPERS, ids=[p.id for p in PAPERS])
def test_each_back_is_the_mirror_image_of_its_front(paper: Paper) -> None:
    sheet = DECK_SHEETS[paper.id]
    for i in range(sheet.per_sheet):
        front, back = sheet.front(i), sheet.back(i)
        assert back.y == front.y
        assert back.x + back.width / 2 == pytest.approx(paper.width_mm - (front.x + front.width / 2))
    first_back, second_front = sheet.back(0), sheet.front(1)
    assert (first_back.x, first_back.y) == pytest.approx((second_front.x, second_front.y)), "a mirrored column"


def test_crop_marks_stay_off_the_cards() -> None:
    sheet = DECK_SHEETS["a4"]
    slots = [sheet.front(i) for i in range(sheet.per_sheet)]
    marks = sheet.crop_marks()
    assert len(marks) == 2 * (sheet.columns + 1) + 2 * (sheet.rows + 1)
    for x1, y1, x2, y2 in marks:
        for slot in slots:
            inside_x = slot.x - CROP_GAP_MM < min(x1, x2) and max(x1, x2) < slot.x + slot.width + CROP_GAP_MM
            inside_y = slot.y - CROP_GAP_MM < min(y1, y2) and max(y1, y2) < slot.y + slot.height + CROP_GAP_MM
            assert not (inside_x and inside_y), ((x1, y1, x2, y2), slot)


def test_a_grid_too_big_for_the_paper_is_refused() -> None:
    with pytest.raises(ValueError, match="do not fit on A4"):
        CardSheet(PAPERS[0], 110, 125, columns=2, rows=2)
