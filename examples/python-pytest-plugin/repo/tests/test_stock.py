from inventory.stock import Item, needs_reorder, reorder_list


def test_needs_reorder_at_threshold():
    assert needs_reorder(Item(sku="A-1", on_hand=5, reorder_at=5))


def test_reorder_list_is_sorted():
    items = [
        Item(sku="B-2", on_hand=0, reorder_at=3),
        Item(sku="A-1", on_hand=1, reorder_at=3),
        Item(sku="C-3", on_hand=9, reorder_at=3),
    ]
    assert reorder_list(items) == ["A-1", "B-2"]
