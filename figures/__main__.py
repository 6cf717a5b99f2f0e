"""Redraw every figure in both languages: `python -m figures` (or `make figures`)."""

from figures import ROOT, draw_all

for path in draw_all()["svgs"]:
    print(f"{(ROOT / path).stat().st_size / 1000:5.1f} KB  {path}")
