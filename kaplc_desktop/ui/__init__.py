"""The Qt shell: the only package that imports PySide6. Widgets call services; they hold no rules or SQL."""
