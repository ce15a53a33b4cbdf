"""The KS report (DESIGN §2.5, §4.4): the year-end follow-up of a kommun.

- ``data``: what the report holds, gathered from the register in a fixed number
  of queries; ``activities`` (twin towns, networks and exchanges in the year) and
  ``programmes`` (projects per funding programme) gather a section each for it.
- ``document``: the memo, charts and HTML made from that data, and the PDF.
- ``services``: generate and adopt, each in one transaction.
- ``tasks``: the task worker's side; generation never runs in a web request.
- ``pdf``: HTML to a tagged PDF/A through WeasyPrint.
- ``forms`` and ``views``: the coordinator's page.
"""
