"""The guide's content: methods, steps, situations and questions, as data."""
