"""The stored search columns of every model the global search finds.

On PostgreSQL each searchable model has two generated columns that the database
keeps up to date on every insert and update (also ``bulk_create``, ``update()``
and restores), each with a GIN index (created by the models' migrations):

- ``search_vector``: the Swedish text vector of the title (weight A) and the
  other texts (weight B), for the stemmed prefix search and its ranking;
- ``search_text``: the same texts in lower case, with a trigram index, so that a
  word inside a compound ("vänort" in "skolvänorten") is found by an index too.

On SQLite both columns stay NULL: the search there compares text in Python.
"""

from __future__ import annotations

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.operations import TrigramExtension
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import migrations, models
from django.db.models import Expression, Func, Value
from django.db.models.functions import Coalesce

# The columns, for HistoricalRecords(excluded_fields=...): a historical record
# copies a model's fields, and its table needs no search columns.
SEARCH_COLUMNS = ["search_vector", "search_text"]


class _OnPostgreSQL(Expression):
    """An expression computed on PostgreSQL only, NULL on other databases."""

    def __init__(self, *fields: str):
        super().__init__()
        self.fields = fields
        self.expression = self.postgresql_expression(*fields)

    def postgresql_expression(self, *fields: str) -> Expression:
        raise NotImplementedError

    def get_source_expressions(self):
        return [self.expression]

    def set_source_expressions(self, exprs):
        (self.expression,) = exprs

    def as_sql(self, compiler, connection):
        return "NULL", []

    def as_postgresql(self, compiler, connection):
        return compiler.compile(self.expression)


class SwedishSearchVector(_OnPostgreSQL):
    """``to_tsvector('swedish', …)`` of the first field weighted A and the rest B."""

    output_field = SearchVectorField()

    def postgresql_expression(self, title: str, *texts: str) -> Expression:
        vector = SearchVector(title, weight="A", config="swedish")
        if texts:
            vector += SearchVector(*texts, weight="B", config="swedish")
        return vector


class LowerSearchText(_OnPostgreSQL):
    """The fields in lower case, separated by a space (never inside a word)."""

    output_field = models.TextField()

    def postgresql_expression(self, *fields: str) -> Expression:
        texts = (
            Coalesce(name, Value(""), output_field=models.TextField())
            for name in fields
        )
        return Func(
            *texts,
            template="lower(%(expressions)s)",
            arg_joiner=" || ' ' || ",
            output_field=models.TextField(),
        )


def search_columns(
    title: str, *texts: str
) -> tuple[models.GeneratedField, models.GeneratedField]:
    """``search_vector`` and ``search_text`` of a model from its title and texts,
    which must be the fields its search provider names."""
    vector = models.GeneratedField(
        expression=SwedishSearchVector(title, *texts),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    text = models.GeneratedField(
        expression=LowerSearchText(title, *texts),
        output_field=models.TextField(),
        db_persist=True,
    )
    return vector, text


class TrigramExtensionOnPostgreSQL(TrigramExtension):
    """``CREATE EXTENSION pg_trgm`` on PostgreSQL, for the trigram indexes; nothing
    on SQLite, also when migrating backwards (Django's checks only forwards)."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def search_indexes(*model_labels: str) -> migrations.RunPython:
    """A migration operation adding, on PostgreSQL only, the GIN indexes of the
    search columns of the models ``"app_label.ModelName"``: SQLite has no GIN
    indexes, and its search does not read the columns. Needs the pg_trgm
    extension (``TrigramExtensionOnPostgreSQL()`` earlier in the migrations)."""

    def indexes(apps, label: str):
        model = apps.get_model(label)
        table = model._meta.db_table
        return model, [
            GinIndex(fields=["search_vector"], name=f"{table}_search_vector"),
            GinIndex(
                fields=["search_text"],
                opclasses=["gin_trgm_ops"],
                name=f"{table}_search_text",
            ),
        ]

    def add(apps, schema_editor) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        for label in model_labels:
            model, model_indexes = indexes(apps, label)
            for index in model_indexes:
                schema_editor.add_index(model, index)

    def remove(apps, schema_editor) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        for label in model_labels:
            model, model_indexes = indexes(apps, label)
            for index in model_indexes:
                schema_editor.remove_index(model, index)

    return migrations.RunPython(add, remove)
