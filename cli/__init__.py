"""The zatlog command-line interface (click commands only)."""
