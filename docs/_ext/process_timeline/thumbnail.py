"""The gallery thumbnail of a lesson, drawn with Pillow: what its run printed
first, as a terminal shows it, over its timeline's bars when it has one.

The gallery shows thumbnails at about 40% of their size, so the lines are few
and large: a reader recognises the lesson by its own first words.
"""

from __future__ import annotations

from PIL import Image, ImageDraw, ImageFont

from .model import Timeline
from .svg import DAEMON, LIFE, LOCK, SEMAPHORE, SIGNAL

SIZE = (400, 280)
TERMINAL, TEXT = "#1f2430", "#e6e6e6"  # a terminal's colours, not the page's
FONT_SIZE, LINE = 24, 30
MARGIN = 14
STRIP = 96  # the height of the timeline's bars under the text


def printed_lines(text: str, count: int) -> list[str]:
    """The first ``count`` lines with something on them (tabs made spaces)."""
    lines = [line.expandtabs(4).rstrip() for line in text.splitlines()]
    return [line for line in lines if line.strip()][:count]


def draw(output: str, timeline: Timeline | None, path: str) -> None:
    """Save the thumbnail as a PNG: ``output`` (what the run printed), and the
    bars of ``timeline`` under it."""
    image = Image.new("RGB", SIZE, TERMINAL)
    pen = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=FONT_SIZE)
    text_height = SIZE[1] - (STRIP if timeline is not None else 0)
    room = SIZE[0] - 2 * MARGIN
    count = max(1, (text_height - MARGIN) // LINE)
    for n, line in enumerate(printed_lines(output, count)):
        while line and pen.textlength(line, font=font) > room:
            line = line[:-2] + "…"
        pen.text((MARGIN, MARGIN + n * LINE), line, font=font, fill=TEXT)
    if timeline is not None:
        pen.rectangle((0, text_height, SIZE[0], SIZE[1]), fill="white")
        _bars(pen, timeline, text_height + 8, SIZE[1] - 8)
    image.save(path)


def _bars(pen: ImageDraw.ImageDraw, timeline: Timeline, top: int, bottom: int) -> None:
    """The timeline's bars (no words) between ``top`` and ``bottom``."""
    left, right = MARGIN, SIZE[0] - MARGIN
    rows = timeline.rows[:8]
    step = (bottom - top) / max(len(rows), 1)
    span = max(timeline.t1 - timeline.t0, 1e-3)

    def x(t: float) -> float:
        return left + (t - timeline.t0) / span * (right - left)

    def y_of(n: int) -> float:
        return top + n * step + step / 2

    index = {row.pid: n for n, row in enumerate(rows)}
    half = min(step * 0.35, 9)
    for n, row in enumerate(rows):
        y = y_of(n)
        colour = DAEMON if row.daemon else LIFE
        start = min(x(row.start) + 10 * row.depth, x(row.finish))
        pen.rectangle(
            (start, y - half, max(x(row.finish), start + 2), y + half), fill=colour
        )
        for t0, t1, lock in row.holds:
            fill = SEMAPHORE if "Semaphore" in timeline.locks[lock]["kind"] else LOCK
            pen.rectangle((x(t0), y - half, max(x(t1), x(t0) + 2), y + half), fill=fill)
    for n, row in enumerate(rows):  # the calls of terminate()..., over the bars
        for t, child, *_ in row.calls:
            if child in index:
                y0, y1 = y_of(n), y_of(index[child])
                pen.line((x(t), y0, x(t), y1), fill=SIGNAL, width=3)
                pen.ellipse((x(t) - 4, y0 - 4, x(t) + 4, y0 + 4), fill=SIGNAL)
