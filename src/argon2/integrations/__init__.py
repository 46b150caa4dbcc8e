"""Adapters that bring argon2-ft's extensions to frameworks (argon2-ft
extension). Each submodule imports its framework; this package imports
nothing."""
