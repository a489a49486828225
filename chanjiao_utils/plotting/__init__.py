"""One figure style for every notebook, and the figures the notebooks draw, one family of charts a module.

- :mod:`.theme`        the Chinese font (Noto Sans SC from zhplot, DESIGN §7), rcParams, sector colours and
                       markers, figure widths, wrapping, the words around a figure (:func:`annotate`)
- :mod:`.labels`       words for sectors, brokerage roles, areas and organisations, in Chinese or English
- :mod:`.positions`    where the network map puts each organisation (seeded layout, bottom row spaced for the
                       labels), which it labels; the positions every map of it shares
- :mod:`.placement`    labels placed clear of every node and of each other (and labels pushed apart only)
- :mod:`.network`      the network map drawn: nodes by sector, ties by provenance, its labels, the size key
- :mod:`.interactive`  the same map as an ipysigma widget (needs only :mod:`chanjiao_utils.graph`)
- :mod:`.map_page`     the same map as one standalone HTML page that works offline (SVG and a little JavaScript)
- :mod:`.bars`         members by sector, degree distribution, stacked bars, brokerage roles, rankings
- :mod:`.matrices`     labelled heat maps, the organisation × area chart
- :mod:`.timeline`     the timeline of events
- :mod:`.profiles`     comparing consortia (notebook 08)
- :mod:`.show`         showing a figure in a notebook

Sectors keep one colour and one marker in every figure. The words around a figure come from
:mod:`chanjiao_utils.figure_text`; :func:`annotate` draws them, including the notice on every figure
that rests on synthetic rows. Axis words follow ``lang`` (``zh``, ``en`` or ``both``). Every public name
is importable from here (notebooks call ``plotting.X``). Nothing here imports
:mod:`chanjiao_utils.export` (export imports :func:`style` from here).

>>> import matplotlib.pyplot as plt
>>> with style():
...     fig, ax = plt.subplots()
...     _ = ax.set_title("中山市中等专业学校")
>>> plt.close(fig)
"""

from __future__ import annotations

from .bars import brokerage_chart, brokered_pairs, composition_chart, degree_histogram, ranking_bars, stacked_bars
from .interactive import interactive_map
from .labels import ROLE_NAMES, area_labels, display_name, role_labels, sector_labels
from .matrices import affiliation_chart, affiliation_order, heatmap
from .map_page import map_page
from .network import draw_network, network_map
from .placement import place_labels, repel_labels
from .positions import layout, map_labels, map_positions
from .profiles import profile_distributions, profile_scatter
from .show import inline_png, show
from .theme import (
    CJK_FAMILY,
    NEUTRAL_COLOUR,
    OTHER_COLOUR,
    SECTOR_COLOURS,
    SECTOR_MARKERS,
    SECTOR_ORDER,
    WIDTH,
    Words,
    annotate,
    apply_style,
    rc_params,
    register_font,
    sector_handles,
    style,
    words,
    wrap,
)
from .timeline import timeline_chart

__all__ = [
    "CJK_FAMILY", "NEUTRAL_COLOUR", "OTHER_COLOUR", "ROLE_NAMES", "SECTOR_COLOURS", "SECTOR_MARKERS", "SECTOR_ORDER",
    "WIDTH", "Words", "affiliation_chart", "affiliation_order", "annotate", "apply_style", "area_labels",
    "brokerage_chart", "brokered_pairs", "place_labels",
    "composition_chart", "degree_histogram", "display_name", "draw_network", "heatmap", "inline_png",
    "interactive_map", "layout", "map_labels", "map_page", "map_positions", "network_map", "profile_distributions", "profile_scatter", "ranking_bars",
    "rc_params", "register_font", "repel_labels", "role_labels", "sector_handles", "sector_labels", "show",
    "stacked_bars", "style", "timeline_chart", "words", "wrap",
]
