"""Diagrams drawn from the model at build time as inline SVG inside an HTML figure."""

from __future__ import annotations

from explainer.diagrams.layered import layered_response
from explainer.diagrams.map_chart import place_map
from explainer.diagrams.matrix import who_guarantees_what
from explainer.diagrams.timeline_chart import timeline

__all__ = ["layered_response", "place_map", "timeline", "who_guarantees_what"]
