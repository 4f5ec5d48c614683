import argparse

from weather_report.fetch import fetch_hourly
from weather_report.report import daily_summary


def main() -> None:
    parser = argparse.ArgumentParser(prog="weather_report")
    parser.add_argument("--city", required=True)
    args = parser.parse_args()
    print(daily_summary(fetch_hourly(args.city)).to_string())


if __name__ == "__main__":
    main()
