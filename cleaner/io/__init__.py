"""Streamed inputs and outputs of `cleaner clean`: readers yield input records, sinks write them."""
