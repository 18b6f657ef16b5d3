"""What every app's demo content shares."""


def child_page(parent, model, slug, **fields):
    """The child of `parent` with this slug, created with `fields` the first time (idempotent)."""
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing:
        return existing
    return parent.add_child(instance=model(slug=slug, **fields))
