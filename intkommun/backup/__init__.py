"""Backup and restore of the whole register as one checked archive (issue 12).

``registry_export`` writes every row of the project's apps (history included), the
users and groups those rows need, and every uploaded file read through the storage
API into one zip with a manifest of checksums; ``registry_import`` restores such an
archive into an empty database in one transaction. Models are found through the app
registry, so a model added later is backed up without a change here.
"""

from intkommun.backup.archive import BackupError
from intkommun.backup.export import registry_export
from intkommun.backup.restore import registry_import

__all__ = ["BackupError", "registry_export", "registry_import"]
