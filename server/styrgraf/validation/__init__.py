"""Validation of curated files against the SHACL shapes: the engine, its cache for
``--changed`` and the report formats."""
from styrgraf.validation.cache import ValidationCache
from styrgraf.validation.engine import (DEFAULT_OLD_AFTER, SEVERITIES, Finding, Report, default_jobs,
                                        shape_catalogue, validate_files, validate_paths)

__all__ = ["DEFAULT_OLD_AFTER", "SEVERITIES", "Finding", "Report", "ValidationCache", "default_jobs",
           "shape_catalogue", "validate_files", "validate_paths"]
