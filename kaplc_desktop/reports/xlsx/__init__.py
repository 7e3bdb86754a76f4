"""Excel workbooks (openpyxl, imported only when a workbook is made or read)."""
