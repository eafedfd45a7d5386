"""rusregions: data, analysis and build tools for the Russia's Regions report series."""
from .version import version as _version

__version__ = _version()
