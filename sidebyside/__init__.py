"""Run PyTorch/TensorFlow snippet pairs, cache their results and render them for MkDocs."""
