"""The gallery thumbnail of a lesson: its timeline's bars, drawn with Pillow."""

from __future__ import annotations

from PIL import Image, ImageDraw

from .model import Timeline
from .svg import DAEMON, LIFE, LOCK, SEMAPHORE, SIGNAL

SIZE = (400, 280)


def draw(timeline: Timeline, path: str) -> None:
    """Save a picture of the timeline (bars only, no words) as a PNG."""
    image = Image.new("RGB", SIZE, "white")
    pen = ImageDraw.Draw(image)
    left, right, top = 20, SIZE[0] - 20, 20
    rows = timeline.rows[:12]
    step = min(40, (SIZE[1] - 2 * top) / max(len(rows), 1))
    span = max(timeline.t1 - timeline.t0, 1e-3)

    def x(t: float) -> float:
        return left + (t - timeline.t0) / span * (right - left)

    def y_of(n: int) -> float:
        return top + n * step + step / 2

    index = {row.pid: n for n, row in enumerate(rows)}
    for n, row in enumerate(rows):
        y = y_of(n)
        half = step * 0.3
        colour = DAEMON if row.daemon else LIFE
        start = min(x(row.start) + 12 * row.depth, x(row.finish))
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
    image.save(path)
