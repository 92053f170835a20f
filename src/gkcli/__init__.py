"""gkcli: keep a government information-disclosure office's records and produce its annual report."""

__version__ = "0.1.0"
