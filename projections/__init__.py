"""The read side: projections, audit rules, dossier."""
