"""styrgraf: a knowledge graph of how Swedish municipalities and regions are governed."""

__version__ = "0.1.0"
