from datetime import date

import pytest

from weather_report.report import daily_summary, warmest_day

ROWS = [
    {"time": "2026-11-19T00:00", "temperature": 11.0, "precipitation": 0.0},
    {"time": "2026-11-19T12:00", "temperature": 17.5, "precipitation": 1.2},
    {"time": "2026-11-20T00:00", "temperature": 12.5, "precipitation": 0.4},
    {"time": "2026-11-20T12:00", "temperature": 19.0, "precipitation": 0.0},
]


def test_daily_summary_has_one_row_per_day():
    summary = daily_summary(ROWS)
    assert list(summary.index) == [date(2026, 11, 19), date(2026, 11, 20)]
    assert summary.loc[date(2026, 11, 19), "rain"] == pytest.approx(1.2)


def test_warmest_day():
    assert warmest_day(ROWS) == date(2026, 11, 20)
