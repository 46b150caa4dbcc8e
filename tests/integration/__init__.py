"""Third-party password libraries driving the installed ``argon2``."""
