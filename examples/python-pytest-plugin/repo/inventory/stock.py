"""Stock levels and reorder decisions."""

from pydantic import BaseModel


class Item(BaseModel):
    sku: str
    on_hand: int
    reorder_at: int


def needs_reorder(item: Item) -> bool:
    return item.on_hand <= item.reorder_at


def reorder_list(items: list[Item]) -> list[str]:
    return sorted(i.sku for i in items if needs_reorder(i))
