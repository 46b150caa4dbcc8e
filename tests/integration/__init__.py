"""Integration tests: third-party password libraries driving the installed ``argon2``."""
