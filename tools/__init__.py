"""Tools that work on the warehouse from outside it (make evaluate)."""
