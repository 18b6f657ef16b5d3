"""Bar charts drawn on the server as inline SVG (no script), with the figures also given as a
table beside them: `templates/includes/bar_chart.html` draws what `bar_chart` measures."""

BAR_HEIGHT, BAR_GAP, LABEL_WIDTH, BAR_AREA = 22, 8, 190, 300


def bar_chart(items):
    """Geometry for a horizontal bar chart drawn as inline SVG (no script): one bar per (label, value)."""
    largest = max([value for _label, value in items] + [1])
    bars = []
    for index, (label, value) in enumerate(items):
        y = index * (BAR_HEIGHT + BAR_GAP)
        bars.append({"label": label, "value": value, "y": y, "text_y": y + BAR_HEIGHT - 6,
                     "width": round(BAR_AREA * value / largest), "x": LABEL_WIDTH,
                     "value_x": LABEL_WIDTH + round(BAR_AREA * value / largest) + 6})
    return {"bars": bars, "height": max(len(items), 1) * (BAR_HEIGHT + BAR_GAP),
            "width": LABEL_WIDTH + BAR_AREA + 50, "bar_height": BAR_HEIGHT, "label_x": LABEL_WIDTH - 8}
