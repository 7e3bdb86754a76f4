"""Documents and workbooks built from service rows: pdf/ and xlsx/. Heavy libraries load lazily."""
