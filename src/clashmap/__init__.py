"""clashmap: dated conflict news in, geolocated source-attributed event data out.

The pipeline runs one way: sources -> extract -> resolve -> store -> serve / export.
"""
__version__ = "0.1.0"
