"""Surfaces over two settings (w1, w2): landscapes, their critical points, descent runs, verdicts and basin maps."""
