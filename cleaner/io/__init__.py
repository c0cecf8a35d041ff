"""Streaming inputs and outputs for `cleaner clean`: readers yield input records, sinks write output records."""
