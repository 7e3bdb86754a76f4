"""The district's dashboards: PLC hours, development needs, competency gaps, portfolios and awards. Each is a set
of tables (figures.Table) computed headless from the store; the window draws them as charts and tables, the
command line prints them, and Excel writes them, all from the same table."""
