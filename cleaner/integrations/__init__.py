"""Thin adapters to crawlers and cluster engines; none is a dependency of the core."""
