"""The person's own tools: where to start, the support-request helper, wiping this phone."""
