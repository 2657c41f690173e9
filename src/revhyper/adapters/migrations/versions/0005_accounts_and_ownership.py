"""accounts, ownership and the server's bookkeeping

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02

Adds user accounts, their tokens, failed sign-ins (rate limits), access grants, the audit log,
idempotency records and analysis jobs, and gives each athlete an owner. Athletes stored before
this revision keep everything (programs, sessions, sets, analyses) and have no owner yet: the
first administrator account created takes them over (``services.accounts.add_user``). Athlete
names become unique per owner instead of across the database.

The downgrade keeps the whole log (athletes, programs, sessions, sets, analyses, body mass)
and drops the accounts, grants, audit log, idempotency records and analysis jobs. It refuses,
changing nothing, while two athletes share a name (possible once each owner names their own):
revision 0004 allows each name once, and choosing which athlete to rename is the user's call.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from alembic.util import CommandError

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "user_account",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=60), nullable=False),
        sa.Column("role", sa.String(length=10), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=False),
        sa.Column("disabled", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_account")),
        sa.UniqueConstraint("username", name=op.f("uq_user_account_username")),
    )
    op.create_table(
        "api_token",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("csrf_hash", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=True),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.Column("last_used_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user_account.id"],
            name=op.f("fk_api_token_user_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_token")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_api_token_token_hash")),
    )
    op.create_index(op.f("ix_api_token_user_id"), "api_token", ["user_id"], unique=False)
    op.create_table(
        "login_attempt",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=60), nullable=False),
        sa.Column("address", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_attempt")),
    )
    for column in ("username", "address", "at"):
        op.create_index(op.f(f"ix_login_attempt_{column}"), "login_attempt", [column], unique=False)
    with op.batch_alter_table("athlete", schema=None) as batch_op:
        batch_op.add_column(sa.Column("owner_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            op.f("fk_athlete_owner_id_user_account"),
            "user_account",
            ["owner_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch_op.create_index(op.f("ix_athlete_owner_id"), ["owner_id"], unique=False)
        batch_op.drop_constraint(op.f("uq_athlete_name"), type_="unique")
        batch_op.create_index("ux_athlete_owner_name", ["owner_id", "name"], unique=True)
    op.create_table(
        "access_grant",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("grantee_id", sa.Integer(), nullable=False),
        sa.Column("scope", sa.String(length=10), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athlete.id"],
            name=op.f("fk_access_grant_athlete_id_athlete"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["grantee_id"],
            ["user_account.id"],
            name=op.f("fk_access_grant_grantee_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_access_grant")),
        sa.UniqueConstraint("athlete_id", "grantee_id", name=op.f("uq_access_grant_athlete_id")),
    )
    op.create_index(op.f("ix_access_grant_athlete_id"), "access_grant", ["athlete_id"])
    op.create_index(op.f("ix_access_grant_grantee_id"), "access_grant", ["grantee_id"])
    op.create_table(
        "audit_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("actor", sa.String(length=60), nullable=False),
        sa.Column("action", sa.String(length=10), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athlete.id"],
            name=op.f("fk_audit_event_athlete_id_athlete"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["user_account.id"],
            name=op.f("fk_audit_event_actor_id_user_account"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_event")),
    )
    op.create_index(op.f("ix_audit_event_athlete_id"), "audit_event", ["athlete_id"])
    op.create_index(op.f("ix_audit_event_at"), "audit_event", ["at"])
    op.create_table(
        "idempotency_record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("request_hash", sa.String(length=64), nullable=False),
        sa.Column("status_code", sa.Integer(), nullable=False),
        sa.Column("response", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user_account.id"],
            name=op.f("fk_idempotency_record_user_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_idempotency_record")),
        sa.UniqueConstraint("user_id", "key", name=op.f("uq_idempotency_record_user_id")),
    )
    op.create_table(
        "analysis_job",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("submitted_by", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("upload_path", sa.Text(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("analysis_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=True),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["analysis_id"],
            ["form_analysis.id"],
            name=op.f("fk_analysis_job_analysis_id_form_analysis"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athlete.id"],
            name=op.f("fk_analysis_job_athlete_id_athlete"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["submitted_by"],
            ["user_account.id"],
            name=op.f("fk_analysis_job_submitted_by_user_account"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_analysis_job")),
    )
    op.create_index(op.f("ix_analysis_job_athlete_id"), "analysis_job", ["athlete_id"])


#: How many shared names the downgrade's refusal lists.
_NAMES_SHOWN = 5


def _refuse_shared_names() -> None:
    """Stop the downgrade while two athletes have the same name (0004 allows each once)."""
    athlete = sa.table("athlete", sa.column("id"), sa.column("name"))
    shared_names = (
        sa.select(athlete.c.name).group_by(athlete.c.name).having(sa.func.count() > 1)
    ).scalar_subquery()
    rows = (
        op.get_bind()
        .execute(
            sa.select(athlete.c.name, athlete.c.id)
            .where(athlete.c.name.in_(shared_names))
            .order_by(athlete.c.name, athlete.c.id)
        )
        .all()
    )
    if not rows:
        return
    ids: dict[str, list[str]] = {}
    for name, athlete_id in rows:
        ids.setdefault(name, []).append(str(athlete_id))
    shown = [f"{name!r} (ids {', '.join(found)})" for name, found in ids.items()]
    more = len(shown) - _NAMES_SHOWN
    listed = "; ".join(shown[:_NAMES_SHOWN]) + (f"; and {more} more" if more > 0 else "")
    raise CommandError(
        f"athletes of different accounts share a name: {listed}. Revision 0004 allows each "
        "name once: give all but one of each athlete another name (`revhyper athlete rename "
        "'#ID' NEW_NAME`), then downgrade again (nothing was changed)"
    )


def downgrade() -> None:
    _refuse_shared_names()
    op.drop_table("analysis_job")
    op.drop_table("idempotency_record")
    op.drop_table("audit_event")
    op.drop_table("access_grant")
    with op.batch_alter_table("athlete", schema=None) as batch_op:
        batch_op.drop_index("ux_athlete_owner_name")
        batch_op.create_unique_constraint(op.f("uq_athlete_name"), ["name"])
        batch_op.drop_index(op.f("ix_athlete_owner_id"))
        batch_op.drop_constraint(op.f("fk_athlete_owner_id_user_account"), type_="foreignkey")
        batch_op.drop_column("owner_id")
    op.drop_table("login_attempt")
    op.drop_table("api_token")
    op.drop_table("user_account")
