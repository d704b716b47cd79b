"""Dossier inspection export for parents and pupils."""
