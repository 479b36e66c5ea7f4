from django.db import models


class DataVersion(models.Model):
    """The version of the data shown by the public pages: a single row (`ROW`), given a
    new random value whenever that data changes (see `versions.py`)."""

    ROW = 1

    value = models.BigIntegerField("version")

    class Meta:
        ordering = ["pk"]
        verbose_name = "version des données"
        verbose_name_plural = "versions des données"

    def __str__(self):
        return str(self.value)
