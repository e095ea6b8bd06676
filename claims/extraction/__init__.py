"""Report -> attributed statements. See spans.py for how the components fit together."""
