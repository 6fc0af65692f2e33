"""Equilibrium solvers: one module per method (pure Python/NumPy)."""
