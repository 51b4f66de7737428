"""Validation of curated files against the SHACL shapes of ``ontology/shapes.ttl``.

``shapes`` compiles the shapes once (refusing, by name, SHACL it does not implement);
``engine`` runs them over one unit of files in Oxigraph; ``units`` says which files are
validated together; ``run.validate`` is the one entry point (parallel, cached);
``findings`` holds the results and ``reports`` renders them.
"""
from styrgraf.validation.cache import ValidationCache
from styrgraf.validation.engine import DEFAULT_OLD_AFTER, StoredValidationRun
from styrgraf.validation.findings import SEVERITIES, Finding, Report
from styrgraf.validation.run import default_jobs, validate
from styrgraf.validation.shapes import ShapesError, catalogue as shape_catalogue

# The names callers used before ``validate`` took both paths and parsed files.
validate_paths = validate
validate_files = validate

__all__ = ["DEFAULT_OLD_AFTER", "SEVERITIES", "Finding", "Report", "ShapesError", "StoredValidationRun",
           "ValidationCache", "default_jobs", "shape_catalogue", "validate", "validate_files", "validate_paths"]
