"""What the tests and the bench run beside the app: a local push service."""
