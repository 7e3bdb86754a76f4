"""Runs every benchmark and prints its figures (ratios, not pass/fail)."""

from __future__ import annotations

import bench_district
import bench_district_import
import bench_excel_import
import bench_filter
import bench_pdf
import bench_plc
import bench_portfolio
import bench_startup
import bench_survey
import bench_sync

if __name__ == "__main__":
    bench_startup.main()
    bench_filter.main()
    bench_excel_import.main()
    bench_sync.main()
    bench_pdf.main()
    bench_plc.main()
    bench_survey.main()
    bench_portfolio.main()
    bench_district.main()
    bench_district_import.main()
