"""A paginator that counts the rows only when the first page cannot tell.

Django's paginator asks the database for the number of rows (``COUNT(*)``)
before it reads any page. A first page that is not full already tells it. Most
lists of a kommun fit on their first page, so this saves a query on most list
pages. Any other page is counted first, as Django does: a page number far past
the end must not become an offset the database cannot hold.
"""

from __future__ import annotations

from typing import Any

from django.core import paginator


class Paginator(paginator.Paginator):
    def page(self, number: Any) -> paginator.Page:
        if number not in (1, "1") or "count" in self.__dict__ or self.orphans:
            return super().page(number)
        rows = list(self.object_list[: self.per_page])
        if len(rows) < self.per_page:
            self.count = len(rows)  # what ``count`` would have read
        # Counts only if the page could not tell (a full first page); an empty
        # first page is an error only where ``allow_empty_first_page`` says so.
        self.validate_number(1)
        return self._get_page(rows, 1, self)

    def get_page(self, number: Any) -> paginator.Page:
        """As Django's: the first page for a number that is not one, the last
        for one past the end."""
        try:
            return self.page(number)
        except paginator.PageNotAnInteger:
            return self.page(1)
        except paginator.EmptyPage:
            return self.page(self.num_pages)
