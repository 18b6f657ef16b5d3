"""Demo content for visits; seed_demo calls build() after the site and the register."""


def build(home, users):
    pass
