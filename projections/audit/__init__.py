"""Compliance audit: the rules of docs/rules.md."""
