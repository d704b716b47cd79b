"""Compliance audit: the rules of domain.md section 5."""
