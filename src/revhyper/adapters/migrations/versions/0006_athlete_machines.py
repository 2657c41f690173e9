"""athletes get machines, each with its own plate inventory

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02

A gym can have several reverse-hyper machines with different plates by each. ``athlete_machine``
holds an athlete's machines by name with their plates (``PlateInventory.to_json``) and what the
empty arm counts for [kg]. The athlete's own ``plates`` column stays: it is the inventory used
when no machine is named. The downgrade drops the machines.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "athlete_machine",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("plates", sa.JSON(), nullable=False),
        sa.Column("arm_kg", sa.Float(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athlete.id"],
            name=op.f("fk_athlete_machine_athlete_id_athlete"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_athlete_machine")),
        sa.UniqueConstraint("athlete_id", "name", name=op.f("uq_athlete_machine_athlete_id")),
    )
    op.create_index(op.f("ix_athlete_machine_athlete_id"), "athlete_machine", ["athlete_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_athlete_machine_athlete_id"), table_name="athlete_machine")
    op.drop_table("athlete_machine")
