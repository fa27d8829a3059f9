"""Sphinx configuration of the geotext documentation.

Build (see docs/README.md)::

    sphinx-build -W --keep-going -b html docs docs/_build/html
    sphinx-build -W --keep-going -b doctest docs docs/_build/doctest
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent

# The example plugin of "Writing plugins" is imported by the doctests without being installed.
sys.path.insert(0, str(DOCS / "examples" / "geotext-watchlist" / "src"))
sys.path.insert(0, str(DOCS / "_ext"))

project = "geotext"
author = "The geotext developers"
copyright = "the geotext developers"  # noqa: A001 - Sphinx's name

try:
    from geotext import __version__ as release
except ImportError:  # documentation read without the package installed
    release = "unknown"
version = ".".join(release.split(".")[:2])

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.doctest",
    "sphinx.ext.intersphinx",
    "sphinx.ext.viewcode",
    "cameo_table",  # docs/_ext: the CAMEO table of data-model.md, from the claims plugin's data
]

source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "_generated", "_ext", "README.md", "examples/**/README.md", "examples/**/CHANGELOG.md"]

myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

html_theme = "furo"
html_title = f"geotext {release}"

# -- autodoc / napoleon -----------------------------------------------------------------

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_typehints_description_target = "documented"
autodoc_default_options = {"members": True, "show-inheritance": True}
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_rtype = False
napoleon_attr_annotations = True

# -- intersphinx ------------------------------------------------------------------------
#
# The build must pass offline (-W, no network), so the inventories are fetched only when
# GEOTEXT_DOCS_INTERSPHINX=1 is set (for a published build). Without them, references
# such as :class:`click.Group` render as plain code instead of links.
_INVENTORIES = {
    "python": ("https://docs.python.org/3", None),
    "attrs": ("https://www.attrs.org/en/stable/", None),
    "pluggy": ("https://pluggy.readthedocs.io/en/stable/", None),
}
intersphinx_mapping = _INVENTORIES if os.environ.get("GEOTEXT_DOCS_INTERSPHINX") == "1" else {}
intersphinx_disabled_reftypes = ["*"] if not intersphinx_mapping else ["std:doc"]

# -- doctest ----------------------------------------------------------------------------
#
# Doctests run from the repository root, so example paths such as seeds/ resolve, and
# with no plugin environment variable leaking in from the shell.
doctest_global_setup = f"""
import os
os.chdir({str(ROOT)!r})
for _variable in ("GEOTEXT_LOAD_PLUGINS", "GEOTEXT_DISABLE_PLUGINS", "GEOTEXT_STRICT_PLUGINS"):
    os.environ.pop(_variable, None)
import geotext
from geotext import *  # the API reference shows docstrings written against these names
_installed = {{info.name for info in geotext.list_plugins() if info.loaded}}
HAVE_TEXT_PIPELINE = {{"text", "gazetteer"}} <= _installed
HAVE_CLAIMS = HAVE_TEXT_PIPELINE and "claims" in _installed
HAVE_CSV = "csv" in _installed or any("csv" in info.exporters for info in geotext.list_plugins())
"""
doctest_global_cleanup = """
import geotext._pipeline
geotext._pipeline.reset_pipelines()
"""
