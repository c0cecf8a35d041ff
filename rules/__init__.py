"""Bundled rule sets, shipped as package data (the files here are YAML, not code)."""
