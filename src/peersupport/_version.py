"""The version of the peersupport package."""

__version__ = "0.1.0.dev0"
