"""Streamed inputs and outputs of `cleaner clean`: readers yield records, sinks write them, names stay safe."""
