"""Sphinx configuration of the Python package's API reference.

Built by `make docs` (docs/python.md, "API reference"): autodoc imports the
package from bindings/python, which loads libpipecast, so PIPECAST_LIBRARY
(or a build folder of the source tree) must hold the library.  Every warning
fails the build (sphinx-build -W --keep-going).
"""

import os
import sys

sys.path.insert(0, os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "bindings", "python")))

import pipecast  # noqa: E402  (after the path; loads the library)

project = "pipecast"
author = "pipecast"
copyright = "pipecast authors"
version = release = pipecast.__version__

extensions = ["sphinx.ext.autodoc"]
# The signatures carry the type hints; the text says what they mean.
autodoc_typehints = "signature"
autodoc_member_order = "bysource"
autodoc_preserve_defaults = True
# `name` in a docstring is code, as in the Markdown docs.
default_role = "code"
html_theme = "alabaster"
html_static_path: list = []
exclude_patterns = ["_build"]
