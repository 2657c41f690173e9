"""Database adapter: models, engine, migrations, repositories and the unit of work."""

from revhyper.adapters.db.engine import masked, open_engine
from revhyper.adapters.db.migrate import (
    current_revision,
    downgrade,
    ensure_current,
    head_revision,
    upgrade,
)
from revhyper.adapters.db.unit_of_work import UnitOfWork

__all__ = [
    "UnitOfWork",
    "current_revision",
    "downgrade",
    "ensure_current",
    "head_revision",
    "masked",
    "open_engine",
    "upgrade",
]
