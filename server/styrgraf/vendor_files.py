"""Front-end files the explorer serves, by the name it serves them under, from npm
packages installed by ``npm ci`` (package.json, package-lock.json). No CDN, ever.

Kept free of imports: the wheel's build hook (hatch_build.py) reads it too.
"""

VENDOR_FILES = {
    "cytoscape.min.js": "cytoscape/dist/cytoscape.min.js",
    "dagre.min.js": "dagre/dist/dagre.min.js",
    "cytoscape-dagre.js": "cytoscape-dagre/dist/cytoscape-dagre.js",
    "cytoscape-svg.js": "cytoscape-svg/cytoscape-svg.js",
    "codemirror.js": "codemirror/lib/codemirror.js",
    "codemirror.css": "codemirror/lib/codemirror.css",
    "codemirror-sparql.js": "codemirror/mode/sparql/sparql.js",
}
