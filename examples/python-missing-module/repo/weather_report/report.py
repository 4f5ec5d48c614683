"""Daily summaries of hourly observations."""

from __future__ import annotations

from datetime import date

from dateutil import parser as dateparser
import numpy as np
import pandas as pd


def daily_summary(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows)
    frame["day"] = [dateparser.isoparse(t).date() for t in frame["time"]]
    summary = frame.groupby("day").agg(
        low=("temperature", "min"),
        high=("temperature", "max"),
        rain=("precipitation", "sum"),
    )
    summary["spread"] = np.round(summary["high"] - summary["low"], 1)
    return summary


def warmest_day(rows: list[dict]) -> date:
    return daily_summary(rows)["high"].idxmax()
