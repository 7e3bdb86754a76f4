"""The data layer: the only package that imports SQLAlchemy and Alembic."""
