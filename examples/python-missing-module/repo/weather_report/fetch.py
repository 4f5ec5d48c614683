"""Hourly observations from the Open-Meteo API."""

import requests

CITIES = {"Lisbon": (38.72, -9.14), "Porto": (41.15, -8.61)}
URL = "https://api.open-meteo.com/v1/forecast"


def fetch_hourly(city: str) -> list[dict]:
    lat, lon = CITIES[city]
    params = {"latitude": lat, "longitude": lon, "hourly": "temperature_2m,precipitation"}
    reply = requests.get(URL, params=params, timeout=10)
    reply.raise_for_status()
    hourly = reply.json()["hourly"]
    return [
        {"time": t, "temperature": temp, "precipitation": rain}
        for t, temp, rain in zip(hourly["time"], hourly["temperature_2m"], hourly["precipitation"])
    ]
