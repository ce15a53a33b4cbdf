"""Print the project's dependencies from pyproject.toml, one per line.

The app runs from its checkout, so `make` installs only what it depends on,
not the project itself (an editable install would shadow other checkouts).
Usage: python scripts/dependencies.py [EXTRA ...]
"""

import sys
import tomllib
from pathlib import Path

project = tomllib.loads(
    Path(__file__).parents[1].joinpath("pyproject.toml").read_text()
)
requirements = list(project["project"]["dependencies"])
for extra in sys.argv[1:]:
    requirements += project["project"]["optional-dependencies"][extra]
print("\n".join(requirements))
