"""An adopted KS report as a package for the kommun's e-archive (docs/archive.md).

- ``package``: the package's files and its METS manifest, written to a folder or
  a zip file, never half-written.
- ``schemas/``: the vendored METS and E-ARK schemas the manifest is validated
  against, and the schema of the package's decision metadata (``NOTICE.md``).
"""
