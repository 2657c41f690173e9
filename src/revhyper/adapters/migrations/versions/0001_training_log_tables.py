"""create the training log tables

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "athlete",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("level", sa.String(length=20), nullable=False),
        sa.Column("goal", sa.String(length=30), nullable=False),
        sa.Column("equipment", sa.JSON(), nullable=False),
        sa.Column("injuries", sa.JSON(), nullable=False),
        sa.Column("back_pain", sa.Integer(), nullable=False),
        sa.Column("medical_care", sa.Boolean(), nullable=False),
        sa.Column("clearance", sa.Boolean(), nullable=False),
        sa.Column("body_mass_kg", sa.Float(), nullable=True),
        sa.Column("height_m", sa.Float(), nullable=True),
        sa.Column("sex", sa.String(length=10), nullable=True),
        sa.Column("known_set", sa.JSON(), nullable=True),
        sa.Column("floor_criterion_met", sa.Boolean(), nullable=False),
        sa.Column("needs_clearance", sa.Boolean(), nullable=False),
        sa.Column("screening_reasons", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_athlete")),
        sa.UniqueConstraint("name", name=op.f("uq_athlete_name")),
    )
    op.create_table(
        "body_mass",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("mass_kg", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athlete.id"],
            name=op.f("fk_body_mass_athlete_id_athlete"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_body_mass")),
        sa.UniqueConstraint("athlete_id", "day", name=op.f("uq_body_mass_athlete_id")),
    )
    with op.batch_alter_table("body_mass", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_body_mass_athlete_id"), ["athlete_id"], unique=False)

    op.create_table(
        "form_analysis",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("result", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athlete.id"],
            name=op.f("fk_form_analysis_athlete_id_athlete"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_form_analysis")),
    )
    with op.batch_alter_table("form_analysis", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_form_analysis_athlete_id"), ["athlete_id"], unique=False
        )

    op.create_table(
        "program",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("goal", sa.String(length=30), nullable=False),
        sa.Column("weeks", sa.Integer(), nullable=False),
        sa.Column("days_per_week", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("parameters", sa.JSON(), nullable=False),
        sa.Column("plan", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athlete.id"],
            name=op.f("fk_program_athlete_id_athlete"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_program")),
    )
    with op.batch_alter_table("program", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_program_athlete_id"), ["athlete_id"], unique=False)

    op.create_table(
        "session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("program_id", sa.Integer(), nullable=True),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("plan_week", sa.Integer(), nullable=True),
        sa.Column("plan_day", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("pain_before", sa.Integer(), nullable=True),
        sa.Column("pain_after", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athlete.id"],
            name=op.f("fk_session_athlete_id_athlete"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["program_id"],
            ["program.id"],
            name=op.f("fk_session_program_id_program"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_session")),
    )
    with op.batch_alter_table("session", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_session_athlete_id"), ["athlete_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_session_day"), ["day"], unique=False)

    op.create_table(
        "training_set",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("variation", sa.String(length=60), nullable=False),
        sa.Column("reps", sa.Integer(), nullable=False),
        sa.Column("load_kg", sa.Float(), nullable=False),
        sa.Column("band", sa.String(length=60), nullable=True),
        sa.Column("rpe", sa.Float(), nullable=True),
        sa.Column("rir", sa.Float(), nullable=True),
        sa.Column("tempo", sa.String(length=40), nullable=True),
        sa.Column("hold_s", sa.Float(), nullable=True),
        sa.Column("pain", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("analysis_id", sa.Integer(), nullable=True),
        sa.Column("logged_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["analysis_id"],
            ["form_analysis.id"],
            name=op.f("fk_training_set_analysis_id_form_analysis"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["session.id"],
            name=op.f("fk_training_set_session_id_session"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_set")),
        sa.UniqueConstraint("session_id", "position", name=op.f("uq_training_set_session_id")),
    )
    with op.batch_alter_table("training_set", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_training_set_session_id"), ["session_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_training_set_variation"), ["variation"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("training_set", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_training_set_variation"))
        batch_op.drop_index(batch_op.f("ix_training_set_session_id"))

    op.drop_table("training_set")
    with op.batch_alter_table("session", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_session_day"))
        batch_op.drop_index(batch_op.f("ix_session_athlete_id"))

    op.drop_table("session")
    with op.batch_alter_table("program", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_program_athlete_id"))

    op.drop_table("program")
    with op.batch_alter_table("form_analysis", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_form_analysis_athlete_id"))

    op.drop_table("form_analysis")
    with op.batch_alter_table("body_mass", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_body_mass_athlete_id"))

    op.drop_table("body_mass")
    op.drop_table("athlete")
