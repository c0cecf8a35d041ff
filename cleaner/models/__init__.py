"""The learned models shipped as package data: the line model (line-model.npz, MODEL_CARD.md) and the
extraction chooser (chooser.npz, CHOOSER_CARD.md)."""
