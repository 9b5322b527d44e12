"""The explainer engine: data/ in, checked model out, then page Markdown and SVG.

Nothing in this package imports MkDocs; ``hooks/explainer_hook.py`` adapts it.
"""
