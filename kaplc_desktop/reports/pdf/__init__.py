"""The Thai document engine: documents are described as data (a list of blocks) and typeset with ReportLab,
HarfBuzz shaping and word-boundary line breaks. ReportLab is imported only when a document is built."""
