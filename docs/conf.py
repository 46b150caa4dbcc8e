"""Sphinx configuration for the argon2-ft documentation.

Build (warnings are errors), and run every example as a doctest:

    python -m sphinx -W --keep-going -b html docs OUT
    python -m sphinx -W --keep-going -b doctest docs OUT
"""

from __future__ import annotations

import os
import sys
from importlib.metadata import version as _version
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "argon2-ft"
author = "the argon2-ft developers"
copyright = "the argon2-ft developers"
release = _version("argon2-ft")
version = ".".join(release.split(".")[:2])

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.doctest",
    "sphinx_copybutton",
    "notfound.extension",
    "api_coverage",
]

# Every cross-reference must resolve (there is no intersphinx: builds run
# offline), so a renamed or removed API name breaks the build.
nitpicky = True

source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "_static", "README.md"]

myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# The package's docstrings use Google style.
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_rtype = False

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_typehints_description_target = "documented_params"
# Signatures show the values (time_cost=3), not the constants' names.
autodoc_preserve_defaults = False

# Doctests run against the installed package; every group starts from this.
doctest_global_setup = f"""
import argon2
from argon2 import PasswordHasher, profiles
LOGIN_EXAMPLE = {str(Path(__file__).parent / "login_example.py")!r}
"""

html_theme = "furo"
html_title = f"argon2-ft {release}"
html_static_path = ["_static"]

# The copy button leaves prompts and output behind: only the commands and code.
copybutton_prompt_text = r">>> |\.\.\. |\$ "
copybutton_prompt_is_regexp = True
copybutton_only_copy_prompt_lines = True

# The 404 page: its links must work at any depth of a missing URL. On Read the
# Docs the extension finds the language and version prefix itself.
notfound_urls_prefix = None if "READTHEDOCS" not in os.environ else "/en/latest/"

html_theme_options = {
    "source_repository": "https://github.com/argon2-ft/argon2-ft/",
    "source_branch": "main",
    "source_directory": "docs/",
}
