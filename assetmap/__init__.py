"""assetmap: asset mapping for adult social care as a governed, measurable graph."""

__version__ = "0.1.0"
