"""KA-PLC Desktop: offline records of the KA Model by PLC for Thai schools and their district office."""

__version__ = "0.2.0"
APP_NAME = "KA-PLC Desktop"
