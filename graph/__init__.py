"""The model vocabulary, the GraphStore and its two backends, the query catalogue,
and the conversion of query rows into NetworkX graphs and pandas frames.

Imports nothing else of assetmap's.
"""
