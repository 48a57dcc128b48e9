"""The pipeline layer: load → check → render → stage → swap, the build lock and the cache.

The only layer that writes into the output folder.
"""
