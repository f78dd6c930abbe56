"""The plumbing every feature stands on: configuration, languages, security headers,
assets, compression, rendering, errors, and the services registry.

Nothing here imports a feature; features import from here.
"""
