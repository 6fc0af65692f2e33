"""The simulation engine: model building blocks, registries, randomness and the monthly loop."""
