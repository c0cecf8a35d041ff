"""The line model's weights (line-model.npz) and its card, shipped as package data."""
