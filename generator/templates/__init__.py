"""Jinja templates (data files, not code): a package so setuptools ships them as package data."""
