"""Only what pyproject.toml cannot say: resources/ at the top of the repository is installed as the
package kaplc_desktop.resources (fonts, translations, vocabularies)."""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["kaplc_desktop", "kaplc_desktop.*"]), "kaplc_desktop.resources"],
    package_dir={"kaplc_desktop.resources": "resources"},
)
