"""Client for the warehouse API."""

import httpx

from inventory.stock import Item


def fetch_items(base_url: str) -> list[Item]:
    reply = httpx.get(f"{base_url}/items", timeout=5.0)
    reply.raise_for_status()
    return [Item(**row) for row in reply.json()]
