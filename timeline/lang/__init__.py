"""Language packs: everything one language needs to read news, apart from the engine that knows none.

A pack is a package ``timeline.lang.<code>``; see the README ("Language packs") for what it provides.
"""
